package rules

import (
	"regexp"
	"strings"

	"zhifa/nlp"
)

var reDaily = regexp.MustCompile(`每日|按日`)

// firstFixedIndex is where the first fixed sum of a fine begins (-1 when none).
func firstFixedIndex(text string) int {
	best := -1
	for _, re := range []*regexp.Regexp{reFixed, reUpTo, reExact} {
		if loc := re.FindStringIndex(text); loc != nil && (best < 0 || loc[0] < best) {
			best = loc[0]
		}
	}
	return best
}

var perUnitKeys = map[string]string{"每人": "persons", "每名": "persons", "每日": "days", "按日": "days"}

// When no statutory-range entry is transcribed for an article, the range is
// read from the article's own words: the same patterns a transcriber follows.
const numChars = `[零〇一二两三四五六七八九十百千万亿壹贰叁肆伍陆柒捌玖拾佰仟0-9.,]+`

var (
	reBelowBranch = regexp.MustCompile(`(` + baseAlt + `)不足(` + numChars + `元)的，(?:单处或者并处|可以并处|可以处|并处|处)(?:(` + numChars + `元)以上)?(` + numChars + `元)以下`)
	// 货值金额十倍以上二十倍以下, 等值以上三倍以下, 百分之五十以上三倍以下, 百分之二十以下
	reMultiple = regexp.MustCompile(`(` + baseAlt + `)(?:的)?(?:(百分之` + numChars + `|` + numChars + `倍?|等值)(?:以上|至))?(百分之` + numChars + `|` + numChars + `倍)(?:以下)?(?:的)?(?:标准)?(?:计算)?(?:的)?(?:罚款|加处罚款|以下)`)
	// 每人一千元以上五千元以下, 按日处五十元至一百元: a fine per person, per day
	rePerUnit  = regexp.MustCompile(`(每人|每名|每日|按日)(?:处)?(?:(` + numChars + `元)(?:以上|至))?(` + numChars + `元)(?:以下)?`)
	reExact    = regexp.MustCompile(`处(?:以)?(` + numChars + `元)(?:的)?罚款`)
	reCap      = regexp.MustCompile(`最高不(?:得)?超过(` + numChars + `元)`)
	reFloor    = regexp.MustCompile(`(` + baseAlt + `)不足(` + numChars + `元)的，按(` + numChars + `元)计算`)
	reFixed    = regexp.MustCompile(`(` + numChars + `元)以上(` + numChars + `元)以下(?:的)?罚款`)
	reUpTo     = regexp.MustCompile(`(` + numChars + `元)以下(?:或者[^，；。]*?以下)?(?:的)?罚款`)
	reFallback = regexp.MustCompile(`(?:无法计算|明显偏低|没有违法所得|没有违法经营额)[^。；]*?处(?:以)?(?:(` + numChars + `元)以上)?(` + numChars + `元)以下`)
)

// baseAlt is a base a fine is computed from: a few words ending in what is
// counted (货值金额, 违法所得, 上一年年收入, 所收费用 …); baseKey names it.
const baseAlt = `[\p{Han}]{0,12}?(?:金额|所得|收入|费用|价值|数额|销售额|经营额|价款|税款|投资额|酬金|保险费|款项|造价|损失|倾倒费|水资源费|编制费|设计费|监理酬金)`

// baseKeys maps the words of a base to its amount key, most specific first.
var baseKeys = []struct{ words, key string }{
	{"货值金额", "goods_value"}, {"违法所得", "illegal_gains"}, {"广告费用", "ad_cost"}, {"销售金额", "sales_amount"},
	{"违法经营额", "illegal_business_amount"}, {"检验费用", "inspection_fee"}, {"认证费用", "certification_fee"},
	{"总投资额", "investment"}, {"工程造价", "construction_cost"}, {"直接经济损失", "direct_loss"}, {"直接损失", "direct_loss"},
	{"合同约定", "contract_fee"}, {"合同价款", "contract_price"}, {"上一年年收入", "annual_income"}, {"年收入", "annual_income"},
	{"销售额", "annual_sales"}, {"税款", "tax_due"}, {"罚款数额", "fine_amount"}, {"所收费用", "fees_charged"},
	{"骗取金额", "defrauded_amount"}, {"欠缴数额", "arrears"}, {"林木价值", "timber_value"}, {"所需费用", "restoration_cost"},
	{"保险费", "premium"}, {"野生动物及其制品价值", "wildlife_value"}, {"价值", "property_value"}, {"倾倒费", "fee_due"},
	{"水资源费", "fee_due"}, {"运输费用", "transport_fee"}, {"款项", "funds_amount"}, {"营业所得", "income"}, {"收入", "income"},
	{"处置费用", "disposal_cost"}, {"工资数额", "concealed_wages"}, {"林木价款", "timber_value"},
}

// baseKey is the amount key of a base's words ("" when none is known).
func baseKey(words string) string {
	for _, b := range baseKeys {
		if strings.Contains(words, b.words) {
			return b.key
		}
	}
	return ""
}

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
	if m != nil && baseKey(m[1]) == "" {
		m = nil // a base no amount key names
	}
	if m != nil {
		r.Base, r.MinTimes, r.MaxTimes = baseKey(m[1]), times(m[2]), times(m[3])
		if m[2] == "" && !strings.Contains(m[0], "以下") { // 上一年年收入百分之四十的罚款: one rate
			r.MinTimes = r.MaxTimes
		}
		quotes = append(quotes, m[0])
		if c := reCap.FindStringSubmatch(text); c != nil {
			r.Cap = money(c[1])
			quotes = append(quotes, c[0])
		}
		if b := reBelowBranch.FindStringSubmatch(text); b != nil && baseKey(b[1]) == r.Base {
			r.Below, r.BelowMin, r.BelowMax = money(b[2]), money(b[3]), money(b[4])
			quotes = append(quotes, b[0])
		}
		if f := reFloor.FindStringSubmatch(text); f != nil && baseKey(f[1]) == r.Base {
			r.BaseFloor = money(f[3])
			quotes = append(quotes, f[0])
		}
		if f := reFallback.FindStringSubmatch(text); f != nil {
			r.FallbackMin, r.FallbackMax = money(f[1]), money(f[2])
			quotes = append(quotes, f[0])
		}
		if i := strings.Index(text, m[0]); i >= 0 && reDaily.MatchString(m[1]+text[max(0, i-12):i]) {
			r.PerUnit = "days" // 每日按罚款数额的百分之三
		}
		return r, quotes, r.MaxTimes > 0
	}
	if pu := rePerUnit.FindStringSubmatchIndex(text); pu != nil {
		if first := firstFixedIndex(text); first < 0 || pu[0] <= first+2 {
			r.Min, r.Max, r.PerUnit = money(text[max(pu[4], 0):max(pu[5], 0)]), money(text[pu[6]:pu[7]]), perUnitKeys[text[pu[2]:pu[3]]]
			return r, append(quotes, text[pu[0]:pu[1]]), r.Max > 0
		}
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
