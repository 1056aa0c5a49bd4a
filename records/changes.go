package records

import (
	"context"
	"crypto/ed25519"
	"database/sql"
	"encoding/base64"
	"fmt"
	"strings"
)

// The audit chain is the records' change stream: every write appends its
// entry in the same transaction, and appends are serialised (the chain lock
// on PostgreSQL, the single writer on SQLite), so entries commit in seq order
// with no gaps. A node that reads entries after its cursor therefore sees
// every write of every node, once, in order — an outbox that costs no
// second write.

// Change is one write as the chain announces it.
type Change struct {
	Seq    int64  `json:"seq"`
	Entity string `json:"entity"` // "case", "obj:disclosure", … (ObjectEntity)
	ID     string `json:"id"`
	Action string `json:"action"`
}

// ChangeHead is the seq of the latest write (0 for an empty store).
func (s *Store) ChangeHead(ctx context.Context) (int64, error) {
	var seq sql.NullInt64
	if err := s.db.QueryRowContext(ctx, `SELECT MAX(seq) FROM audit`).Scan(&seq); err != nil {
		return 0, fmt.Errorf("records: change head: %w", err)
	}
	return seq.Int64, nil
}

// Changes returns up to limit writes with after < seq <= upto (upto 0: no
// bound), oldest first, of the given entities only (none given: all). A
// reader that got fewer than limit has seen everything up to upto, so it
// can move its cursor there without reading the other entities' rows again.
func (s *Store) Changes(ctx context.Context, after, upto int64, limit int, entities ...string) ([]Change, error) {
	if limit <= 0 || limit > 10000 {
		limit = 1000
	}
	if upto <= 0 {
		upto = 1 << 62
	}
	q := `SELECT seq, entity, entity_id, action FROM audit WHERE seq > ? AND seq <= ?`
	args := []any{after, upto}
	if len(entities) > 0 {
		q += ` AND entity IN (?` + strings.Repeat(",?", len(entities)-1) + `)`
		for _, e := range entities {
			args = append(args, e)
		}
	}
	q += ` ORDER BY seq LIMIT ?`
	args = append(args, limit)
	rows, err := s.db.QueryContext(ctx, s.Rebind(q), args...)
	if err != nil {
		return nil, fmt.Errorf("records: changes: %w", err)
	}
	defer rows.Close()
	var out []Change
	for rows.Next() {
		var c Change
		if err := rows.Scan(&c.Seq, &c.Entity, &c.ID, &c.Action); err != nil {
			return nil, fmt.Errorf("records: changes: %w", err)
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// KeyMatchesChain says whether this store's agency key signed the chain's
// latest entry (true for an empty chain). Nodes over one database must share
// the key file, or Verify fails on the entries of the node that differs.
func (s *Store) KeyMatchesChain(ctx context.Context) (bool, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+auditCols+` FROM audit ORDER BY seq DESC LIMIT 1`)
	if err != nil {
		return false, fmt.Errorf("records: audit head: %w", err)
	}
	defer rows.Close()
	if !rows.Next() {
		return true, rows.Err()
	}
	e, err := scanAudit(rows)
	if err != nil {
		return false, err
	}
	sig, err := base64.StdEncoding.DecodeString(e.Sig)
	return err == nil && ed25519.Verify(ed25519.PublicKey(s.PublicKey()), []byte(e.Hash), sig), nil
}
