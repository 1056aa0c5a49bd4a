package sqlopen

import (
	"context"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"
)

func TestRebind(t *testing.T) {
	tests := []struct{ dialect, in, want string }{
		{Postgres, "SELECT a FROM t WHERE b = ? AND c = ?", "SELECT a FROM t WHERE b = $1 AND c = $2"},
		{SQLite, "SELECT a FROM t WHERE b = ?", "SELECT a FROM t WHERE b = ?"},
		{Postgres, "SELECT 1", "SELECT 1"},
	}
	for _, tc := range tests {
		if got := Rebind(tc.dialect, tc.in); got != tc.want {
			t.Errorf("Rebind(%s, %q) = %q, want %q", tc.dialect, tc.in, got, tc.want)
		}
	}
}

// An SQLite URL opens a working database with the pragmas zhifa relies on.
func TestOpenSQLite(t *testing.T) {
	db, dialect, err := Open(context.Background(), "sqlite:"+filepath.Join(t.TempDir(), "x.db"), "_pragma=foreign_keys(1)")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var mode string
	var fk int
	if err := db.QueryRow("PRAGMA journal_mode").Scan(&mode); err != nil || mode != "wal" {
		t.Errorf("journal_mode %q %v, want wal", mode, err)
	}
	if err := db.QueryRow("PRAGMA foreign_keys").Scan(&fk); err != nil || fk != 1 || dialect != SQLite {
		t.Errorf("foreign_keys %d %v, dialect %s", fk, err, dialect)
	}
	if _, _, err := Open(context.Background(), "postgres://nobody@127.0.0.1:1/none?sslmode=disable&connect_timeout=1"); err == nil {
		t.Error("an unreachable PostgreSQL opened")
	}
}

// Connections used at once are kept for the next requests, not closed and
// reopened (database/sql keeps 2 unless told).
func TestSQLiteKeepsIdleConnections(t *testing.T) {
	ctx := context.Background()
	db, _, err := Open(ctx, "sqlite:"+filepath.Join(t.TempDir(), "x.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var conns []*sql.Conn
	for range 10 {
		c, err := db.Conn(ctx)
		if err != nil {
			t.Fatal(err)
		}
		conns = append(conns, c)
	}
	for _, c := range conns {
		c.Close()
	}
	if st := db.Stats(); st.Idle != 10 || st.MaxIdleClosed != 0 {
		t.Fatalf("after 10 connections at once: %d idle, %d closed as surplus; want 10 and 0", st.Idle, st.MaxIdleClosed)
	}
}

// A connection PostgreSQL drops (as in a restart) fails the query on it as
// Unavailable, and the pool's next query succeeds on a new connection.
func TestUnavailableAndReconnect(t *testing.T) {
	pg := os.Getenv("ZHIFA_TEST_PG_URL")
	if pg == "" {
		if os.Getenv("CI") != "" {
			t.Fatal("ZHIFA_TEST_PG_URL is required in CI")
		}
		t.Skip("ZHIFA_TEST_PG_URL not set")
	}
	ctx := context.Background()
	db, _, err := Open(ctx, pg)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	var pid int
	if err := db.QueryRow(`SELECT pg_backend_pid()`).Scan(&pid); err != nil {
		t.Fatal(err)
	}
	admin, _, err := Open(ctx, pg)
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close()
	if _, err := admin.Exec(`SELECT pg_terminate_backend($1)`, pid); err != nil {
		t.Fatal(err)
	}
	time.Sleep(100 * time.Millisecond)
	var one int
	err = db.QueryRow(`SELECT 1`).Scan(&one)
	if err == nil {
		t.Log("the pool noticed the dropped connection before the query")
	} else if !Unavailable(err) {
		t.Errorf("query on a dropped connection: %v, not Unavailable", err)
	}
	if err := db.QueryRow(`SELECT 1`).Scan(&one); err != nil || one != 1 {
		t.Errorf("after the drop: %v", err)
	}
	if Unavailable(errors.New("syntax error")) || Unavailable(sql.ErrNoRows) {
		t.Error("an ordinary error counted as Unavailable")
	}
	if _, _, err := Open(ctx, "postgres://nobody@127.0.0.1:1/none?sslmode=disable&connect_timeout=1"); !Unavailable(err) {
		t.Errorf("no server: %v, not Unavailable", err)
	}
}
