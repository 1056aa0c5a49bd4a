package web

import (
	"context"
	"encoding/json"
	"html"
	"io"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"

	"github.com/gofiber/fiber/v2"
)

// Every response — page, API, asset, error — carries the security headers;
// only assets and the public portal may be cached.
func TestSecurityHeaders(t *testing.T) {
	s := recordsServer(t)
	for _, tc := range []struct {
		actor, method, path string
		status              int
		cache               string
	}{
		{"", "GET", "/login", 200, "no-store"},
		{"", "GET", "/api/v1/health", 200, "no-store"},
		{"", "GET", "/api/v1/cases", 401, "no-store"},
		{"", "GET", "/ui/cases", 303, "no-store"},
		{"", "GET", uiCSSPath, 200, "public, max-age=31536000, immutable"},
		{"", "GET", statsJSPath, 200, "public, max-age=31536000, immutable"},
		{"", "GET", "/static/none.js", 404, "no-store"},
		{"tester", "GET", "/api/v1/cases", 200, "no-store"},
		{"tester", "GET", "/api/v1/cases/demo-case-01", 200, "no-store"},
		{"tester", "GET", "/ui/cases", 200, "no-store"},
		{"tester", "GET", "/ui/cases/demo-case-01", 200, "no-store"},
		{"tester", "GET", "/stats", 200, "no-store"},
		{"tester", "GET", "/api/v1/nope", 404, "no-store"},
		{"tester", "DELETE", "/api/v1/cases", 405, "no-store"},
	} {
		req := httptest.NewRequest(tc.method, tc.path, nil)
		if tc.actor != "" {
			req.Header.Set("Authorization", "Bearer "+testToken(t, s, tc.actor))
		}
		resp, err := s.App.Test(req, -1)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != tc.status {
			t.Errorf("%s %s: status %d, want %d", tc.method, tc.path, resp.StatusCode, tc.status)
		}
		checkSecurityHeaders(t, tc.method+" "+tc.path, resp.Header)
		if got := resp.Header.Get("Cache-Control"); got != tc.cache {
			t.Errorf("%s %s: Cache-Control %q, want %q", tc.method, tc.path, got, tc.cache)
		}
	}
}

func checkSecurityHeaders(t *testing.T, what string, h http.Header) {
	t.Helper()
	csp := h.Get("Content-Security-Policy")
	for _, want := range []string{"default-src 'self'", "frame-ancestors 'none'"} {
		if !strings.Contains(csp, want) {
			t.Errorf("%s: Content-Security-Policy %q lacks %q", what, csp, want)
		}
	}
	if strings.Contains(csp, "unsafe-inline") || strings.Contains(csp, "unsafe-eval") {
		t.Errorf("%s: Content-Security-Policy %q allows inline code", what, csp)
	}
	for k, want := range map[string]string{"X-Content-Type-Options": "nosniff", "X-Frame-Options": "DENY", "Referrer-Policy": "same-origin"} {
		if got := h.Get(k); got != want {
			t.Errorf("%s: %s %q, want %q", what, k, got, want)
		}
	}
}

// The public portal may be cached briefly when it answers 200; its errors not.
func TestPortalCache(t *testing.T) {
	app := fiber.New()
	app.Use(securityHeaders)
	app.Get("/portal", func(c *fiber.Ctx) error { return c.SendString("ok") })
	app.Get("/portal/own", func(c *fiber.Ctx) error { c.Set("Cache-Control", "public, max-age=60"); return c.SendString("ok") })
	app.Get("/portal/gone", func(c *fiber.Ctx) error { return c.SendStatus(404) })
	app.Get("/portal/fail", func(c *fiber.Ctx) error { return fiber.ErrBadRequest })
	for _, tc := range []struct{ path, cache string }{
		{"/portal", portalCache},
		{"/portal/own", "public, max-age=60"},
		{"/portal/gone", "no-store"},
		{"/portal/fail", "no-store"},
	} {
		resp, err := app.Test(httptest.NewRequest("GET", tc.path, nil), -1)
		if err != nil {
			t.Fatal(err)
		}
		if got := resp.Header.Get("Cache-Control"); got != tc.cache {
			t.Errorf("%s: Cache-Control %q, want %q", tc.path, got, tc.cache)
		}
		checkSecurityHeaders(t, tc.path, resp.Header)
	}
}

// The CSP allows no inline code, so no template may hold any: no <style>,
// style="", inline <script> (a data block of type application/json is
// not code) or on… handler.
func TestTemplatesHoldNoInlineCode(t *testing.T) {
	inline := []*regexp.Regexp{
		regexp.MustCompile(`(?i)<style`),
		regexp.MustCompile(`(?i)\sstyle\s*=`),
		regexp.MustCompile(`(?i)\son[a-z]+\s*=`),
		regexp.MustCompile(`(?i)javascript:`),
		regexp.MustCompile(`(?i)<script(\s+type="text/javascript")?\s*>`),
	}
	files := map[string]string{"stats_page.html": statsPageHTML}
	names, _ := fs.Glob(templateFS, "templates/*.html")
	for _, n := range names {
		b, _ := fs.ReadFile(templateFS, n)
		files[n] = string(b)
	}
	if len(files) < 5 {
		t.Fatalf("only %d templates found", len(files))
	}
	for n, text := range files {
		for _, re := range inline {
			if loc := re.FindStringIndex(text); loc != nil {
				t.Errorf("%s: inline code %q", n, text[loc[0]:min(len(text), loc[1]+30)])
			}
		}
	}
}

// The statistics page carries its data as a JSON block its script reads.
func TestStatsPageDataBlock(t *testing.T) {
	s := recordsServer(t)
	status, body := testAs(t, s, "tester", httptest.NewRequest("GET", "/stats", nil))
	if status != 200 {
		t.Fatalf("/stats: %d", status)
	}
	m := regexp.MustCompile(`(?s)<script type="application/json" id="stats-data">(.*?)</script>`).FindSubmatch(body)
	if m == nil {
		t.Fatalf("/stats: no stats-data block: %.500s", body)
	}
	var data struct {
		Report struct{ Year int } `json:"report"`
		Kinds  []string           `json:"kinds"`
	}
	if err := json.Unmarshal([]byte(html.UnescapeString(string(m[1]))), &data); err != nil || data.Report.Year == 0 || len(data.Kinds) == 0 {
		t.Errorf("stats-data %q: %v", m[1][:min(200, len(m[1]))], err)
	}
	for _, src := range []string{statsJSPath, statsCSSPath, echartsPath} {
		if !strings.Contains(string(body), src) {
			t.Errorf("/stats does not load %s", src)
		}
	}
}

// A stored file is shown in place only when it is an image or a PDF; any
// other content (HTML above all) is a download, never rendered or sniffed.
func TestStoredFileDisposition(t *testing.T) {
	s := recordsServer(t)
	st, err := s.Records()
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name, content, ctype, disposition string
	}{
		{"png", "\x89PNG\r\n\x1a\n synthetic", "image/png", "inline"},
		{"pdf", "%PDF-1.7 synthetic", "application/pdf", "inline"},
		{"html", "<html><script>alert(1)</script></html>", "application/octet-stream", "attachment"},
		{"svg", `<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>`, "application/octet-stream", "attachment"},
		{"text", "合成的证据文本", "application/octet-stream", "attachment"},
	} {
		d, err := st.AddDocument(context.Background(), "demo-case-05", "synthetic-"+tc.name, "", []byte(tc.content), "test")
		if err != nil {
			t.Fatal(err)
		}
		resp, err := testResp(t, s, httptest.NewRequest("GET", "/api/v1/files/"+d.SHA256, nil))
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		if resp.StatusCode != 200 || string(b) != tc.content {
			t.Errorf("%s: %d %q", tc.name, resp.StatusCode, b)
		}
		if got := resp.Header.Get("Content-Type"); got != tc.ctype {
			t.Errorf("%s: Content-Type %q, want %q", tc.name, got, tc.ctype)
		}
		if got := resp.Header.Get("Content-Disposition"); !strings.HasPrefix(got, tc.disposition+";") {
			t.Errorf("%s: Content-Disposition %q, want %s", tc.name, got, tc.disposition)
		}
		if resp.Header.Get("X-Content-Type-Options") != "nosniff" {
			t.Errorf("%s: no nosniff", tc.name)
		}
	}
}
