package nlp

import (
	"strings"
	"testing"
)

// The valid numbers below are literals whose check characters were worked out
// by hand from the standards' formulas, never by the function under test (a
// wrong weight in the code then fails them). Synthetic except where noted.
//
// GB 11643-1999: Σ aᵢ·Wᵢ over the first 17 digits, Wᵢ = 2^(i−1) mod 11 counted
// from the right (7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2), check = "10X98765432"[Σ mod 11].
// 11010519491231002X (the standard's own example): 1·7+1·9+0·10+1·5+0·8+5·4+1·2+9·1+
// 4·6+9·3+1·7+2·9+3·10+1·5+0·8+0·4+2·2 = 167, 167 mod 11 = 2 → X.
var validIDs = []struct {
	id  string
	sum int // the weighted sum, for a reader to check
}{
	{"11010519491231002X", 167},
	{"440524198001010013", 196},
	{"440306199003071232", 252},
	{"320902198511110010", 199},
	{"510108199001011236", 182},
	{"330106200002290045", 172}, // born on 29 February of a leap year
	{"650102197811300033", 229},
}

func TestIDCheckDigitByHand(t *testing.T) {
	for _, v := range validIDs {
		got, err := IDCheckDigit(v.id[:17])
		if err != nil || got != v.id[17] {
			t.Errorf("IDCheckDigit(%s) = %q %v, want %q (Σ = %d, mod 11 = %d)", v.id[:17], got, err, v.id[17], v.sum, v.sum%11)
		}
	}
	// 440524188001010014, the example many ID-validation texts use (Σ 195, mod 11 = 8 → 4):
	// its check digit is right, though its birth year 1880 is refused by ValidateIDNumber
	if got, _ := IDCheckDigit("44052418800101001"); got != '4' {
		t.Errorf("IDCheckDigit(44052418800101001) = %q, want 4", got)
	}
	if err := ValidateIDNumber("440524188001010014"); err == nil || !strings.Contains(err.Error(), "before 1900") {
		t.Errorf("born 1880: %v", err)
	}
	if _, err := IDCheckDigit("1101051949123100"); err == nil {
		t.Error("16 digits accepted")
	}
	if _, err := IDCheckDigit("1101051949123100A"); err == nil || !strings.Contains(err.Error(), "character 17") {
		t.Errorf("a letter among the digits: %v", err)
	}
}

func TestValidateIDNumber(t *testing.T) {
	for _, v := range validIDs {
		if err := ValidateIDNumber(v.id); err != nil {
			t.Errorf("ValidateIDNumber(%q) = %v, want nil", v.id, err)
		}
	}
	if err := ValidateIDNumber("11010519491231002x"); err != nil {
		t.Errorf("lower-case x refused: %v", err)
	}
	// every other check character of a valid number is refused
	for _, v := range validIDs[:3] {
		for _, c := range "0123456789X" {
			if byte(c) == v.id[17] {
				continue
			}
			if err := ValidateIDNumber(v.id[:17] + string(c)); err == nil || !strings.Contains(err.Error(), "check digit") {
				t.Errorf("%s with check %c accepted (%v)", v.id[:17], c, err)
			}
		}
	}
	// a single changed digit, or two neighbours swapped, is always caught (MOD 11-2)
	base := "440524198001010013"
	for i := 14; i < 17; i++ {
		b := []byte(base)
		b[i] = '0' + (b[i]-'0'+1)%10
		if err := ValidateIDNumber(string(b)); err == nil {
			t.Errorf("digit %d changed: %s accepted", i+1, b)
		}
	}
	for _, tt := range []struct{ in, errPart string }{
		{"", "18 characters"},
		{"11010519491231002", "18 characters"},
		{"01010519491231002X", "region"},
		{"110105194912310021", "check digit is 1, expected X"},
		{"440524198001010014", "check digit is 4, expected 3"},
		{"110105194913310020", "birth date"},  // month 13 (the date is read before the check digit)
		{"110105194902300029", "birth date"},  // 30 February
		{"330106200102290044", "birth date"},  // 29 February 2001, not a leap year
		{"110105189912310028", "before 1900"}, // 31 December 1899
		{"110105214901010027", "future"},      // 2149
		{"1101051949123100AX", "character"},
		{"11010519491231002Y", "check digit"},
	} {
		err := ValidateIDNumber(tt.in)
		if err == nil || !strings.Contains(err.Error(), tt.errPart) {
			t.Errorf("ValidateIDNumber(%q) = %v, want an error about %q", tt.in, err, tt.errPart)
		}
	}
}

// GB 32100-2015: 31 characters 0-9 A-H J-N P-R T-U W-Y valued 0…30, weights
// Wᵢ = 3^(i−1) mod 31 (1 3 9 27 19 26 16 17 20 29 25 13 8 24 10 30 28), check =
// character (31 − Σ mod 31) mod 31. 91350100M000100Y43 (a published example):
// 9·1+1·3+3·9+5·27+0+1·26+0+0+M(21)·20+0+0+0+1·8+0+0+Y(30)·30+4·28 = 1640,
// 1640 mod 31 = 28, 31 − 28 = 3.
var validCreditCodes = []struct {
	code string
	sum  int
}{
	{"91350100M000100Y43", 1640},
	{"91110000100000000R", 68},
	{"913200001347773887", 1109},
	{"12100000400000624D", 328},
	{"521000005000000004", 120},
	{"Y1110000MA0000000U", 779},
	{"91440300MA5DC0Q3X4", 2476},
}

func TestCreditCodeCheckCharByHand(t *testing.T) {
	for _, v := range validCreditCodes {
		got, err := CreditCodeCheckChar(v.code[:17])
		if err != nil || got != v.code[17] {
			t.Errorf("CreditCodeCheckChar(%s) = %q %v, want %q (Σ = %d, mod 31 = %d)", v.code[:17], got, err, v.code[17], v.sum, v.sum%31)
		}
	}
	if _, err := CreditCodeCheckChar("91350100M000100Y"); err == nil {
		t.Error("16 characters accepted")
	}
	if _, err := CreditCodeCheckChar("91350100M000100O4"); err == nil || !strings.Contains(err.Error(), "character 16") {
		t.Errorf("O (not in the set) accepted: %v", err)
	}
}

func TestValidateCreditCode(t *testing.T) {
	for _, v := range validCreditCodes {
		if err := ValidateCreditCode(v.code); err != nil {
			t.Errorf("ValidateCreditCode(%q) = %v, want nil", v.code, err)
		}
	}
	if err := ValidateCreditCode("91440300ma5dc0q3x4"); err != nil {
		t.Errorf("lower case refused: %v", err)
	}
	for _, v := range validCreditCodes[:3] {
		for i := 0; i < len(creditChars); i++ {
			c := creditChars[i]
			if c == v.code[17] {
				continue
			}
			if err := ValidateCreditCode(v.code[:17] + string(c)); err == nil {
				t.Errorf("%s with check %c accepted", v.code[:17], c)
			}
		}
	}
	for _, tt := range []struct{ in, errPart string }{
		{"", "18 characters"},
		{"91350100M000100Y4", "18 characters"},
		{"91350100M000100Y44", "check character is 4, expected 3"},
		{"91350100M000100I43", "not one of"},
		{"01350100M000100Y43", "registration-management"},
		{"B1350100M000100Y43", "registration-management"},
		{"91350100M000100Y4Z", "check character"},
		{"91350100M000100Y4中", "18 characters"},
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

// synthID makes a synthetic ID number with the check digit the code computes:
// test data for the masking tests, never the evidence that the check is right.
func synthID(t testing.TB, first17 string) string {
	t.Helper()
	c, err := IDCheckDigit(first17)
	if err != nil {
		t.Fatal(err)
	}
	return first17 + string(c)
}
