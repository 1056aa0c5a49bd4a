package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestDraftCommand(t *testing.T) {
	t.Setenv("ZHIFA_DATABASE_URL", "")
	dir := t.TempDir()
	if code, _, errs := runRec(t, "", "demo", "--data", dir); code != 0 {
		t.Fatal(errs)
	}
	out := filepath.Join(dir, "d.docx")
	code, stdout, errs := runRec(t, "", "draft", "--kind", "行政处罚决定书", "--case", "demo-case-01", "--data", dir, "-o", out)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var sum draftSummary
	if err := json.Unmarshal([]byte(stdout), &sum); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(out)
	if err != nil || len(b) != sum.Size || !strings.Contains(sum.Number, "〔2026〕") || len(sum.SHA256) != 64 {
		t.Fatalf("summary %s, file %d bytes, %v", stdout, len(b), err)
	}
	code, _, errs = runRec(t, "", "draft", "--kind", "不存在", "--case", "demo-case-01", "--data", dir, "-o", out)
	if code == 0 || !strings.Contains(errs, "行政处罚决定书") {
		t.Errorf("unknown kind: exit %d, %s", code, errs)
	}
	code, _, errs = runRec(t, "", "draft", "--kind", "行政处罚决定书", "--case", "nope", "--data", dir, "-o", out)
	if code == 0 || !strings.Contains(errs, "nope") {
		t.Errorf("unknown case: exit %d, %s", code, errs)
	}
}
