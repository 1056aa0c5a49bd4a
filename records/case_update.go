package records

import (
	"context"
	"database/sql"
	"fmt"
	"time"
)

// UpdateCase replaces what may be edited in a case — title, parties, facts,
// amounts, circumstances, officers, the power item, and the procedure while
// no step is recorded. The record's own fields (case number, agency, filing
// day, status, decision) are kept; naming another value for one is a
// *FieldError. A closed (结案) or archived (归档) case is a *ConflictError
// naming status: its record can no longer change.
func (s *Store) UpdateCase(ctx context.Context, c Case, actor string) (Case, error) {
	if err := need("id", c.ID); err != nil {
		return c, err
	}
	old, err := getJSON[Case](ctx, s, s.db, "cases", "case", c.ID)
	if err != nil {
		return c, err
	}
	if err := caseWritable(old); err != nil {
		return c, err
	}
	for _, f := range []struct{ field, got, have string }{
		{"case_no", c.CaseNo, old.CaseNo},
		{"agency_id", c.AgencyID, old.AgencyID},
		{"opened_on", c.OpenedOn, old.OpenedOn},
		{"status", c.Status, old.Status},
	} {
		if f.got != "" && f.got != f.have {
			return c, &FieldError{Field: f.field, Message: fmt.Sprintf("is %q and cannot be changed by an update", f.have)}
		}
	}
	c.CaseNo, c.AgencyID, c.OpenedOn = old.CaseNo, old.AgencyID, old.OpenedOn
	if c.PowerItemID == "" {
		c.PowerItemID = old.PowerItemID
	}
	item, err := s.GetPowerItem(ctx, c.PowerItemID)
	if err != nil {
		return c, refError("power_item_id", err)
	}
	if item.AgencyID != c.AgencyID {
		return c, &FieldError{Field: "power_item_id", Message: "power item " + item.ID + " is not on the list of agency " + c.AgencyID}
	}
	if c.Procedure == "" {
		c.Procedure = old.Procedure
	}
	if c.Procedure != ProcedureNormal && c.Procedure != ProcedureSimple {
		return c, &FieldError{Field: "procedure", Message: fmt.Sprintf("%q is not simple or normal", c.Procedure)}
	}
	if err := validateParties(c.Parties); err != nil {
		return c, err
	}
	if err := validateAmounts(c.Amounts); err != nil {
		return c, err
	}
	if err := s.checkCaseOfficers(ctx, c, item); err != nil {
		return c, err
	}
	err = s.write(ctx, func(tx *sql.Tx) error {
		cur, err := getJSON[Case](ctx, s, tx, "cases", "case", c.ID) // as of this transaction: a step may have closed it
		if err != nil {
			return err
		}
		if err := caseWritable(cur); err != nil {
			return err
		}
		var steps int
		if err := tx.QueryRowContext(ctx, s.Rebind(`SELECT COUNT(*) FROM steps WHERE case_id = ?`), c.ID).Scan(&steps); err != nil {
			return err
		}
		if steps > 0 && c.Procedure != cur.Procedure {
			return &FieldError{Field: "procedure", Message: "is " + cur.Procedure + " and cannot change once steps are recorded"}
		}
		var decidedAt string
		if err := tx.QueryRowContext(ctx, s.Rebind(`SELECT decided_at FROM cases WHERE id = ?`), c.ID).Scan(&decidedAt); err != nil {
			return err
		}
		c.Status, c.Decision, c.CreatedAt = cur.Status, cur.Decision, cur.CreatedAt
		c.Synthetic = c.Synthetic || cur.Synthetic
		c.Steps, c.Warnings = nil, nil
		c.UpdatedAt = time.Now().UTC().Truncate(time.Millisecond)
		return s.putJSON(ctx, tx, "cases", "case", c.ID, []string{"case_no", "agency_id", "status", "decided_at"}, []any{c.CaseNo, c.AgencyID, c.Status, decidedAt}, c, actor)
	})
	return c, err
}

// caseWritable refuses a change to a closed or archived case (409 naming status).
func caseWritable(c Case) error {
	switch c.Status {
	case StatusArchived:
		return &ConflictError{Code: "conflict", Field: "status", Message: "case " + c.ID + " is archived (归档); its record can no longer change"}
	case StatusClosed:
		return &ConflictError{Code: "conflict", Field: "status", Message: "case " + c.ID + " is closed (结案); its record can no longer change"}
	}
	return nil
}
