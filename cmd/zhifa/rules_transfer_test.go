package main

import (
	"bytes"
	"context"
	"strings"
	"testing"
)

func TestTransferCommand(t *testing.T) {
	cases := []struct {
		stdin string
		code  int
		out   string // in stdout (code 0) or stderr
	}{
		{`{"facts":"当事人伪劣产品尚未销售，货值金额200000元"}`, 0, `"crime": "生产、销售伪劣产品罪（未遂）"`},
		{`{"amounts":{"blood_alcohol":50}}`, 0, `"flags": []`},
		{`{"circumstances":["nope"]}`, 1, "circumstances[0]"},
		{`{"amounts":`, 1, "malformed JSON"},
		{``, 2, "JSON object"},
	}
	for _, tc := range cases {
		var out, errb bytes.Buffer
		code := runMain(context.Background(), &cmdEnv{stdin: strings.NewReader(tc.stdin), stdout: &out, stderr: &errb}, []string{"transfer", "--data", t.TempDir()})
		got := out.String()
		if code != 0 {
			got = errb.String()
		}
		if code != tc.code || !strings.Contains(got, tc.out) {
			t.Errorf("transfer <<%s: exit %d, %q; want exit %d with %q", tc.stdin, code, got, tc.code, tc.out)
		}
	}
}
