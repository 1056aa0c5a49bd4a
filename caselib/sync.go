package caselib

import (
	"context"
	"fmt"
	"strings"
	"time"

	"zhifa/nlp"
	"zhifa/records"
	"zhifa/search"
)

// RecordsCollection is where the agency's own decided cases join the library.
const RecordsCollection = "本机关案例"

// RecordSource is what the sync reads from the system of record; a
// *records.Store is one. Only records' public API is used.
type RecordSource interface {
	ListDecidedCases(ctx context.Context, since time.Time) ([]records.Case, error)
	GetAgency(ctx context.Context, id string) (records.Agency, error)
}

// SyncResult counts what a sync did; IDs are the library ids written.
type SyncResult struct {
	Added     int      `json:"added"`
	Updated   int      `json:"updated"`
	Unchanged int      `json:"unchanged"`
	IDs       []string `json:"ids"`
}

// RecordCaseID is the library id of a records case: the same record always
// maps to the same library case, so syncing again updates, never duplicates.
func RecordCaseID(caseID string) string { return "rec-" + caseID }

// SyncFromRecords adds the decided cases of records (only caseIDs when given)
// to the library in RecordsCollection: facts, penalty basis and decision,
// masked with nlp.Redact as for disclosure, marked masked. A case a trainer
// moved to another collection stays there; tags, annotations and the mark
// are never touched.
func SyncFromRecords(ctx context.Context, lib *Library, src RecordSource, caseIDs ...string) (SyncResult, error) {
	res := SyncResult{IDs: []string{}}
	cs, err := src.ListDecidedCases(ctx, time.Time{})
	if err != nil {
		return res, fmt.Errorf("case library sync: %w", err)
	}
	only := map[string]bool{}
	for _, id := range caseIDs {
		only[id] = true
	}
	agencies, seen := map[string]string{}, map[string]bool{}
	for _, rc := range cs {
		if rc.Decision == nil || (len(only) > 0 && !only[rc.ID]) {
			continue
		}
		seen[rc.ID] = true
		name, ok := agencies[rc.AgencyID]
		if !ok {
			name = rc.AgencyID
			if a, err := src.GetAgency(ctx, rc.AgencyID); err == nil && a.Name != "" {
				name = a.Name
			}
			agencies[rc.AgencyID] = name
		}
		c := fromRecord(rc, name)
		old, err := lib.Case(ctx, c.ID)
		switch {
		case IsNotFound(err):
			res.Added++
		case err != nil:
			return res, err
		default:
			c.Collection = old.Collection
			if sameContent(old, c) {
				res.Unchanged++
				continue
			}
			res.Updated++
		}
		c.Terms = search.CaseTerms(c.Title, c.Text)
		if c.Terms == nil {
			c.Terms = []string{}
		}
		lib.Put(c)
		res.IDs = append(res.IDs, c.ID)
	}
	if err := lib.Save(); err != nil {
		return res, err
	}
	for _, id := range caseIDs {
		if !seen[id] { // asked for, but no decided case of records has that id
			return res, &NotFoundError{What: "decided case", ID: id}
		}
	}
	return res, nil
}

// fromRecord is the library case of a decided records case, masked.
func fromRecord(rc records.Case, agency string) *Case {
	d := rc.Decision
	var b strings.Builder
	b.WriteString(strings.TrimSpace(rc.Facts))
	if d.PenaltyBasis != "" {
		b.WriteString("\n处罚依据：" + d.PenaltyBasis)
	}
	outcome := strings.TrimSpace(d.Summary)
	if outcome == "" && d.Fine > 0 {
		outcome = fmt.Sprintf("罚款%s元", trimFloat(d.Fine))
	}
	if outcome != "" {
		b.WriteString("\n处罚决定：" + outcome)
	}
	text, _ := nlp.Redact(maskParties(b.String(), rc.Parties))
	title, _ := nlp.Redact(maskParties(rc.Title, rc.Parties))
	outcome, _ = nlp.Redact(maskParties(outcome, rc.Parties))
	fine := d.Fine
	return &Case{ID: RecordCaseID(rc.ID), Collection: RecordsCollection, Title: title, Text: text, Agency: agency,
		Date: d.Date, Kind: "行政处罚", PenaltyBasis: d.PenaltyBasis, Fine: &fine, Outcome: outcome, Masked: true}
}

func sameContent(a, b *Case) bool {
	fa, fb := -1.0, -1.0
	if a.Fine != nil {
		fa = *a.Fine
	}
	if b.Fine != nil {
		fb = *b.Fine
	}
	return a.Collection == b.Collection && a.Title == b.Title && a.Text == b.Text && a.Agency == b.Agency && a.Date == b.Date &&
		a.Kind == b.Kind && a.PenaltyBasis == b.PenaltyBasis && fa == fb && a.Outcome == b.Outcome && a.Masked == b.Masked
}

// maskParties replaces the names of the parties who are natural persons
// (张三 → 张某) wherever they occur: Redact finds names by their context
// (当事人张三), a title like 张三无证经营案 has none.
func maskParties(s string, parties []records.Party) string {
	for _, p := range parties {
		name := strings.TrimSpace(p.Name)
		if p.Kind != records.PartyPerson || name == "" {
			continue
		}
		if i := strings.IndexAny(name, "（("); i > 0 {
			name = name[:i]
		}
		// the masked form comes from Redact itself, given the context it needs
		masked, _ := nlp.Redact("当事人" + name)
		masked = strings.TrimPrefix(masked, "当事人")
		if masked == name || masked == "" {
			continue
		}
		s = strings.ReplaceAll(s, name, masked)
	}
	return s
}
