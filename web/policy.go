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
	public bool     // served to anyone, signed in or not
	roles  []string // the roles that may call it (any one suffices)
	// answers marks a POST that only computes an answer (suggest, redact …)
	// and changes no record: read-only tokens may call it.
	answers bool
}

var (
	anyone = access{public: true}
	// signedIn is every role: reading is open to all who are signed in.
	signedIn = access{roles: auth.Roles}
	// computing is a POST that answers without writing, for every role.
	computing = access{roles: auth.Roles, answers: true}
)

// only is a write (or a read) for these roles alone.
func only(roles ...string) access { return access{roles: roles} }

const (
	officer    = auth.RoleOfficer
	reviewer   = auth.RoleReviewer
	trainer    = auth.RoleTrainer
	supervisor = auth.RoleSupervisor
	admin      = auth.RoleAdmin
)

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

var policy = map[string]access{
	// sign-in, health, metrics
	"GET /healthz":             anyone,
	"GET /api/v1/health":       anyone,
	"GET /login":               anyone,
	"POST /login":              anyone,
	"GET /logout":              computing,
	"POST /logout":             computing,
	"GET /metrics":             signedIn,
	"GET /api/v1/openapi.json": signedIn,

	// pages (the handlers check the same roles and say so on the page)
	"GET /":                        signedIn,
	"GET /ui/cases":                only(officer, supervisor),
	"GET /ui/cases/new":            only(officer),
	"GET /ui/cases/:id":            only(officer, supervisor, reviewer),
	"POST /ui/cases":               only(officer),
	"POST /ui/assist":              {roles: []string{officer}, answers: true},
	"POST /ui/cases/:id/steps":     only(officer),
	"POST /ui/cases/:id/evidence":  only(officer),
	"POST /ui/cases/:id/documents": only(officer),
	"POST /ui/cases/:id/review":    only(officer),
	"GET /ui/reviews":              only(reviewer),
	"GET /ui/reviews/:id":          only(reviewer),
	"POST /ui/reviews/:id/opinion": only(reviewer),
	"GET /ui/warnings":             only(officer, supervisor),
	"GET /ui/evaluation":           only(supervisor),
	"GET /stats":                   signedIn,

	// registry: agencies, officers, power items (admin writes)
	"GET /api/v1/agencies":                    signedIn,
	"GET /api/v1/agencies/:id":                signedIn,
	"POST /api/v1/agencies":                   only(admin),
	"PUT /api/v1/agencies/:id":                only(admin),
	"GET /api/v1/agencies/:id/review-catalog": signedIn,
	"PUT /api/v1/agencies/:id/review-catalog": only(admin),
	"GET /api/v1/officers":                    signedIn,
	"GET /api/v1/officers/:id":                signedIn,
	"POST /api/v1/officers":                   only(admin),
	"PUT /api/v1/officers/:id":                only(admin),
	"GET /api/v1/power-items":                 signedIn,
	"GET /api/v1/power-items/:id":             signedIn,
	"POST /api/v1/power-items":                only(admin),
	"PUT /api/v1/power-items/:id":             only(admin),
	"POST /api/v1/benchmarks":                 only(admin),
	"POST /api/v1/annual-reports":             only(admin),

	// cases (officers write)
	"GET /api/v1/cases":                         signedIn,
	"POST /api/v1/cases":                        only(officer),
	"GET /api/v1/cases/:id":                     signedIn,
	"GET /api/v1/cases/:id/steps":               signedIn,
	"POST /api/v1/cases/:id/steps":              only(officer),
	"GET /api/v1/cases/:id/evidence":            signedIn,
	"POST /api/v1/cases/:id/evidence":           only(officer),
	"GET /api/v1/cases/:id/documents":           signedIn,
	"POST /api/v1/cases/:id/documents":          only(officer),
	"POST /api/v1/cases/:id/documents/stream":   only(officer),
	"GET /api/v1/cases/:id/documents/:doc/file": signedIn,
	"GET /api/v1/cases/:id/access-log":          signedIn,
	"GET /api/v1/cases/:id/export":              signedIn,
	"POST /api/v1/cases/:id/assist":             only(officer),
	"GET /api/v1/cases/:id/appeals":             signedIn,
	"POST /api/v1/cases/:id/appeals":            only(officer),
	"GET /api/v1/cases/:id/transfer":            signedIn,
	"PUT /api/v1/cases/:id/transfer":            only(officer),
	"GET /api/v1/cases/:id/evaluation":          signedIn,
	"GET /api/v1/files/:sha256":                 signedIn,
	"GET /api/v1/audit/verify":                  signedIn,
	"GET /api/v1/audit/public-key":              signedIn,

	// legal review (reviewers write opinions; officers submit a case)
	"POST /api/v1/cases/:id/reviews":         only(officer),
	"GET /api/v1/cases/:id/review/scope":     signedIn,
	"GET /api/v1/cases/:id/review/checklist": signedIn,
	"GET /api/v1/reviews":                    signedIn,
	"GET /api/v1/reviews/:id":                signedIn,
	"POST /api/v1/reviews/:id/opinion":       only(reviewer),
	"POST /api/v1/reviews/:id/collective":    only(reviewer),
	"POST /api/v1/reviews/:id/document":      only(reviewer),

	// inspections: the random-draw catalogs, plans, draws and results
	"GET /api/v1/inspect/targets":    signedIn,
	"POST /api/v1/inspect/targets":   only(officer, admin),
	"GET /api/v1/inspect/matters":    signedIn,
	"POST /api/v1/inspect/matters":   only(officer, admin),
	"GET /api/v1/inspect/plans":      signedIn,
	"GET /api/v1/inspect/plans/:id":  signedIn,
	"POST /api/v1/inspect/plans":     only(officer),
	"GET /api/v1/draws":              signedIn,
	"POST /api/v1/draws":             only(officer),
	"GET /api/v1/draws/:id":          signedIn,
	"GET /api/v1/draws/:id/results":  signedIn,
	"POST /api/v1/draws/:id/results": only(officer),

	// case library (trainers curate; officers and reviewers discuss)
	"GET /api/v1/library/collections":            signedIn,
	"GET /api/v1/library/cases":                  signedIn,
	"GET /api/v1/library/cases/:id":              signedIn,
	"GET /api/v1/library/export":                 signedIn,
	"GET /api/v1/library/threads/:id":            signedIn,
	"POST /api/v1/library/import":                only(trainer),
	"PUT /api/v1/library/cases/:id/exemplary":    only(trainer),
	"POST /api/v1/library/cases/:id/tags":        only(trainer),
	"DELETE /api/v1/library/cases/:id/tags/:tag": only(trainer),
	"POST /api/v1/library/cases/:id/annotations": only(trainer, officer, reviewer),
	"POST /api/v1/library/cases/:id/threads":     only(trainer, officer, reviewer),
	"POST /api/v1/library/threads/:id/comments":  only(trainer, officer, reviewer),

	// answers computed from what is sent: every role, read-only tokens too
	"POST /api/v1/suggest":     computing,
	"POST /api/v1/similar":     computing,
	"POST /api/v1/consistency": computing,
	"POST /api/v1/disputes":    computing,
	"POST /api/v1/normpush":    computing,
	"POST /api/v1/transfer":    computing,
	"POST /api/v1/nlp/cite":    computing,
	"POST /api/v1/nlp/amount":  computing,
	"POST /api/v1/nlp/redact":  computing,
	"GET /api/v1/laws/search":  signedIn,

	// supervision: reports, statistics, warnings
	"GET /api/v1/reports/unequal-penalties": signedIn,
	"GET /api/v1/reports/evaluation":        signedIn,
	"GET /api/v1/reports/review-staffing":   signedIn,
	"GET /api/v1/stats":                     signedIn,
	"GET /api/v1/warnings":                  signedIn,
}

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
