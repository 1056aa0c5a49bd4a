package web

import (
	"slices"
	"strings"

	"zhifa/auth"
)

// The authorisation policy: who may call each route, keyed "METHOD pattern"
// with the pattern exactly as the route is registered (fiber's :param
// syntax). Every registered route needs an entry; a route without one is
// refused to everyone signed in, and TestAuthorisationMatrix names it.
// docs/roles.md explains the decisions.
//
// A new route: add one line here, in the section of its area.

// access is one route's rule.
type access struct {
	// public routes are served to anyone, signed in or not, without the
	// session's CSRF check: their handlers must not act on who is signed in.
	public bool
	roles  []string // the roles that may call it (any one suffices)
	// answers marks a POST that only computes an answer (suggest, redact …)
	// and changes no record: read-only tokens may call it.
	answers bool
}

var (
	anyone = access{public: true}
	// anyRole is every role: reading is open to all who are signed in.
	anyRole = access{roles: auth.Roles}
	// answersAnyRole is a POST that answers without writing, for every role.
	answersAnyRole = access{roles: auth.Roles, answers: true}
)

// only is a write (or a read) for these roles alone.
func only(roles ...string) access { return access{roles: roles} }

// answering is a POST that computes an answer, for these roles alone.
func answering(roles ...string) access { return access{roles: roles, answers: true} }

// publicPrefixes are served to anyone under any route: the disclosure
// portal, the deadline calculator and the static assets (whose names carry
// content hashes, so they cannot be listed).
var publicPrefixes = []string{"/portal", "/static/", "/api/v1/deadline"}

// publicPath reports whether a registered pattern falls under publicPrefixes
// (/portal and /portal/…, not /portalx).
func publicPath(pattern string) bool {
	for _, p := range publicPrefixes {
		if pattern == p || strings.HasPrefix(pattern, strings.TrimSuffix(p, "/")+"/") {
			return true
		}
	}
	return false
}

// policyRules is the policy, one route a line (a slice, not a map literal, so
// that gofmt never realigns a block when a line is added).
var policyRules = []struct {
	route string
	access
}{
	// sign-in, health, metrics
	{"GET /healthz", anyone},
	{"GET /api/v1/health", anyone},
	{"GET /login", anyone},
	{"POST /login", anyone},
	{"GET /setup", anyone},  // refused without the one-time token
	{"POST /setup", anyone}, // the token is the form's CSRF token
	{"GET /logout", anyone}, // signs nobody out: on to / or /login
	{"POST /logout", answersAnyRole},
	{"GET /metrics", anyRole},
	{"GET /api/v1/openapi.json", anyRole},

	// pages (the handlers check the same roles and say so on the page)
	{"GET /", anyRole},
	{"GET /ui/cases", only(auth.RoleOfficer, auth.RoleSupervisor)},
	{"GET /ui/cases/new", only(auth.RoleOfficer)},
	{"GET /ui/cases/:id", only(auth.RoleOfficer, auth.RoleSupervisor, auth.RoleReviewer)},
	{"POST /ui/cases", only(auth.RoleOfficer)},
	{"POST /ui/assist", answering(auth.RoleOfficer)},
	{"POST /ui/cases/:id/steps", only(auth.RoleOfficer)},
	{"POST /ui/cases/:id/evidence", only(auth.RoleOfficer)},
	{"POST /ui/cases/:id/documents", only(auth.RoleOfficer)},
	{"POST /ui/cases/:id/review", only(auth.RoleOfficer)},
	{"GET /ui/reviews", only(auth.RoleReviewer)},
	{"GET /ui/reviews/:id", only(auth.RoleReviewer)},
	{"POST /ui/reviews/:id/opinion", only(auth.RoleReviewer)},
	{"GET /ui/warnings", only(auth.RoleOfficer, auth.RoleSupervisor)},
	{"GET /ui/evaluation", only(auth.RoleSupervisor)},
	{"GET /ui/admin", only(auth.RoleAdmin)},
	{"GET /ui/admin/users", only(auth.RoleAdmin)},
	{"POST /ui/admin/users", only(auth.RoleAdmin)},
	{"POST /ui/admin/users/:login/:action", only(auth.RoleAdmin)},
	{"GET /ui/admin/agencies", only(auth.RoleAdmin)},
	{"GET /ui/admin/agencies/:id", only(auth.RoleAdmin)},
	{"POST /ui/admin/agencies", only(auth.RoleAdmin)},
	{"POST /ui/admin/agencies/:id/review-catalog", only(auth.RoleAdmin)},
	{"GET /ui/admin/officers", only(auth.RoleAdmin)},
	{"GET /ui/admin/officers/:id", only(auth.RoleAdmin)},
	{"POST /ui/admin/officers", only(auth.RoleAdmin)},
	{"GET /ui/admin/power-items", only(auth.RoleAdmin)},
	{"GET /ui/admin/power-items/:id", only(auth.RoleAdmin)},
	{"POST /ui/admin/power-items", only(auth.RoleAdmin)},
	{"GET /ui/admin/benchmarks", only(auth.RoleAdmin)},
	{"POST /ui/admin/benchmarks", only(auth.RoleAdmin)},
	{"GET /ui/admin/templates", only(auth.RoleAdmin)},
	{"POST /ui/admin/templates", only(auth.RoleAdmin)},
	{"GET /stats", anyRole},
	{"GET /ui/library", only(auth.RoleTrainer, auth.RoleOfficer, auth.RoleReviewer)},
	{"GET /ui/library/cases/:id", only(auth.RoleTrainer, auth.RoleOfficer, auth.RoleReviewer)},
	{"GET /ui/library/import", only(auth.RoleTrainer)},
	{"POST /ui/library/import", only(auth.RoleTrainer)},
	{"GET /ui/library/import/:job", only(auth.RoleTrainer)},
	{"POST /ui/library/cases/:id/tags", only(auth.RoleTrainer)},
	{"POST /ui/library/cases/:id/exemplary", only(auth.RoleTrainer)},
	{"POST /ui/library/cases/:id/annotations", only(auth.RoleTrainer, auth.RoleOfficer, auth.RoleReviewer)},
	{"POST /ui/library/cases/:id/threads", only(auth.RoleTrainer, auth.RoleOfficer, auth.RoleReviewer)},
	{"POST /ui/library/cases/:id/threads/:thread/comments", only(auth.RoleTrainer, auth.RoleOfficer, auth.RoleReviewer)},

	// registry: agencies, officers, power items (admin writes)
	{"GET /api/v1/agencies", anyRole},
	{"GET /api/v1/agencies/:id", anyRole},
	{"POST /api/v1/agencies", only(auth.RoleAdmin)},
	{"PUT /api/v1/agencies/:id", only(auth.RoleAdmin)},
	{"GET /api/v1/agencies/:id/review-catalog", anyRole},
	{"PUT /api/v1/agencies/:id/review-catalog", only(auth.RoleAdmin)},
	{"GET /api/v1/officers", anyRole},
	{"GET /api/v1/officers/:id", anyRole},
	{"POST /api/v1/officers", only(auth.RoleAdmin)},
	{"PUT /api/v1/officers/:id", only(auth.RoleAdmin)},
	{"GET /api/v1/power-items", anyRole},
	{"GET /api/v1/power-items/:id", anyRole},
	{"POST /api/v1/power-items", only(auth.RoleAdmin)},
	{"PUT /api/v1/power-items/:id", only(auth.RoleAdmin)},
	{"POST /api/v1/benchmarks", only(auth.RoleAdmin)},
	{"POST /api/v1/annual-reports", only(auth.RoleAdmin)},

	// cases (officers write)
	{"GET /api/v1/cases", anyRole},
	{"POST /api/v1/cases", only(auth.RoleOfficer)},
	{"GET /api/v1/cases/:id", anyRole},
	{"GET /api/v1/cases/:id/steps", anyRole},
	{"POST /api/v1/cases/:id/steps", only(auth.RoleOfficer)},
	{"PUT /api/v1/cases/:id", only(auth.RoleOfficer)},
	{"GET /api/v1/cases/:id/evidence", anyRole},
	{"POST /api/v1/cases/:id/evidence", only(auth.RoleOfficer)},
	{"GET /api/v1/cases/:id/documents", anyRole},
	{"POST /api/v1/cases/:id/documents", only(auth.RoleOfficer)},
	{"POST /api/v1/cases/:id/documents/stream", only(auth.RoleOfficer)},
	{"GET /api/v1/cases/:id/documents/:doc/file", anyRole},
	{"GET /api/v1/cases/:id/access-log", anyRole},
	{"GET /api/v1/cases/:id/export", anyRole},
	{"POST /api/v1/cases/:id/assist", only(auth.RoleOfficer)},
	{"GET /api/v1/cases/:id/appeals", anyRole},
	{"POST /api/v1/cases/:id/appeals", only(auth.RoleOfficer)},
	{"GET /api/v1/cases/:id/extension", anyRole},
	{"POST /api/v1/cases/:id/extension", only(auth.RoleOfficer)},
	{"GET /api/v1/cases/:id/transfer", anyRole},
	{"PUT /api/v1/cases/:id/transfer", only(auth.RoleOfficer)},
	{"GET /api/v1/cases/:id/evaluation", anyRole},
	{"GET /api/v1/files/:sha256", anyRole},
	{"GET /api/v1/audit/verify", anyRole},
	{"GET /api/v1/audit/public-key", anyRole},

	// legal review (reviewers write opinions; officers submit a case)
	{"POST /api/v1/cases/:id/reviews", only(auth.RoleOfficer)},
	{"GET /api/v1/cases/:id/review/scope", anyRole},
	{"GET /api/v1/cases/:id/review/checklist", anyRole},
	{"GET /api/v1/reviews", anyRole},
	{"GET /api/v1/reviews/:id", anyRole},
	{"POST /api/v1/reviews/:id/opinion", only(auth.RoleReviewer)},
	{"POST /api/v1/reviews/:id/collective", only(auth.RoleReviewer)},
	{"POST /api/v1/reviews/:id/document", only(auth.RoleReviewer)},

	// inspections: the random-draw catalogs, plans, draws and results
	{"GET /api/v1/inspect/targets", anyRole},
	{"POST /api/v1/inspect/targets", only(auth.RoleOfficer, auth.RoleAdmin)},
	{"GET /api/v1/inspect/matters", anyRole},
	{"POST /api/v1/inspect/matters", only(auth.RoleOfficer, auth.RoleAdmin)},
	{"GET /api/v1/inspect/plans", anyRole},
	{"GET /api/v1/inspect/plans/:id", anyRole},
	{"POST /api/v1/inspect/plans", only(auth.RoleOfficer)},
	{"GET /api/v1/draws", anyRole},
	{"POST /api/v1/draws", only(auth.RoleOfficer)},
	{"GET /api/v1/draws/:id", anyRole},
	{"GET /api/v1/draws/:id/results", anyRole},
	{"POST /api/v1/draws/:id/results", only(auth.RoleOfficer)},
	{"POST /api/v1/draws/:id/publish", only(auth.RoleOfficer, auth.RoleAdmin)},

	// disclosure (公示): the 法制机构 checks the masking and publishes; standing
	// information is the admin's; the portal's search is public
	{"GET /api/v1/disclosures", only(auth.RoleReviewer, auth.RoleSupervisor, auth.RoleAdmin)},
	{"GET /api/v1/disclosures/:id", only(auth.RoleReviewer, auth.RoleSupervisor, auth.RoleAdmin)},
	{"GET /api/v1/disclosures/:id/preview", only(auth.RoleReviewer, auth.RoleAdmin)},
	{"POST /api/v1/disclosures/:id/publish", only(auth.RoleReviewer)},
	{"POST /api/v1/disclosures/:id/correct", only(auth.RoleReviewer)},
	{"POST /api/v1/disclosures/:id/withdraw", only(auth.RoleReviewer)},
	{"GET /ui/disclosures", only(auth.RoleReviewer, auth.RoleAdmin)},
	{"GET /ui/disclosures/:id", only(auth.RoleReviewer, auth.RoleAdmin)},
	{"POST /ui/disclosures/:id/:action", only(auth.RoleReviewer)},
	{"GET /api/v1/standing", anyRole},
	{"POST /api/v1/standing", only(auth.RoleAdmin)},
	{"PUT /api/v1/standing/:id", only(auth.RoleAdmin)},
	{"POST /api/v1/standing/:id/withdraw", only(auth.RoleAdmin)},
	{"POST /api/v1/standing/sync", only(auth.RoleAdmin)},
	{"GET /api/v1/portal/search", anyone},

	// case library (trainers curate; officers and reviewers discuss)
	{"GET /api/v1/library/collections", anyRole},
	{"GET /api/v1/library/cases", anyRole},
	{"GET /api/v1/library/cases/:id", anyRole},
	{"GET /api/v1/library/export", anyRole},
	{"GET /api/v1/library/threads/:id", anyRole},
	{"POST /api/v1/library/import", only(auth.RoleTrainer)},
	{"PUT /api/v1/library/cases/:id/exemplary", only(auth.RoleTrainer)},
	{"POST /api/v1/library/cases/:id/tags", only(auth.RoleTrainer)},
	{"DELETE /api/v1/library/cases/:id/tags/:tag", only(auth.RoleTrainer)},
	{"POST /api/v1/library/cases/:id/annotations", only(auth.RoleTrainer, auth.RoleOfficer, auth.RoleReviewer)},
	{"POST /api/v1/library/cases/:id/threads", only(auth.RoleTrainer, auth.RoleOfficer, auth.RoleReviewer)},
	{"POST /api/v1/library/threads/:id/comments", only(auth.RoleTrainer, auth.RoleOfficer, auth.RoleReviewer)},

	// answers computed from what is sent: every role, read-only tokens too
	{"POST /api/v1/suggest", answersAnyRole},
	{"POST /api/v1/similar", answersAnyRole},
	{"POST /api/v1/consistency", answersAnyRole},
	{"POST /api/v1/disputes", answersAnyRole},
	{"POST /api/v1/normpush", answersAnyRole},
	{"POST /api/v1/transfer", answersAnyRole},
	{"POST /api/v1/nlp/cite", answersAnyRole},
	{"POST /api/v1/nlp/amount", answersAnyRole},
	{"POST /api/v1/nlp/redact", answersAnyRole},
	{"GET /api/v1/laws/search", anyRole},
	{"GET /api/v1/laws", anyRole},
	{"GET /api/v1/laws/cite", anyRole},

	// supervision: reports, statistics, warnings
	{"GET /api/v1/reports/unequal-penalties", anyRole},
	{"GET /api/v1/reports/evaluation", anyRole},
	{"GET /api/v1/reports/review-staffing", anyRole},
	{"GET /api/v1/stats", anyRole},
	{"GET /api/v1/warnings", anyRole},
}

// policy is policyRules by "METHOD pattern".
var policy = func() map[string]access {
	m := make(map[string]access, len(policyRules))
	for _, r := range policyRules {
		if _, dup := m[r.route]; dup {
			panic("web/policy.go: " + r.route + " has two rules")
		}
		m[r.route] = r.access
	}
	return m
}()

// ruleFor is the rule of a registered route; HEAD follows GET. ok is false
// for a route the policy does not name (refused to everyone signed in).
func ruleFor(method, pattern string) (access, bool) {
	if publicPath(pattern) {
		return anyone, true
	}
	if method == "HEAD" {
		method = "GET"
	}
	a, ok := policy[method+" "+pattern]
	return a, ok
}

// permits reports whether u may call a route with this rule.
func (a access) permits(u auth.User) bool {
	if a.public {
		return true
	}
	return slices.ContainsFunc(a.roles, u.Has)
}
