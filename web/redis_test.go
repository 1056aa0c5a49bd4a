package web

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"regexp"
	"strings"
	"testing"
	"time"

	"zhifa/auth"
	"zhifa/records"
)

// testRedis is the Redis of ZHIFA_TEST_REDIS_URL under a prefix of its own,
// emptied after the test; skipped without it, except in CI.
func testRedis(t *testing.T) *auth.Redis {
	t.Helper()
	url := os.Getenv("ZHIFA_TEST_REDIS_URL")
	if url == "" {
		if os.Getenv("CI") != "" {
			t.Fatal("ZHIFA_TEST_REDIS_URL is not set in CI")
		}
		t.Skip("ZHIFA_TEST_REDIS_URL not set (e.g. redis://127.0.0.1:6379/0)")
	}
	b := make([]byte, 6)
	_, _ = rand.Read(b)
	r, err := auth.OpenRedis(url, "zhifa-test:"+hex.EncodeToString(b)+":", nil)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	if err := r.Ping(ctx); err != nil {
		r.Close()
		if os.Getenv("CI") != "" {
			t.Fatalf("ZHIFA_TEST_REDIS_URL unreachable in CI: %v", err)
		}
		t.Skipf("ZHIFA_TEST_REDIS_URL unreachable: %v", err)
	}
	t.Cleanup(func() {
		keys, _ := r.Client.Keys(ctx, r.Prefix+"*").Result()
		if len(keys) > 0 {
			r.Client.Del(ctx, keys...)
		}
		r.Close()
	})
	return r
}

// Several nodes behind one Redis: five wrong passwords through node A lock
// the name on node B; a session opened through A is accepted by B, lives
// exactly the session lifetime in Redis and ends everywhere at logout on B;
// no Redis key holds a login or a secret; a node whose Redis is down signs
// out those whose session is in Redis rather than failing.
func TestRedisNodes(t *testing.T) {
	t.Setenv("ZHIFA_DATABASE_URL", "")
	r := testRedis(t)
	dir := t.TempDir()
	const ttl = 2 * time.Hour
	node := func(r *auth.Redis) *Server {
		s := New(Options{DataDir: dir, Redis: r, SessionTTL: ttl})
		t.Cleanup(func() { s.Close(context.Background()) })
		return s
	}
	a, b := node(r), node(r)
	st, err := a.Records()
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	if err := records.LoadDemo(ctx, st); err != nil {
		t.Fatal(err)
	}
	for _, login := range []string{"officer8", "officer9"} {
		if _, err := auth.CreateUser(ctx, st, "test", auth.User{Login: login, Roles: []string{auth.RoleOfficer}}, "synthetic-password-9"); err != nil {
			t.Fatal(err)
		}
	}
	get := func(s *Server, path, cookie string) (int, string) {
		t.Helper()
		req := httptest.NewRequest("GET", path, nil)
		if cookie != "" {
			req.Header.Set("Cookie", sessionCookie+"="+cookie)
		}
		resp, err := s.App.Test(req, -1)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		buf := new(bytes.Buffer)
		_, _ = buf.ReadFrom(resp.Body)
		return resp.StatusCode, buf.String()
	}

	// the lockout is shared
	for i, s := range []*Server{a, a, b, a, a} {
		if code := testLogin(t, s, "officer8", "wrong").StatusCode; code != 401 {
			t.Errorf("wrong password %d: %d", i, code)
		}
	}
	if code := testLogin(t, b, "officer8", "synthetic-password-9").StatusCode; code != http.StatusTooManyRequests {
		t.Errorf("on B after 5 failures through A and B: %d, want 429", code)
	}

	// the session is shared
	resp := testLogin(t, a, "officer9", "synthetic-password-9")
	cookie := sessionCookieOf(resp)
	if resp.StatusCode != 303 || cookie == "" {
		t.Fatalf("login on A: %d %q", resp.StatusCode, cookie)
	}
	key := r.Prefix + "session:" + hexSHA256(cookie)
	if got := r.Client.PTTL(ctx, key).Val(); got > ttl || got < ttl-5*time.Second {
		t.Errorf("session TTL in Redis %v, want %v", got, ttl)
	}
	keys, _ := r.Client.Keys(ctx, r.Prefix+"*").Result()
	for _, k := range keys {
		if strings.Contains(k, "officer") || strings.Contains(k, cookie) {
			t.Errorf("Redis key %q holds a login or a secret", k)
		}
	}
	if code, _ := get(b, "/ui/cases", cookie); code != 200 {
		t.Errorf("A's session on B: %d", code)
	}

	// Redis down on a node: signed out there, not an error
	c := node(downRedis(t))
	if code, _ := get(c, "/ui/cases", cookie); code != http.StatusSeeOther {
		t.Errorf("session in Redis, Redis down: %d, want 303 to the login page", code)
	}
	req := httptest.NewRequest("GET", "/api/v1/cases", nil)
	req.Header.Set("Cookie", sessionCookie+"="+cookie)
	if code, _ := testAs(t, c, "", req); code != 401 {
		t.Errorf("API, session in Redis, Redis down: %d, want 401", code)
	}
	if code, body := get(a, "/healthz", ""); code != 200 || body != `{"database":"ok","degraded":[],"redis":"ok","status":"ok"}` {
		t.Errorf("healthz: %d %s", code, body)
	}

	// logout on B ends the session on A
	if code := testLogout(t, b, cookie); code != http.StatusSeeOther {
		t.Errorf("logout on B: %d", code)
	}
	if n := r.Client.Exists(ctx, key).Val(); n != 0 {
		t.Errorf("session key still in Redis after logout")
	}
	if code, _ := get(a, "/ui/cases", cookie); code != http.StatusSeeOther {
		t.Errorf("session on A after logout on B: %d, want 303", code)
	}
	if code, _ := get(b, "/ui/cases", cookie); code != http.StatusSeeOther {
		t.Errorf("session on B after logout on B: %d, want 303", code)
	}
}

// A node whose Redis is down says so on /healthz and still serves: sign-in
// works (the session kept in the records), failures are counted on the
// node, and a session cookie it cannot look up is a sign-in page, not a 500.
func TestRedisDownNode(t *testing.T) {
	t.Setenv("ZHIFA_DATABASE_URL", "")
	s := New(Options{DataDir: t.TempDir(), Redis: downRedis(t)})
	t.Cleanup(func() { s.Close(context.Background()) })
	st, err := s.Records()
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	if err := records.LoadDemo(ctx, st); err != nil {
		t.Fatal(err)
	}
	if _, err := auth.CreateUser(ctx, st, "test", auth.User{Login: "officer9", Roles: []string{auth.RoleOfficer}}, "synthetic-password-9"); err != nil {
		t.Fatal(err)
	}
	get := func(path, cookie string) (int, string) {
		t.Helper()
		req := httptest.NewRequest("GET", path, nil)
		if cookie != "" {
			req.Header.Set("Cookie", sessionCookie+"="+cookie)
		}
		resp, err := s.App.Test(req, -1)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		buf := new(bytes.Buffer)
		_, _ = buf.ReadFrom(resp.Body)
		return resp.StatusCode, buf.String()
	}
	if code, body := get("/healthz", ""); code != 200 || body != `{"database":"ok","degraded":["redis"],"redis":"down","status":"ok"}` {
		t.Errorf("healthz: %d %s", code, body)
	}
	if code, _ := get("/ui/cases", "zfs_"+strings.Repeat("0", 48)); code != http.StatusSeeOther {
		t.Errorf("unknown session, Redis down: %d, want 303 to the login page", code)
	}
	resp := testLogin(t, s, "officer9", "synthetic-password-9")
	cookie := sessionCookieOf(resp)
	if resp.StatusCode != 303 || cookie == "" {
		t.Fatalf("login with Redis down: %d", resp.StatusCode)
	}
	if code, _ := get("/ui/cases", cookie); code != 200 {
		t.Errorf("session opened while Redis was down: %d", code)
	}
	for i := 0; i < 5; i++ {
		if code := testLogin(t, s, "officer9", "wrong").StatusCode; code != 401 {
			t.Errorf("Redis down, wrong password %d: %d", i, code)
		}
	}
	if code := testLogin(t, s, "officer9", "synthetic-password-9").StatusCode; code != http.StatusTooManyRequests {
		t.Errorf("Redis down, after 5 failures on this node: %d, want 429", code)
	}
	if code := testLogout(t, s, cookie); code != http.StatusSeeOther {
		t.Errorf("logout: %d", code)
	}
	if code, _ := get("/ui/cases", cookie); code != http.StatusSeeOther {
		t.Errorf("session after logout, Redis down: %d, want 303", code)
	}
}

func hexSHA256(s string) string { h := sha256.Sum256([]byte(s)); return hex.EncodeToString(h[:]) }

// downRedis is a Redis at a port nobody listens on.
func downRedis(t *testing.T) *auth.Redis {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	r, err := auth.OpenRedis("redis://"+addr+"/0", "zhifa-test-down:", nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { r.Close() })
	return r
}

// testLogout signs a session out as the page's 退出 button does: a POST
// with the session's CSRF token, read from a page.
func testLogout(t *testing.T, s *Server, cookie string) int {
	t.Helper()
	req := httptest.NewRequest("GET", "/ui/cases", nil)
	req.Header.Set("Cookie", sessionCookie+"="+cookie)
	_, page := testAs(t, s, "", req)
	m := regexp.MustCompile(`name="_csrf" value="([0-9a-f]+)"`).FindSubmatch(page)
	if m == nil {
		t.Fatalf("no CSRF token on the page")
	}
	req = httptest.NewRequest("POST", "/logout", nil)
	req.Header.Set("Cookie", sessionCookie+"="+cookie)
	req.Header.Set("X-CSRF-Token", string(m[1]))
	code, _ := testAs(t, s, "", req)
	return code
}
