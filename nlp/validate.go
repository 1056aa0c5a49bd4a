package nlp

import (
	"fmt"
	"strings"
	"time"
)

var idWeights = [17]int{7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2}

const idCheckChars = "10X98765432"

// IDCheckDigit returns the GB 11643 (ISO 7064 MOD 11-2) check character for
// the first 17 digits of a resident ID number (身份证号).
func IDCheckDigit(first17 string) (byte, error) {
	if len(first17) != 17 {
		return 0, fmt.Errorf("id number: need 17 digits before the check digit, got %d characters", len(first17))
	}
	sum := 0
	for i := 0; i < 17; i++ {
		c := first17[i]
		if c < '0' || c > '9' {
			return 0, fmt.Errorf("id number: character %d is %q, expected a digit", i+1, string(c))
		}
		sum += int(c-'0') * idWeights[i]
	}
	return idCheckChars[sum%11], nil
}

// ValidateIDNumber checks an 18-character resident ID number (GB 11643):
// region code, birth date (not in the future) and check digit (X either case).
func ValidateIDNumber(s string) error {
	if len(s) != 18 {
		return fmt.Errorf("id number must have 18 characters, got %d", len([]rune(s)))
	}
	if s[0] == '0' {
		return fmt.Errorf("id number region code %q is invalid (cannot start with 0)", s[:6])
	}
	want, err := IDCheckDigit(s[:17])
	if err != nil {
		return err
	}
	birth, err := time.Parse("20060102", s[6:14])
	if err != nil {
		return fmt.Errorf("id number birth date %q is not a valid date", s[6:14])
	}
	if birth.Year() < 1900 {
		return fmt.Errorf("id number birth date %s is before 1900", birth.Format("2006-01-02"))
	}
	if birth.After(time.Now()) {
		return fmt.Errorf("id number birth date %s is in the future", birth.Format("2006-01-02"))
	}
	got := s[17]
	if got == 'x' {
		got = 'X'
	}
	if !(got >= '0' && got <= '9') && got != 'X' {
		return fmt.Errorf("id number check digit %q must be 0-9 or X", string(s[17]))
	}
	if got != want {
		return fmt.Errorf("id number check digit is %c, expected %c", got, want)
	}
	return nil
}

const creditChars = "0123456789ABCDEFGHJKLMNPQRTUWXY"

var creditWeights = [17]int{1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28}

// CreditCodeCheckChar returns the GB 32100-2015 check character for the first
// 17 characters of a unified social credit code (统一社会信用代码).
func CreditCodeCheckChar(first17 string) (byte, error) {
	if len(first17) != 17 {
		return 0, fmt.Errorf("credit code: need 17 characters before the check character, got %d", len(first17))
	}
	sum := 0
	for i := 0; i < 17; i++ {
		v := strings.IndexByte(creditChars, first17[i])
		if v < 0 {
			return 0, fmt.Errorf("credit code: character %d is %q, not one of %s", i+1, string(first17[i]), creditChars)
		}
		sum += v * creditWeights[i]
	}
	c := (31 - sum%31) % 31
	return creditChars[c], nil
}

// ValidateCreditCode checks an 18-character unified social credit code
// (GB 32100-2015): character set, registration-management code, check character.
func ValidateCreditCode(s string) error {
	if len(s) != 18 || len([]rune(s)) != 18 {
		return fmt.Errorf("credit code must have 18 characters, got %d", len([]rune(s)))
	}
	s2 := strings.ToUpper(s)
	if !strings.ContainsRune("123456789ANY", rune(s2[0])) {
		return fmt.Errorf("credit code registration-management code %q is invalid", string(s2[0]))
	}
	want, err := CreditCodeCheckChar(s2[:17])
	if err != nil {
		return err
	}
	if strings.IndexByte(creditChars, s2[17]) < 0 {
		return fmt.Errorf("credit code check character %q is not one of %s", string(s[17]), creditChars)
	}
	if s2[17] != want {
		return fmt.Errorf("credit code check character is %c, expected %c", s2[17], want)
	}
	return nil
}

// ValidateMobile checks a mainland mobile number: 11 digits starting 1[3-9],
// optionally prefixed with +86 / 86 and separated by spaces or hyphens.
func ValidateMobile(s string) error {
	t := strings.NewReplacer(" ", "", "-", "").Replace(strings.TrimSpace(s))
	t = strings.TrimPrefix(t, "+86")
	if len(t) == 13 && strings.HasPrefix(t, "86") {
		t = t[2:]
	}
	if len(t) != 11 {
		return fmt.Errorf("mobile number must have 11 digits, got %d", len(t))
	}
	for i := 0; i < len(t); i++ {
		if t[i] < '0' || t[i] > '9' {
			return fmt.Errorf("mobile number character %d is %q, expected a digit", i+1, string(t[i]))
		}
	}
	if t[0] != '1' || t[1] < '3' {
		return fmt.Errorf("mobile number must start with 13-19, got %q", t[:2])
	}
	return nil
}
