package web

import (
	"github.com/gofiber/fiber/v2"

	"zhifa/warnings"
)

func init() {
	registerRoutes(func(s *Server, api fiber.Router) {
		api.Get("/warnings", s.warningsList)
	})
}

// warningsList is GET /api/v1/warnings?agency=&kind=&as_of=: every deadline, soonest first.
func (s *Server) warningsList(c *fiber.Ctx) error {
	st, err := s.Records()
	if err != nil {
		return err
	}
	ctx := c.UserContext()
	f, now, err := warnings.ParseRequest(ctx, st, c.Query("agency"), c.Query("kind"), c.Query("as_of"))
	if err != nil {
		return recErr(err)
	}
	ws, err := warnings.Collect(ctx, st, now, f)
	if err != nil {
		return err
	}
	if ws, err = s.scopedWarnings(c, ws); err != nil {
		return err
	}
	return c.JSON(ws)
}
