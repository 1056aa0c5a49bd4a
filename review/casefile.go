package review

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"time"

	"zhifa/records"
	"zhifa/rules"
	"zhifa/warnings"
)

// LoadCaseFile gathers what the checklist reads about a case from the
// records: the case and its steps, agency, power item, officers, evidence
// (each file re-hashed), the latest documents and their text, decided cases
// under the same basis, and the latest review round's proposal and transfer note.
func LoadCaseFile(ctx context.Context, st *records.Store, caseID, actor string, now time.Time) (CaseFile, error) {
	c, err := st.GetCase(ctx, caseID, actor)
	if err != nil {
		return CaseFile{}, err
	}
	cf := CaseFile{Case: c, Officers: map[string]records.Officer{}, EvidenceBad: map[string]string{}, DocText: map[string]string{}, Today: now.In(cst).Format("2006-01-02")}
	if a, err := st.GetAgency(ctx, c.AgencyID); err == nil {
		cf.Agency = &a
	} else if !isNotFound(err) {
		return cf, err
	}
	if p, err := st.GetPowerItem(ctx, c.PowerItemID); err == nil {
		cf.PowerItem = &p
	} else if !isNotFound(err) {
		return cf, err
	}
	for _, id := range c.OfficerIDs {
		if o, err := st.GetOfficer(ctx, id); err == nil {
			cf.Officers[id] = o
		} else if !isNotFound(err) {
			return cf, err
		}
	}
	if cf.Evidence, err = st.ListEvidence(ctx, c.ID); err != nil {
		return cf, err
	}
	for _, e := range cf.Evidence {
		if why := verifyFile(st, e.SHA256); why != "" {
			cf.EvidenceBad[e.ID] = why
		}
	}
	docs, err := st.ListDocuments(ctx, c.ID)
	if err != nil {
		return cf, err
	}
	latest := map[string]int{}
	for _, d := range docs {
		if i, ok := latest[d.Kind]; !ok || d.Version > cf.Documents[i].Version {
			if ok {
				cf.Documents[i] = d
			} else {
				latest[d.Kind] = len(cf.Documents)
				cf.Documents = append(cf.Documents, d)
			}
		}
	}
	for _, d := range cf.Documents {
		if b, err := st.ReadFile(d.SHA256); err == nil {
			cf.DocText[d.ID] = records.DocumentText(b)
		}
	}
	var rv Review
	if err := st.GetObject(ctx, reviewKind, reviewID(c.ID), &rv); err == nil && len(rv.Rounds) > 0 {
		last := rv.Rounds[len(rv.Rounds)-1]
		cf.TransferNote = last.TransferNote
		if c.Decision == nil {
			cf.Proposed = last.Proposed
		}
	} else if err != nil && !isNotFound(err) {
		return cf, err
	}
	if c.Decision != nil {
		cf.Proposed = c.Decision
	}
	if cf.Proposed != nil {
		decided, err := st.ListDecidedCases(ctx, time.Time{})
		if err != nil {
			return cf, err
		}
		for _, o := range decided {
			if o.Decision != nil && o.Decision.PenaltyBasis == cf.Proposed.PenaltyBasis {
				cf.Similar = append(cf.Similar, rules.DecidedFine{ID: o.ID, Title: o.Title, Basis: o.Decision.PenaltyBasis, Fine: o.Decision.Fine})
			}
		}
	}
	cat, err := CatalogFor(ctx, st, c.AgencyID)
	if err != nil {
		return cf, err
	}
	cf.Catalog = cat
	if cf.Extensions, err = warnings.ListExtensions(ctx, st, c.ID); err != nil {
		return cf, err
	}
	cf.Scope = ScopeOf(cat, FactsOf(c, c.Steps, cf.Proposed))
	return cf, nil
}

// CaseChecklist loads the case file and fills in its checklist.
func CaseChecklist(ctx context.Context, st *records.Store, caseID, actor string, now time.Time) (Checklist, error) {
	cf, err := LoadCaseFile(ctx, st, caseID, actor, now)
	if err != nil {
		return Checklist{}, err
	}
	return Check(cf), nil
}

// CaseScope is the review scope of a case as recorded (with the latest round's proposal).
func CaseScope(ctx context.Context, st *records.Store, caseID, actor string) (Scope, error) {
	c, err := st.GetCase(ctx, caseID, actor)
	if err != nil {
		return Scope{}, err
	}
	proposed := c.Decision
	if proposed == nil {
		var rv Review
		if err := st.GetObject(ctx, reviewKind, reviewID(c.ID), &rv); err == nil && len(rv.Rounds) > 0 {
			proposed = rv.Rounds[len(rv.Rounds)-1].Proposed
		} else if err != nil && !isNotFound(err) {
			return Scope{}, err
		}
	}
	cat, err := CatalogFor(ctx, st, c.AgencyID)
	if err != nil {
		return Scope{}, err
	}
	return ScopeOf(cat, FactsOf(c, c.Steps, proposed)), nil
}

func isNotFound(err error) bool { return errors.As(err, new(*records.NotFoundError)) }

// verifyFile re-hashes a stored file; it returns why it does not verify, or "".
func verifyFile(st *records.Store, sum string) string {
	b, err := st.ReadFile(sum)
	if err != nil {
		return "the file cannot be read: " + err.Error()
	}
	h := sha256.Sum256(b)
	if got := hex.EncodeToString(h[:]); got != sum {
		return "SHA-256 is " + got + ", the record says " + sum
	}
	return ""
}
