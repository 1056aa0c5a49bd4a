package web

import (
	"github.com/gofiber/fiber/v2"

	"zhifa/rules"
	"zhifa/warnings"
)

type warningsView struct {
	page
	Warnings []rules.Warning
	Labels   map[string]string // case ids → 案号
	Agency   string
	AsOf     string
}

// warningsPage is GET /ui/warnings?as_of=: every deadline, soonest first —
// an officer's agency's, or across a supervisor's scope.
func (s *Server) warningsPage(c *fiber.Ctx) error {
	u, err := needRole(c, "officer", "supervisor")
	if u == nil {
		return err
	}
	st, err := s.Records()
	if err != nil {
		return err
	}
	ctx := c.UserContext()
	agency := c.Query("agency")
	if hasRole(u, "officer") && u.AgencyID != "" {
		agency = u.AgencyID
	}
	p := newPage(c, u, "预警", "warnings")
	f, now, err := warnings.ParseRequest(ctx, st, agency, c.Query("kind"), c.Query("as_of"))
	if err != nil {
		if p.fail(err, nil) {
			return render(c, 422, "warnings", warningsView{page: p})
		}
		return err
	}
	ws, err := warnings.Collect(ctx, st, now, f)
	if err != nil {
		return err
	}
	if ws, err = s.scopedWarnings(c, ws); err != nil {
		return err
	}
	labels, err := recordLabels(ctx, st)
	if err != nil {
		return err
	}
	return render(c, 200, "warnings", warningsView{page: p, Warnings: ws, Labels: labels, Agency: agency, AsOf: now.In(cst).Format("2006-01-02")})
}
