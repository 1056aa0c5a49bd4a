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
	register(&command{name: "disputes", summary: "dispute points a party is likely to contest (JSON case on stdin)", run: runDisputes})
}

// disputesInput is rules.DisputeCase plus the large-fine threshold for hearings.
type disputesInput struct {
	rules.DisputeCase
	LargeFine float64 `json:"large_fine"`
}

// similarContested is what was contested in a similar library case (its tags).
type similarContested struct {
	ID    string   `json:"id"`
	Title string   `json:"title"`
	Tags  []string `json:"tags"`
}

// runDisputes: zhifa disputes --data DIR < case.json
func runDisputes(ctx context.Context, env *cmdEnv, args []string) error {
	fs := newFlagSet("disputes")
	if _, err := fs.parse(args); err != nil {
		return err
	}
	dir, err := fs.dataDir()
	if err != nil {
		return err
	}
	b, err := readAllStdin(env, 4<<20)
	if err != nil {
		return err
	}
	var in disputesInput
	dec := json.NewDecoder(strings.NewReader(string(b)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&in); err != nil {
		return usagef("stdin: a JSON case {\"facts\",\"evidence\",\"amounts\",\"penalty_basis\",\"act_date\",\"decision_date\",\"steps\",\"fine\",\"hearing_offered\",\"prior_penalties\",\"no_fault_claim\",\"large_fine\"}: %v", err)
	}
	out := struct {
		Points  []rules.DisputePoint `json:"points"`
		Similar []similarContested   `json:"similar_contested"`
	}{Points: rules.DisputePoints(in.DisputeCase, in.LargeFine), Similar: []similarContested{}}
	if strings.TrimSpace(in.Facts) != "" {
		lib, err := caselib.Open(dir)
		if err != nil {
			return err
		}
		defer lib.Close()
		if lib.Len() > 0 {
			for _, h := range lib.Ranker("").Rank(in.Facts, search.CaseQuery{Top: 5}) {
				if c := lib.Get(h.ID); c != nil && len(c.Tags) > 0 {
					out.Similar = append(out.Similar, similarContested{ID: c.ID, Title: c.Title, Tags: c.Tags})
				}
			}
		}
	}
	return writeJSON(env.stdout, out)
}
