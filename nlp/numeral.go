package nlp

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

var digitValue = map[rune]int64{
	'零': 0, '〇': 0, '○': 0, 'O': 0,
	'一': 1, '壹': 1, '幺': 1,
	'二': 2, '贰': 2, '貳': 2, '两': 2, '兩': 2,
	'三': 3, '叁': 3, '參': 3, '叄': 3,
	'四': 4, '肆': 4,
	'五': 5, '伍': 5,
	'六': 6, '陆': 6, '陸': 6,
	'七': 7, '柒': 7,
	'八': 8, '捌': 8,
	'九': 9, '玖': 9,
}

var smallUnit = map[rune]int64{
	'十': 10, '拾': 10,
	'百': 100, '佰': 100,
	'千': 1000, '仟': 1000,
}

var bigUnit = map[rune]int64{
	'万': 1e4, '萬': 1e4,
	'亿': 1e8, '億': 1e8,
}

// ParseChineseInt parses a non-negative integer written in Chinese numerals
// ("一百二十四", "十万零五百", "壹拾贰万"), in digits ("124", "1,234") or mixed
// ("5千", "3万").
func ParseChineseInt(s string) (int64, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, fmt.Errorf("empty numeral")
	}
	if v, err := strconv.ParseInt(strings.ReplaceAll(s, ",", ""), 10, 64); err == nil {
		if v < 0 {
			return 0, fmt.Errorf("numeral %q is negative", s)
		}
		return v, nil
	}
	f, err := parseNumeral(s)
	if err != nil {
		return 0, err
	}
	if f != math.Trunc(f) {
		return 0, fmt.Errorf("numeral %q is not an integer", s)
	}
	return int64(f), nil
}

// parseNumeral parses Chinese numerals that may contain arabic digit groups
// and a decimal part in digits ("1.5万"). Values above 1e15 are refused.
func parseNumeral(s string) (float64, error) {
	rs := []rune(s)
	if len(rs) == 0 {
		return 0, fmt.Errorf("empty numeral")
	}
	var total float64   // completed 亿 sections
	var section float64 // completed 万 sections below the last 亿
	var group float64   // current group below 万
	var digit float64   // pending digit
	haveDigit := false
	seen := false
	allDigitsChinese := true
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		switch {
		case (r >= '0' && r <= '9') || r == '.':
			j := i
			for j < len(rs) && ((rs[j] >= '0' && rs[j] <= '9') || rs[j] == '.' || rs[j] == ',') {
				j++
			}
			v, err := strconv.ParseFloat(strings.ReplaceAll(string(rs[i:j]), ",", ""), 64)
			if err != nil {
				return 0, fmt.Errorf("numeral %q: bad digits %q", s, string(rs[i:j]))
			}
			if haveDigit {
				return 0, fmt.Errorf("numeral %q: two numbers in a row", s)
			}
			digit, haveDigit, seen = v, true, true
			allDigitsChinese = false
			i = j - 1
		case r == '零' || r == '〇' || r == '○':
			if haveDigit && allDigitsChinese {
				// positional form such as 二〇一九 or 一〇五
				digit = digit * 10
				seen = true
				continue
			}
			seen = true
		default:
			if d, ok := digitValue[r]; ok {
				if haveDigit && allDigitsChinese && i > 0 {
					if _, prevDigit := digitValue[rs[i-1]]; prevDigit {
						// positional digits: 二〇二六, 一二三
						digit = digit*10 + float64(d)
						continue
					}
				}
				if haveDigit {
					return 0, fmt.Errorf("numeral %q: two digits in a row", s)
				}
				digit, haveDigit, seen = float64(d), true, true
				continue
			}
			if u, ok := smallUnit[r]; ok {
				if !haveDigit {
					if u == 10 {
						digit = 1 // 十 = 一十
					} else {
						return 0, fmt.Errorf("numeral %q: unit %c without a digit", s, r)
					}
				}
				group += digit * float64(u)
				digit, haveDigit, seen = 0, false, true
				continue
			}
			if u, ok := bigUnit[r]; ok {
				if !haveDigit && group == 0 && section == 0 && total == 0 {
					return 0, fmt.Errorf("numeral %q: unit %c without a digit", s, r)
				}
				group += digit
				digit, haveDigit = 0, false
				if u == 1e8 {
					total = (total + section + group) * 1e8
					section, group = 0, 0
				} else {
					section = (section + group) * 1e4
					group = 0
				}
				seen = true
				continue
			}
			return 0, fmt.Errorf("numeral %q: unexpected %q", s, string(r))
		}
	}
	if !seen {
		return 0, fmt.Errorf("numeral %q: no digits", s)
	}
	v := total + section + group + digit
	if v > 1e15 || math.IsNaN(v) || math.IsInf(v, 0) {
		return 0, fmt.Errorf("numeral %q is too large", s)
	}
	return v, nil
}
