package nlp

import (
	"fmt"
	"math"
	"regexp"
	"strings"
)

// Amount is one money amount found in a text (金额), in yuan.
type Amount struct {
	Text  string  `json:"text"`
	Value float64 `json:"value"`
	Start int     `json:"start"` // byte offsets into the input
	End   int     `json:"end"`
}

// cnDigits and cnNumeral hold the traditional forms too (貳 參 陸 兩, 萬 億): a
// decision quoted from Hong Kong, Macao or Taiwan, or typed in traditional
// characters, states its amounts in them (人民幣伍萬元).
const cnDigits = `零〇一二两三四五六七八九壹贰叁肆伍陆柒捌玖貳參叄陸兩`
const cnNumeral = cnDigits + `十百千万亿拾佰仟萬億`

// amountSpace is the space a typesetter puts between digit groups or before 元:
// a space, a thin space (U+2009, U+202F) or a no-break space.
const amountSpace = ` \x{2009}\x{202F}\x{00A0}`

// amountRe finds 人民币壹拾贰万…元柒角捌分整, 五万元, 1.5万元, 12,345.50元, 5千元, ¥50,000.00,
// and the spaced forms of typeset text: 5,000 元, 5 000 元 (thin space), 20,000 元整.
var amountRe = regexp.MustCompile(`[¥￥][0-9]+(?:,[0-9]{3})*(?:\.[0-9]+)?(?:元|[万亿萬億]元?)?` +
	`|(?:人民[币幣][` + amountSpace + `]?)?(?:(?:[0-9]{1,3}(?:[` + amountSpace + `][0-9]{3})+|[0-9]+(?:,[0-9]{3})*)(?:\.[0-9]+)?[` + cnNumeral + `]*|[` + cnNumeral + `]+)[` + amountSpace + `]?(?:元|圆|圓)(?:[` + cnDigits + `]角)?(?:[` + cnDigits + `]分)?整?`)

// dropAmountSpace removes the spaces typeset amounts carry (5 000 元).
var dropAmountSpace = strings.NewReplacer(" ", "", "\u2009", "", "\u202f", "", "\u00a0", "")

// ParseMoney parses one money amount in yuan: "人民币壹拾贰万叁仟肆佰伍拾陆元柒角捌分"
// (123456.78), "五万元", "1.5万元", "2.3亿元", "十万零五百元", "12,345.50元",
// "人民币贰万元整", "3000元", "5千元", "5,000 元", "5 000 元" (thin space). A bare
// number ("3000") is taken as yuan.
func ParseMoney(s string) (float64, error) {
	orig := s
	s = dropAmountSpace.Replace(strings.TrimSpace(s))
	s = strings.TrimPrefix(s, "人民币")
	s = strings.TrimPrefix(s, "人民幣")
	s = strings.TrimPrefix(s, "¥")
	s = strings.TrimPrefix(s, "￥")
	s = strings.TrimSuffix(s, "整")
	s = strings.TrimSuffix(s, "正")
	if s == "" {
		return 0, fmt.Errorf("money %q: no amount", orig)
	}
	yuanPart, fracPart := s, ""
	if i := strings.IndexAny(s, "元圆圓"); i >= 0 {
		yuanPart = s[:i]
		_, w := firstRune(s[i:])
		fracPart = s[i+w:]
	} else if strings.ContainsAny(s, "角分") {
		yuanPart, fracPart = "零", s // 伍角
	}
	if yuanPart == "" {
		return 0, fmt.Errorf("money %q: no amount before 元", orig)
	}
	v, err := parseNumeral(yuanPart)
	if err != nil {
		return 0, fmt.Errorf("money %q: %w", orig, err)
	}
	if fracPart != "" {
		f, err := parseJiaoFen(fracPart)
		if err != nil {
			return 0, fmt.Errorf("money %q: %w", orig, err)
		}
		v += f
	}
	return math.Round(v*100) / 100, nil
}

func firstRune(s string) (rune, int) {
	for _, r := range s {
		return r, len(string(r))
	}
	return 0, 0
}

// parseJiaoFen parses the part after 元: 柒角捌分, 五角, 零五分.
func parseJiaoFen(s string) (float64, error) {
	var v float64
	var pending int64 = -1
	for _, r := range s {
		if d, ok := digitValue[r]; ok {
			pending = d
			continue
		}
		switch r {
		case '角':
			if pending < 0 {
				return 0, fmt.Errorf("角 without a digit")
			}
			v += float64(pending) / 10
			pending = -1
		case '分':
			if pending < 0 {
				return 0, fmt.Errorf("分 without a digit")
			}
			v += float64(pending) / 100
			pending = -1
		default:
			return 0, fmt.Errorf("unexpected %q after 元", string(r))
		}
	}
	if pending > 0 {
		return 0, fmt.Errorf("digit without 角 or 分 after 元")
	}
	return v, nil
}

// ExtractAmounts returns every money amount in text, in order of appearance,
// with byte spans. "五万元以上十万元以下" gives two amounts.
func ExtractAmounts(text string) []Amount {
	var out []Amount
	for _, m := range amountRe.FindAllStringIndex(text, -1) {
		raw := text[m[0]:m[1]]
		v, err := ParseMoney(raw)
		if err != nil {
			continue
		}
		out = append(out, Amount{Text: raw, Value: v, Start: m[0], End: m[1]})
	}
	return out
}
