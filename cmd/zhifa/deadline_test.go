package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestDeadlineCommand(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "synthetic-2027.txt")
	bad := filepath.Join(dir, "bad.txt")
	// synthetic 2027 schedule, not the State Council's notice
	if err := os.WriteFile(good, []byte("# synthetic\n2027-01-01 holiday 元旦\n2027-01-02 holiday 元旦\n2027-01-03 holiday 元旦\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(bad, []byte("2027-01-01 holiday 元旦\n2027-02-08 workday 春节\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	t.Setenv("ZHIFA_HOLIDAYS", "")
	for _, c := range []struct {
		args []string
		code int
		want string // stdout (exit 0) or in stderr
	}{
		{[]string{"--kind", "行政处罚", "--decided", "2026-02-12"}, 0, `{"due":"2026-02-28","working_days":7}`},
		// 2/13, 2/14 Sat, 2/24–2/28 (7), 3/2–3/6 (12), 3/9–3/13 (17), 3/16–3/18 (20)
		{[]string{"--kind", "行政确认", "--decided", "2026-02-12"}, 0, `{"due":"2026-03-18","working_days":20}`},
		{[]string{"--kind", "行政处罚", "--decided", "2026-09-28", "--sector", "市场监管"}, 0, `{"due":"2026-10-30","working_days":20}`},
		{[]string{"--kind", "行政处罚", "--decided", "2027-03-01"}, 1, "--decided"},
		{[]string{"--kind", "行政处罚", "--decided", "2027-03-01", "--holidays", good}, 0, `{"due":"2027-03-10","working_days":7}`},
		{[]string{"--kind", "行政处罚", "--decided", "2027-03-01", "--holidays", bad}, 1, bad + ":2: type"},
		{[]string{"--kind", "行政奖励", "--decided", "2026-09-28"}, 2, "--kind"},
		{[]string{"--decided", "2026-09-28"}, 2, "--kind"},
		{[]string{"--kind", "行政处罚", "--decided", "28/09/2026"}, 2, "--decided"},
		{[]string{"--kind", "行政处罚"}, 2, "--decided"},
		{[]string{"--kind", "行政处罚", "--decided", "2026-09-28", "--sector", "税务"}, 2, "--sector"},
	} {
		code, out, stderr := runRec(t, "", append([]string{"deadline"}, c.args...)...)
		if c.code == 0 {
			compact := strings.Join(strings.Fields(out), "")
			if code != 0 || compact != c.want {
				t.Errorf("%v: exit %d, stdout %s stderr %s; want %s", c.args, code, out, stderr, c.want)
			}
			continue
		}
		if code != c.code || !strings.Contains(stderr, c.want) {
			t.Errorf("%v: exit %d, stderr %s; want %d with %q", c.args, code, stderr, c.code, c.want)
		}
	}
	// the server refuses to start on a bad schedule, before it listens
	code, _, stderr := runRec(t, "", "serve", "--holidays", bad, "--data", t.TempDir(), "--addr", "127.0.0.1:0")
	if code != 1 || !strings.Contains(stderr, bad+":2: type") {
		t.Errorf("serve --holidays %s: exit %d, stderr %s", bad, code, stderr)
	}
}
