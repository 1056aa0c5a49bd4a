package records

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
)

// writeFunc stores a record in a table: putJSON (create or replace) or
// insertJSON (create only).
type writeFunc func(ctx context.Context, tx *sql.Tx, table, entity, id string, cols []string, vals []any, rec any, actor string) error

// insertJSON creates a record and chains it; an id that exists is a
// *ConflictError naming id, never an overwrite. The check runs inside the
// write transaction (writes are serialised), and a unique violation from a
// writer outside it is reported the same way.
func (s *Store) insertJSON(ctx context.Context, tx *sql.Tx, table, entity, id string, cols []string, vals []any, rec any, actor string) error {
	var n int
	if err := tx.QueryRowContext(ctx, s.Rebind(`SELECT COUNT(*) FROM `+table+` WHERE id = ?`), id).Scan(&n); err != nil {
		return fmt.Errorf("records: %s: %w", table, err)
	}
	if n > 0 {
		return existsError(entity, id)
	}
	data, err := json.Marshal(rec)
	if err != nil {
		return err
	}
	all := append(append([]string{"id"}, cols...), "data")
	args := append(append([]any{id}, vals...), string(data))
	q := `INSERT INTO ` + table + `(` + strings.Join(all, ", ") + `) VALUES (` + strings.TrimSuffix(strings.Repeat("?,", len(all)), ",") + `)`
	if _, err := s.exec(ctx, tx, q, args...); err != nil {
		if isUniqueViolation(err) {
			return existsError(entity, id)
		}
		return fmt.Errorf("records: %s: %w", table, err)
	}
	_, err = s.appendAudit(ctx, tx, actor, entity, id, "create", data)
	return err
}

func existsError(entity, id string) error {
	return &ConflictError{Code: "conflict", Field: "id", Message: strings.ReplaceAll(entity, "_", " ") + " " + id + " exists; a create never replaces a record (update it with PUT)"}
}

// isUniqueViolation reports a primary-key or unique-index violation of
// PostgreSQL (SQLSTATE 23505) or SQLite.
func isUniqueViolation(err error) bool {
	var st interface{ SQLState() string }
	if errors.As(err, &st) {
		return st.SQLState() == "23505"
	}
	msg := err.Error()
	return strings.Contains(msg, "UNIQUE constraint failed") || strings.Contains(msg, "PRIMARY KEY constraint failed")
}

// CreateAgency stores a new agency; an existing id is a *ConflictError.
func (s *Store) CreateAgency(ctx context.Context, a Agency, actor string) (Agency, error) {
	return s.saveAgency(ctx, a, actor, s.insertJSON)
}

// CreatePowerItem stores a new power item; an existing id (by default
// agency and code) is a *ConflictError.
func (s *Store) CreatePowerItem(ctx context.Context, p PowerItem, actor string) (PowerItem, error) {
	return s.savePowerItem(ctx, p, actor, s.insertJSON)
}

// CreateOfficer stores a new officer; an existing id is a *ConflictError.
func (s *Store) CreateOfficer(ctx context.Context, o Officer, actor string) (Officer, error) {
	return s.saveOfficer(ctx, o, actor, s.insertJSON)
}
