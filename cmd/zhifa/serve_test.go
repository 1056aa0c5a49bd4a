package main

import (
	"bytes"
	"context"
	"net/http"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"
)

// lockedBuffer is stderr written by the server while the test reads it.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

var setupLinkRE = regexp.MustCompile(`http://(127\.0\.0\.1:\d+)/setup\?token=([0-9a-f]{48})`)
var listenRE = regexp.MustCompile(`listening on http://(127\.0\.0\.1:\d+)`)

// serveUntilUp runs zhifa serve on dir and returns its stderr once it answers.
func serveUntilUp(t *testing.T, dir string) (*lockedBuffer, string) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	errb := &lockedBuffer{}
	done := make(chan int, 1)
	go func() {
		done <- runMain(ctx, &cmdEnv{stdin: strings.NewReader(""), stdout: &bytes.Buffer{}, stderr: errb}, []string{"serve", "--addr", "127.0.0.1:0", "--data", dir})
	}()
	t.Cleanup(func() { cancel(); <-done })
	for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		if m := listenRE.FindStringSubmatch(errb.String()); m != nil {
			if resp, err := http.Get("http://" + m[1] + "/healthz"); err == nil {
				resp.Body.Close()
				return errb, m[1]
			}
		}
		select {
		case rc := <-done:
			t.Fatalf("serve ended with %d: %s", rc, errb.String())
		default:
		}
	}
	t.Fatalf("serve did not start: %s", errb.String())
	return nil, ""
}

// serve on a store without users prints a one-time setup link that works;
// on a store with an account it prints none.
func TestServePrintsSetupLink(t *testing.T) {
	t.Setenv("ZHIFA_DATABASE_URL", "")
	errb, addr := serveUntilUp(t, t.TempDir())
	m := setupLinkRE.FindStringSubmatch(errb.String())
	if m == nil || m[1] != addr {
		t.Fatalf("no setup link on stderr: %s", errb.String())
	}
	for _, tc := range []struct {
		token string
		want  int
	}{{"0000", 403}, {m[2], 200}} {
		resp, err := http.Get("http://" + addr + "/setup?token=" + tc.token)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != tc.want {
			t.Errorf("token %q: %d, want %d", tc.token, resp.StatusCode, tc.want)
		}
	}

	dir := t.TempDir()
	var out, eb bytes.Buffer
	if rc := runMain(context.Background(), &cmdEnv{stdin: strings.NewReader("synthetic-admin-pw\n"), stdout: &out, stderr: &eb}, []string{"admin", "create", "--user", "root1", "--data", dir}); rc != 0 {
		t.Fatalf("admin create: %d %s", rc, eb.String())
	}
	errb2, addr2 := serveUntilUp(t, dir)
	if strings.Contains(errb2.String(), "/setup?token=") {
		t.Errorf("a store with users printed a setup link: %s", errb2.String())
	}
	resp, err := http.Get("http://" + addr2 + "/setup?token=x")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 404 {
		t.Errorf("setup on a store with users: %d, want 404", resp.StatusCode)
	}
}

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
