package rules

import (
	"regexp"
	"strings"

	"zhifa/nlp"
)

// When no statutory-range entry is transcribed for an article, the range is
// read from the article's own words: the same patterns a transcriber follows.
const numChars = `[零〇一二两三四五六七八九十百千万亿壹贰叁肆伍陆柒捌玖拾佰仟0-9.,]+`

var (
	reBelowBranch = regexp.MustCompile(`(` + baseAlt + `)不足(` + numChars + `元)的，(?:单处或者并处|可以并处|可以处|并处|处)(?:(` + numChars + `元)以上)?(` + numChars + `元)以下`)
	// 货值金额十倍以上二十倍以下, 等值以上三倍以下, 百分之五十以上三倍以下, 百分之二十以下
	reMultiple = regexp.MustCompile(`(` + baseAlt + `)(?:的)?(?:(百分之` + numChars + `|` + numChars + `倍?|等值)以上)?(百分之` + numChars + `|` + numChars + `倍)以下`)
	reExact    = regexp.MustCompile(`处(?:以)?(` + numChars + `元)(?:的)?罚款`)
	reCap      = regexp.MustCompile(`最高不(?:得)?超过(` + numChars + `元)`)
	reFloor    = regexp.MustCompile(`(` + baseAlt + `)不足(` + numChars + `元)的，按(` + numChars + `元)计算`)
	reFixed    = regexp.MustCompile(`(` + numChars + `元)以上(` + numChars + `元)以下(?:的)?罚款`)
	reUpTo     = regexp.MustCompile(`(` + numChars + `元)以下(?:或者[^，；。]*?以下)?(?:的)?罚款`)
	reFallback = regexp.MustCompile(`(?:无法计算|明显偏低|没有违法所得|没有违法经营额)[^。；]*?处(?:以)?(?:(` + numChars + `元)以上)?(` + numChars + `元)以下`)
)

const baseAlt = `货值金额|违法所得|广告费用|销售金额|违法经营额|检验费用|认证费用|总投资额|工程造价|直接损失|直接经济损失|合同约定的勘察费、设计费|合同约定的设计费|合同约定的监理酬金|合同约定的费用|上一年年收入|不缴或者少缴的税款|税款`

var baseWords = map[string]string{"货值金额": "goods_value", "违法所得": "illegal_gains", "广告费用": "ad_cost", "销售金额": "sales_amount", "违法经营额": "illegal_business_amount",
	"检验费用": "inspection_fee", "认证费用": "certification_fee", "总投资额": "investment", "工程造价": "construction_cost",
	"直接损失": "direct_loss", "直接经济损失": "direct_loss", "合同约定的勘察费、设计费": "contract_fee", "合同约定的设计费": "contract_fee",
	"合同约定的监理酬金": "contract_fee", "合同约定的费用": "contract_fee", "上一年年收入": "annual_income",
	"不缴或者少缴的税款": "tax_due", "税款": "tax_due"}

// FineFromText reads a FineRule from a provision's text, with the words that
// carry its figures. ok is false when the text states no fine.
func FineFromText(text string) (FineRule, []string, bool) {
	var r FineRule
	var quotes []string
	money := func(s string) float64 { v, _ := nlp.ParseMoney(s); return v }
	times := func(s string) float64 {
		if s == "等值" {
			return 1
		}
		pct := strings.HasPrefix(s, "百分之")
		n, err := nlp.ParseChineseInt(strings.TrimSuffix(strings.TrimPrefix(s, "百分之"), "倍"))
		if err != nil {
			return 0
		}
		if pct { // 百分之二十: a multiple below one
			return float64(n) / 100
		}
		return float64(n)
	}
	m := reMultiple.FindStringSubmatch(text)
	if m != nil {
		r.Base, r.MinTimes, r.MaxTimes = baseWords[m[1]], times(m[2]), times(m[3])
		quotes = append(quotes, m[0])
		if c := reCap.FindStringSubmatch(text); c != nil {
			r.Cap = money(c[1])
			quotes = append(quotes, c[0])
		}
		if b := reBelowBranch.FindStringSubmatch(text); b != nil && baseWords[b[1]] == r.Base {
			r.Below, r.BelowMin, r.BelowMax = money(b[2]), money(b[3]), money(b[4])
			quotes = append(quotes, b[0])
		}
		if f := reFloor.FindStringSubmatch(text); f != nil && baseWords[f[1]] == r.Base {
			r.BaseFloor = money(f[3])
			quotes = append(quotes, f[0])
		}
		if f := reFallback.FindStringSubmatch(text); f != nil {
			r.FallbackMin, r.FallbackMax = money(f[1]), money(f[2])
			quotes = append(quotes, f[0])
		}
		return r, quotes, r.MaxTimes > 0
	}
	// The first stated fine is the provision's own; a later one is usually a
	// further step (逾期未改正的…) or a fine on the responsible persons.
	fixed, upTo, exact := reFixed.FindStringSubmatchIndex(text), reUpTo.FindStringSubmatchIndex(text), reExact.FindStringSubmatchIndex(text)
	if exact != nil && (fixed == nil || exact[0] < fixed[0]) && (upTo == nil || exact[0] < upTo[0]) {
		// 并处五千元罚款: a fixed amount
		v := money(text[exact[2]:exact[3]])
		r.Min, r.Max = v, v
		return r, append(quotes, text[exact[0]:exact[1]]), v > 0
	}
	if fixed != nil && (upTo == nil || fixed[0] <= upTo[0]) {
		r.Min, r.Max = money(text[fixed[2]:fixed[3]]), money(text[fixed[4]:fixed[5]])
		return r, append(quotes, text[fixed[0]:fixed[1]]), r.Max > 0
	}
	if upTo != nil {
		r.Max = money(text[upTo[2]:upTo[3]])
		return r, append(quotes, text[upTo[0]:upTo[1]]), r.Max > 0
	}
	return r, nil, false
}
