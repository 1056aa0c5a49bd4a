package search

import (
	"strings"
	"testing"
)

// Synthetic library: four short decisions about two violations.
func syntheticCases() []CaseDoc {
	docs := []CaseDoc{
		{ID: "a1", Title: "销售过期食品案", Text: "经查，当事人销售超过保质期的饼干，货值金额八千元。", Agency: "甲局", Kind: "行政处罚", Date: "2024-03-01",
			Citations: []string{"《中华人民共和国食品安全法》第124条"}},
		{ID: "a2", Title: "销售过期食品案", Text: "经查，当事人销售超过保质期的牛奶，货值金额九千元。", Agency: "乙局", Kind: "行政处罚", Date: "2025-06-01",
			Citations: []string{"《中华人民共和国食品安全法》第124条"}},
		{ID: "b1", Title: "无照经营案", Text: "经查，当事人未取得营业执照从事食品经营，销售饼干。", Agency: "甲局", Kind: "行政处罚", Date: "2025-01-10",
			Citations: []string{"《无证无照经营查处办法》第13条"}},
		{ID: "b2", Title: "无照经营案", Text: "经查，当事人未取得营业执照开设网吧。", Agency: "甲局", Kind: "责令改正", Date: "",
			Citations: []string{"《无证无照经营查处办法》第13条"}},
	}
	for i := range docs {
		docs[i].Terms = CaseTerms(docs[i].Title, docs[i].Text)
	}
	return docs
}

func TestCaseRankFilters(t *testing.T) {
	r := NewCaseRanker(syntheticCases())
	ids := func(hs []CaseHit) map[string]bool {
		m := map[string]bool{}
		for _, h := range hs {
			m[h.ID] = true
		}
		return m
	}
	tests := []struct {
		name string
		q    CaseQuery
		want []string
		not  []string
	}{
		{"agency", CaseQuery{Agency: "乙局"}, []string{"a2"}, []string{"a1", "b1"}},
		{"kind", CaseQuery{Kind: "责令改正"}, []string{"b2"}, []string{"a1", "b1"}},
		{"dates", CaseQuery{From: "2025-01-01", To: "2025-12-31"}, []string{"a2", "b1"}, []string{"a1", "b2"}},
		{"only and agency", CaseQuery{Only: []string{"a1", "a2", "b1"}, Agency: "甲局"}, []string{"a1", "b1"}, []string{"a2"}},
	}
	for _, tc := range tests {
		got := ids(r.Rank("当事人销售超过保质期的饼干，也未取得营业执照", tc.q))
		for _, w := range tc.want {
			if !got[w] {
				t.Errorf("%s: %s missing from %v", tc.name, w, got)
			}
		}
		for _, n := range tc.not {
			if got[n] {
				t.Errorf("%s: %s should be filtered out of %v", tc.name, n, got)
			}
		}
	}
}

// Decisions citing the same penalty article as the best lexical matches rank
// above one that merely shares words: BM25 alone puts the 无照经营 decision
// (d) above two 过期食品 ones (a3, c); the articles' vote turns that round.
func TestCaseRankCitationAgreement(t *testing.T) {
	mk := func(id, text, cite string) CaseDoc {
		d := CaseDoc{ID: id, Title: "行政处罚决定书", Text: text, Citations: []string{cite}}
		d.Terms = CaseTerms(d.Title, d.Text)
		return d
	}
	const food, lic = "《中华人民共和国食品安全法》第124条", "《无证无照经营查处办法》第13条"
	r := NewCaseRanker([]CaseDoc{ // synthetic
		mk("a1", "经查，当事人销售超过保质期的饼干，货值金额八千元。", food),
		mk("a2", "经查，当事人销售超过保质期的面包。", food),
		mk("a3", "经查，当事人经营超过保质期的牛奶。", food),
		mk("c", "经查，当事人仓库内存放的罐头已过期限，仍在出售。", food),
		mk("d", "经查，当事人未取得营业执照，在店内销售饼干和面包。", lic),
		mk("e", "经查，当事人未取得营业执照开设网吧。", lic),
	})
	pos := func(plain bool) map[string]int {
		m := map[string]int{}
		for i, h := range r.Rank("当事人销售超过保质期的饼干和罐头", CaseQuery{Plain: plain}) {
			m[h.ID] = i
		}
		return m
	}
	if p := pos(true); p["d"] > p["c"] || p["d"] > p["a3"] {
		t.Fatalf("the set no longer tests anything: BM25 alone already ranks d below c and a3 (%v)", p)
	}
	if p := pos(false); p["d"] < p["c"] || p["d"] < p["a3"] {
		t.Errorf("citation agreement did not lift c and a3 above d: %v", p)
	}
}

func TestCharges(t *testing.T) {
	tests := []struct {
		text string
		want []string
	}{
		{"被告人张某犯盗窃罪，判处有期徒刑一年。", []string{"盗窃"}},
		{"被告人李某犯掩饰、隐瞒犯罪所得罪，判处拘役六个月。", []string{"掩饰、隐瞒犯罪所得"}},
		{"被告人犯掩饰、隐瞒犯罪所得、犯罪所得收益罪。", []string{"掩饰、隐瞒犯罪所得、犯罪所得收益"}},
		{"被告人王某犯走私、贩卖、运输、制造毒品罪。", []string{"走私、贩卖、运输、制造毒品"}},
		{"被告人赵某犯盗窃罪、诈骗罪，数罪并罚。", []string{"盗窃", "诈骗"}},
		{"被告人的行为已构成犯罪，依法应予惩处。", nil},
	}
	for _, tc := range tests {
		got := Charges("", tc.text)
		if strings.Join(got, "|") != strings.Join(tc.want, "|") {
			t.Errorf("Charges(%q) = %q, want %q", tc.text, got, tc.want)
		}
	}
}

// Of two decisions alike in words, the one whose party is of the query's
// kind (person / organization) ranks first.
func TestCaseRankPartyType(t *testing.T) {
	docs := []CaseDoc{
		{ID: "org", Title: "决定书", Text: "经查，当事人销售超过保质期的饼干。", PartyType: "organization"},
		{ID: "per", Title: "决定书", Text: "经查，当事人销售超过保质期的饼干。", PartyType: "person"},
	}
	for i := range docs {
		docs[i].Terms = CaseTerms(docs[i].Title, docs[i].Text)
	}
	r := NewCaseRanker(docs)
	for _, tc := range []struct{ facts, first string }{
		{"当事人张三销售超过保质期的饼干", "per"},
		{"当事人某某食品有限公司销售超过保质期的饼干", "org"},
	} {
		if hits := r.Rank(tc.facts, CaseQuery{}); len(hits) != 2 || hits[0].ID != tc.first {
			t.Errorf("%s: %+v, want %s first", tc.facts, hits, tc.first)
		}
	}
}
