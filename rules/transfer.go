package rules

import (
	"cmp"
	"encoding/json"
	"fmt"
	"io/fs"
	"strings"
	"sync"

	"zhifa/corpora"
	"zhifa/nlp"
)

// Threshold is one prosecution threshold (立案追诉标准) that makes a case a
// suspected crime to be transferred (涉嫌犯罪移送).
type Threshold struct {
	ID               string  `json:"id"`
	Crime            string  `json:"crime"`
	CriminalBasis    string  `json:"criminal_basis"`
	CriminalQuote    string  `json:"criminal_quote"`
	StandardBasis    string  `json:"standard_basis"`
	Metric           string  `json:"metric"` // an AmountKeys key; "" for a threshold decided by the facts alone
	Threshold        float64 `json:"threshold"`
	Quote            string  `json:"quote"`
	Condition        string  `json:"condition,omitempty"` // a word the facts must contain
	Unless           string  `json:"unless,omitempty"`    // a word that puts the facts under another crime
	Attempt          bool    `json:"attempt,omitempty"`
	NationalStandard bool    `json:"national_standard,omitempty"`

	// Require: the facts contain at least one word of every group (in
	// addition to Condition).
	Require WordGroups `json:"require,omitempty"`
	// UnlessAll: when every group matches, the threshold does not apply
	// (a 不予追究 rule, or facts that belong under another threshold).
	UnlessAll WordGroups `json:"unless_all,omitempty"`
	// UnlessVoid: when every group matches, Unless and UnlessAll are
	// ignored (the law's 除外 to its own exception).
	UnlessVoid WordGroups `json:"unless_void,omitempty"`
	// Also: further amounts that must be reached too ("一百份以上且票面金额三十万元以上").
	Also []AmountMin `json:"also,omitempty"`
	// RatioOf, MinRatio: the metric must also be at least MinRatio of
	// amounts[RatioOf] (逃税: 占应纳税额百分之十以上). Without that amount the
	// threshold cannot be decided and is not flagged.
	RatioOf  string  `json:"ratio_of,omitempty"`
	MinRatio float64 `json:"min_ratio,omitempty"`
	// Conduct: the 司法解释's definition of the crime by conduct; facts that
	// describe one of its alternatives meet Condition without naming the crime.
	Conduct *ConductDef `json:"conduct,omitempty"`
}

// ConductDef is how a 司法解释 defines a crime by the conduct
// (第三条 盗伐: 未取得采伐许可证，擅自采伐国家、集体或者他人所有的林木).
type ConductDef struct {
	Basis        string       `json:"basis"`   // the defining provision
	Defines      string       `json:"defines"` // the words of 刑法 it defines: 盗伐森林或者其他林木
	Alternatives []ConductAlt `json:"alternatives"`
	// Unless: facts that look alike but the law puts elsewhere (权属争议 → 滥伐;
	// 开垦 causing damage → 故意毁坏财物).
	Unless []ConductAlt `json:"unless,omitempty"`
}

// ConductAlt is one defining conduct: its quote, and the words facts
// describing it contain (every group).
type ConductAlt struct {
	Basis   string     `json:"basis,omitempty"` // when not the definition's own provision
	Quote   string     `json:"quote"`
	Require WordGroups `json:"require"`
}

// describes is the first alternative the facts describe, and its words,
// unless the facts are a look-alike the law puts elsewhere.
func (d *ConductDef) describes(facts string) (*ConductAlt, []string, bool) {
	for i := range d.Unless {
		if _, ok := d.Unless[i].Require.Match(facts); ok {
			return nil, nil, false
		}
	}
	for i := range d.Alternatives {
		if w, ok := d.Alternatives[i].Require.Match(facts); ok {
			return &d.Alternatives[i], w, true
		}
	}
	return nil, nil, false
}

// AmountMin is one more amount a threshold needs.
type AmountMin struct {
	Metric    string  `json:"metric"`
	Threshold float64 `json:"threshold"`
}

// WordGroups is a conjunction of alternatives: every group must have one of
// its words in the facts. Empty groups match nothing.
type WordGroups [][]string

// Match returns the matching word of each group, or false when a group has
// no word in s. An empty WordGroups matches (with no words).
func (g WordGroups) Match(s string) ([]string, bool) {
	var words []string
	for _, alts := range g {
		found := ""
		for _, w := range alts {
			if w != "" && strings.Contains(s, w) {
				found = w
				break
			}
		}
		if found == "" {
			return nil, false
		}
		words = append(words, found)
	}
	return words, true
}

// TransferFlag is a threshold the case reaches.
type TransferFlag struct {
	Crime         string   `json:"crime"`
	CriminalBasis string   `json:"criminal_basis"`
	StandardBasis string   `json:"standard_basis"`
	Metric        string   `json:"metric"`
	Threshold     float64  `json:"threshold"`
	Value         float64  `json:"value"`
	Attempt       bool     `json:"attempt,omitempty"`
	Matched       []string `json:"matched,omitempty"` // the words of the facts the threshold required
	Reason        string   `json:"reason"`
}

// TransferResult is the output of Transfer.
type TransferResult struct {
	Flags []TransferFlag `json:"flags"`
}

var (
	thresholdsOnce sync.Once
	thresholds     []Threshold
	thresholdsErr  error
)

// Thresholds are the embedded prosecution thresholds, loaded once.
func Thresholds() ([]Threshold, error) {
	thresholdsOnce.Do(func() {
		b, err := fs.ReadFile(corpora.FS, "transfer/thresholds.json")
		if err != nil {
			thresholdsErr = fmt.Errorf("transfer thresholds: %w", err)
			return
		}
		if err := json.Unmarshal(b, &thresholds); err != nil {
			thresholdsErr = fmt.Errorf("transfer/thresholds.json: %w", err)
		}
	})
	return thresholds, thresholdsErr
}

// Transfer flags every threshold the case reaches (value ≥ threshold).
func Transfer(in Input) (TransferResult, error) {
	res := TransferResult{Flags: []TransferFlag{}}
	if err := in.Validate(); err != nil {
		return res, err
	}
	ths, err := Thresholds()
	if err != nil {
		return res, err
	}
	amounts := map[string]float64{}
	for k, v := range AmountsFromFacts(in.Facts) {
		amounts[k] = v
	}
	for k, v := range in.Amounts { // given amounts win over extracted ones
		amounts[k] = v
	}
	for _, t := range ths {
		if f, ok := t.reached(in.Facts, amounts); ok {
			res.Flags = append(res.Flags, f)
		}
	}
	return res, nil
}

// matchesSome is Match for a non-empty g (an absent exception never applies).
func (g WordGroups) matchesSome(s string) bool {
	_, ok := g.Match(s)
	return ok && len(g) > 0
}

// reached checks one threshold against the facts and amounts.
func (t Threshold) reached(facts string, amounts map[string]float64) (TransferFlag, bool) {
	var v float64
	if t.Metric != "" {
		var ok bool
		if v, ok = amounts[t.Metric]; !ok || v < t.Threshold {
			return TransferFlag{}, false
		}
	}
	for _, a := range t.Also {
		if w, ok := amounts[a.Metric]; !ok || w < a.Threshold {
			return TransferFlag{}, false
		}
	}
	var ratio float64
	if t.RatioOf != "" {
		d, ok := amounts[t.RatioOf]
		if !ok || d <= 0 {
			return TransferFlag{}, false
		}
		// a relative tolerance so that 10% of 1,000,000 reaches 100,000 despite float rounding
		if ratio = v / d; v < t.MinRatio*d*(1-1e-12) {
			return TransferFlag{}, false
		}
	}
	var matched []string
	conduct := ""
	if t.Condition != "" {
		switch {
		case strings.Contains(facts, t.Condition):
			matched = append(matched, t.Condition)
		case t.Conduct != nil:
			alt, words, ok := t.Conduct.describes(facts)
			if !ok {
				return TransferFlag{}, false
			}
			matched = append(matched, words...)
			basis := cmp.Or(alt.Basis, t.Conduct.Basis)
			conduct = fmt.Sprintf("违法事实所述行为（%s）属于%s“%s”，即“%s”；", strings.Join(words, "、"), basis, alt.Quote, t.Conduct.Defines)
		default:
			return TransferFlag{}, false
		}
	}
	words, ok := t.Require.Match(facts)
	if !ok {
		return TransferFlag{}, false
	}
	matched = append(matched, words...)
	if !t.UnlessVoid.matchesSome(facts) {
		if t.Unless != "" && strings.Contains(facts, t.Unless) {
			return TransferFlag{}, false
		}
		if t.UnlessAll.matchesSome(facts) {
			return TransferFlag{}, false
		}
	}
	src := t.StandardBasis
	if t.Quote != "" {
		src += "“" + t.Quote + "”"
	}
	var reason string
	switch {
	case t.Metric == "":
		reason = fmt.Sprintf("违法事实涉及“%s”，属于%s规定的情形，涉嫌%s，应当依照《行政执法机关移送涉嫌犯罪案件的规定》移送司法机关。",
			strings.Join(matched, "”“"), src, t.Crime)
	default:
		extra := ""
		for _, a := range t.Also {
			extra += fmt.Sprintf("，%s为%s（不低于%s）", AmountKeys[a.Metric], trimNum(amounts[a.Metric]), trimNum(a.Threshold))
		}
		if t.RatioOf != "" {
			extra += fmt.Sprintf("，占%s的%s%%（不低于%s%%）", AmountKeys[t.RatioOf], trimNum(ratio*100), trimNum(t.MinRatio*100))
		}
		reason = fmt.Sprintf("%s%s为%s%s，达到%s规定的%s，涉嫌%s，应当依照《行政执法机关移送涉嫌犯罪案件的规定》移送司法机关。",
			conduct, AmountKeys[t.Metric], trimNum(v), extra, src, trimNum(t.Threshold), t.Crime)
	}
	return TransferFlag{
		Crime: t.Crime, CriminalBasis: t.CriminalBasis, StandardBasis: t.StandardBasis,
		Metric: t.Metric, Threshold: t.Threshold, Value: v, Attempt: t.Attempt,
		Matched: matched, Reason: reason,
	}, true
}

func trimNum(v float64) string {
	return strings.TrimSuffix(strings.TrimRight(fmt.Sprintf("%.2f", v), "0"), ".")
}

// amountWords maps the word before an amount in facts to its key.
var amountWords = []struct{ word, key string }{
	{"货值金额", "goods_value"}, {"货值", "goods_value"},
	{"销售金额", "sales_amount"}, {"违法所得", "illegal_gains"},
	{"非法经营数额", "illegal_business_amount"}, {"广告费用", "ad_cost"},
	{"总投资额", "investment"}, {"直接经济损失", "direct_loss"},
	{"逃避缴纳税款", "tax_evaded"}, {"应纳税额", "tax_due"},
	{"骗取出口退税款", "export_rebate_defrauded"}, {"虚开税款数额", "invoice_tax_amount"},
	{"票面金额", "invoice_face_amount"},
}

// AmountsFromFacts extracts amounts named in facts ("货值金额15000元" →
// goods_value 15000): a money amount preceded, within a few characters, by
// one of the words above. The largest mention of each key wins.
func AmountsFromFacts(facts string) map[string]float64 {
	out := map[string]float64{}
	for _, a := range nlp.ExtractAmounts(facts) {
		before := facts[:a.Start]
		if r := []rune(before); len(r) > 12 {
			before = string(r[len(r)-12:])
		}
		best, bestPos := "", -1
		for _, w := range amountWords {
			if i := strings.LastIndex(before, w.word); i > bestPos {
				best, bestPos = w.key, i
			}
		}
		if best != "" && a.Value > out[best] && a.Value <= MaxAmount { // a larger figure is a typing error
			out[best] = a.Value
		}
	}
	return out
}
