package main

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestWarningsCommand(t *testing.T) {
	t.Setenv("ZHIFA_DATABASE_URL", "")
	dir := t.TempDir()
	if code, _, stderr := runRec(t, "", "demo", "--data", dir); code != 0 {
		t.Fatalf("demo: %d %s", code, stderr)
	}
	code, out, stderr := runRec(t, "", "warnings", "--agency", "demo-scjgj", "--kind", "decision_limit", "--data", dir)
	var ws []struct {
		Kind, CaseID, Due, Citation string
		DaysLeft                    *int `json:"days_left"`
	}
	if code != 0 || json.Unmarshal([]byte(out), &ws) != nil || len(ws) == 0 {
		t.Fatalf("warnings: %d %s %.300s", code, stderr, out)
	}
	for _, w := range ws {
		if w.Kind != "decision_limit" || w.DaysLeft == nil || !strings.Contains(w.Citation, "第六十条") {
			t.Errorf("warning %+v", w)
		}
	}
	if code, _, stderr := runRec(t, "", "warnings", "--agency", "nope", "--data", dir); code != 1 || !strings.Contains(stderr, "agency") {
		t.Errorf("unknown agency: %d %s", code, stderr)
	}
	if code, _, _ := runRec(t, "", "warnings", "extra", "--data", dir); code != 2 {
		t.Errorf("extra argument exits %d, want 2", code)
	}
}
