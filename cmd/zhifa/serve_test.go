package main

import (
	"strings"
	"testing"
)

// A Redis URL that does not parse stops serve before it listens, naming the
// flag (or the variable it defaults from).
func TestServeRedisURL(t *testing.T) {
	for _, tc := range []struct {
		name string
		env  string
		args []string
	}{
		{"flag", "", []string{"--redis", "http://127.0.0.1:6379"}},
		{"variable", "mysql://127.0.0.1:6379", nil},
		{"bad db", "", []string{"--redis", "redis://127.0.0.1:6379/notadb"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Setenv("ZHIFA_REDIS_URL", tc.env)
			args := append([]string{"serve", "--data", t.TempDir(), "--addr", "127.0.0.1:0"}, tc.args...)
			code, _, stderr := runRec(t, "", args...)
			if code != 1 || !strings.Contains(stderr, "--redis") {
				t.Errorf("exit %d, stderr %s", code, stderr)
			}
		})
	}
}
