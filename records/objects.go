package records

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"
)

// Objects are the records of the workflows built on the system of record —
// reviews and their rounds, disclosures, inspection draws, users, sessions and
// tokens — each a JSON document of a kind, kept in one table and signed into
// the same audit chain as cases (chain entity "obj:<kind>"), so Verify covers
// them without each workflow growing its own tables and checks.
//
// A kind is a short lower-case name owned by one package ("review",
// "review", "disclosure", …). CaseID ties an object to a case ("" for
// none) so a case's objects can be listed cheaply; Key is a second lookup
// value the owner chooses (a reviewer's id, a user's login, …).

// ObjectWrite is one object to store.
type ObjectWrite struct {
	Kind   string
	ID     string
	CaseID string
	Key    string
	Action string // create|update|delete|… recorded in the chain; "" means create or update
	Value  any    // marshalled to JSON; ignored for "delete"
}

// Object is a stored object as read back.
type Object struct {
	Kind   string          `json:"kind"`
	ID     string          `json:"id"`
	CaseID string          `json:"case_id,omitempty"`
	Key    string          `json:"key,omitempty"`
	Data   json.RawMessage `json:"data"`
}

// ObjectEntity is the audit-chain entity name of an object kind.
func ObjectEntity(kind string) string { return "obj:" + kind }

// ConflictError refuses a write that the state of the record does not allow
// (HTTP 409): a decision without the legal review it needs, a create of an id
// that exists.
type ConflictError struct {
	Code    string `json:"code"`
	Field   string `json:"field"`
	Message string `json:"message"`
}

func (e *ConflictError) Error() string { return e.Field + ": " + e.Message }

// Tx is the view of one write transaction given to step hooks: they read and
// write objects atomically with the step that triggered them.
type Tx struct {
	s     *Store
	tx    *sql.Tx
	actor string
}

// Actor is who is writing.
func (t *Tx) Actor() string { return t.actor }

// GetObject reads one object into dst; a missing one is a *NotFoundError.
func (t *Tx) GetObject(ctx context.Context, kind, id string, dst any) error {
	return t.s.getObject(ctx, t.tx, kind, id, dst)
}

// ListObjects lists a kind's objects, of one case when caseID is not "".
func (t *Tx) ListObjects(ctx context.Context, kind, caseID string) ([]Object, error) {
	return t.s.listObjects(ctx, t.tx, kind, "case_id", caseID)
}

// GetAgency reads an agency inside the transaction (a hook needs its name and domains).
func (t *Tx) GetAgency(ctx context.Context, id string) (Agency, error) {
	return getJSON[Agency](ctx, t.s, t.tx, "agencies", "agency", id)
}

// GetPowerItem reads a power list item inside the transaction.
func (t *Tx) GetPowerItem(ctx context.Context, id string) (PowerItem, error) {
	return getJSON[PowerItem](ctx, t.s, t.tx, "power_items", "power item", id)
}

// PutObjects writes objects inside the transaction.
func (t *Tx) PutObjects(ctx context.Context, ws ...ObjectWrite) error {
	for _, w := range ws {
		if err := t.s.putObject(ctx, t.tx, t.actor, w); err != nil {
			return err
		}
	}
	return nil
}

// StepHook runs inside the transaction that appends a step, after the order
// rules passed: an error refuses the step and nothing is written; the hook
// may read and write objects through tx. prior are the case's steps before.
type StepHook func(ctx context.Context, tx *Tx, c Case, prior []Step, next Step) error

var (
	hooksMu   sync.RWMutex
	stepHooks []namedHook
)

type namedHook struct {
	name string
	h    StepHook
}

// RegisterStepHook adds a hook every Store runs on every step append — the
// legal-review gate registers itself here, so no path that appends a step
// (API, CLI, demo) can leave it out. Registering a name twice replaces it.
func RegisterStepHook(name string, h StepHook) {
	hooksMu.Lock()
	defer hooksMu.Unlock()
	for i, nh := range stepHooks {
		if nh.name == name {
			stepHooks[i].h = h
			return
		}
	}
	stepHooks = append(stepHooks, namedHook{name, h})
}

func runStepHooks(ctx context.Context, t *Tx, c Case, prior []Step, next Step) error {
	hooksMu.RLock()
	hs := append([]namedHook(nil), stepHooks...)
	hooksMu.RUnlock()
	for _, nh := range hs {
		if err := nh.h(ctx, t, c, prior, next); err != nil {
			return err
		}
	}
	return nil
}

// PutObjects writes objects in one transaction, each with its chain entry.
func (s *Store) PutObjects(ctx context.Context, actor string, ws ...ObjectWrite) error {
	if strings.TrimSpace(actor) == "" {
		return &FieldError{Field: "actor", Message: "is required"}
	}
	return s.write(ctx, func(tx *sql.Tx) error {
		for _, w := range ws {
			if err := s.putObject(ctx, tx, actor, w); err != nil {
				return err
			}
		}
		return nil
	})
}

// WithTx runs f in one write transaction (objects only), so a workflow can
// read its state and write what follows from it atomically.
func (s *Store) WithTx(ctx context.Context, actor string, f func(tx *Tx) error) error {
	if strings.TrimSpace(actor) == "" {
		return &FieldError{Field: "actor", Message: "is required"}
	}
	return s.write(ctx, func(tx *sql.Tx) error { return f(&Tx{s: s, tx: tx, actor: actor}) })
}

// GetObject reads one object into dst; a missing one is a *NotFoundError.
func (s *Store) GetObject(ctx context.Context, kind, id string, dst any) error {
	return s.getObject(ctx, s.db, kind, id, dst)
}

// ListObjects lists a kind's objects (of one case when caseID is not ""), oldest first.
func (s *Store) ListObjects(ctx context.Context, kind, caseID string) ([]Object, error) {
	return s.listObjects(ctx, s.db, kind, "case_id", caseID)
}

// ListObjectsByKey lists a kind's objects with the given key, oldest first.
func (s *Store) ListObjectsByKey(ctx context.Context, kind, key string) ([]Object, error) {
	return s.listObjects(ctx, s.db, kind, "okey", key)
}

type querier interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

func validKind(kind string) error {
	if kind == "" || len(kind) > 40 || strings.Trim(kind, "abcdefghijklmnopqrstuvwxyz_0123456789") != "" {
		return fmt.Errorf("records: object kind %q must be lower-case letters, digits and _", kind)
	}
	return nil
}

func (s *Store) putObject(ctx context.Context, tx *sql.Tx, actor string, w ObjectWrite) error {
	if err := validKind(w.Kind); err != nil {
		return err
	}
	if strings.TrimSpace(w.ID) == "" {
		return &FieldError{Field: "id", Message: "is required"}
	}
	var n int
	if err := tx.QueryRowContext(ctx, s.Rebind(`SELECT COUNT(*) FROM objects WHERE kind = ? AND id = ?`), w.Kind, w.ID).Scan(&n); err != nil {
		return fmt.Errorf("records: objects: %w", err)
	}
	action := w.Action
	if w.Action == "delete" {
		if n == 0 {
			return &NotFoundError{What: w.Kind, ID: w.ID}
		}
		if _, err := s.exec(ctx, tx, `DELETE FROM objects WHERE kind = ? AND id = ?`, w.Kind, w.ID); err != nil {
			return fmt.Errorf("records: objects: %w", err)
		}
		_, err := s.appendAudit(ctx, tx, actor, ObjectEntity(w.Kind), w.ID, "delete", []byte("null"))
		return err
	}
	data, err := json.Marshal(w.Value)
	if err != nil {
		return fmt.Errorf("records: object %s %s: %w", w.Kind, w.ID, err)
	}
	if n > 0 {
		if action == "" {
			action = "update"
		}
		_, err = s.exec(ctx, tx, `UPDATE objects SET case_id = ?, okey = ?, data = ? WHERE kind = ? AND id = ?`, w.CaseID, w.Key, string(data), w.Kind, w.ID)
	} else {
		if action == "" {
			action = "create"
		}
		_, err = s.exec(ctx, tx, `INSERT INTO objects(kind, id, case_id, okey, created_at, data) VALUES (?,?,?,?,?,?)`, w.Kind, w.ID, w.CaseID, w.Key, time.Now().UTC().Format(time.RFC3339Nano), string(data))
	}
	if err != nil {
		return fmt.Errorf("records: object %s %s: %w", w.Kind, w.ID, err)
	}
	_, err = s.appendAudit(ctx, tx, actor, ObjectEntity(w.Kind), w.ID, action, data)
	return err
}

const getObjectSQL = `SELECT data FROM objects WHERE kind = ? AND id = ?`

// objectStmt is getObjectSQL prepared once per store (nil if that failed):
// every signed-in request reads its token and user this way, and parsing the
// statement each time was a tenth of the server's CPU under load.
func (s *Store) objectStmt(ctx context.Context) *sql.Stmt {
	s.objOnce.Do(func() {
		st, err := s.db.PrepareContext(context.WithoutCancel(ctx), s.Rebind(getObjectSQL))
		if err == nil {
			s.objStmt = st
		}
	})
	return s.objStmt
}

func (s *Store) getObject(ctx context.Context, q querier, kind, id string, dst any) error {
	var data string
	var row *sql.Row
	if st := s.objectStmt(ctx); st != nil && q == querier(s.db) {
		row = st.QueryRowContext(ctx, kind, id)
	} else {
		row = q.QueryRowContext(ctx, s.Rebind(getObjectSQL), kind, id)
	}
	err := row.Scan(&data)
	if errors.Is(err, sql.ErrNoRows) {
		return &NotFoundError{What: kind, ID: id}
	}
	if err != nil {
		return fmt.Errorf("records: object %s %s: %w", kind, id, err)
	}
	return json.Unmarshal([]byte(data), dst)
}

func (s *Store) listObjects(ctx context.Context, q querier, kind, col, val string) ([]Object, error) {
	query := `SELECT kind, id, case_id, okey, data FROM objects WHERE kind = ?`
	args := []any{kind}
	if val != "" {
		query += ` AND ` + col + ` = ?`
		args = append(args, val)
	}
	rows, err := q.QueryContext(ctx, s.Rebind(query+` ORDER BY created_at, id`), args...)
	if err != nil {
		return nil, fmt.Errorf("records: objects %s: %w", kind, err)
	}
	defer rows.Close()
	out := []Object{}
	for rows.Next() {
		var o Object
		var data string
		if err := rows.Scan(&o.Kind, &o.ID, &o.CaseID, &o.Key, &data); err != nil {
			return nil, err
		}
		o.Data = json.RawMessage(data)
		out = append(out, o)
	}
	return out, rows.Err()
}
