package search

import "testing"

// The per-case term frequencies (read from the postings) answer as the counts do,
// and postings keep their documents and frequencies in document order.
func TestCaseEntryTermFrequencies(t *testing.T) {
	docs := []CaseDoc{
		{ID: "a", Terms: []string{"盗窃", "手机", "盗窃", "超市", "盗窃"}},
		{ID: "b", Terms: []string{"手机", "诈骗", "手机"}},
		{ID: "c", Terms: []string{}},
	}
	r := NewCaseRanker(docs)
	for i, d := range docs {
		want := map[string]float32{}
		for _, w := range d.Terms {
			want[w]++
		}
		for w, id := range r.vocab {
			if got := r.tf(id, i); got != want[w] {
				t.Errorf("doc %s: tf(%s) = %v, want %v", d.ID, w, got, want[w])
			}
		}
	}
	if p, f := r.post[r.vocab["手机"]], r.ptf[r.vocab["手机"]]; len(p) != 2 || p[0] != 0 || p[1] != 1 || f[0] != 1 || f[1] != 2 {
		t.Errorf("postings of 手机: %v %v", p, f)
	}
	if got := r.tf(int32(len(r.words)), 0); got != 0 {
		t.Errorf("tf of an unknown term = %v", got)
	}
}
