package rules

import (
	"math"
	"sort"
)

// DecidedFine is a decided similar case with its fine, for consistency checks
// (同案同罚). Similarity is the ranking's score (0..1+), Basis the penalty basis
// (benchmark entry or citation).
type DecidedFine struct {
	ID         string  `json:"id"`
	Title      string  `json:"title,omitempty"`
	Basis      string  `json:"penalty_basis,omitempty"`
	Fine       float64 `json:"fine"`
	Similarity float64 `json:"similarity,omitempty"`
	// Reasons says why the case counts as similar (search.CaseHit.Reasons).
	Reasons []string `json:"reasons,omitempty"`
}

// FineConsistency says where a proposed fine falls among similar decided cases.
type FineConsistency struct {
	Proposed   float64       `json:"proposed"`
	Basis      string        `json:"penalty_basis,omitempty"`
	Cases      int           `json:"cases"`
	Percentile float64       `json:"percentile"` // share of cases with a lower fine, ties half, 0..100
	Median     float64       `json:"median"`
	Min        float64       `json:"min"`
	Max        float64       `json:"max"`
	Outlier    bool          `json:"outlier"`
	Warning    string        `json:"warning,omitempty"`
	Because    []DecidedFine `json:"because,omitempty"` // the cases that make it an outlier
}

// ConsistencyOptions: Factor is how many times above/below the median is an
// outlier (default 2); MinCases is the fewest comparable cases to judge (default 3).
type ConsistencyOptions struct {
	Factor   float64
	MinCases int
}

func (o ConsistencyOptions) norm() ConsistencyOptions {
	if o.Factor <= 1 {
		o.Factor = 2
	}
	if o.MinCases <= 0 {
		o.MinCases = 3
	}
	return o
}

// CheckFine places a proposed fine among similar decided cases under the same
// penalty basis (all of them when basis is "").
func CheckFine(proposed float64, basis string, similar []DecidedFine, o ConsistencyOptions) FineConsistency {
	o = o.norm()
	var cs []DecidedFine
	for _, c := range similar {
		if basis == "" || c.Basis == basis {
			cs = append(cs, c)
		}
	}
	r := FineConsistency{Proposed: proposed, Basis: basis, Cases: len(cs)}
	if len(cs) == 0 {
		r.Warning = "没有同一处罚依据下的相似已决案件可比"
		return r
	}
	f := make([]float64, len(cs))
	var below, equal float64
	for i, c := range cs {
		f[i] = c.Fine
		switch {
		case c.Fine < proposed:
			below++
		case c.Fine == proposed:
			equal++
		}
	}
	sort.Float64s(f)
	r.Min, r.Max = f[0], f[len(f)-1]
	if n := len(f); n%2 == 1 {
		r.Median = f[n/2]
	} else {
		r.Median = (f[n/2-1] + f[n/2]) / 2
	}
	r.Percentile = math.Round((below+equal/2)/float64(len(f))*1000) / 10
	if len(cs) < o.MinCases {
		r.Warning = "可比案件过少，不作偏离判断"
		return r
	}
	high := r.Median > 0 && proposed > r.Median*o.Factor
	low := proposed < r.Median/o.Factor
	if !high && !low {
		return r
	}
	r.Outlier = true
	if high {
		r.Warning = "拟处罚款明显高于相似案件"
	} else {
		r.Warning = "拟处罚款明显低于相似案件"
	}
	for _, c := range cs {
		if (high && c.Fine*o.Factor < proposed) || (low && c.Fine > proposed*o.Factor) {
			r.Because = append(r.Because, c)
		}
	}
	sort.Slice(r.Because, func(i, j int) bool {
		if r.Because[i].Similarity != r.Because[j].Similarity {
			return r.Because[i].Similarity > r.Because[j].Similarity
		}
		return r.Because[i].ID < r.Because[j].ID
	})
	return r
}

// UnequalPair is a pair of highly similar cases whose fines differ by more
// than the factor (同案不同罚).
type UnequalPair struct {
	A          DecidedFine `json:"a"`
	B          DecidedFine `json:"b"`
	Similarity float64     `json:"similarity"`
	Ratio      float64     `json:"ratio"`
}

// SimilarPair is a pair of cases and their similarity, from the ranking.
type SimilarPair struct {
	A, B       string
	Similarity float64
}

// UnequalPenalties returns the pairs with similarity ≥ minSim whose fines
// differ by more than factor (larger / smaller), largest ratio first.
func UnequalPenalties(fines map[string]DecidedFine, pairs []SimilarPair, minSim, factor float64) []UnequalPair {
	if factor <= 1 {
		factor = 2
	}
	out := []UnequalPair{}
	seen := map[[2]string]bool{}
	for _, p := range pairs {
		if p.Similarity < minSim || p.A == p.B {
			continue
		}
		a, okA := fines[p.A]
		b, okB := fines[p.B]
		if !okA || !okB {
			continue
		}
		k := [2]string{p.A, p.B}
		if p.B < p.A {
			k = [2]string{p.B, p.A}
		}
		if seen[k] {
			continue
		}
		seen[k] = true
		lo, hi := math.Min(a.Fine, b.Fine), math.Max(a.Fine, b.Fine)
		if hi <= 0 {
			continue
		}
		ratio := math.Inf(1)
		if lo > 0 {
			ratio = hi / lo
		}
		if ratio > factor {
			if a.ID > b.ID {
				a, b = b, a
			}
			r := ratio
			if math.IsInf(r, 1) {
				r = 0 // JSON has no infinity: 0 marks "one fine is zero"
			}
			out = append(out, UnequalPair{A: a, B: b, Similarity: p.Similarity, Ratio: math.Round(r*100) / 100})
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Similarity != out[j].Similarity {
			return out[i].Similarity > out[j].Similarity
		}
		return out[i].A.ID+out[i].B.ID < out[j].A.ID+out[j].B.ID
	})
	return out
}
