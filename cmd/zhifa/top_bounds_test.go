package main

import (
	"strings"
	"testing"
)

// A negative top is a usage error naming --top (exit 2), on every command
// that takes one; nothing is written to stdout.
func TestNegativeTopIsAUsageError(t *testing.T) {
	data := t.TempDir()
	for _, args := range [][]string{
		{"similar", "--top", "-1"},
		{"normpush", "--top", "-1"},
		{"search", "罚款", "--top", "-1"},
		{"search", "罚款", "--top", "101"},
	} {
		out, errs, rc := runZ(t, "当事人销售过期食品（合成）", append(args, "--data", data)...)
		if rc != 2 || !strings.Contains(errs, "--top") || out != "" {
			t.Errorf("%v: rc=%d stdout %q stderr %q; want exit 2 naming --top", args, rc, out, errs)
		}
	}
}
