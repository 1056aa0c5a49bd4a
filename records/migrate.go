package records

import (
	"context"
	"fmt"
)

// migrations are applied in order, one transaction each; never edit a shipped one.
var migrations = []string{
	// 1: core tables. Records keep their canonical JSON in data; the audit chain
	// holds the same JSON so verification can compare.
	`CREATE TABLE agencies (id TEXT PRIMARY KEY, name TEXT NOT NULL, data TEXT NOT NULL);
CREATE TABLE power_items (id TEXT PRIMARY KEY, agency_id TEXT NOT NULL, code TEXT NOT NULL, data TEXT NOT NULL);
CREATE TABLE officers (id TEXT PRIMARY KEY, agency_id TEXT NOT NULL, data TEXT NOT NULL);
CREATE TABLE cases (id TEXT PRIMARY KEY, case_no TEXT NOT NULL, agency_id TEXT NOT NULL, status TEXT NOT NULL, decided_at TEXT NOT NULL DEFAULT '', data TEXT NOT NULL);
CREATE UNIQUE INDEX cases_case_no ON cases(agency_id, case_no);
CREATE TABLE steps (id TEXT PRIMARY KEY, case_id TEXT NOT NULL, seq INTEGER NOT NULL, data TEXT NOT NULL, UNIQUE(case_id, seq));
CREATE TABLE evidence (id TEXT PRIMARY KEY, case_id TEXT NOT NULL, data TEXT NOT NULL);
CREATE TABLE documents (id TEXT PRIMARY KEY, case_id TEXT NOT NULL, kind TEXT NOT NULL, version INTEGER NOT NULL, data TEXT NOT NULL, UNIQUE(case_id, kind, version));
CREATE TABLE access_log (id BIGINT PRIMARY KEY, case_id TEXT NOT NULL, actor TEXT NOT NULL, action TEXT NOT NULL, at TEXT NOT NULL);
CREATE INDEX access_log_case ON access_log(case_id);
CREATE TABLE doc_counters (agency_id TEXT NOT NULL, year INTEGER NOT NULL, kind TEXT NOT NULL, n INTEGER NOT NULL, PRIMARY KEY(agency_id, year, kind));
CREATE TABLE audit (seq BIGINT PRIMARY KEY, prev_hash TEXT NOT NULL, hash TEXT NOT NULL, actor TEXT NOT NULL, at TEXT NOT NULL, entity TEXT NOT NULL, entity_id TEXT NOT NULL, action TEXT NOT NULL, payload TEXT NOT NULL, sig TEXT NOT NULL);
CREATE INDEX audit_entity ON audit(entity, entity_id);`,
	// 2: workflow objects (reviews, disclosures, draws, users, …), see objects.go.
	`CREATE TABLE objects (kind TEXT NOT NULL, id TEXT NOT NULL, case_id TEXT NOT NULL DEFAULT '', okey TEXT NOT NULL DEFAULT '', created_at TEXT NOT NULL, data TEXT NOT NULL, PRIMARY KEY(kind, id));
CREATE INDEX objects_case ON objects(kind, case_id);
CREATE INDEX objects_key ON objects(kind, okey);`,
	// 3: signed checkpoints (tree heads) of the audit chain, see checkpoint.go.
	// frontier is the compact range at size, so the next one needs only the
	// entries after it.
	`CREATE TABLE checkpoints (size BIGINT PRIMARY KEY, root TEXT NOT NULL, at TEXT NOT NULL, key_id TEXT NOT NULL, sig TEXT NOT NULL, frontier TEXT NOT NULL)`,
}

func (s *Store) migrate(ctx context.Context) error {
	if s.dialect == "postgres" {
		// Nodes starting together migrate one at a time.
		conn, err := s.db.Conn(ctx)
		if err != nil {
			return fmt.Errorf("records: migrations: %w", err)
		}
		defer conn.Close()
		if _, err := conn.ExecContext(ctx, `SELECT pg_advisory_lock(7210000)`); err != nil {
			return fmt.Errorf("records: migrations lock: %w", err)
		}
		defer conn.ExecContext(context.Background(), `SELECT pg_advisory_unlock(7210000)`)
	}
	if _, err := s.db.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS records_migrations (version INTEGER PRIMARY KEY)`); err != nil {
		return fmt.Errorf("records: migrations table: %w", err)
	}
	for i, m := range migrations {
		v := i + 1
		if err := s.applyMigration(ctx, v, m); err != nil {
			return fmt.Errorf("records: migration %d: %w", v, err)
		}
	}
	return nil
}

func (s *Store) applyMigration(ctx context.Context, v int, m string) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if s.dialect == "postgres" {
		if _, err := tx.ExecContext(ctx, `SELECT pg_advisory_xact_lock(7210001)`); err != nil {
			return err
		}
	}
	var n int
	if err := tx.QueryRowContext(ctx, s.Rebind(`SELECT COUNT(*) FROM records_migrations WHERE version = ?`), v).Scan(&n); err != nil {
		return err
	}
	if n > 0 {
		return nil
	}
	for _, stmt := range splitSQL(m) {
		if _, err := tx.ExecContext(ctx, stmt); err != nil {
			return fmt.Errorf("%s: %w", stmt, err)
		}
	}
	if _, err := tx.ExecContext(ctx, s.Rebind(`INSERT INTO records_migrations(version) VALUES (?)`), v); err != nil {
		return err
	}
	return tx.Commit()
}

func splitSQL(m string) []string {
	var out []string
	for _, p := range splitOn(m, ';') {
		if t := trimSpace(p); t != "" {
			out = append(out, t)
		}
	}
	return out
}
