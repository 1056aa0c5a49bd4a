package web

import (
	"encoding/json"
	"net/http"
	"sort"

	"github.com/gofiber/fiber/v2"

	"zhifa/records"
	"zhifa/review"
	"zhifa/rules"
)

type reviewShowView struct {
	page
	Review      review.Review
	Round       review.Round
	Case        records.Case
	Reviewers   []records.Officer
	Consistency *rules.FineConsistency
	Chart       string // ECharts option (JSON) of the similar cases' fines
	ChartJS     string
	Form        map[string]string
	Open        bool // the latest round awaits an opinion
}

// reviewShow is GET /ui/reviews/:id: the round's checklist with the records
// behind each finding, the fine among similar cases, the opinion form and
// every round with what changed.
func (s *Server) reviewShow(c *fiber.Ctx) error {
	u, err := needRole(c, "reviewer")
	if u == nil {
		return err
	}
	return s.renderReview(c, u, newPage(c, u, "法制审核", "reviews"), http.StatusOK, nil)
}

func (s *Server) renderReview(c *fiber.Ctx, u *PageUser, p page, status int, form map[string]string) error {
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
	k, err := st.GetCase(ctx, rv.CaseID, u.Name)
	if err != nil {
		return pageError(c, u, err)
	}
	v := reviewShowView{page: p, Review: rv, Case: k, Form: form, ChartJS: echartsPath, Open: rv.Status == review.ReviewPending}
	v.Title = "法制审核 " + k.CaseNo
	if n := len(rv.Rounds); n > 0 {
		v.Round = rv.Rounds[n-1]
	}
	officers, err := st.ListOfficers(ctx, rv.AgencyID)
	if err != nil {
		return err
	}
	for _, o := range officers {
		if o.Reviewer {
			v.Reviewers = append(v.Reviewers, o)
		}
	}
	if pr := v.Round.Proposed; pr != nil {
		if w := s.warmAssist(); w.cases.Load() {
			res, sim, err := s.fineConsistency(c.UserContext(), k.Facts, pr.Fine, pr.PenaltyBasis, 0)
			if err != nil {
				return err
			}
			v.Consistency = &res
			v.Chart = fineChart(sim, pr.Fine)
		}
	}
	return render(c, status, "review_show", v)
}

// fineChart is the similar cases' fines, lowest first, with the proposed
// fine as a line across them.
func fineChart(sim []rules.DecidedFine, proposed float64) string {
	sort.Slice(sim, func(i, j int) bool { return sim[i].Fine < sim[j].Fine })
	var names []string
	var fines []float64
	for _, d := range sim {
		t := d.Title
		if r := []rune(t); len(r) > 14 {
			t = string(r[:14]) + "…"
		}
		names = append(names, t)
		fines = append(fines, d.Fine)
	}
	opt := map[string]any{
		"grid":    map[string]any{"left": 70, "right": 20, "top": 30, "bottom": 70},
		"tooltip": map[string]any{"trigger": "axis"},
		"xAxis":   map[string]any{"type": "category", "data": names, "axisLabel": map[string]any{"rotate": 30, "fontSize": 10}},
		"yAxis":   map[string]any{"type": "value", "name": "罚款（元）"},
		"series": []any{map[string]any{"type": "bar", "name": "类案罚款", "data": fines, "itemStyle": map[string]any{"color": "#8fb3e0"},
			"markLine": map[string]any{"symbol": "none", "label": map[string]any{"formatter": "拟罚款 {c}"}, "lineStyle": map[string]any{"color": "#b3261e", "width": 2},
				"data": []any{map[string]any{"yAxis": proposed}}}}},
	}
	b, _ := json.Marshal(opt)
	return string(b)
}
