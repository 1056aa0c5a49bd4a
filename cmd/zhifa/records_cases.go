package main

import (
	"context"
)

func init() {
	registerCasesSub("list", runCasesList)
	registerCasesSub("show", runCasesShow)
}

// caseSummary is one element of `zhifa cases list`.
type caseSummary struct {
	ID        string  `json:"id"`
	CaseNo    string  `json:"case_no"`
	Status    string  `json:"status"`
	Title     string  `json:"title"`
	AgencyID  string  `json:"agency_id"`
	PowerItem string  `json:"power_item_id"`
	Procedure string  `json:"procedure"`
	OpenedOn  string  `json:"opened_on"`
	Party     string  `json:"party"`
	Fine      float64 `json:"fine,omitempty"`
	Synthetic bool    `json:"synthetic,omitempty"`
}

func runCasesList(ctx context.Context, env *cmdEnv, args []string) error {
	fs := newFlagSet("cases list")
	pos, err := fs.parse(args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("unexpected argument %q", pos[0])
	}
	s, err := openRecords(ctx, fs)
	if err != nil {
		return err
	}
	defer s.Close()
	cases, err := s.ListCases(ctx)
	if err != nil {
		return err
	}
	out := make([]caseSummary, 0, len(cases))
	for _, c := range cases {
		cs := caseSummary{ID: c.ID, CaseNo: c.CaseNo, Status: c.Status, Title: c.Title, AgencyID: c.AgencyID, PowerItem: c.PowerItemID, Procedure: c.Procedure, OpenedOn: c.OpenedOn, Synthetic: c.Synthetic}
		if len(c.Parties) > 0 {
			cs.Party = c.Parties[0].Name
		}
		if c.Decision != nil {
			cs.Fine = c.Decision.Fine
		}
		out = append(out, cs)
	}
	return writeJSON(env.stdout, out)
}

func runCasesShow(ctx context.Context, env *cmdEnv, args []string) error {
	fs := newFlagSet("cases show")
	actor := actorFlag(fs)
	pos, err := fs.parse(args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("usage: zhifa cases show ID [--actor NAME]")
	}
	s, err := openRecords(ctx, fs)
	if err != nil {
		return err
	}
	defer s.Close()
	c, err := s.GetCase(ctx, pos[0], *actor)
	if err != nil {
		return err
	}
	ev, err := s.ListEvidence(ctx, c.ID)
	if err != nil {
		return err
	}
	docs, err := s.ListDocuments(ctx, c.ID)
	if err != nil {
		return err
	}
	return writeJSON(env.stdout, map[string]any{"case": c, "evidence": ev, "documents": docs})
}
