package web

import (
	"context"
	"errors"
	"net/http"
	"slices"
	"strings"

	"github.com/gofiber/fiber/v2"

	"zhifa/auth"
	"zhifa/disclosure"
	"zhifa/records"
	"zhifa/review"
	"zhifa/rules"
)

// Data scope (数据范围): on which cases a signed-in user may act. allowed()
// in auth.go decides what kind of request a role may make; the scope decides
// which cases it may make it on. The rules are written down in docs/roles.md,
// "Data scope":
//
//   - admin: every case;
//   - officer: the cases of their own agency, to read and to change;
//   - supervisor: reads the cases of their agency and of every agency whose
//     region starts with theirs ("示例省示例市" covers "示例省示例市示例县",
//     "4301" covers "430102"); never changes a case;
//   - reviewer: reads the cases whose review has a round submitted to them
//     (their officer record); a reviewer account without an officer record
//     reads the reviews of its agency;
//   - trainer: no live case, only the case library.
//
// Roles add up: a user with two roles sees what either sees. A case out of
// scope is answered 404, as if it did not exist, for reads and writes alike;
// a case in read scope but not in write scope is a 403 on writes.
type caseScope struct {
	u        auth.User
	agencies map[string]bool // agencies whose cases u reads (officer, supervisor)
	reviews  map[string]bool // case ids whose review was submitted to u; nil: not loaded
	st       *records.Store
}

// scopeOf is the scope of u.
func scopeOf(ctx context.Context, st *records.Store, u auth.User) (*caseScope, error) {
	sc := &caseScope{u: u, agencies: map[string]bool{}, st: st}
	if u.AgencyID != "" && (u.Has(auth.RoleOfficer) || u.Has(auth.RoleSupervisor)) {
		sc.agencies[u.AgencyID] = true
	}
	if u.Has(auth.RoleSupervisor) && u.Region != "" {
		ags, err := st.ListAgencies(ctx)
		if err != nil {
			return nil, err
		}
		for _, a := range ags {
			if inRegion(u.Region, a.Region) {
				sc.agencies[a.ID] = true
			}
		}
	}
	return sc, nil
}

// inRegion reports whether an agency's region lies in a supervisor's: a
// prefix, of codes or of names. An empty region covers nothing.
func inRegion(scope, region string) bool {
	return scope != "" && strings.HasPrefix(region, scope)
}

func (sc *caseScope) all() bool { return sc.u.Has(auth.RoleAdmin) }

// loadReviews fills sc.reviews from every review at once, for lists.
func (sc *caseScope) loadReviews(ctx context.Context) error {
	if sc.reviews != nil || !sc.u.Has(auth.RoleReviewer) {
		return nil
	}
	rvs, err := review.List(ctx, sc.st, "", "")
	if err != nil {
		return err
	}
	sc.reviews = map[string]bool{}
	for _, rv := range rvs {
		if sc.submittedTo(rv) {
			sc.reviews[rv.CaseID] = true
		}
	}
	return nil
}

// submittedTo reports whether rv was submitted to the user as reviewer.
func (sc *caseScope) submittedTo(rv review.Review) bool {
	if !sc.u.Has(auth.RoleReviewer) {
		return false
	}
	if sc.u.OfficerID == "" {
		return sc.u.AgencyID != "" && rv.AgencyID == sc.u.AgencyID
	}
	for _, r := range rv.Rounds {
		if r.Reviewer == sc.u.OfficerID {
			return true
		}
	}
	return false
}

// reviewer reports whether the case's review was submitted to the user.
func (sc *caseScope) reviewer(ctx context.Context, caseID string) (bool, error) {
	if !sc.u.Has(auth.RoleReviewer) {
		return false, nil
	}
	if sc.reviews != nil {
		return sc.reviews[caseID], nil
	}
	rv, err := review.Get(ctx, sc.st, "rv-"+caseID)
	if isNotFound(err) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	return sc.submittedTo(rv), nil
}

// canRead reports whether the user may see the case of agencyID.
func (sc *caseScope) canRead(ctx context.Context, caseID, agencyID string) (bool, error) {
	if sc.all() || sc.agencies[agencyID] {
		return true, nil
	}
	return sc.reviewer(ctx, caseID)
}

// canWrite reports whether the user may change a case of agencyID: an
// officer of that agency (or an admin). Supervisors and reviewers never do.
func (sc *caseScope) canWrite(agencyID string) bool {
	return sc.all() || (sc.u.Has(auth.RoleOfficer) && sc.u.AgencyID != "" && sc.u.AgencyID == agencyID)
}

// onCase reports whether the user works on the case: one of its officers,
// the login that created it, or the reviewer it was submitted to. Their reads
// are their work and are not 调阅; everyone else's are logged.
func (sc *caseScope) onCase(ctx context.Context, k records.Case) (bool, error) {
	if sc.u.OfficerID != "" && slices.Contains(k.OfficerIDs, sc.u.OfficerID) {
		return true, nil
	}
	if ok, err := sc.reviewer(ctx, k.ID); (ok && sc.u.OfficerID != "") || err != nil {
		return ok, err // an agency-wide reviewer account is not on the case
	}
	creator, err := sc.st.CaseCreator(ctx, k.ID)
	return creator != "" && creator == sc.u.Login, err
}

// filterCases keeps the cases the user may see.
func (sc *caseScope) filterCases(ctx context.Context, cs []records.Case) ([]records.Case, error) {
	if sc.all() {
		return cs, nil
	}
	if err := sc.loadReviews(ctx); err != nil {
		return nil, err
	}
	out := []records.Case{}
	for _, k := range cs {
		if ok, _ := sc.canRead(ctx, k.ID, k.AgencyID); ok {
			out = append(out, k)
		}
	}
	return out, nil
}

// filterReviews keeps the reviews of cases the user may see.
func (sc *caseScope) filterReviews(ctx context.Context, rvs []review.Review) ([]review.Review, error) {
	if sc.all() {
		return rvs, nil
	}
	if err := sc.loadReviews(ctx); err != nil {
		return nil, err
	}
	out := []review.Review{}
	for _, rv := range rvs {
		if ok, _ := sc.canRead(ctx, rv.CaseID, rv.AgencyID); ok {
			out = append(out, rv)
		}
	}
	return out, nil
}

// requestScope is the scope of the signed-in user of c.
func (s *Server) requestScope(c *fiber.Ctx) (*caseScope, error) {
	st, err := s.Records()
	if err != nil {
		return nil, err
	}
	u, _ := currentUser(c)
	return scopeOf(c.UserContext(), st, u)
}

// scopedCases lists the cases the signed-in user may see.
func (s *Server) scopedCases(c *fiber.Ctx, cs []records.Case) ([]records.Case, error) {
	sc, err := s.requestScope(c)
	if err != nil {
		return nil, err
	}
	return sc.filterCases(c.UserContext(), cs)
}

// scopedReviews lists the reviews the signed-in user may see.
func (s *Server) scopedReviews(c *fiber.Ctx, rvs []review.Review) ([]review.Review, error) {
	sc, err := s.requestScope(c)
	if err != nil {
		return nil, err
	}
	return sc.filterReviews(c.UserContext(), rvs)
}

// mayCreateCase refuses a new case for an agency the user may not write:
// 403 naming agency_id.
func (s *Server) mayCreateCase(c *fiber.Ctx, agencyID string) error {
	if agencyID == "" {
		return nil // the store names the missing field
	}
	u, _ := currentUser(c)
	sc := &caseScope{u: u}
	if sc.canWrite(agencyID) {
		return nil
	}
	return &APIError{Status: http.StatusForbidden, Code: "forbidden", Field: "agency_id",
		Message: "you may open cases only for your own agency (" + orNone(u.AgencyID) + "), not " + agencyID}
}

func orNone(s string) string {
	if s == "" {
		return "none"
	}
	return s
}

// scopedRoute splits a case or review path (/api/v1/cases/{id}/…,
// /ui/cases/{id}/…, /api/v1/reviews/{id}/…, /ui/reviews/{id}/…) into what it
// is about, the id and the rest. Routing ignores case, so the match does too;
// the id keeps the case it was sent in.
func scopedRoute(path string) (what, id, rest string) {
	lower := strings.ToLower(path)
	for _, p := range []struct{ prefix, what string }{
		{"/api/v1/cases/", "case"}, {"/ui/cases/", "case"}, {"/api/v1/reviews/", "review"}, {"/ui/reviews/", "review"},
		{"/api/v1/disclosures/", "disclosure"}, {"/ui/disclosures/", "disclosure"},
	} {
		if strings.HasPrefix(lower, p.prefix) {
			id, rest, _ = strings.Cut(path[len(p.prefix):], "/")
			if id == "" || (p.what == "case" && strings.HasPrefix(lower, "/ui/") && strings.EqualFold(id, "new")) {
				return "", "", ""
			}
			return p.what, id, strings.ToLower(strings.Trim(rest, "/"))
		}
	}
	return "", "", ""
}

// enforceScope runs after authenticate on every request. On a case's or a
// review's routes it answers 404 for a case out of the user's scope and 403
// for a write the user may only read, and logs the read (调阅) of a user
// not on the case. Everywhere it turns off GetCase's own read log, so a
// request is logged once, here.
func (s *Server) enforceScope(c *fiber.Ctx) error {
	u, signedIn := currentUser(c)
	if !signedIn {
		return c.Next()
	}
	ctx := records.WithoutReadLog(c.UserContext())
	c.SetUserContext(ctx)
	what, id, rest := scopedRoute(c.Path())
	if what == "" {
		return c.Next()
	}
	st, err := s.Records()
	if err != nil {
		return err
	}
	caseID, action := id, "read"
	if rest != "" {
		action = "read:" + rest
	}
	if what == "review" {
		rv, err := review.Get(ctx, st, id)
		if isNotFound(err) {
			return c.Next() // the handler answers its own 404
		} else if err != nil {
			return err
		}
		caseID, action = rv.CaseID, "read:review"
	}
	if what == "disclosure" {
		d, err := disclosure.Get(ctx, st, id)
		if isNotFound(err) {
			return c.Next()
		} else if err != nil {
			return err
		}
		caseID, action = d.CaseID, "read:disclosure"
	}
	k, err := st.CaseRecord(ctx, caseID)
	if isNotFound(err) {
		return c.Next()
	} else if err != nil {
		return err
	}
	sc, err := scopeOf(ctx, st, u)
	if err != nil {
		return err
	}
	ok, err := sc.canRead(ctx, k.ID, k.AgencyID)
	if err != nil {
		return err
	}
	// the 法制机构 of the agency publishes its decisions, reviewed by them or not
	if what == "disclosure" && u.Has(auth.RoleReviewer) && u.AgencyID != "" && u.AgencyID == k.AgencyID {
		ok = true
	}
	ui := strings.HasPrefix(strings.ToLower(c.Path()), "/ui/")
	if !ok {
		if ui {
			return pageError(c, pageUser(c), &records.NotFoundError{What: what, ID: id})
		}
		return notFound("%s %s not found", what, id)
	}
	if what == "case" && writes(c.Method(), c.Path()) && !sc.canWrite(k.AgencyID) {
		msg := "case " + k.ID + " is outside the cases you may change (your agency: " + orNone(u.AgencyID) + ")"
		if ui {
			return pageError(c, pageUser(c), &APIError{Status: http.StatusForbidden, Code: "forbidden", Message: "您只能查阅、不能办理此案件。"})
		}
		return forbidden(msg)
	}
	if c.Method() == fiber.MethodGet && rest != "access-log" && rest != "export" {
		on, err := sc.onCase(ctx, k)
		if err != nil {
			return err
		}
		if !on {
			if err := st.LogAccess(ctx, k.ID, u.Login, action); err != nil {
				return err
			}
		}
	}
	return c.Next()
}

func isNotFound(err error) bool { return errors.As(err, new(*records.NotFoundError)) }

// mayReviewAs refuses an opinion given in another reviewer's name: a
// reviewer who is an officer of the registry signs as that officer (403
// naming reviewer). Admins, and reviewer accounts without an officer record,
// name the reviewer in the request.
func mayReviewAs(c *fiber.Ctx, officerID string) error {
	u, _ := currentUser(c)
	if u.Has(auth.RoleAdmin) || u.OfficerID == "" || officerID == "" || officerID == u.OfficerID {
		return nil
	}
	return &APIError{Status: http.StatusForbidden, Code: "forbidden", Field: "reviewer",
		Message: "you are reviewer " + u.OfficerID + "; an opinion in the name of " + officerID + " is theirs to give"}
}

// filterWarnings keeps the warnings of cases the user may see and, for
// warnings about an agency and no case (annual reports …), of agencies whose
// cases the user reads.
func (sc *caseScope) filterWarnings(ctx context.Context, ws []rules.Warning) ([]rules.Warning, error) {
	if sc.all() {
		return ws, nil
	}
	if err := sc.loadReviews(ctx); err != nil {
		return nil, err
	}
	out := []rules.Warning{}
	for _, w := range ws {
		ok := sc.agencies[w.AgencyID]
		if w.CaseID != "" {
			ok, _ = sc.canRead(ctx, w.CaseID, w.AgencyID)
		}
		if ok {
			out = append(out, w)
		}
	}
	return out, nil
}

// scopedWarnings lists the warnings the signed-in user may see.
func (s *Server) scopedWarnings(c *fiber.Ctx, ws []rules.Warning) ([]rules.Warning, error) {
	sc, err := s.requestScope(c)
	if err != nil {
		return nil, err
	}
	return sc.filterWarnings(c.UserContext(), ws)
}

// writes reports whether a request on a case's route changes it; asking
// for assistance on a case only computes an answer.
func writes(method, path string) bool {
	switch method {
	case fiber.MethodGet, fiber.MethodHead, fiber.MethodOptions:
		return false
	}
	return !strings.HasSuffix(strings.ToLower(strings.TrimRight(path, "/")), "/assist")
}
