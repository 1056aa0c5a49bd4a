package web

import (
	"net/http"
	"net/url"
	"strings"

	"github.com/gofiber/fiber/v2"

	"zhifa/records"
	"zhifa/review"
)

// reviewSubmitPage is POST /ui/cases/:id/review: 送审 with the proposed decision.
func (s *Server) reviewSubmitPage(c *fiber.Ctx) error {
	u, err := needRole(c, "officer")
	if u == nil {
		return err
	}
	p := newPage(c, u, "案件", "cases")
	form := formMap(c, "rv_reviewer", "rv_penalty_basis", "rv_fine", "rv_confiscation", "rv_note")
	prop := &records.Decision{PenaltyBasis: form["rv_penalty_basis"]}
	prop.Fine = parseYuan(form["rv_fine"], "rv_fine", p.Errors)
	prop.Confiscation = parseYuan(form["rv_confiscation"], "rv_confiscation", p.Errors)
	if len(p.Errors) > 0 {
		return s.renderCase(c, u, p, http.StatusUnprocessableEntity, form)
	}
	if !s.mayWriteCase(c, u) {
		return pageError(c, u, &APIError{Status: http.StatusForbidden, Code: "forbidden", Message: "此案件不属于您的执法机关。"})
	}
	st, err := s.Records()
	if err != nil {
		return err
	}
	_, err = review.Submit(c.UserContext(), st, c.Params("id"), review.SubmitRequest{Reviewer: form["rv_reviewer"], Proposed: prop, Note: form["rv_note"]}, u.Name)
	if err != nil {
		if p.fail(err, reviewSubmitAlias) {
			return s.renderCase(c, u, p, http.StatusUnprocessableEntity, form)
		}
		return pageError(c, u, err)
	}
	return c.Redirect("/ui/cases/"+url.PathEscape(c.Params("id"))+"?notice="+url.QueryEscape("已提交法制审核"), http.StatusSeeOther)
}

func reviewSubmitAlias(f string) string {
	if f == "case" || f == "review" || f == "" {
		return "rv_review"
	}
	return "rv_" + strings.TrimPrefix(f, "proposed.")
}
