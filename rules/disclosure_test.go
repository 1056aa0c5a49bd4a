package rules

import (
	"strconv"
	"strings"
	"testing"

	"zhifa/corpora"
	"zhifa/nlp"
)

// Every disclosure figure reads back from its source: the citation resolves
// (or the plan exists), the quote is in that text, the figure is in the quote
// and says the value.
func TestDisclosureCitedFromCorpus(t *testing.T) {
	all, err := Disclosure()
	if err != nil {
		t.Fatal(err)
	}
	c := corpora.Default()
	policies := corpora.Policies()
	sectors := append([]DisclosureSector{all.General}, all.Sectors...)
	n := 0
	for _, s := range sectors {
		for _, r := range s.Rules {
			n++
			id := s.Name + "/" + r.ID
			var text string
			if r.Policy != "" {
				if text = policies[r.Policy]; text == "" {
					t.Errorf("%s: no plan %s in corpora/policy", id, r.Policy)
				}
			} else {
				res, err := c.Cite(r.Citation)
				if err != nil {
					t.Errorf("%s: %v", id, err)
					continue
				}
				text = res.Text
			}
			if r.Quote == "" || !strings.Contains(text, r.Quote) {
				t.Errorf("%s: quote %q not in the text of %s", id, r.Quote, r.Citation)
			}
			if !strings.Contains(r.Quote, r.Figure) {
				t.Errorf("%s: figure %q not in its quote", id, r.Figure)
			}
			if got := disclosureFigure(r.Figure); got != r.Value {
				t.Errorf("%s: figure %q reads %d, value is %d", id, r.Figure, got, r.Value)
			}
			if (r.Figure == "") != (r.Unit == "") {
				t.Errorf("%s: unit %q with figure %q", id, r.Unit, r.Figure)
			}
			for _, k := range r.Kinds {
				if _, err := kindName(k); err != nil {
					t.Errorf("%s: kind %s: %v", id, k, err)
				}
			}
		}
	}
	if n < 9 {
		t.Errorf("%d rules, want the general two and 市场监管's seven", n)
	}
	// every kind has a general rule
	for _, k := range DecisionKinds {
		if _, err := DisclosureRuleFor(k, ""); err != nil {
			t.Errorf("%s: %v", k, err)
		}
	}
	mk, _ := all.Sector("市场监管")
	for id, want := range map[string]int{"disclosure": 20, "withdrawal": 3, "public_period_short": 3, "public_period": 3, "push_other_province": 10} {
		if r, ok := mk.Rule(id, "行政处罚"); !ok || r.Value != want {
			t.Errorf("市场监管 %s: %+v, want %d", id, r, want)
		}
	}
}

// disclosureFigure reads 7个工作日 → 7, 二十个工作日 → 20, 三个月 → 3, 三年 → 3.
func disclosureFigure(f string) int {
	if f == "" {
		return 0
	}
	for _, suf := range []string{"个工作日", "个月", "年"} {
		f = strings.TrimSuffix(f, suf)
	}
	if n, err := strconv.Atoi(f); err == nil {
		return n
	}
	v, _ := nlp.ParseChineseInt(f)
	return int(v)
}
