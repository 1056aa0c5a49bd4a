package web

import (
	"bytes"
	"strconv"

	"github.com/gofiber/fiber/v2"

	"zhifa/stats"
)

func init() {
	registerRoutes(func(s *Server, api fiber.Router) {
		api.Get("/stats", s.statsYear)
	})
}

// statsYear is GET /api/v1/stats?year=2026[&agency=ID][&format=json|xlsx].
func (s *Server) statsYear(c *fiber.Ctx) error {
	ys := c.Query("year")
	if ys == "" {
		return badRequest("year", "the year is required (?year=2026)")
	}
	year, err := strconv.Atoi(ys)
	if err != nil {
		return badRequest("year", "%q is not a year", ys)
	}
	format := c.Query("format", "json")
	if format != "json" && format != "xlsx" {
		return badRequest("format", "%q: expected json or xlsx", format)
	}
	st, err := s.Records()
	if err != nil {
		return err
	}
	rep, err := stats.Year(c.UserContext(), st, year, c.Query("agency"))
	if err != nil {
		return recErr(err)
	}
	if format == "json" {
		return c.JSON(rep)
	}
	var buf bytes.Buffer
	if err := stats.WriteXLSX(&buf, rep); err != nil {
		return err
	}
	c.Set(fiber.HeaderContentType, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
	c.Set(fiber.HeaderContentDisposition, `attachment; filename="zhifa-stats-`+strconv.Itoa(year)+`.xlsx"`)
	return c.Send(buf.Bytes())
}
