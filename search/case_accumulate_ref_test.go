package search

import (
	"context"
	"math"
	"sort"
)

// accumulateAll is the accumulation as it was before the pruning: every
// posting of every query word, terms in id order (rarest first with
// rarest), all candidates sorted. The reference TestAccumulateSameAsAll
// compares with: in the same order the sums are the same to the bit.
func (r *CaseRanker) accumulateAll(ctx context.Context, qtf map[int32]float64, q *CaseQuery, rarest bool) ([]int, error) {
	acc := make([]float64, len(r.docs))
	n := float64(len(r.docs))
	k1, b := r.opt.bm25()
	terms := make([]int32, 0, len(qtf))
	for t := range qtf {
		terms = append(terms, t)
	}
	sort.Slice(terms, func(a, b int) bool { return terms[a] < terms[b] })
	if rarest {
		sort.SliceStable(terms, func(a, b int) bool { return len(r.post[terms[a]]) < len(r.post[terms[b]]) })
	}
	walked := 0
	for _, t := range terms {
		// a long facts text has thousands of terms, a common one postings
		// in most of the library
		if walked += len(r.post[t]); walked >= rankCheckEvery {
			walked = 0
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
		df := float64(r.df[t])
		idf := math.Log(1 + (n-df+0.5)/(df+0.5))
		w := qtf[t] * idf * (k1 + 1)
		tfs := r.ptf[t]
		for k, d := range r.post[t] {
			f := float64(tfs[k])
			acc[d] += w * f / (f + k1*(1-b+b*float64(r.docs[d].length)/r.avgLen))
		}
	}
	var cand []int
	filtered := q.filtered()
	for i, v := range acc {
		if v > 0 && (!filtered || q.keep(&r.docs[i].doc)) {
			cand = append(cand, i)
		}
	}
	if len(cand) > caseRerankPool {
		sort.Slice(cand, func(a, b int) bool {
			if acc[cand[a]] != acc[cand[b]] {
				return acc[cand[a]] > acc[cand[b]]
			}
			return cand[a] < cand[b]
		})
		cand = cand[:caseRerankPool]
	}
	return cand, nil
}
