package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

func TestStatsCommand(t *testing.T) {
	t.Setenv("ZHIFA_DATABASE_URL", "")
	dir := t.TempDir()
	if code, _, stderr := runRec(t, "", "demo", "--data", dir); code != 0 {
		t.Fatalf("demo: %s", stderr)
	}
	code, out, stderr := runRec(t, "", "stats", "--year", "2026", "--agency", "demo-scjgj", "--data", dir)
	var rep struct {
		Totals map[string]map[string]float64 `json:"totals"`
	}
	if code != 0 || json.Unmarshal([]byte(out), &rep) != nil || rep.Totals["penalty"]["cases"] != 12 {
		t.Fatalf("stats: %d %s %.300s", code, stderr, out)
	}
	xlsx := filepath.Join(t.TempDir(), "s.xlsx")
	if code, _, stderr := runRec(t, "", "stats", "--year", "2026", "--format", "xlsx", "-o", xlsx, "--data", dir); code != 0 {
		t.Fatalf("xlsx: %s", stderr)
	}
	f, err := excelize.OpenFile(xlsx)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if v, _ := f.GetCellValue("totals", "C4"); v != "12" {
		t.Errorf("xlsx penalty cases %q", v)
	}
	bad := filepath.Join(t.TempDir(), "bad.json")
	for _, tc := range []struct {
		args []string
		code int
		msg  string
	}{
		{[]string{"stats", "--data", dir}, 2, "--year"},
		{[]string{"stats", "--year", "2026", "--format", "pdf", "--data", dir}, 2, "--format"},
		{[]string{"stats", "--year", "2026", "--agency", "nope", "-o", bad, "--data", dir}, 1, "agency"},
	} {
		code, _, stderr := runRec(t, "", tc.args...)
		if code != tc.code || !strings.Contains(stderr, tc.msg) {
			t.Errorf("%v: %d %s", tc.args, code, stderr)
		}
	}
	if _, err := os.Stat(bad); err == nil {
		t.Error("a failed stats run left its output file")
	}
}
