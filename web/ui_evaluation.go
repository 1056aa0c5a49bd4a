package web

import (
	"cmp"
	"context"
	"strconv"
	"time"

	"github.com/gofiber/fiber/v2"

	"zhifa/records"
	"zhifa/review"
)

type evaluationView struct {
	page
	Form   map[string]string
	Report *review.SampleReport
	Labels map[string]string // agency and case ids → names and case numbers
}

// evaluationPage is GET /ui/evaluation?sample=&from=&to=&seed=: 案卷评查 of a
// seeded random sample of closed cases.
func (s *Server) evaluationPage(c *fiber.Ctx) error {
	u, err := needRole(c, "supervisor")
	if u == nil {
		return err
	}
	form := formQuery(c, "sample", "from", "to", "seed")
	v := evaluationView{page: newPage(c, u, "案卷评查", "evaluation"), Form: form}
	if form["sample"] == "" {
		return render(c, 200, "evaluation", v)
	}
	// the form's dates are optional: an empty one is every decision since
	// 2000 / up to today, shown filled in so the supervisor sees the range
	if form["from"] == "" {
		form["from"] = "2000-01-01"
	}
	if form["to"] == "" {
		form["to"] = time.Now().In(cst).Format("2006-01-02")
	}
	n, err := strconv.Atoi(form["sample"])
	if err != nil || n < 1 || n > 100000 {
		v.Errors["sample"] = "请填写 1 以上的抽取件数"
	}
	seed, err := strconv.ParseUint(c.Query("seed", "0"), 10, 64)
	if err != nil {
		v.Errors["seed"] = "随机种子须为非负整数"
	}
	if len(v.Errors) > 0 {
		return render(c, 422, "evaluation", v)
	}
	st, err := s.Records()
	if err != nil {
		return err
	}
	rep, err := review.Sample(c.UserContext(), st, n, form["from"], form["to"], seed, u.Name, review.DefaultStandard())
	if err != nil {
		if v.fail(err, nil) {
			return render(c, 422, "evaluation", v)
		}
		return err
	}
	v.Report = &rep
	if v.Labels, err = recordLabels(c.UserContext(), st); err != nil {
		return err
	}
	return render(c, 200, "evaluation", v)
}

func formQuery(c *fiber.Ctx, names ...string) map[string]string {
	m := map[string]string{}
	for _, n := range names {
		m[n] = c.Query(n)
	}
	return m
}

// recordLabels names agencies and cases for the pages: an agency by its
// name, a case by its 案号 (ids are for links, not for reading).
func recordLabels(ctx context.Context, st *records.Store) (map[string]string, error) {
	out := map[string]string{}
	ags, err := st.ListAgencies(ctx)
	if err != nil {
		return nil, err
	}
	for _, a := range ags {
		out[a.ID] = a.Name
	}
	cs, err := st.ListCases(ctx)
	if err != nil {
		return nil, err
	}
	for _, k := range cs {
		out[k.ID] = cmp.Or(k.CaseNo, k.ID)
	}
	return out, nil
}
