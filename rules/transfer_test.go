package rules

import (
	"strings"
	"testing"

	"zhifa/corpora"
	"zhifa/nlp"
)

// Every threshold's citations exist in the law corpus, and the quoted words
// are in the cited text and carry the threshold figure.
func TestThresholdsCitedFromCorpus(t *testing.T) {
	ths, err := Thresholds()
	if err != nil {
		t.Fatal(err)
	}
	c := corpora.Default()
	for _, th := range ths {
		factsOnly := th.Metric == ""
		if factsOnly && (th.Threshold != 0 || (th.Condition == "" && len(th.Require) == 0)) {
			t.Errorf("%s: a threshold without a metric needs threshold 0 and a condition or require words", th.ID)
		}
		if _, ok := AmountKeys[th.Metric]; !ok && !factsOnly {
			t.Errorf("%s: metric %q is not an amount key", th.ID, th.Metric)
		}
		for _, g := range [][][]string{th.Require, th.UnlessAll, th.UnlessVoid} {
			for _, alts := range g {
				if len(alts) == 0 {
					t.Errorf("%s: empty word group", th.ID)
				}
			}
		}
		for _, a := range th.Also {
			if _, ok := AmountKeys[a.Metric]; !ok {
				t.Errorf("%s: also metric %q is not an amount key", th.ID, a.Metric)
			}
			if !quoteCarries(th.Quote, a.Threshold) {
				t.Errorf("%s: quote %q does not carry the figure %v of %s", th.ID, th.Quote, a.Threshold, a.Metric)
			}
		}
		if th.RatioOf != "" {
			if _, ok := AmountKeys[th.RatioOf]; !ok {
				t.Errorf("%s: ratio_of %q is not an amount key", th.ID, th.RatioOf)
			}
			// the percentage is in the 刑法 words (百分之十) or the quote
			if pct := th.MinRatio * 100; !quoteCarries(th.CriminalQuote, pct) && !quoteCarries(th.Quote, pct) {
				t.Errorf("%s: neither quote carries %v%%", th.ID, pct)
			}
		}
		crim, err := c.Cite(th.CriminalBasis)
		if err != nil {
			t.Errorf("%s: criminal basis %s: %v", th.ID, th.CriminalBasis, err)
		} else if !strings.Contains(crim.Text, th.CriminalQuote) {
			t.Errorf("%s: %s does not contain %q", th.ID, th.CriminalBasis, th.CriminalQuote)
		}
		if th.NationalStandard {
			continue // a national standard, not a law text (see corpora/transfer/SOURCES.md)
		}
		std, err := c.Cite(th.StandardBasis)
		if err != nil {
			t.Errorf("%s: standard basis %s: %v", th.ID, th.StandardBasis, err)
			continue
		}
		if !strings.Contains(std.Text, th.Quote) {
			t.Errorf("%s: %s does not contain %q", th.ID, th.StandardBasis, th.Quote)
		}
		if !factsOnly && !quoteCarries(th.Quote, th.Threshold) {
			t.Errorf("%s: quote %q does not carry the figure %v", th.ID, th.Quote, th.Threshold)
		}
	}
}

// quoteCarries reports whether the quote states v (directly, as money, or as
// the 3× of the attempt rule on a 50,000 sales threshold).
func quoteCarries(q string, v float64) bool {
	for _, a := range nlp.ExtractAmounts(q) {
		if a.Value == v {
			return true
		}
	}
	if strings.Contains(q, "3倍") && v == 3*50000 {
		return true
	}
	for _, tok := range splitNumbers(q) {
		if n, err := nlp.ParseChineseInt(tok); err == nil && float64(n) == v {
			return true
		}
	}
	return false
}

// splitNumbers returns the runs of digits or Chinese numerals in s.
func splitNumbers(s string) []string {
	var out []string
	var cur []rune
	for _, r := range s {
		if strings.ContainsRune("0123456789零一二两三四五六七八九十百千万", r) {
			cur = append(cur, r)
			continue
		}
		if len(cur) > 0 {
			out = append(out, string(cur))
			cur = nil
		}
	}
	if len(cur) > 0 {
		out = append(out, string(cur))
	}
	return out
}

func TestTransferThresholds(t *testing.T) {
	cases := []struct {
		name   string
		in     Input
		crimes []string
	}{
		{"sales just below", Input{Amounts: map[string]float64{"sales_amount": 49999}}, nil},
		{"sales at threshold", Input{Amounts: map[string]float64{"sales_amount": 50000}}, []string{"生产、销售伪劣产品罪"}},
		{"unsold goods below 3x", Input{Amounts: map[string]float64{"goods_value": 149999}}, nil},
		{"unsold goods at 3x", Input{Amounts: map[string]float64{"goods_value": 150000}}, []string{"生产、销售伪劣产品罪（未遂）"}},
		{"drunk driving at 80", Input{Amounts: map[string]float64{"blood_alcohol": 80}}, []string{"危险驾驶罪"}},
		{"drinking, not drunk", Input{Amounts: map[string]float64{"blood_alcohol": 79}}, nil},
		{"hazardous waste 3 t", Input{Amounts: map[string]float64{"hazardous_waste_tons": 3}}, []string{"污染环境罪"}},
		{"trademark needs the word", Input{Amounts: map[string]float64{"illegal_business_amount": 60000}}, nil},
		{"trademark", Input{Facts: "当事人销售假冒注册商标的商品", Amounts: map[string]float64{"illegal_business_amount": 60000}}, []string{"假冒注册商标罪"}},
		{"basic farmland 5 mu", Input{Amounts: map[string]float64{"basic_farmland_mu": 5}}, []string{"非法占用农用地罪"}},
		{"other farmland 9 mu", Input{Amounts: map[string]float64{"farmland_mu": 9}}, nil},
		{"personal info 5000", Input{Amounts: map[string]float64{"personal_info_records": 5000}}, []string{"侵犯公民个人信息罪"}},
		{"one death", Input{Amounts: map[string]float64{"deaths": 1}}, []string{"重大责任事故罪"}},
		{"illegal logging 5 m3", Input{Facts: "当事人盗伐集体林木", Amounts: map[string]float64{"timber_m3": 5}}, []string{"盗伐林木罪"}},
		{"excessive logging 19 m3", Input{Facts: "当事人滥伐林木", Amounts: map[string]float64{"timber_m3": 19}}, nil},
		{"excessive logging 1000 saplings", Input{Facts: "当事人滥伐林木", Amounts: map[string]float64{"saplings": 1000}}, []string{"滥伐林木罪"}},
		{"traffic accident, one death", Input{Facts: "发生交通事故，负主要责任", Amounts: map[string]float64{"deaths": 1}}, []string{"交通肇事罪"}},
		{"from facts", Input{Facts: "经查，当事人销售不合格产品，销售金额人民币陆万元整。"}, []string{"生产、销售伪劣产品罪"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			res, err := Transfer(tc.in)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, f := range res.Flags {
				got = append(got, f.Crime)
				if f.Reason == "" || f.Value < f.Threshold {
					t.Errorf("flag %+v: no reason or value below threshold", f)
				}
			}
			if strings.Join(got, "|") != strings.Join(tc.crimes, "|") {
				t.Errorf("crimes = %v, want %v", got, tc.crimes)
			}
			if res.Flags == nil {
				t.Error("flags must be an empty list, not null")
			}
		})
	}
}

func TestTransferBadInput(t *testing.T) {
	_, err := Transfer(Input{Amounts: map[string]float64{"goods_valu": 1}})
	if err == nil || !strings.Contains(err.Error(), "amounts.goods_valu") {
		t.Errorf("unknown amount key: err = %v, want one naming amounts.goods_valu", err)
	}
	_, err = Transfer(Input{ActDate: "2026-13-01"})
	if err == nil || !strings.Contains(err.Error(), "act_date") {
		t.Errorf("bad date: err = %v, want one naming act_date", err)
	}
}

func TestAmountsFromFacts(t *testing.T) {
	got := AmountsFromFacts("当事人货值金额15000元，违法所得3,200元。")
	if got["goods_value"] != 15000 || got["illegal_gains"] != 3200 {
		t.Errorf("AmountsFromFacts = %v", got)
	}
}
