package rules

import (
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
	Metric           string  `json:"metric"` // an AmountKeys key
	Threshold        float64 `json:"threshold"`
	Quote            string  `json:"quote"`
	Condition        string  `json:"condition,omitempty"` // a word the facts must contain
	Unless           string  `json:"unless,omitempty"`    // a word that puts the facts under another crime
	Attempt          bool    `json:"attempt,omitempty"`
	NationalStandard bool    `json:"national_standard,omitempty"`
}

// TransferFlag is a threshold the case reaches.
type TransferFlag struct {
	Crime         string  `json:"crime"`
	CriminalBasis string  `json:"criminal_basis"`
	StandardBasis string  `json:"standard_basis"`
	Metric        string  `json:"metric"`
	Threshold     float64 `json:"threshold"`
	Value         float64 `json:"value"`
	Attempt       bool    `json:"attempt,omitempty"`
	Reason        string  `json:"reason"`
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
		v, ok := amounts[t.Metric]
		if !ok || v < t.Threshold {
			continue
		}
		if t.Condition != "" && !strings.Contains(in.Facts, t.Condition) {
			continue
		}
		if t.Unless != "" && strings.Contains(in.Facts, t.Unless) {
			continue
		}
		src := t.StandardBasis
		if t.Quote != "" {
			src += "“" + t.Quote + "”"
		}
		res.Flags = append(res.Flags, TransferFlag{
			Crime: t.Crime, CriminalBasis: t.CriminalBasis, StandardBasis: t.StandardBasis,
			Metric: t.Metric, Threshold: t.Threshold, Value: v, Attempt: t.Attempt,
			Reason: fmt.Sprintf("%s为%s，达到%s规定的%s，涉嫌%s，应当依照《行政执法机关移送涉嫌犯罪案件的规定》移送司法机关。",
				AmountKeys[t.Metric], trimNum(v), src, trimNum(t.Threshold), t.Crime),
		})
	}
	return res, nil
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
		if best != "" && a.Value > out[best] {
			out[best] = a.Value
		}
	}
	return out
}
