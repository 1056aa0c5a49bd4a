package nlp

import (
	"strings"
	"testing"
)

// synthID makes a synthetic ID number with a correct check digit.
func synthID(t testing.TB, first17 string) string {
	t.Helper()
	c, err := IDCheckDigit(first17)
	if err != nil {
		t.Fatal(err)
	}
	return first17 + string(c)
}

func TestValidateIDNumber(t *testing.T) {
	// 11010519491231002X is the GB 11643 standard's own example.
	valid := []string{"11010519491231002X", "11010519491231002x", synthID(t, "44030619900307123"), synthID(t, "32090219851111001")}
	for _, s := range valid {
		if err := ValidateIDNumber(s); err != nil {
			t.Errorf("ValidateIDNumber(%q) = %v, want nil", s, err)
		}
	}
	wrongCheck := "110105194912310021"
	for _, tt := range []struct{ in, errPart string }{
		{"", "18 characters"},
		{"11010519491231002", "18 characters"},
		{"01010519491231002X", "region"},
		{wrongCheck, "check digit is 1, expected X"},
		{synthID(t, "11010519491331002")[:17] + "0", "birth date"},
		{synthID(t, "11010519490230002"), "birth date"},
		{synthID(t, "11010521490101002"), "future"},
		{"1101051949123100AX", "character"},
		{"11010519491231002Y", "check digit"},
	} {
		err := ValidateIDNumber(tt.in)
		if err == nil || !strings.Contains(err.Error(), tt.errPart) {
			t.Errorf("ValidateIDNumber(%q) = %v, want an error about %q", tt.in, err, tt.errPart)
		}
	}
}

func TestValidateCreditCode(t *testing.T) {
	for _, first17 := range []string{"91110000100000000", "91320000134777388", "12100000400000624", "52100000500000000", "Y1110000MA0000000"} {
		c, err := CreditCodeCheckChar(first17)
		if err != nil {
			t.Fatalf("CreditCodeCheckChar(%q): %v", first17, err)
		}
		code := first17 + string(c)
		if err := ValidateCreditCode(code); err != nil {
			t.Errorf("ValidateCreditCode(%q) = %v, want nil", code, err)
		}
	}
	// 91350100M000100Y43 is a published example of a valid code.
	if err := ValidateCreditCode("91350100M000100Y43"); err != nil {
		t.Errorf("published example: %v", err)
	}
	for _, tt := range []struct{ in, errPart string }{
		{"", "18 characters"},
		{"91350100M000100Y4", "18 characters"},
		{"91350100M000100Y44", "check character is 4, expected 3"},
		{"91350100M000100I43", "not one of"},
		{"01350100M000100Y43", "registration-management"},
		{"91350100M000100Y4Z", "check character"},
	} {
		err := ValidateCreditCode(tt.in)
		if err == nil || !strings.Contains(err.Error(), tt.errPart) {
			t.Errorf("ValidateCreditCode(%q) = %v, want an error about %q", tt.in, err, tt.errPart)
		}
	}
}

func TestValidateMobile(t *testing.T) {
	for _, s := range []string{"13812345678", "+8613812345678", "+86 138 1234 5678", "19912345678", "8615012345678", "138-1234-5678"} {
		if err := ValidateMobile(s); err != nil {
			t.Errorf("ValidateMobile(%q) = %v", s, err)
		}
	}
	for _, tt := range []struct{ in, errPart string }{
		{"", "11 digits"}, {"1381234567", "11 digits"}, {"12812345678", "13-19"},
		{"23812345678", "13-19"}, {"1381234567a", "digit"}, {"010-12345678", "13-19"},
	} {
		err := ValidateMobile(tt.in)
		if err == nil || !strings.Contains(err.Error(), tt.errPart) {
			t.Errorf("ValidateMobile(%q) = %v, want an error about %q", tt.in, err, tt.errPart)
		}
	}
}
