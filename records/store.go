package records

import (
	"context"
	"crypto/ed25519"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"sync"

	"zhifa/internal/sqlopen"
)

// Store is the system of record over one database and one data directory.
type Store struct {
	db      *sql.DB
	dialect string
	dataDir string
	fileDir string
	key     ed25519.PrivateKey
	mu      sync.Mutex // serialises chain appends within a process (SQLite)

	objOnce sync.Once
	objStmt *sql.Stmt // getObjectSQL, prepared on first use
}

// Open opens the store for dataDir: PostgreSQL when ZHIFA_DATABASE_URL is set,
// otherwise SQLite at DATA/zhifa.db.
func Open(ctx context.Context, dataDir string) (*Store, error) {
	url := os.Getenv("ZHIFA_DATABASE_URL")
	if url == "" {
		url = "sqlite:" + filepath.Join(dataDir, "zhifa.db")
	}
	return OpenURL(ctx, url, dataDir)
}

// OpenURL opens the store at url ("postgres://…" or "sqlite:PATH") with files
// and the agency key under dataDir.
func OpenURL(ctx context.Context, url, dataDir string) (*Store, error) {
	if err := os.MkdirAll(dataDir, 0o750); err != nil {
		return nil, fmt.Errorf("records: data directory: %w", err)
	}
	s := &Store{dataDir: dataDir, fileDir: filepath.Join(dataDir, "files")}
	if d := os.Getenv("ZHIFA_FILES_DIR"); d != "" {
		s.fileDir = d
	}
	var err error
	if s.db, s.dialect, err = sqlopen.Open(ctx, url, "_pragma=foreign_keys(1)"); err != nil {
		return nil, fmt.Errorf("records: %w", err)
	}
	if err := s.migrate(ctx); err != nil {
		s.db.Close()
		return nil, err
	}
	if s.key, err = loadKey(dataDir); err != nil {
		s.db.Close()
		return nil, err
	}
	if err := os.MkdirAll(s.fileDir, 0o750); err != nil {
		s.db.Close()
		return nil, fmt.Errorf("records: files directory: %w", err)
	}
	return s, nil
}

// Close closes the database.
func (s *Store) Close() error {
	if s.objStmt != nil {
		s.objStmt.Close()
	}
	return s.db.Close()
}

// DB is the underlying database, for areas keeping their own tables in it.
func (s *Store) DB() *sql.DB { return s.db }

// Dialect is "sqlite" or "postgres".
func (s *Store) Dialect() string { return s.dialect }

// DataDir is the store's data directory.
func (s *Store) DataDir() string { return s.dataDir }

// Rebind turns ? placeholders into $n for PostgreSQL.
func (s *Store) Rebind(q string) string { return sqlopen.Rebind(s.dialect, q) }

func (s *Store) exec(ctx context.Context, q execer, query string, args ...any) (sql.Result, error) {
	return q.ExecContext(ctx, s.Rebind(query), args...)
}

type execer interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}
