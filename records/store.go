package records

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"sync/atomic"

	"zhifa/internal/sqlopen"
)

// Store is the system of record over one database and one data directory.
type Store struct {
	db      *sql.DB
	dialect string
	dataDir string
	fileDir string
	keyPath string
	signer  atomic.Pointer[signer] // replaced by RotateKey or when another process rotated
	mu      sync.Mutex             // serialises chain appends within a process (SQLite)
	// checkpointEvery: a signed checkpoint follows every n-th chain entry
	checkpointEvery int64

	objOnce sync.Once
	objStmt *sql.Stmt // getObjectSQL, prepared on first use
	// byID: each registry table's read by id (getJSON), prepared on first use
	byID sync.Map // table → *sql.Stmt
}

// DefaultCheckpointEvery is how often a checkpoint is written besides the
// one of every export and key rotation (ZHIFA_CHECKPOINT_EVERY overrides).
const DefaultCheckpointEvery = 1000

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
	s := &Store{dataDir: dataDir, fileDir: filepath.Join(dataDir, "files"), keyPath: keyPathFor(dataDir), checkpointEvery: DefaultCheckpointEvery}
	if v := os.Getenv("ZHIFA_CHECKPOINT_EVERY"); v != "" {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil || n < 0 {
			return nil, fmt.Errorf("records: ZHIFA_CHECKPOINT_EVERY=%q is not a count (0: only on export and rotation)", v)
		}
		s.checkpointEvery = n
	}
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
	if err := s.finishRotation(ctx); err != nil {
		s.db.Close()
		return nil, err
	}
	if err := s.refuseNewKeyForOldChain(ctx); err != nil {
		s.db.Close()
		return nil, err
	}
	priv, err := loadKey(s.keyPath)
	if err != nil {
		s.db.Close()
		return nil, err
	}
	s.signer.Store(newSigner(priv))
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
	s.byID.Range(func(_, st any) bool { st.(*sql.Stmt).Close(); return true })
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

// refuseNewKeyForOldChain stops a start that would make a fresh key for a
// chain signed by another: nothing it wrote would verify. The key file was
// lost, or this process reads another file than the one that signed.
func (s *Store) refuseNewKeyForOldChain(ctx context.Context) error {
	if _, err := os.Stat(s.keyPath); !errors.Is(err, os.ErrNotExist) {
		return nil
	}
	var seq int64
	err := s.db.QueryRowContext(ctx, `SELECT seq FROM audit ORDER BY seq LIMIT 1`).Scan(&seq)
	if errors.Is(err, sql.ErrNoRows) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("records: audit chain: %w", err)
	}
	return fmt.Errorf("records: the audit chain has entries but there is no signing key at %s; restore the key file (or set %s to it): a new key would not verify the chain", s.keyPath, KeyEnv)
}
