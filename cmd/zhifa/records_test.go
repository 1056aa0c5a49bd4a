package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func runRec(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := runMain(context.Background(), &cmdEnv{stdin: strings.NewReader(stdin), stdout: &out, stderr: &errb}, args)
	return code, out.String(), errb.String()
}

func TestRecordsCommands(t *testing.T) {
	t.Setenv("ZHIFA_DATABASE_URL", "")
	dir := t.TempDir()
	if code, _, stderr := runRec(t, "", "demo", "--data", dir); code != 0 {
		t.Fatalf("demo: %d %s", code, stderr)
	}
	if code, _, stderr := runRec(t, "", "demo", "--data", dir); code != 0 {
		t.Fatalf("demo again: %d %s", code, stderr)
	}
	code, out, _ := runRec(t, "", "cases", "list", "--data", dir)
	var list []map[string]any
	if code != 0 || json.Unmarshal([]byte(out), &list) != nil || len(list) != 12 {
		t.Fatalf("cases list: %d %.200s", code, out)
	}
	for _, k := range []string{"id", "case_no", "status"} {
		if _, ok := list[0][k]; !ok {
			t.Errorf("cases list element lacks %q", k)
		}
	}
	if code, out, _ := runRec(t, "", "cases", "show", "demo-case-01", "--data", dir); code != 0 || !strings.Contains(out, "penalty_basis") {
		t.Errorf("cases show: %d %.200s", code, out)
	}
	if code, out, _ := runRec(t, "", "verify", "--data", dir); code != 0 || !strings.Contains(out, `"ok": true`) {
		t.Errorf("verify: %d %.200s", code, out)
	}
	bundle := filepath.Join(t.TempDir(), "case.json")
	if code, _, stderr := runRec(t, "", "export", "--case", "demo-case-01", "-o", bundle, "--data", dir); code != 0 {
		t.Fatalf("export: %s", stderr)
	}
	if code, _, stderr := runRec(t, "", "verify", "--bundle", bundle); code != 0 {
		t.Errorf("verify bundle: %s", stderr)
	}
	b, _ := os.ReadFile(bundle)
	os.WriteFile(bundle, bytes.Replace(b, []byte(`60000`), []byte(`6000`), 1), 0o600)
	if code, _, stderr := runRec(t, "", "verify", "--bundle", bundle); code == 0 || !strings.Contains(stderr, "entry") {
		t.Errorf("tampered bundle verified: %d %s", code, stderr)
	}
	if code, _, _ := runRec(t, "", "export", "--data", dir); code != 2 {
		t.Errorf("export without --case exits %d, want 2", code)
	}
	// registry round trip through CSV into a fresh store
	csvFile := filepath.Join(t.TempDir(), "officers.csv")
	if code, _, stderr := runRec(t, "", "registry", "export", "--kind", "officers", "-o", csvFile, "--data", dir); code != 0 {
		t.Fatal(stderr)
	}
	agFile := filepath.Join(t.TempDir(), "ag.csv")
	runRec(t, "", "registry", "export", "--kind", "agencies", "-o", agFile, "--data", dir)
	dir2 := t.TempDir()
	if code, _, stderr := runRec(t, "", "registry", "import", agFile, "--kind", "agencies", "--data", dir2); code != 0 {
		t.Fatal(stderr)
	}
	if code, out, stderr := runRec(t, "", "registry", "import", csvFile, "--kind", "officers", "--data", dir2); code != 0 || !strings.Contains(out, `"imported": 7`) {
		t.Fatalf("import officers: %s %s", out, stderr)
	}
	bad := "name,agency_id,certificate_number,valid_from\n合成,demo-scjgj,1,2026-02-30\n"
	if code, _, stderr := runRec(t, bad, "registry", "import", "-", "--format", "csv", "--kind", "officers", "--data", dir2); code == 0 || !strings.Contains(stderr, "valid_from") {
		t.Errorf("bad officer CSV: %d %s", code, stderr)
	}
	if code, out, _ := runRec(t, "", "registry", "export", "--data", dir2); code != 0 || !strings.Contains(out, "demo-of-7") {
		t.Errorf("registry JSON export: %.200s", out)
	}
}
