package web

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"zhifa/auth"
)

// Sign-in as a user sees it: anonymous API calls are 401, X-Actor names
// nobody, the login form and a session write without their CSRF tokens are
// 403, five wrong passwords lock the name, a read-only token cannot write
// (but may compute an answer), a supervisor cannot create a case.
func TestSignIn(t *testing.T) {
	s := recordsServer(t)
	st, err := s.Records()
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	if _, err := auth.CreateUser(ctx, st, "test", auth.User{Login: "officer9", Roles: []string{auth.RoleOfficer}}, "synthetic-password-9"); err != nil {
		t.Fatal(err)
	}
	req := httptest.NewRequest("GET", "/api/v1/cases", nil)
	req.Header.Set("X-Actor", "admin")
	if code, body := testAs(t, s, "", req); code != 401 || !strings.Contains(string(body), `"code":"unauthorized"`) {
		t.Errorf("X-Actor alone: %d %s", code, body)
	}
	for _, p := range []string{"/healthz", "/api/v1/health", "/login"} {
		if code, _ := testAs(t, s, "", httptest.NewRequest("GET", p, nil)); code != 200 {
			t.Errorf("public %s: %d", p, code)
		}
	}
	login := func(pw string) (int, string) {
		resp := testLogin(t, s, "officer9", pw)
		for _, c := range resp.Cookies() {
			if c.Name == sessionCookie && c.Value != "" {
				if !c.HttpOnly {
					t.Error("session cookie not HttpOnly")
				}
				return resp.StatusCode, c.Value
			}
		}
		return resp.StatusCode, ""
	}
	// the login form posted without its CSRF cookie (from another site) signs nobody in
	form := url.Values{"login": {"officer9"}, "password": {"synthetic-password-9"}, "_csrf": {"0123456789abcdef0123456789abcdef"}}
	req = httptest.NewRequest("POST", "/login", strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	if resp, err := s.App.Test(req, -1); err != nil || resp.StatusCode != 403 || sessionCookieOf(resp) != "" {
		t.Errorf("login without the CSRF cookie: %v %v", resp.StatusCode, err)
	}
	code, cookie := login("synthetic-password-9")
	if code != 303 || cookie == "" {
		t.Fatalf("login: %d cookie %q", code, cookie)
	}
	req = httptest.NewRequest("POST", "/api/v1/cases", strings.NewReader(`{}`))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Cookie", sessionCookie+"="+cookie)
	if code, body := testAs(t, s, "", req); code != 403 || !strings.Contains(string(body), "CSRF") {
		t.Errorf("session write without CSRF: %d %s", code, body)
	}
	for i := 0; i < 5; i++ {
		if code, _ := login("wrong"); code != 401 {
			t.Errorf("wrong password %d: %d", i, code)
		}
	}
	if code, _ := login("synthetic-password-9"); code != 429 {
		t.Errorf("locked account logged in: %d", code)
	}
	tok, _, err := auth.CreateToken(ctx, st, "test", "officer9", "read", "reader")
	if err != nil {
		t.Fatal(err)
	}
	req = httptest.NewRequest("POST", "/api/v1/cases", strings.NewReader(`{}`))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer "+tok)
	if code, body := testAs(t, s, "", req); code != 403 || !strings.Contains(string(body), "read-only") {
		t.Errorf("read-only token write: %d %s", code, body)
	}
	req = httptest.NewRequest("POST", "/api/v1/nlp/redact", strings.NewReader(`{"text":"合成测试：当事人张三（虚构）"}`))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer "+tok)
	if code, body := testAs(t, s, "", req); code != 200 {
		t.Errorf("read-only token computing an answer: %d %s", code, body)
	}
	if err := auth.Revoke(ctx, st, "test", tok); err != nil {
		t.Fatal(err)
	}
	req = httptest.NewRequest("GET", "/api/v1/cases", nil)
	req.Header.Set("Authorization", "Bearer "+tok)
	if code, _ := testAs(t, s, "", req); code != 401 {
		t.Errorf("revoked token: %d", code)
	}
	req = httptest.NewRequest("POST", "/api/v1/cases", strings.NewReader(`{}`))
	req.Header.Set("Content-Type", "application/json")
	if code, body := testAs(t, s, "supervisor1", req); code != 403 {
		t.Errorf("supervisor creating a case: %d %s", code, body)
	}
}

// testLogin posts the login form as a browser does: it loads the form first
// for its CSRF cookie and token.
func testLogin(t testing.TB, s *Server, login, password string) *http.Response {
	t.Helper()
	resp, err := s.App.Test(httptest.NewRequest("GET", "/login", nil), -1)
	if err != nil {
		t.Fatal(err)
	}
	var csrf string
	for _, c := range resp.Cookies() {
		if c.Name == loginCSRFCookie {
			csrf = c.Value
		}
	}
	body, _ := io.ReadAll(resp.Body)
	if csrf == "" || !strings.Contains(string(body), `name="_csrf" value="`+csrf+`"`) {
		t.Fatalf("login form without its CSRF cookie and token (cookie %q)", csrf)
	}
	form := url.Values{"login": {login}, "password": {password}, "next": {"/ui/cases"}, "_csrf": {csrf}}
	req := httptest.NewRequest("POST", "/login", strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Cookie", loginCSRFCookie+"="+csrf)
	resp, err = s.App.Test(req, -1)
	if err != nil {
		t.Fatal(err)
	}
	return resp
}

// Signing out is a POST with the session's CSRF token: a GET /logout (a
// link or an image on another site) leaves the session alone, a POST
// without the token is refused, and the header's 退出 form carries it.
func TestLogoutNeedsCSRF(t *testing.T) {
	s := recordsServer(t)
	st, err := s.Records()
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	if _, err := auth.CreateUser(ctx, st, "test", auth.User{Login: "officer8", Roles: []string{auth.RoleOfficer}}, "synthetic-password-8"); err != nil {
		t.Fatal(err)
	}
	resp := testLogin(t, s, "officer8", "synthetic-password-8")
	var cookie string
	for _, c := range resp.Cookies() {
		if c.Name == sessionCookie {
			cookie = c.Value
		}
	}
	if cookie == "" {
		t.Fatal("no session cookie")
	}
	send := func(method, path, body string) (int, string) {
		req := httptest.NewRequest(method, path, strings.NewReader(body))
		req.Header.Set("Cookie", sessionCookie+"="+cookie)
		if body != "" {
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		}
		code, b := testAs(t, s, "", req)
		return code, string(b)
	}
	signedIn := func() bool {
		code, _ := send("GET", "/ui/cases", "")
		return code == 200
	}
	code, page := send("GET", "/ui/cases", "")
	i := strings.Index(page, `action="/logout"`)
	if code != 200 || i < 0 {
		t.Fatalf("case list: %d, no logout form", code)
	}
	m := regexp.MustCompile(`name="_csrf" value="([0-9a-f]+)"`).FindStringSubmatch(page[i:])
	if m == nil {
		t.Fatalf("the logout form carries no CSRF token: %.300s", page[i:])
	}
	for _, tc := range []struct {
		name, method, body string
		status             int
		after              bool // still signed in
	}{
		{"GET signs nobody out", "GET", "", 303, true},
		{"POST without the token", "POST", "x=1", 403, true},
		{"POST with a wrong token", "POST", "_csrf=0000", 403, true},
		{"POST with the token", "POST", "_csrf=" + m[1], 303, false},
	} {
		if code, body := send(tc.method, "/logout", tc.body); code != tc.status {
			t.Errorf("%s: %d, want %d %.200s", tc.name, code, tc.status, body)
		}
		if got := signedIn(); got != tc.after {
			t.Errorf("%s: signed in %v, want %v", tc.name, got, tc.after)
		}
	}
	// signed out, GET leads to the login page (a POST is refused as any
	// signed-out write is)
	for _, method := range []string{"GET"} {
		req := httptest.NewRequest(method, "/logout", nil)
		resp, err := s.App.Test(req, -1)
		if err != nil {
			t.Fatal(err)
		}
		if resp.StatusCode != 303 || resp.Header.Get("Location") != "/login" {
			t.Errorf("signed out %s /logout: %d → %s", method, resp.StatusCode, resp.Header.Get("Location"))
		}
	}
}
