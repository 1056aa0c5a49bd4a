package web

import (
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/gofiber/fiber/v2"

	"zhifa/auth"
)

// matrixActors are anonymous ("") and one user of each role.
var matrixActors = []struct{ name, role string }{
	{"", ""}, {"officer1", auth.RoleOfficer}, {"reviewer1", auth.RoleReviewer}, {"trainer1", auth.RoleTrainer}, {"supervisor1", auth.RoleSupervisor}, {"admin1", auth.RoleAdmin},
}

var routeParam = regexp.MustCompile(`:[A-Za-z0-9_]+\??|\*|\+`)

// samplePath fills a route pattern's parameters with a synthetic value
// that names nothing stored (a file's hash with 64 zeros).
func samplePath(pattern string) string {
	return routeParam.ReplaceAllStringFunc(pattern, func(p string) string {
		if strings.HasPrefix(p, ":sha256") {
			return strings.Repeat("0", 64)
		}
		return "synthetic-none"
	})
}

// matrixRoutes are the registered routes, once each, without HEAD (which
// follows GET) and without middleware.
func matrixRoutes(s *Server) []fiber.Route {
	seen := map[string]bool{}
	var out []fiber.Route
	for _, r := range s.App.GetRoutes(true) {
		if k := r.Method + " " + r.Path; r.Method != fiber.MethodHead && !seen[k] {
			seen[k] = true
			out = append(out, r)
		}
	}
	return out
}

// Every registered route has a rule in web/policy.go, and for every route
// and every role (and nobody) the server answers as the rule says: refused
// is 401 (or, for a page, a redirect to /login) when nobody is signed in
// and 403 for a role the rule does not name; allowed is anything else. A
// route added without a rule fails here by name.
func TestAuthorisationMatrix(t *testing.T) {
	s := recordsServer(t)
	var missing []string
	for _, r := range matrixRoutes(s) {
		key := r.Method + " " + r.Path
		rule, ok := ruleFor(r.Method, r.Path)
		if !ok {
			missing = append(missing, key)
			continue
		}
		for _, a := range matrixActors {
			want := rule.public || (a.role != "" && slices.Contains(rule.roles, a.role))
			code, loc, body := matrixCall(t, s, a.name, r.Method, r.Path)
			refused := code == 401 || code == 403 || (a.name == "" && code == 303 && strings.HasPrefix(loc, "/login?"))
			if a.name != "" && code == 401 {
				t.Errorf("%s as %s: 401 for a signed-in user", key, a.name)
			}
			if refused == want {
				who := a.name
				if who == "" {
					who = "nobody"
				}
				t.Errorf("%s as %s: %d %s, want %s (policy: public=%v roles=%v)", key, who, code, clip(body), map[bool]string{true: "allowed", false: "refused"}[want], rule.public, rule.roles)
			}
		}
	}
	if len(missing) > 0 {
		sort.Strings(missing)
		t.Errorf("routes without an authorisation rule in web/policy.go (they are refused to everyone):\n%s", strings.Join(missing, "\n"))
	}
	routes := map[string]bool{}
	for _, r := range matrixRoutes(s) {
		routes[r.Method+" "+r.Path] = true
	}
	for k := range policy {
		if !routes[k] {
			t.Logf("policy names a route that is not registered: %s", k)
		}
	}
}

// matrixCall sends method path (its parameters filled) as actor with an
// empty JSON object for a body; the login form is sent with its CSRF token
// and no name, which is refused as bad input, not for authorisation.
func matrixCall(t *testing.T, s *Server, actor, method, pattern string) (int, string, []byte) {
	t.Helper()
	var req *http.Request
	if method == "POST" && pattern == "/login" {
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
		req = httptest.NewRequest(method, pattern, strings.NewReader(url.Values{"_csrf": {csrf}}.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("Cookie", loginCSRFCookie+"="+csrf)
	} else {
		req = httptest.NewRequest(method, samplePath(pattern), strings.NewReader(`{}`))
		req.Header.Set("Content-Type", "application/json")
	}
	if actor != "" {
		req.Header.Set("Authorization", "Bearer "+testToken(t, s, actor))
	}
	resp, err := s.App.Test(req, -1)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, resp.Header.Get("Location"), b
}

func clip(b []byte) string {
	s := strings.Join(strings.Fields(string(b)), " ")
	if r := []rune(s); len(r) > 160 {
		return string(r[:160]) + "…"
	}
	return s
}

// A route registered without a rule is refused to every role, and to
// nobody signed in; a path without a route does not tell nobody so.
func TestRouteWithoutRuleRefused(t *testing.T) {
	saved := routeFuncs
	routeFuncs = append(slices.Clip(routeFuncs), func(s *Server, api fiber.Router) {
		api.Get("/synthetic-unlisted", func(c *fiber.Ctx) error { return c.SendString("served") })
	})
	s := recordsServer(t)
	routeFuncs = saved
	for _, a := range matrixActors {
		code, _, body := matrixCall(t, s, a.name, "GET", "/api/v1/synthetic-unlisted")
		if want := map[bool]int{true: 401, false: 403}[a.name == ""]; code != want {
			t.Errorf("as %q: %d %s, want %d", a.name, code, body, want)
		}
		// a path no route serves is 404 only to those signed in
		code, _, body = matrixCall(t, s, a.name, "GET", "/api/v1/synthetic-no-such-route")
		if want := map[bool]int{true: 401, false: 404}[a.name == ""]; code != want {
			t.Errorf("no such route as %q: %d %s, want %d", a.name, code, body, want)
		}
	}
}

// The decisions docs/roles.md states, checked against the table itself so
// that an edit to web/policy.go that changes one fails here.
func TestPolicyDecisions(t *testing.T) {
	for _, tc := range []struct {
		route string
		role  string
		want  bool
	}{
		{"POST /api/v1/cases", auth.RoleOfficer, true},
		{"POST /api/v1/cases", auth.RoleSupervisor, false},
		{"POST /api/v1/cases", auth.RoleAdmin, false},
		{"POST /api/v1/cases/:id/evidence", auth.RoleOfficer, true},
		{"POST /api/v1/cases/:id/documents", auth.RoleReviewer, false},
		{"POST /api/v1/reviews/:id/opinion", auth.RoleReviewer, true},
		{"POST /api/v1/reviews/:id/opinion", auth.RoleOfficer, false},
		{"POST /api/v1/reviews/:id/opinion", auth.RoleAdmin, false},
		{"POST /api/v1/library/import", auth.RoleTrainer, true},
		{"POST /api/v1/library/import", auth.RoleOfficer, false},
		{"POST /api/v1/library/threads/:id/comments", auth.RoleOfficer, true},
		{"POST /api/v1/agencies", auth.RoleAdmin, true},
		{"POST /api/v1/agencies", auth.RoleOfficer, false},
		{"PUT /api/v1/power-items/:id", auth.RoleAdmin, true},
		{"POST /api/v1/benchmarks", auth.RoleAdmin, true},
		{"POST /api/v1/benchmarks", auth.RoleTrainer, false},
		{"GET /api/v1/cases", auth.RoleSupervisor, true},
		{"GET /api/v1/cases/:id/access-log", auth.RoleSupervisor, true},
		{"GET /ui/evaluation", auth.RoleSupervisor, true},
		{"GET /ui/evaluation", auth.RoleOfficer, false},
		{"POST /api/v1/suggest", auth.RoleSupervisor, true},
	} {
		method, pattern, _ := strings.Cut(tc.route, " ")
		rule, ok := ruleFor(method, pattern)
		if !ok {
			t.Errorf("%s: no rule", tc.route)
			continue
		}
		if got := slices.Contains(rule.roles, tc.role); got != tc.want {
			t.Errorf("%s for %s: %v, want %v", tc.route, tc.role, got, tc.want)
		}
	}
	for _, p := range []string{"/healthz", "/api/v1/health", "/login", "/portal", "/portal/decisions/:id", "/static/ui.css", "/api/v1/deadline"} {
		for _, m := range []string{"GET", "POST"} {
			if rule, ok := ruleFor(m, p); m == "GET" && !(ok && rule.public) {
				t.Errorf("GET %s is not public", p)
			}
		}
	}
	if rule, _ := ruleFor("GET", "/portalx"); rule.public {
		t.Error("/portalx is public")
	}
	// supervisors oversee: no rule lets them change a record; admins
	// keep the registry (their pages are /ui/admin/…), not the cases or the
	// legal reviews
	for k, rule := range policy {
		method, pattern, _ := strings.Cut(k, " ")
		if method == "GET" || rule.answers || rule.public {
			continue
		}
		if slices.Contains(rule.roles, auth.RoleSupervisor) {
			t.Errorf("%s: a supervisor may write", k)
		}
		if slices.Contains(rule.roles, auth.RoleAdmin) && (strings.Contains(pattern, "/cases") || strings.Contains(pattern, "/reviews") || (strings.HasPrefix(pattern, "/ui/") && !strings.HasPrefix(pattern, "/ui/admin/"))) {
			t.Errorf("%s: an admin may write a case or a review", k)
		}
	}
}
