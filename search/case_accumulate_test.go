package search

import (
	"context"
	"fmt"
	"math/rand"
	"slices"
	"testing"
)

// syntheticLibrary is n synthetic decisions (（合成）) over a vocabulary where a
// few words are in nearly every case and most are rare, as in real libraries.
func syntheticLibrary(n int, seed int64) []CaseDoc {
	rng := rand.New(rand.NewSource(seed))
	vocab := make([]string, 3000)
	for i := range vocab {
		vocab[i] = fmt.Sprintf("词%d", i)
	}
	zipf := rand.NewZipf(rng, 1.1, 4, uint64(len(vocab)-1))
	kinds := []string{"行政处罚", "责令改正"}
	docs := make([]CaseDoc, n)
	for i := range docs {
		terms := []string{"（合成）", "当事人", "经查"}
		for k := 20 + rng.Intn(60); k > 0; k-- {
			terms = append(terms, vocab[zipf.Uint64()])
		}
		docs[i] = CaseDoc{ID: fmt.Sprintf("syn-%05d", i), Title: "（合成）案", Text: "（合成）", Kind: kinds[i%2], Terms: terms}
	}
	return docs
}

func TestAccumulateSameAsAll(t *testing.T) {
	docs := syntheticLibrary(20000, 1)
	for _, opt := range []CaseOptions{DefaultCaseOptions(), {K1: 1.2, B: 0.75}, {K1: 0.9, B: 1}} {
		r := NewCaseRankerWith(docs, opt)
		before := accumulatePruned.Load()
		for qi := 0; qi < 60; qi++ {
			terms := docs[(qi*7919)%len(docs)].Terms
			if qi%3 == 1 {
				terms = append(slices.Clone(terms), docs[(qi*104729)%len(docs)].Terms...)
			}
			qtf, _ := r.queryWeights(terms)
			q := CaseQuery{}
			if qi%4 == 3 {
				q.Kind = "责令改正"
			}
			got, err := r.accumulate(context.Background(), qtf, &q)
			if err != nil {
				t.Fatal(err)
			}
			// the same words in the same order: the same pool, in the same order
			same, _ := r.accumulateAll(context.Background(), qtf, &q, true)
			if !slices.Equal(got, same) {
				t.Fatalf("opt %+v query %d: pool %v… differs from scoring every posting %v…", opt, qi, got[:min(5, len(got))], same[:min(5, len(same))])
			}
			// the words in id order, as before: sums may differ in the last bit
			want, _ := r.accumulateAll(context.Background(), qtf, &q, false)
			if len(want) > caseRerankPool {
				t.Fatalf("reference pool of %d", len(want))
			}
			g, w := slices.Clone(got), slices.Clone(want)
			slices.Sort(g)
			slices.Sort(w)
			if !slices.Equal(g, w) {
				t.Fatalf("opt %+v query %d: pool of %d differs from the reference's %d", opt, qi, len(g), len(w))
			}
		}
		if accumulatePruned.Load() == before {
			t.Errorf("opt %+v: no lookup was pruned; the test does not exercise the bound", opt)
		}
	}
}

func TestKthLargest(t *testing.T) {
	rng := rand.New(rand.NewSource(2))
	for it := 0; it < 500; it++ {
		vs := make([]float64, 1+rng.Intn(50))
		for i := range vs {
			vs[i] = float64(rng.Intn(8))
		}
		k := 1 + rng.Intn(len(vs))
		s := slices.Clone(vs)
		slices.Sort(s)
		if got, want := kthLargest(vs, k), s[len(s)-k]; got != want {
			t.Fatalf("k=%d of %v: %v, want %v", k, s, got, want)
		}
	}
}
