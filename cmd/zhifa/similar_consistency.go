package main

import (
	"context"
	"encoding/json"
	"strings"

	"zhifa/caselib"
	"zhifa/rules"
	"zhifa/search"
)

func init() {
	register(&command{name: "consistency", summary: "where a proposed fine falls among similar decided cases (JSON on stdin); --report unequal for 同案不同罚 pairs", run: runConsistency})
}

// consistencyInput is the stdin of `zhifa consistency`.
type consistencyInput struct {
	Facts        string  `json:"facts"`
	ProposedFine float64 `json:"proposed_fine"`
	PenaltyBasis string  `json:"penalty_basis"`
	Collection   string  `json:"collection"`
	Top          int     `json:"top"`
	Factor       float64 `json:"factor"`
}

// runConsistency: zhifa consistency [--report unequal [--factor F] [--min-sim S]] --data DIR
func runConsistency(ctx context.Context, env *cmdEnv, args []string) error {
	fs := newFlagSet("consistency")
	report := fs.String("report", "", "unequal: pairs of highly similar cases with fines differing by more than --factor")
	factor := fs.Float64("factor", 2, "fine ratio that counts as unequal / outlier")
	minSim := fs.Float64("min-sim", 0.8, "similarity (0..1, relative to the case itself) for a pair")
	coll := fs.String("collection", "", "collection (report)")
	if _, err := fs.parse(args); err != nil {
		return err
	}
	dir, err := fs.dataDir()
	if err != nil {
		return err
	}
	lib, err := caselib.Open(dir)
	if err != nil {
		return err
	}
	defer lib.Close()
	if *report != "" {
		if *report != "unequal" {
			return usagef("--report: only \"unequal\" is known")
		}
		return writeJSON(env.stdout, map[string]any{"pairs": lib.UnequalReport(nil, *coll, *minSim, *factor)})
	}
	b, err := readAllStdin(env, 4<<20)
	if err != nil {
		return err
	}
	var in consistencyInput
	dec := json.NewDecoder(strings.NewReader(string(b)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&in); err != nil {
		return usagef("stdin: a JSON object {\"facts\",\"proposed_fine\",\"penalty_basis\"…}: %v", err)
	}
	if strings.TrimSpace(in.Facts) == "" {
		return usagef("facts: required")
	}
	if in.ProposedFine < 0 {
		return usagef("proposed_fine: must not be negative")
	}
	if in.Top <= 0 {
		in.Top = 30
	}
	if in.Factor == 0 {
		in.Factor = *factor
	}
	rk := lib.Ranker(in.Collection)
	hits := rk.Rank(in.Facts, search.CaseQuery{Top: 200})
	var sim []rules.DecidedFine
	var maxScore float64
	for _, h := range hits {
		if h.Score > maxScore {
			maxScore = h.Score
		}
	}
	for _, h := range hits {
		c := lib.Get(h.ID)
		if c == nil || c.Fine == nil {
			continue
		}
		sim = append(sim, rules.DecidedFine{ID: c.ID, Title: c.Title, Basis: c.PenaltyBasis, Fine: *c.Fine, Similarity: h.Score / maxScore, Reasons: h.Reasons})
		if len(sim) == in.Top {
			break
		}
	}
	return writeJSON(env.stdout, rules.CheckFine(in.ProposedFine, in.PenaltyBasis, sim, rules.ConsistencyOptions{Factor: in.Factor}))
}
