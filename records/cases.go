package records

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"time"

	"zhifa/nlp"
)

// validateParties checks every party's kind, name and identifier.
func validateParties(ps []Party) error {
	if len(ps) == 0 {
		return &FieldError{Field: "parties", Message: "at least one party is required"}
	}
	for i, p := range ps {
		f := "parties[" + strconv.Itoa(i) + "]."
		if err := need(f+"name", p.Name); err != nil {
			return err
		}
		switch p.Kind {
		case PartyPerson:
			if err := nlp.ValidateIDNumber(p.IDNumber); err != nil {
				return &FieldError{Field: f + "id_number", Message: err.Error()}
			}
		case PartyOrganization:
			if err := nlp.ValidateCreditCode(p.CreditCode); err != nil {
				return &FieldError{Field: f + "credit_code", Message: err.Error()}
			}
		default:
			return &FieldError{Field: f + "kind", Message: fmt.Sprintf("%q is not person or organization", p.Kind)}
		}
		if p.Phone != "" {
			if err := nlp.ValidateMobile(p.Phone); err != nil {
				return &FieldError{Field: f + "phone", Message: err.Error()}
			}
		}
	}
	return nil
}

// CreateCase validates and stores a new case. At least two officers must hold a
// certificate valid for the power item's category on the filing day
// (行政处罚法 第四十二条).
func (s *Store) CreateCase(ctx context.Context, c Case, actor string) (Case, error) {
	if err := need("agency_id", c.AgencyID); err != nil {
		return c, err
	}
	if _, err := s.GetAgency(ctx, c.AgencyID); err != nil {
		return c, refError("agency_id", err)
	}
	if err := need("power_item_id", c.PowerItemID); err != nil {
		return c, err
	}
	item, err := s.GetPowerItem(ctx, c.PowerItemID)
	if err != nil {
		return c, refError("power_item_id", err)
	}
	if c.Procedure == "" {
		c.Procedure = ProcedureNormal
	}
	if c.Procedure != ProcedureNormal && c.Procedure != ProcedureSimple {
		return c, &FieldError{Field: "procedure", Message: fmt.Sprintf("%q is not simple or normal", c.Procedure)}
	}
	if c.OpenedOn == "" {
		c.OpenedOn = time.Now().Format("2006-01-02")
	}
	if err := pastDate("opened_on", c.OpenedOn, true); err != nil {
		return c, err
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
	if c.ID == "" {
		c.ID = newID("case-")
	} else if _, err := getJSON[Case](ctx, s, s.db, "cases", "case", c.ID); err == nil {
		return c, existsError("case", c.ID) // before a case number is spent
	}
	if c.CaseNo == "" {
		a, _ := s.GetAgency(ctx, c.AgencyID)
		year, _ := strconv.Atoi(c.OpenedOn[:4])
		n, err := s.NextDocumentNumber(ctx, c.AgencyID, year, "case")
		if err != nil {
			return c, err
		}
		c.CaseNo = fmt.Sprintf("%s立字〔%d〕%d号", a.Profile.CaseNoPrefix, year, n)
	}
	c.Status = StatusOpen
	c.Decision = nil
	c.Steps, c.Warnings = nil, nil
	c.CreatedAt = time.Now().UTC().Truncate(time.Millisecond)
	c.UpdatedAt = c.CreatedAt
	err = s.write(ctx, func(tx *sql.Tx) error {
		var n int
		if err := tx.QueryRowContext(ctx, s.Rebind(`SELECT COUNT(*) FROM cases WHERE agency_id = ? AND case_no = ?`), c.AgencyID, c.CaseNo).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return &FieldError{Field: "case_no", Message: "case number " + c.CaseNo + " is already used by this agency"}
		}
		return s.insertJSON(ctx, tx, "cases", "case", c.ID, []string{"case_no", "agency_id", "status", "decided_at"}, []any{c.CaseNo, c.AgencyID, c.Status, ""}, c, actor)
	})
	return c, err
}

// checkCaseOfficers checks that at least two officers are listed, once each,
// holding a certificate valid for the power item's category on the filing day.
func (s *Store) checkCaseOfficers(ctx context.Context, c Case, item PowerItem) error {
	if len(c.OfficerIDs) < 2 {
		return &FieldError{Field: "officer_ids", Message: "at least two enforcement officers are required (行政处罚法 第四十二条)"}
	}
	seen := map[string]bool{}
	for i, id := range c.OfficerIDs {
		f := "officer_ids[" + strconv.Itoa(i) + "]"
		if seen[id] {
			return &FieldError{Field: f, Message: "officer " + id + " is listed twice"}
		}
		seen[id] = true
		o, err := s.GetOfficer(ctx, id)
		if err != nil {
			return refError(f, err)
		}
		if !o.Certificate.Covers(item.Category, c.OpenedOn) {
			return &FieldError{Field: f, Message: fmt.Sprintf("officer %s (%s) holds no certificate valid for %q on %s", o.Name, o.ID, item.Category, c.OpenedOn)}
		}
	}
	return nil
}

// GetCase returns a case with its steps and deadline warnings, and logs the
// read — unless ctx comes from WithoutReadLog, where the caller logs the
// reads that count.
func (s *Store) GetCase(ctx context.Context, id, actor string) (Case, error) {
	c, err := s.CaseRecord(ctx, id)
	if err != nil {
		return c, err
	}
	if c.Steps, err = s.Steps(ctx, id); err != nil {
		return c, err
	}
	c.Warnings = Deadlines(ctx, s, c, time.Now())
	if ctx.Value(noReadLogKey{}) != nil {
		return c, nil
	}
	return c, s.LogAccess(ctx, id, actor, "read")
}

// CaseRecord returns the case as stored, without its steps, and logs nothing:
// for deciding whether someone may see the case at all.
func (s *Store) CaseRecord(ctx context.Context, id string) (Case, error) {
	return getJSON[Case](ctx, s, s.db, "cases", "case", id)
}

type noReadLogKey struct{}

// WithoutReadLog returns a context in which GetCase does not log its read.
// The web layer uses it: it logs a read once per request, and only when the
// reader is not on the case (see docs/roles.md, "Data scope").
func WithoutReadLog(ctx context.Context) context.Context {
	return context.WithValue(ctx, noReadLogKey{}, true)
}

// CaseCreator is the login that created the case (the actor of its first
// audit chain entry), "" when the chain has none.
func (s *Store) CaseCreator(ctx context.Context, id string) (string, error) {
	var actor string
	err := s.db.QueryRowContext(ctx, s.Rebind(`SELECT actor FROM audit WHERE entity = 'case' AND entity_id = ? ORDER BY seq LIMIT 1`), id).Scan(&actor)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	return actor, err
}

// LogAccess records a read of a case (调阅): a row of the access log and an
// entry of the audit chain (entity "access", the case's id), written in one
// transaction, so a read cannot be dropped from the log unnoticed.
func (s *Store) LogAccess(ctx context.Context, caseID, actor, action string) error {
	err := s.write(ctx, func(tx *sql.Tx) error {
		_, err := s.logAccessTx(ctx, tx, caseID, actor, action, nil)
		return err
	})
	if err != nil {
		return fmt.Errorf("records: access log: %w", err)
	}
	return nil
}

// EntryRef names one chain entry.
type EntryRef struct {
	Seq      int64  `json:"seq"`
	Entity   string `json:"entity"`
	EntityID string `json:"entity_id"`
}

// accessPayload is an access entry's payload; an export names every entry
// the bundle holds, so none can be dropped from it unseen.
type accessPayload struct {
	AccessLog
	Entries []EntryRef `json:"entries,omitempty"`
}

// logAccessTx writes the access-log row and its chain entry inside tx.
func (s *Store) logAccessTx(ctx context.Context, tx *sql.Tx, caseID, actor, action string, entries []EntryRef) (AuditEntry, error) {
	if actor == "" {
		actor = "anonymous"
	}
	var b [2]byte
	_, _ = rand.Read(b[:])
	now := time.Now().UTC()
	a := AccessLog{ID: now.UnixNano()/1000*1000 + int64(binary.BigEndian.Uint16(b[:])%1000), CaseID: caseID, Actor: actor, Action: action, At: now}
	payload, err := json.Marshal(accessPayload{a, entries})
	if err != nil {
		return AuditEntry{}, err
	}
	if _, err := s.exec(ctx, tx, `INSERT INTO access_log(id, case_id, actor, action, at) VALUES (?,?,?,?,?)`, a.ID, caseID, actor, action, now.Format(time.RFC3339Nano)); err != nil {
		return AuditEntry{}, err
	}
	return s.appendAudit(ctx, tx, actor, "access", caseID, action, payload)
}

// AccessLogFor lists who read a case, oldest first.
func (s *Store) AccessLogFor(ctx context.Context, caseID string) ([]AccessLog, error) {
	rows, err := s.db.QueryContext(ctx, s.Rebind(`SELECT id, case_id, actor, action, at FROM access_log WHERE case_id = ? ORDER BY at, id`), caseID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []AccessLog{}
	for rows.Next() {
		var a AccessLog
		var at string
		if err := rows.Scan(&a.ID, &a.CaseID, &a.Actor, &a.Action, &at); err != nil {
			return nil, err
		}
		a.At, _ = time.Parse(time.RFC3339Nano, at)
		out = append(out, a)
	}
	return out, rows.Err()
}

// ListCases returns all cases (without steps) in the order they were opened.
func (s *Store) ListCases(ctx context.Context) ([]Case, error) {
	cs, err := listJSON[Case](ctx, s, `SELECT data FROM cases`)
	sort.Slice(cs, func(i, j int) bool {
		if !cs[i].CreatedAt.Equal(cs[j].CreatedAt) {
			return cs[i].CreatedAt.Before(cs[j].CreatedAt)
		}
		return cs[i].ID < cs[j].ID
	})
	return cs, err
}

// decidedAtLayout is how cases.decided_at is written: UTC with a fixed three
// fraction digits, so that comparing the text compares the times (RFC3339Nano
// drops trailing zeros, and "10:00:00.5Z" sorts before "10:00:00Z").
const decidedAtLayout = "2006-01-02T15:04:05.000Z07:00"

// ListDecidedCases returns cases decided at or after since (by decision record
// time), for the case library to pick up.
func (s *Store) ListDecidedCases(ctx context.Context, since time.Time) ([]Case, error) {
	return listJSON[Case](ctx, s, `SELECT data FROM cases WHERE decided_at <> '' AND decided_at >= ? ORDER BY decided_at, id`, since.UTC().Format(decidedAtLayout))
}

// Steps returns a case's steps in order.
func (s *Store) Steps(ctx context.Context, caseID string) ([]Step, error) {
	return listJSON[Step](ctx, s, `SELECT data FROM steps WHERE case_id = ? ORDER BY seq`, caseID)
}

func marshalData(data any) (json.RawMessage, error) {
	switch d := data.(type) {
	case nil:
		return nil, nil
	case json.RawMessage:
		if len(d) == 0 {
			return nil, nil
		}
		if !json.Valid(d) {
			return nil, &FieldError{Field: "data", Message: "is not valid JSON"}
		}
		return d, nil
	}
	return json.Marshal(data)
}

// refError is the error of a record named by field that could not be read:
// a FieldError when it does not exist (the caller named something that is
// not there), the store's own error otherwise (the database not answering
// is not the caller's mistake, and answers 503, not 422).
func refError(field string, err error) error {
	var nf *NotFoundError
	if errors.As(err, &nf) {
		return &FieldError{Field: field, Message: err.Error()}
	}
	return fmt.Errorf("reading %s: %w", field, err)
}
