package search

import (
	"bufio"
	"compress/gzip"
	"encoding/json"
	"os"
	"slices"
	"strings"
	"testing"

	"zhifa/nlp"
)

// caseTermsRef is CaseTerms as written before the facts were cut together
// with the text: title, text, then the facts part cut a second time.
func caseTermsRef(title, text string) []string {
	seg := nlp.Seg()
	var out []string
	add := func(s string) {
		for _, w := range seg.Cut(s) {
			if caseStop[w] || !nlp.IsWord(w) {
				continue
			}
			out = append(out, w)
		}
	}
	add(title)
	add(text)
	if loc := factsStart.FindStringIndex(text); loc != nil {
		facts := text[loc[0]:]
		if end := strings.Index(facts, "本院认为"); end > 0 {
			facts = facts[:end]
		}
		add(facts)
	}
	return out
}

// The facts cut with the text give the terms of cutting them apart.
// Synthetic texts, and the LeCaRD candidates when the shared corpus is there.
func TestCaseTermsCutOnce(t *testing.T) {
	type tc struct{ title, text string }
	cases := []tc{
		{"张某盗窃一审刑事判决书", "公诉机关指控：2020年5月，被告人张某在商场秘密窃取手机一部。经审理查明，被告人张某于2020年5月3日在某商场窃得手机一部，价值3000元。本院认为，被告人张某构成盗窃罪。"},
		{"", "经查，当事人销售过期食品，货值金额500元；违法所得200元。以上事实有现场笔录为证。"},
		{"无事实段", "当事人某公司未按规定公示年度报告。"},
		{"", "违法事实：当事人于2023年在经营场所销售不合格产品本院认为"},
		{"", "本院认为被告人经审理查明盗窃"},
	}
	if f, err := os.Open("../../shared/corpora/lecard-dev/candidates_all.jsonl.gz"); err == nil {
		defer f.Close()
		zr, err := gzip.NewReader(f)
		if err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(zr)
		sc.Buffer(make([]byte, 1<<20), 64<<20)
		for n := 0; sc.Scan() && n < 300; n++ {
			var c struct{ Title, Text string }
			if err := json.Unmarshal(sc.Bytes(), &c); err != nil {
				t.Fatal(err)
			}
			cases = append(cases, tc{c.Title, c.Text})
		}
	}
	for i, c := range cases {
		if got, want := CaseTerms(c.title, c.text), caseTermsRef(c.title, c.text); !slices.Equal(got, want) {
			t.Errorf("case %d: %d terms, cut apart gives %d", i, len(got), len(want))
		}
	}
}
