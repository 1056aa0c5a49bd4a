package search

import (
	"math"
	"sort"
	"strings"

	"zhifa/nlp"
)

// Long facts are reduced to a bounded query before norm push searches,
// ranks cases or matches obligations with them: every step after is costed
// by the query's words, and a finding of a megabyte must cost what its
// segmentation costs, not the square of it.
const (
	// maxQueryBytes: facts up to this length are used as written.
	maxQueryBytes = 2 << 10
	// maxQueryTerms: the most distinctive words kept of longer facts.
	maxQueryTerms = 128
	// maxQueryCitations: the articles cited in the facts kept with them.
	maxQueryCitations = 4
)

// boundQuery is facts itself when short (at most maxQueryBytes and
// maxQueryTerms words), else the articles the facts cite
// (law named) followed by the maxQueryTerms words that weigh most: frequent
// in the facts, rare among the articles (tf·idf over the law corpus).
// Segmentation and counting are one pass over the facts.
func (ix *LawIndex) boundQuery(facts string) string {
	// the articles cited most often, first cited first among equals
	citeN := map[string]int{}
	var cites []string
	for _, c := range nlp.ParseCitations(facts) {
		if c.Law == "" || c.Label() == "" {
			continue
		}
		k := "《" + c.Law + "》" + c.Label()
		if citeN[k] == 0 {
			cites = append(cites, k)
		}
		citeN[k]++
	}
	sort.SliceStable(cites, func(i, j int) bool { return citeN[cites[i]] > citeN[cites[j]] })
	if len(cites) > maxQueryCitations {
		cites = cites[:maxQueryCitations]
	}
	var b strings.Builder
	for _, k := range cites {
		b.WriteString(k)
		b.WriteString("；")
	}
	tf := map[string]int{}
	first := map[string]int{}
	for _, w := range nlp.Seg().Cut(facts) {
		if len([]rune(w)) < 2 || !nlp.IsWord(w) || caseStop[w] {
			continue
		}
		if _, ok := tf[w]; !ok {
			first[w] = len(first)
		}
		tf[w]++
	}
	if len(facts) <= maxQueryBytes && len(tf) <= maxQueryTerms {
		return facts
	}
	df, n := ix.docFreq(), float64(len(ix.docs))
	type term struct {
		w     string
		score float64
	}
	terms := make([]term, 0, len(tf))
	for w, f := range tf {
		d := df[w]
		if d == 0 {
			continue // no article has it: it cannot find one
		}
		terms = append(terms, term{w, (1 + math.Log(float64(f))) * math.Log(1+n/float64(d))})
	}
	sort.Slice(terms, func(i, j int) bool {
		if terms[i].score != terms[j].score {
			return terms[i].score > terms[j].score
		}
		return first[terms[i].w] < first[terms[j].w]
	})
	if len(terms) > maxQueryTerms {
		terms = terms[:maxQueryTerms]
	}
	// in the order the facts say them, so neighbouring words stay neighbours
	sort.Slice(terms, func(i, j int) bool { return first[terms[i].w] < first[terms[j].w] })
	for i, t := range terms {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(t.w)
	}
	return b.String()
}

// docFreq counts, once, how many articles each word appears in.
func (ix *LawIndex) docFreq() map[string]int {
	ix.dfOnce.Do(func() {
		ix.df = map[string]int{}
		seg := nlp.Seg()
		seen := map[string]bool{}
		for _, a := range ix.docs {
			clear(seen)
			for _, w := range seg.Cut(a.Text) {
				if !seen[w] {
					seen[w] = true
					ix.df[w]++
				}
			}
		}
	})
	return ix.df
}
