package web

import (
	"github.com/gofiber/fiber/v2"

	"zhifa/records"
	"zhifa/review"
)

type reviewRow struct {
	review.Review
	Case  records.Case
	Round review.Round
}

type reviewQueueView struct {
	page
	Status  string
	Reviews []reviewRow
}

// reviewQueue is GET /ui/reviews?status=: the cases submitted for review,
// those awaiting an opinion first.
func (s *Server) reviewQueue(c *fiber.Ctx) error {
	u, err := needRole(c, "reviewer")
	if u == nil {
		return err
	}
	st, err := s.Records()
	if err != nil {
		return err
	}
	ctx := c.UserContext()
	status := c.Query("status", review.ReviewPending)
	if status == "all" {
		status = ""
	}
	rvs, err := review.List(ctx, st, "", status)
	if err != nil {
		return pageError(c, u, recErr(err))
	}
	if rvs, err = s.scopedReviews(c, rvs); err != nil {
		return err
	}
	cases, err := st.ListCases(ctx)
	if err != nil {
		return err
	}
	byID := map[string]records.Case{}
	for _, k := range cases {
		byID[k.ID] = k
	}
	v := reviewQueueView{page: newPage(c, u, "审核队列", "reviews"), Status: c.Query("status", review.ReviewPending)}
	for _, rv := range rvs {
		if u.AgencyID != "" && rv.AgencyID != u.AgencyID {
			continue
		}
		r := reviewRow{Review: rv, Case: byID[rv.CaseID]}
		if n := len(rv.Rounds); n > 0 {
			r.Round = rv.Rounds[n-1]
		}
		v.Reviews = append(v.Reviews, r)
	}
	return render(c, 200, "review_queue", v)
}
