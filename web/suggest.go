package web

import (
	"errors"
	"net/http"

	"github.com/gofiber/fiber/v2"

	"zhifa/rules"
)

func init() {
	registerRoutes(func(s *Server, api fiber.Router) {
		api.Post("/suggest", s.handleSuggest)
		api.Post("/benchmarks", handleBenchmarkLoad)
	})
}

// handleSuggest answers POST /api/v1/suggest (the same JSON as `zhifa suggest`),
// against the embedded laws and those ingested into the data directory.
func (s *Server) handleSuggest(c *fiber.Ctx) error {
	var in rules.Input
	if err := decodeJSON(c, &in); err != nil {
		return err
	}
	corpus, err := s.lawCorpus()
	if err != nil {
		return err
	}
	res, err := rules.SuggestIn(corpus, in)
	var fe *rules.FieldError
	if errors.As(err, &fe) {
		if fe.Field == "penalty_basis" || len(fe.Field) > 8 && fe.Field[:8] == "amounts." {
			return unprocessable(fe.Field, "%s", fe.Message)
		}
		return badRequest(fe.Field, "%s", fe.Message)
	}
	if err != nil {
		return err
	}
	return c.JSON(res)
}

// handleBenchmarkLoad puts an agency's benchmark file (the body) in force; a
// malformed file is refused with line and field and the running set stays.
func handleBenchmarkLoad(c *fiber.Ctx) error {
	f, err := rules.UseBenchmarkFile("upload", c.Body())
	var be *rules.BenchmarkError
	if errors.As(err, &be) {
		return &APIError{Status: http.StatusUnprocessableEntity, Code: "rejected", Field: be.Field, Message: be.Error()}
	}
	if err != nil {
		return err
	}
	return c.Status(http.StatusCreated).JSON(fiber.Map{"name": f.Name, "entries": len(f.Entries)})
}
