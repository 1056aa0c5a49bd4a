package search

import (
	"math"
	"testing"
)

// BM25 read through the sorted query words (matches) scores as the formula
// over every query word does.
func TestCaseBM25Matches(t *testing.T) {
	r := NewCaseRanker(syntheticCases())
	qtf := map[int32]float64{}
	for _, w := range []string{"销售", "饼干", "营业执照", "牛奶", "保质期"} {
		if id, ok := r.vocab[w]; ok {
			qtf[id] = 1 + float64(len(qtf))
		}
	}
	if len(qtf) < 4 {
		t.Fatalf("synthetic words missing from the vocabulary: %v", qtf)
	}
	qs := r.queryTerms(qtf)
	n := float64(len(r.docs))
	k1, b := r.opt.bm25()
	for i := range r.docs {
		e := &r.docs[i]
		var want float64
		for t, qf := range qtf {
			f := float64(r.tf(t, i))
			df := float64(r.df[t])
			idf := math.Log(1 + (n-df+0.5)/(df+0.5))
			want += qf * idf * f * (k1 + 1) / (f + k1*(1-b+b*float64(e.length)/r.avgLen))
		}
		if got := r.bm25(qs, i); math.Abs(got-want) > 1e-9 {
			t.Errorf("doc %s: bm25 %v, want %v", e.doc.ID, got, want)
		}
	}
}

// A query word said three times weighs 1+ln 3 by default, 1 with QueryOnce.
func TestCaseQueryWordWeights(t *testing.T) {
	r := NewCaseRanker(syntheticCases())
	facts := "销售饼干，销售饼干，又销售饼干。"
	once := r.WithOptions(func() CaseOptions { o := r.Options(); o.QueryOnce, o.QueryLogTF = true, false; return o }())
	raw := r.WithOptions(func() CaseOptions { o := r.Options(); o.QueryOnce, o.QueryLogTF = false, false; return o }())
	id := r.vocab["销售"]
	terms, _ := caseTerms("", facts)
	weight := func(rk *CaseRanker) float64 {
		qtf, qids := rk.queryWeights(terms)
		n := 0
		for _, q := range qids {
			if q == id {
				n++
			}
		}
		if n != 3 {
			t.Fatalf("销售 said %d times in %q", n, facts)
		}
		return qtf[id]
	}
	if w := weight(r); math.Abs(w-(1+math.Log(3))) > 1e-12 {
		t.Errorf("default weight of a word said 3 times = %v, want 1+ln 3", w)
	}
	if w := weight(once); w != 1 {
		t.Errorf("QueryOnce weight = %v, want 1", w)
	}
	if w := weight(raw); w != 3 {
		t.Errorf("raw weight = %v, want 3", w)
	}
	if !DefaultCaseOptions().QueryLogTF || DefaultCaseOptions().QueryOnce {
		t.Error("the shipped options should weigh query words 1+ln(count)")
	}
}

// RM3 feedback: the expanded query keeps the query's share, adds the
// feedback cases' likeliest words, and changes nothing when off.
func TestCaseFeedback(t *testing.T) {
	docs := syntheticCases()
	o := DefaultCaseOptions()
	o.FeedbackDocs, o.FeedbackTerms, o.FeedbackWeight = 2, 3, 0.4
	r := NewCaseRankerWith(docs, o)
	qtf := map[int32]float64{r.vocab["饼干"]: 1, r.vocab["销售"]: 1}
	fq := r.feedback(qtf, []int{0, 1}, []float64{1, 1})
	if fq == nil {
		t.Fatal("no expanded query")
	}
	var sum, qshare float64
	for t, w := range fq {
		sum += w
		if _, ok := qtf[t]; ok {
			qshare += w
		}
	}
	if math.Abs(sum-1) > 1e-9 {
		t.Errorf("expanded weights sum to %v, want 1", sum)
	}
	if qshare < 0.6-1e-9 {
		t.Errorf("the query's own words hold %v, want at least 1−0.4", qshare)
	}
	added := len(fq) - len(qtf)
	if added <= 0 || added > 3 {
		t.Errorf("%d words added, want 1 to 3: %v", added, fq)
	}
	// the words added are the feedback cases' own
	fb := r.feedback(qtf, []int{2, 3}, []float64{1, 1})
	for t2 := range fb {
		if _, ok := qtf[t2]; !ok && r.tf(t2, 2) == 0 && r.tf(t2, 3) == 0 {
			t.Errorf("%s added, in neither feedback case", r.words[t2])
		}
	}
	if r.feedback(qtf, []int{0}, []float64{0}) != nil {
		t.Error("feedback from cases of weight 0 should be nil")
	}
	off := r.WithOptions(DefaultCaseOptions())
	a := off.Rank("当事人销售过期饼干", CaseQuery{})
	b := NewCaseRanker(docs).Rank("当事人销售过期饼干", CaseQuery{})
	if len(a) != len(b) {
		t.Fatalf("off: %d hits against %d", len(a), len(b))
	}
	for i := range a {
		if a[i].ID != b[i].ID || a[i].Score != b[i].Score {
			t.Errorf("off, hit %d: %s %v against %s %v", i, a[i].ID, a[i].Score, b[i].ID, b[i].Score)
		}
	}
}

// The options fixed at build (the weight of the parts outside the facts,
// the soft charge agreement) survive WithOptions, and the rest weight
// changes the term weights as documented.
func TestCaseBuildOptionsKept(t *testing.T) {
	docs := []CaseDoc{{ID: "a", Title: "标题", Text: "经审理查明，被告人盗窃手机。本院认为，构成盗窃罪。"}}
	docs[0].Terms, docs[0].FactsTerms = CaseTermsParts(docs[0].Title, docs[0].Text)
	if docs[0].FactsTerms == 0 {
		t.Fatalf("no facts part in %q", docs[0].Text)
	}
	o := DefaultCaseOptions()
	o.RestWeight, o.ChargeSoft = 0.5, 0.5
	r := NewCaseRankerWith(docs, o)
	w := r.WithOptions(DefaultCaseOptions())
	if w.opt.RestWeight != 0.5 || w.opt.ChargeSoft != 0.5 {
		t.Errorf("WithOptions changed the built options: %+v", w.opt)
	}
	one := NewCaseRanker(docs)
	// 手机 is a fact (2 at rest weight 1, 1.5 at 0.5); 标题 only in the title (1, 0.5)
	for _, c := range []struct {
		word      string
		one, half float32
	}{{"手机", 2, 1.5}, {"标题", 1, 0.5}} {
		if got := one.tf(one.vocab[c.word], 0); got != c.one {
			t.Errorf("rest weight 1: tf(%s) = %v, want %v", c.word, got, c.one)
		}
		if got := r.tf(r.vocab[c.word], 0); got != c.half {
			t.Errorf("rest weight 0.5: tf(%s) = %v, want %v", c.word, got, c.half)
		}
	}
}
