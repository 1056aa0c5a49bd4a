package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The review commands on the demo (synthetic): the gate's refusal exits 1
// and writes nothing, usage errors exit 2, a bad catalog names file:line: field.
func TestReviewCommands(t *testing.T) {
	t.Setenv("ZHIFA_DATABASE_URL", "")
	dir := t.TempDir()
	if code, _, stderr := runRec(t, "", "demo", "--data", dir); code != 0 {
		t.Fatalf("demo: %d %s", code, stderr)
	}
	dec := `{"penalty_basis":"《中华人民共和国广告法》第五十五条第一款","fine":8000,"summary":"吊销广告发布登记（合成）"}`
	cases := []struct {
		name   string
		stdin  string
		args   []string
		code   int
		output string // in stdout, or stderr when code != 0
	}{
		{"scope", "", []string{"review", "scope", "--case", "demo-case-03"}, 0, `"rule": "hearing_held"`},
		{"scope without case", "", []string{"review", "scope"}, 2, "--case is required"},
		{"scope of an unknown case", "", []string{"review", "scope", "--case", "nope"}, 1, "not found"},
		{"checklist", "", []string{"review", "checklist", "--case", "demo-case-09"}, 0, `"key": "limitation"`},
		{"unknown sub", "", []string{"review", "frobnicate"}, 2, "unknown subcommand"},
		{"gate refuses", dec, []string{"review", "decide", "--case", "demo-case-09"}, 1, "review_required: review: case demo-case-09 has no legal review"},
		{"nothing written", "", []string{"cases", "show", "demo-case-09"}, 0, `"status": "notice"`},
		{"submit to an officer of the case", "", []string{"review", "submit", "--case", "demo-case-09", "--reviewer", "demo-of-3"}, 1, "invalid reviewer"},
		{"submit", "", []string{"review", "submit", "--case", "demo-case-09", "--reviewer", "demo-of-5", "--basis", "《中华人民共和国广告法》第五十五条第一款", "--fine", "8000", "--summary", "吊销广告发布登记（合成）"}, 0, `"status": "pending"`},
		{"queue", "", []string{"review", "list", "--reviewer", "demo-of-5", "--status", "pending"}, 0, `"id": "rv-demo-case-09"`},
		{"bad override", "", []string{"review", "opinion", "--review", "rv-demo-case-09", "--override", "law"}, 2, "KEY=STATUS:COMMENT"},
		{"opinion problems", "", []string{"review", "opinion", "--review", "rv-demo-case-09", "--reviewer", "demo-of-5", "--result", "problems", "--reasons", "合成：请补正", "--override", "law=fail:吊销不在该条"}, 0, `"status": "problems"`},
		{"still refused", dec, []string{"review", "decide", "--case", "demo-case-09"}, 1, "problems"},
		{"show", "", []string{"review", "show", "--case", "demo-case-09"}, 0, `"comment": "吊销不在该条"`},
		{"staffing", "", []string{"review", "staffing"}, 0, `"below": false`},
		{"catalog show", "", []string{"review", "catalog", "show", "--agency", "demo-scjgj"}, 0, `"fine_person"`},
		{"evaluate a case", "", []string{"evaluate", "--case", "demo-case-01"}, 0, `"max": 100`},
		{"evaluate an undecided case", "", []string{"evaluate", "--case", "demo-case-09"}, 1, "no decision"},
		{"evaluate sample", "", []string{"evaluate", "--sample", "2", "--from", "2026-01-01", "--to", "2026-12-31", "--seed", "42"}, 0, `"population": 3`},
		{"evaluate sample without dates", "", []string{"evaluate", "--sample", "2"}, 2, "--from and --to"},
		{"evaluate nothing", "", []string{"evaluate"}, 2, "usage"},
		{"catalog load without file", "", []string{"review", "catalog", "load", "--agency", "demo-scjgj"}, 2, "usage"},
	}
	for _, tc := range cases {
		code, out, stderr := runRec(t, tc.stdin, append(tc.args, "--data", dir)...)
		got := out
		if tc.code != 0 {
			got = stderr
		}
		if code != tc.code || !strings.Contains(got, tc.output) {
			t.Errorf("%s: exit %d (want %d) stdout %.300s stderr %s", tc.name, code, tc.code, out, stderr)
		}
	}
	bad := filepath.Join(t.TempDir(), "catalog.json")
	os.WriteFile(bad, []byte("{\n \"name\": \"合成\",\n \"rules\": [\n  {\"id\": \"a\", \"name\": \"n\", \"when\": {\"fine_at_least\": -5}, \"citation\": \"c\"}\n ]\n}\n"), 0o600)
	if code, _, stderr := runRec(t, "", "review", "catalog", "load", bad, "--agency", "demo-scjgj", "--data", dir); code != 1 || !strings.Contains(stderr, bad+":4: rules[0].when.fine_at_least") {
		t.Errorf("bad catalog: %d %s", code, stderr)
	}
	if code, out, stderr := runRec(t, "", "review", "catalog", "show", "--agency", "demo-scjgj", "--data", dir); code != 0 || !strings.Contains(out, `"fine_person"`) {
		t.Errorf("the running catalog changed: %d %s %s", code, out, stderr)
	}
	if code, _, stderr := runRec(t, "", "verify", "--data", dir); code != 0 {
		t.Errorf("verify: %s", stderr)
	}
}

func TestEvaluateSameSeedSameSample(t *testing.T) {
	t.Setenv("ZHIFA_DATABASE_URL", "")
	dir := t.TempDir()
	if code, _, stderr := runRec(t, "", "demo", "--data", dir); code != 0 {
		t.Fatalf("demo: %d %s", code, stderr)
	}
	x := filepath.Join(t.TempDir(), "report.xlsx")
	args := []string{"evaluate", "--sample", "2", "--from", "2026-01-01", "--to", "2026-12-31", "--seed", "9", "--data", dir}
	_, a, _ := runRec(t, "", append(args, "--xlsx", x)...)
	_, b, _ := runRec(t, "", args...)
	if a != b || !strings.Contains(a, `"case_id"`) {
		t.Errorf("two runs with seed 9 differ:\n%s\n%s", a, b)
	}
	if st, err := os.Stat(x); err != nil || st.Size() < 1000 {
		t.Errorf("xlsx: %v", err)
	}
}
