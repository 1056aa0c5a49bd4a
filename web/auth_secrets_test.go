package web

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"zhifa/auth"
	"zhifa/records"
)

// demoServer is a server on the demo data with opts.
func demoServer(t *testing.T, opts Options) *Server {
	t.Helper()
	t.Setenv("ZHIFA_DATABASE_URL", "")
	opts.DataDir = t.TempDir()
	s := New(opts)
	t.Cleanup(func() { s.Close(context.Background()) })
	st, err := s.Records()
	if err != nil {
		t.Fatal(err)
	}
	if err := records.LoadDemo(context.Background(), st); err != nil {
		t.Fatal(err)
	}
	return s
}

// lockedBuffer is a log destination tests read after the requests.
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

// sessionCookieOf is the session secret a login response sets, "" if none.
func sessionCookieOf(resp *http.Response) string {
	for _, c := range resp.Cookies() {
		if c.Name == sessionCookie && c.Value != "" {
			return c.Value
		}
	}
	return ""
}

// A session ends SessionTTL after sign-in on the server's clock: the page
// sends the browser to sign in again and the API answers 401.
func TestSessionExpires(t *testing.T) {
	var mu sync.Mutex
	now := time.Now()
	clock := func() time.Time { mu.Lock(); defer mu.Unlock(); return now }
	s := demoServer(t, Options{Clock: clock, SessionTTL: 3 * time.Hour})
	st, _ := s.Records()
	if _, err := auth.CreateUser(context.Background(), st, "test", auth.User{Login: "officer6", Roles: []string{auth.RoleOfficer}, AgencyID: records.DemoAgencyID}, "synthetic-password-6"); err != nil {
		t.Fatal(err)
	}
	cookie := sessionCookieOf(testLogin(t, s, "officer6", "synthetic-password-6"))
	if cookie == "" {
		t.Fatal("no session")
	}
	get := func(path string) (int, string) {
		req := httptest.NewRequest("GET", path, nil)
		req.Header.Set("Cookie", sessionCookie+"="+cookie)
		resp, err := s.App.Test(req, -1)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode, resp.Header.Get("Location")
	}
	for _, tc := range []struct {
		after      time.Duration
		page, api  int
		toSignInAt bool
	}{
		{0, 200, 200, false},
		{3*time.Hour - time.Minute, 200, 200, false},
		{3 * time.Hour, 303, 401, true},
		{48 * time.Hour, 303, 401, true},
	} {
		mu.Lock()
		now = time.Now().Add(tc.after)
		mu.Unlock()
		code, loc := get("/ui/cases")
		if code != tc.page || (tc.toSignInAt && !strings.HasPrefix(loc, "/login?")) {
			t.Errorf("page %v after sign-in: %d %q, want %d", tc.after, code, loc, tc.page)
		}
		if code, _ := get("/api/v1/cases"); code != tc.api {
			t.Errorf("API %v after sign-in: %d, want %d", tc.after, code, tc.api)
		}
	}
}

// Signing in, working through the session, then through a token: no log
// line and no page or answer holds the password, the session's secret or
// the token's, even when a client puts them in the query string or types
// the password as the login name. Every
// request is logged once, with who made it.
func TestNoSecretsInLogsOrPages(t *testing.T) {
	logs := &lockedBuffer{}
	logger := slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	prev := slog.Default()
	slog.SetDefault(slog.New(slog.NewJSONHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug})))
	t.Cleanup(func() { slog.SetDefault(prev) })

	s := demoServer(t, Options{Logger: logger})
	st, _ := s.Records()
	ctx := context.Background()
	const password, wrong = "synthetic-Pass-8x7Q", "synthetic-Wrong-3kZ9"
	if _, err := auth.CreateUser(ctx, st, "test", auth.User{Login: "officer8", Roles: []string{auth.RoleOfficer}, AgencyID: records.DemoAgencyID}, password); err != nil {
		t.Fatal(err)
	}
	var bodies []string
	send := func(req *http.Request) (int, string) {
		t.Helper()
		resp, err := s.App.Test(req, -1)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		bodies = append(bodies, req.Method+" "+req.URL.Path+" → "+string(b)+" Location: "+resp.Header.Get("Location"))
		return resp.StatusCode, string(b)
	}

	if code := testLogin(t, s, "officer8", wrong).StatusCode; code != 401 {
		t.Errorf("wrong password: %d", code)
	}
	if code := testLogin(t, s, password, "synthetic-x").StatusCode; code != 401 { // the password typed as the name
		t.Errorf("password as the name: %d", code)
	}
	resp := testLogin(t, s, "officer8", password)
	session := sessionCookieOf(resp)
	if resp.StatusCode != 303 || session == "" {
		t.Fatalf("login: %d, session %q", resp.StatusCode, session)
	}
	b, _ := io.ReadAll(resp.Body)
	bodies = append(bodies, "POST /login → "+string(b))

	withSession := func(method, path, body string) (int, string) {
		req := httptest.NewRequest(method, path, strings.NewReader(body))
		req.Header.Set("Cookie", sessionCookie+"="+session)
		if body != "" {
			req.Header.Set("Content-Type", "application/json")
		}
		return send(req)
	}
	_, page := withSession("GET", "/ui/cases/demo-case-01", "")
	m := regexp.MustCompile(`name="_csrf" value="([0-9a-f]+)"`).FindStringSubmatch(page)
	if m == nil {
		t.Fatalf("no CSRF token on the case page")
	}
	for _, p := range []string{"/ui/cases", "/ui/warnings", "/", "/api/v1/cases?password=" + url.QueryEscape(password)} {
		if code, _ := withSession("GET", p, ""); code >= 400 {
			t.Errorf("GET %s with the session: %d", p, code)
		}
	}
	req := httptest.NewRequest("POST", "/api/v1/cases", strings.NewReader(`{"synthetic":true}`))
	req.Header.Set("Cookie", sessionCookie+"="+session)
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-CSRF-Token", m[1])
	if code, body := send(req); code == 401 || code == 403 {
		t.Errorf("session write with its CSRF token: %d %s", code, body)
	}

	token, _, err := auth.CreateToken(ctx, st, "test", "officer8", "write", "synthetic")
	if err != nil {
		t.Fatal(err)
	}
	withToken := func(method, path, body string) (int, string) {
		req := httptest.NewRequest(method, path, strings.NewReader(body))
		req.Header.Set("Authorization", "Bearer "+token)
		req.Header.Set("Content-Type", "application/json")
		return send(req)
	}
	for _, c := range []struct{ method, path, body string }{
		{"GET", "/api/v1/cases", ""},
		{"GET", "/api/v1/cases/demo-case-01", ""},
		{"GET", "/api/v1/cases/demo-case-01/steps?access_token=" + token, ""},
		{"POST", "/api/v1/nlp/redact", `{"text":"合成测试文本：当事人张三（虚构），身份证号 110101199003071234"}`},
		{"GET", "/ui/cases/demo-case-01", ""},
	} {
		if code, body := withToken(c.method, c.path, c.body); code >= 400 {
			t.Errorf("%s %s with the token: %d %s", c.method, c.path, code, clip([]byte(body)))
		}
	}
	// a token that is one character off, and the session after logout
	req = httptest.NewRequest("GET", "/api/v1/cases", nil)
	req.Header.Set("Authorization", "Bearer "+token[:len(token)-1]+"x")
	if code, _ := send(req); code != 401 {
		t.Errorf("altered token: %d", code)
	}
	req = httptest.NewRequest("POST", "/logout", nil)
	req.Header.Set("Cookie", sessionCookie+"="+session)
	req.Header.Set("X-CSRF-Token", m[1])
	if code, _ := send(req); code != 303 {
		t.Errorf("logout: %d", code)
	}
	if code, _ := withSession("GET", "/api/v1/cases", ""); code != 401 {
		t.Errorf("session after logout: %d", code)
	}

	out := logs.String()
	secrets := map[string]string{"password": password, "wrong password": wrong, "session secret": session, "token secret": token,
		"token without its prefix": strings.TrimPrefix(token, "zft_"), "session without its prefix": strings.TrimPrefix(session, "zfs_")}
	for what, v := range secrets {
		if strings.Contains(out, v) {
			t.Errorf("the log holds the %s", what)
		}
		for _, b := range bodies {
			if strings.Contains(b, v) {
				t.Errorf("an answer holds the %s: %s", what, clip([]byte(b)))
			}
		}
	}
	for _, want := range []string{
		`msg=request method=GET path=/ui/cases route=/ui/cases status=200`,
		`path=/api/v1/cases route=/api/v1/cases status=200`,
		`path=/api/v1/cases/demo-case-01/steps route=/api/v1/cases/:id/steps status=200`,
		`user=officer8`,
		`path=/api/v1/cases route=/api/v1/cases status=401`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("no log line with %q", want)
		}
	}
	if n, want := strings.Count(out, "msg=request "), len(bodies)+5; n != want { // + three forms and two posts testLogin sent (the third post is in bodies)
		t.Errorf("%d request lines for %d requests:\n%s", n, want, out)
	}
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		if strings.Contains(line, "msg=request") && !strings.Contains(line, "duration=") {
			t.Errorf("request line without a duration: %s", line)
		}
	}
}
