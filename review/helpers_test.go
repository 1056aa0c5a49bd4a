package review

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"os"
	"strings"
	"testing"

	"zhifa/records"
)

func openDemo(t testing.TB) *records.Store {
	t.Helper()
	st, err := records.Open(context.Background(), t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if err := records.LoadDemo(context.Background(), st); err != nil {
		t.Fatal(err)
	}
	return st
}

// openDemoPG is the demo on PostgreSQL in a schema of its own (dropped at the
// end) when ZHIFA_TEST_PG_URL is set and reachable; nil otherwise.
func openDemoPG(t testing.TB) *records.Store {
	t.Helper()
	pg := os.Getenv("ZHIFA_TEST_PG_URL")
	if pg == "" {
		return nil
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
		return nil
	}
	var b [6]byte
	_, _ = rand.Read(b[:])
	schema := "zhifa_review_test_" + hex.EncodeToString(b[:])
	if _, err := db.Exec(`CREATE SCHEMA ` + schema); err != nil {
		t.Fatal(err)
	}
	sep := "?"
	if strings.Contains(pg, "?") {
		sep = "&"
	}
	st, err := records.OpenURL(context.Background(), pg+sep+"search_path="+schema, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		st.Close()
		db.Exec(`DROP SCHEMA ` + schema + ` CASCADE`)
		db.Close()
	})
	if err := records.LoadDemo(context.Background(), st); err != nil {
		t.Fatal(err)
	}
	return st
}
