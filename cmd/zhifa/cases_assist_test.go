package main

import (
	"encoding/json"
	"strings"
	"testing"
)

// zhifa cases assist on the demo (synthetic): a suggestion with its range for
// a stored case, errors naming the flag.
func TestCasesAssist(t *testing.T) {
	t.Setenv("ZHIFA_DATABASE_URL", "")
	dir := t.TempDir()
	if code, _, stderr := runRec(t, "", "demo", "--data", dir); code != 0 {
		t.Fatalf("demo: %d %s", code, stderr)
	}
	code, out, stderr := runRec(t, "", "cases", "assist", "--case", "demo-case-09", "--data", dir)
	if code != 0 {
		t.Fatalf("assist: %d %s", code, stderr)
	}
	var ans struct {
		CaseID     string         `json:"case_id"`
		Suggestion map[string]any `json:"suggestion"`
		Disputes   []any          `json:"disputes"`
	}
	if err := json.Unmarshal([]byte(out), &ans); err != nil || ans.CaseID != "demo-case-09" || ans.Suggestion == nil {
		t.Errorf("assist answer: %v %.400s", err, out)
	}
	for _, tc := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"cases", "assist"}, 2, "--case"},
		{[]string{"cases", "assist", "--case", "nope"}, 1, "not found"},
		{[]string{"cases", "assist", "--case", "demo-case-09", "--top", "-1"}, 1, "--top"},
	} {
		code, _, stderr := runRec(t, "", append(tc.args, "--data", dir)...)
		if code != tc.code || !strings.Contains(stderr, tc.want) {
			t.Errorf("%v: exit %d %s", tc.args, code, stderr)
		}
	}
}
