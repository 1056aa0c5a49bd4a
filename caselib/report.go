package caselib

import (
	"zhifa/rules"
	"zhifa/search"
)

// UnequalReport (同案不同罚) ranks each fined case's own text against the library and
// pairs it with its nearest fined neighbours.
func (lib *Library) UnequalReport(coll string, minSim, factor float64) []rules.UnequalPair {
	rk := lib.Ranker(coll)
	fines := map[string]rules.DecidedFine{}
	var pairs []rules.SimilarPair
	for _, c := range lib.Cases(coll) {
		if c.Fine == nil {
			continue
		}
		fines[c.ID] = rules.DecidedFine{ID: c.ID, Title: c.Title, Basis: c.PenaltyBasis, Fine: *c.Fine}
	}
	for id := range fines {
		c := lib.Get(id)
		hits := rk.Rank(c.Text, search.CaseQuery{Top: 6})
		var self float64
		for _, h := range hits {
			if h.ID == id {
				self = h.Score
			}
		}
		if self == 0 {
			continue
		}
		for _, h := range hits {
			if h.ID != id {
				pairs = append(pairs, rules.SimilarPair{A: id, B: h.ID, Similarity: h.Score / self})
			}
		}
	}
	return rules.UnequalPenalties(fines, pairs, minSim, factor)
}
