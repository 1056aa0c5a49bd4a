package caselib

import (
	"sort"

	"zhifa/rules"
	"zhifa/search"
)

// UnequalReport (同案不同罚) ranks each fined case's own text against the library and
// pairs it with its nearest fined neighbours. rk is the ranking of the whole
// library to use (the server's; the cases of coll are then ranked among
// themselves by it), or nil to build one over coll.
func (lib *Library) UnequalReport(rk *search.CaseRanker, coll string, minSim, factor float64) []rules.UnequalPair {
	q := search.CaseQuery{Top: 6}
	if rk == nil {
		rk = lib.Ranker(coll)
	} else {
		q.Collection = coll
	}
	fines := map[string]rules.DecidedFine{}
	var pairs []rules.SimilarPair
	for _, c := range lib.Cases(coll) {
		if c.Fine == nil {
			continue
		}
		fines[c.ID] = rules.DecidedFine{ID: c.ID, Title: c.Title, Basis: c.PenaltyBasis, Fine: *c.Fine}
	}
	// in id order: of a pair seen from both sides the first is kept, so map
	// order would change the similarity reported from one run to the next
	ids := make([]string, 0, len(fines))
	for id := range fines {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		c := lib.Get(id)
		hits := rk.Rank(c.Text, q)
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
