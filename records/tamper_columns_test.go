package records

import (
	"context"
	"database/sql"
	"strconv"
	"strings"
	"testing"
)

// Every column of every record table, read from the schema, changed in one
// row outside the system: Verify must fail and name that row. A column added
// later is covered by the same loop (and TestEveryColumnCovered shows a
// column with no field to check it against fails until it is accounted for).
func TestTamperEveryColumn(t *testing.T) {
	eachBackend(t, func(t *testing.T, url, dir string, s *Store) {
		demoStore(t, s)
		ctx := context.Background()
		if _, err := s.AddDocument(ctx, "demo-case-09", "立案审批表", "", []byte("合成测试文书"), "officer1"); err != nil {
			t.Fatal(err)
		}
		if r := s.Verify(ctx); !r.OK {
			t.Fatalf("untouched store fails: %+v", r)
		}
		n := 0
		for _, tb := range recordTables {
			cols := columnsOf(t, s, tb.table)
			for _, c := range cols {
				if c == "id" || c == "data" {
					continue
				}
				var id, old string
				var rows *sql.Rows
				rows, err := s.db.QueryContext(ctx, s.Rebind(`SELECT id, CAST(`+c+` AS TEXT) FROM `+tb.table+` ORDER BY id LIMIT 1`))
				if err != nil {
					t.Fatal(err)
				}
				if rows.Next() {
					_ = rows.Scan(&id, &old)
				}
				rows.Close()
				if id == "" {
					t.Fatalf("%s has no rows to tamper with", tb.table)
				}
				forged := "tampered"
				if _, err := strconv.Atoi(old); err == nil {
					forged = "9999"
				} else if tb.table+"."+c == "cases.decided_at" && old != "" {
					forged = ""
				}
				set := func(v string) {
					if _, err := s.db.ExecContext(ctx, s.Rebind(`UPDATE `+tb.table+` SET `+c+` = ? WHERE id = ?`), v, id); err != nil {
						t.Fatalf("%s.%s: %v", tb.table, c, err)
					}
				}
				set(forged)
				r := s.Verify(ctx)
				if r.OK || r.EntityID != id || !strings.Contains(r.Reason, c) {
					t.Errorf("%s.%s of %s changed to %q: verify %+v", tb.table, c, id, forged, r)
				}
				set(old)
				n++
			}
		}
		if n < 12 {
			t.Errorf("only %d columns tampered with", n)
		}
		if r := s.Verify(ctx); !r.OK {
			t.Fatalf("restored store fails: %+v", r)
		}
	})
}

// A column the verifier does not know how to check is itself a failure.
func TestEveryColumnCovered(t *testing.T) {
	eachBackend(t, func(t *testing.T, url, dir string, s *Store) {
		demoStore(t, s)
		mustExec(t, s, `ALTER TABLE steps ADD COLUMN shadow TEXT NOT NULL DEFAULT ''`)
		if r := s.Verify(context.Background()); r.OK || !strings.Contains(r.Reason, "steps.shadow has no field") {
			t.Errorf("a new column went unchecked: %+v", r)
		}
	})
}

func columnsOf(t *testing.T, s *Store, table string) []string {
	t.Helper()
	rows, err := s.db.Query(`SELECT * FROM ` + table + ` LIMIT 1`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		t.Fatal(err)
	}
	return cols
}
