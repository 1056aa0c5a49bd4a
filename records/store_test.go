package records

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// backend opens a fresh store; PostgreSQL runs get their own schema, dropped at the end.
type backend struct {
	name string
	open func(t testing.TB) (url string)
}

func backends(t testing.TB) []backend {
	bs := []backend{{"sqlite", func(t testing.TB) string { return "sqlite:" + filepath.Join(t.TempDir(), "zhifa.db") }}}
	pg := os.Getenv("ZHIFA_TEST_PG_URL")
	if pg == "" {
		return bs
	}
	db, err := sql.Open("pgx", pg)
	if err == nil {
		err = db.Ping()
	}
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("ZHIFA_TEST_PG_URL unreachable in CI: %v", err)
		}
		t.Logf("PostgreSQL unreachable, skipping it: %v", err)
		return bs
	}
	return append(bs, backend{"postgres", func(t testing.TB) string {
		var b [6]byte
		_, _ = rand.Read(b[:])
		schema := "zhifa_test_" + hex.EncodeToString(b[:])
		if _, err := db.Exec(`CREATE SCHEMA ` + schema); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { db.Exec(`DROP SCHEMA ` + schema + ` CASCADE`) })
		sep := "?"
		if strings.Contains(pg, "?") {
			sep = "&"
		}
		return pg + sep + "search_path=" + schema
	}})
}

// eachBackend runs f against SQLite and (when configured) PostgreSQL.
func eachBackend(t *testing.T, f func(t *testing.T, url, dir string, s *Store)) {
	for _, b := range backends(t) {
		t.Run(b.name, func(t *testing.T) {
			url, dir := b.open(t), t.TempDir()
			s, err := OpenURL(context.Background(), url, dir)
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { s.Close() })
			f(t, url, dir, s)
		})
	}
}

func demoStore(t *testing.T, s *Store) {
	t.Helper()
	if err := LoadDemo(context.Background(), s); err != nil {
		t.Fatal(err)
	}
}
