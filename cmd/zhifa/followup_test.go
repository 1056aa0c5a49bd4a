package main

import (
	"strings"
	"testing"
	"time"
)

func TestFollowupCommands(t *testing.T) {
	t.Setenv("ZHIFA_DATABASE_URL", "")
	dir := t.TempDir()
	if code, _, stderr := runRec(t, "", "demo", "--data", dir); code != 0 {
		t.Fatalf("demo: %d %s", code, stderr)
	}
	day := time.Now().Format("2006-01-02")
	tests := []struct {
		args []string
		code int
		want string // in stdout (exit 0) or stderr
	}{
		{[]string{"cases", "appeal", "--case", "demo-case-01", "--type", "reconsideration", "--outcome", "upheld", "--decided-on", day}, 0, `"id": "ap-demo-case-01-1"`},
		{[]string{"cases", "appeal", "--case", "demo-case-01", "--type", "复议", "--outcome", "upheld", "--decided-on", day}, 1, "invalid type"},
		{[]string{"cases", "appeal", "--case", "demo-case-09", "--type", "litigation", "--outcome", "upheld", "--decided-on", day}, 1, "no_decision"},
		{[]string{"cases", "appeal", "--type", "litigation"}, 2, "--case"},
		{[]string{"cases", "transfer", "--case", "demo-case-09", "--reported-on", day}, 0, `"reported_on": "` + day + `"`},
		{[]string{"cases", "transfer", "--case", "demo-case-09", "--reported-on", day, "--sent-at", "yesterday"}, 2, "--sent-at"},
		{[]string{"cases", "extend", "--case", "demo-case-09", "--approved-on", day, "--approved-by", "示例局长（虚构）", "--days", "30", "--reason", "需补充鉴定（虚构）"}, 0, `"id": "ext-demo-case-09-1"`},
		{[]string{"cases", "extend", "--case", "demo-case-09", "--approved-on", day, "--approved-by", "示例局长（虚构）", "--reason", "需补充鉴定（虚构）"}, 1, "days"},
		{[]string{"cases", "extend", "--approved-on", day}, 2, "--case"},
		{[]string{"annual-report", "--agency", "demo-scjgj", "--year", "2025", "--published-on", "2026-01-30"}, 0, `"published_on": "2026-01-30"`},
		{[]string{"annual-report", "--agency", "demo-scjgj", "--year", "2025"}, 1, "reported_on"},
	}
	for _, tc := range tests {
		code, out, stderr := runRec(t, "", append(tc.args, "--data", dir)...)
		got := out
		if tc.code != 0 {
			got = stderr
		}
		if code != tc.code || !strings.Contains(got, tc.want) {
			t.Errorf("%v: exit %d, stdout %.200s stderr %s; want %d with %q", tc.args, code, out, stderr, tc.code, tc.want)
		}
	}
	code, out, _ := runRec(t, "", "warnings", "--kind", "transfer", "--data", dir)
	if code != 0 || !strings.Contains(out, "demo-case-09") {
		t.Errorf("transfer warning after recording the report: %d %.300s", code, out)
	}
}
