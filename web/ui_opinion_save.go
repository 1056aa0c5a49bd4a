package web

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"github.com/gofiber/fiber/v2"

	"zhifa/review"
)

// opinionSave is POST /ui/reviews/:id/opinion: the reviewer's opinion, with
// a decision on every checklist point the reviewer changed.
func (s *Server) opinionSave(c *fiber.Ctx) error {
	u, err := needRole(c, "reviewer")
	if u == nil {
		return err
	}
	p := newPage(c, u, "法制审核", "reviews")
	st, err := s.Records()
	if err != nil {
		return err
	}
	ctx := c.UserContext()
	rv, err := review.Get(ctx, st, c.Params("id"))
	if err != nil {
		return pageError(c, u, err)
	}
	if u.AgencyID != "" && rv.AgencyID != u.AgencyID {
		return pageError(c, u, &APIError{Status: http.StatusForbidden, Code: "forbidden", Message: "此审核不属于您的执法机关。"})
	}
	form := formMap(c, "reviewer", "result", "reasons")
	req := review.OpinionRequest{Reviewer: form["reviewer"], Result: form["result"], Reasons: form["reasons"]}
	if err := mayReviewAs(c, req.Reviewer); err != nil {
		p.Errors["reviewer"] = "您只能以本人名义出具审核意见"
		return s.renderReview(c, u, p, http.StatusForbidden, form)
	}
	var keys []string // points[i] of an error is keys[i]
	if n := len(rv.Rounds); n > 0 {
		for _, pt := range rv.Rounds[n-1].Checklist.Points {
			set := strings.TrimSpace(c.FormValue("pt_" + pt.Key))
			comment := strings.TrimSpace(c.FormValue("ptc_" + pt.Key))
			form["pt_"+pt.Key], form["ptc_"+pt.Key] = set, comment
			d := review.PointDecision{Key: pt.Key, Decision: "confirm", Comment: comment}
			if set != "" && set != pt.Status {
				d.Decision, d.Status = "override", set
			}
			req.Points = append(req.Points, d)
			keys = append(keys, pt.Key)
		}
	}
	if _, err := review.GiveOpinion(ctx, st, rv.ID, req, u.Name); err != nil {
		alias := func(f string) string {
			for i, k := range keys {
				if strings.HasPrefix(f, fmt.Sprintf("points[%d].", i)) {
					return "ptc_" + k
				}
			}
			if f == "review" {
				return ""
			}
			return f
		}
		if p.fail(err, alias) {
			return s.renderReview(c, u, p, http.StatusUnprocessableEntity, form)
		}
		return pageError(c, u, err)
	}
	return c.Redirect("/ui/reviews/"+url.PathEscape(rv.ID)+"?notice="+url.QueryEscape("已提交审核意见："+statusName(req.Result)), http.StatusSeeOther)
}
