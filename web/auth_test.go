package web

import (
	"context"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"zhifa/auth"
)

// Sign-in as a user sees it: anonymous API calls are 401, X-Actor names
// nobody, a session write without its CSRF token is 403, five wrong
// passwords lock the name, a read-only token cannot write, a supervisor
// cannot create a case.
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
		form := url.Values{"login": {"officer9"}, "password": {pw}, "next": {"/ui/cases"}}
		req := httptest.NewRequest("POST", "/login", strings.NewReader(form.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		resp, err := s.App.Test(req, -1)
		if err != nil {
			t.Fatal(err)
		}
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
	form := url.Values{"login": {"officer8"}, "password": {"synthetic-password-8"}, "next": {"/ui/cases"}}
	req := httptest.NewRequest("POST", "/login", strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	resp, err := s.App.Test(req, -1)
	if err != nil {
		t.Fatal(err)
	}
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
	// signed out, both lead to the login page
	for _, method := range []string{"GET", "POST"} {
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
