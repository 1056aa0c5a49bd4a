package main

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
)

// zhifa cases sync on the synthetic demo bureau: decided cases join, once.
func TestCasesSync(t *testing.T) {
	t.Setenv("ZHIFA_DATABASE_URL", "")
	t.Setenv("ZHIFA_CASELIB_DATABASE_URL", "")
	data := filepath.Join(t.TempDir(), "data")
	if _, errs, rc := runZ(t, "", "demo", "--data", data); rc != 0 {
		t.Fatalf("demo: %s", errs)
	}
	var first, second struct{ Added, Updated, Unchanged int }
	out, errs, rc := runZ(t, "", "cases", "sync", "--data", data)
	if rc != 0 || json.Unmarshal([]byte(out), &first) != nil || first.Added == 0 {
		t.Fatalf("sync: rc=%d %s %s", rc, out, errs)
	}
	out, _, _ = runZ(t, "", "cases", "sync", "--data", data)
	if json.Unmarshal([]byte(out), &second) != nil || second.Added != 0 || second.Updated != 0 || second.Unchanged != first.Added {
		t.Fatalf("second sync: %s", out)
	}
	// a case that is not (or not yet) decided is reported, not silently skipped
	if _, errs, rc := runZ(t, "", "cases", "sync", "demo-case-01", "no-such-case", "--data", data); rc != 1 || !strings.Contains(errs, "decided case no-such-case not found") {
		t.Errorf("sync of an unknown case: rc=%d %s", rc, errs)
	}
	out, _, _ = runZ(t, "", "cases", "collections", "--data", data)
	var colls struct {
		Collections []struct {
			Name  string
			Cases int
		}
	}
	if json.Unmarshal([]byte(out), &colls) != nil || len(colls.Collections) != 1 || colls.Collections[0].Name != "本机关案例" || colls.Collections[0].Cases != first.Added {
		t.Fatalf("collections: %s", out)
	}
}
