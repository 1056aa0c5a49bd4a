package web

import (
	"errors"
	"time"

	"github.com/gofiber/fiber/v2"

	"zhifa/rules"
)

func init() {
	registerRoutes(func(s *Server, api fiber.Router) {
		api.Get("/deadline", s.deadline)
	})
}

// GET /api/v1/deadline?kind=行政处罚&decided=2026-09-28[&sector=市场监管]: the
// last day to disclose the decision. Public: a calendar computation that
// reveals no record.
func (s *Server) deadline(c *fiber.Ctx) error {
	kind, decided, sector := c.Query("kind"), c.Query("decided"), c.Query("sector")
	if kind == "" {
		return badRequest("kind", "required: 行政处罚, 行政许可, 行政强制, 行政检查, 行政征收征用 or 行政确认")
	}
	if decided == "" {
		return badRequest("decided", "required: the decision's date, YYYY-MM-DD")
	}
	d, ok := rules.ParseDay(decided)
	if !ok {
		return badRequest("decided", "%q is not a date YYYY-MM-DD", decided)
	}
	due, n, err := rules.DisclosureDue(kind, sector, d, s.Opts.Calendar)
	if err != nil {
		var fe *rules.FieldError
		if !errors.As(err, &fe) {
			return err
		}
		if fe.Field == "decided" {
			return unprocessable(fe.Field, "%s", fe.Message)
		}
		return badRequest(fe.Field, "%s", fe.Message)
	}
	return c.JSON(rules.DisclosureDeadline{Due: due.Format(time.DateOnly), WorkingDays: n})
}
