package web

import (
	"context"
	"errors"
	"strconv"
	"time"

	"github.com/gofiber/fiber/v2"

	"zhifa/records"
	"zhifa/review"
)

func init() {
	registerRoutes(func(s *Server, api fiber.Router) {
		api.Get("/cases/:id/review/scope", s.recList(func(ctx context.Context, st *records.Store, c *fiber.Ctx) (any, error) {
			return review.CaseScope(ctx, st, c.Params("id"), actorOf(c))
		}))
		api.Get("/cases/:id/review/checklist", s.recList(func(ctx context.Context, st *records.Store, c *fiber.Ctx) (any, error) {
			return review.CaseChecklist(ctx, st, c.Params("id"), actorOf(c), time.Now())
		}))
		api.Post("/cases/:id/reviews", s.reviewSubmit)
		api.Get("/reviews", s.recList(func(ctx context.Context, st *records.Store, c *fiber.Ctx) (any, error) {
			rvs, err := review.List(ctx, st, c.Query("reviewer"), c.Query("status"))
			if err != nil {
				return nil, err
			}
			return s.scopedReviews(c, rvs)
		}))
		api.Get("/reviews/:id", s.recList(func(ctx context.Context, st *records.Store, c *fiber.Ctx) (any, error) {
			return review.Get(ctx, st, c.Params("id"))
		}))
		api.Post("/reviews/:id/opinion", s.reviewOpinion)
		api.Post("/reviews/:id/collective", s.reviewCollective)
		api.Post("/reviews/:id/document", func(c *fiber.Ctx) error {
			return s.recWrite(c, func(ctx context.Context, st *records.Store) (any, error) {
				doc, warn, err := review.OpinionDocument(ctx, st, c.Params("id"), actorOf(c))
				if warn == nil {
					warn = []string{}
				}
				return map[string]any{"document": doc, "warnings": warn}, err
			})
		})
		api.Put("/agencies/:id/review-catalog", s.reviewCatalogPut)
		api.Get("/agencies/:id/review-catalog", s.recList(func(ctx context.Context, st *records.Store, c *fiber.Ctx) (any, error) {
			if _, err := st.GetAgency(ctx, c.Params("id")); err != nil {
				return nil, err
			}
			return review.CatalogFor(ctx, st, c.Params("id"))
		}))
		api.Get("/cases/:id/evaluation", s.recList(func(ctx context.Context, st *records.Store, c *fiber.Ctx) (any, error) {
			return review.EvaluateCase(ctx, st, c.Params("id"), actorOf(c), review.DefaultStandard())
		}))
		api.Get("/reports/evaluation", s.evaluationReport)
		api.Get("/reports/review-staffing", s.recList(func(ctx context.Context, st *records.Store, c *fiber.Ctx) (any, error) {
			return review.StaffingReport(ctx, st)
		}))
	})
}

func (s *Server) reviewSubmit(c *fiber.Ctx) error {
	var r review.SubmitRequest
	if err := decodeJSON(c, &r); err != nil {
		return err
	}
	return s.recWrite(c, func(ctx context.Context, st *records.Store) (any, error) {
		return review.Submit(ctx, st, c.Params("id"), r, actorOf(c))
	})
}

func (s *Server) reviewOpinion(c *fiber.Ctx) error {
	var r review.OpinionRequest
	if err := decodeJSON(c, &r); err != nil {
		return err
	}
	if err := mayReviewAs(c, r.Reviewer); err != nil {
		return err
	}
	return s.recWrite(c, func(ctx context.Context, st *records.Store) (any, error) {
		return review.GiveOpinion(ctx, st, c.Params("id"), r, actorOf(c))
	})
}

func (s *Server) reviewCollective(c *fiber.Ctx) error {
	var r review.CollectiveRequest
	if err := decodeJSON(c, &r); err != nil {
		return err
	}
	return s.recWrite(c, func(ctx context.Context, st *records.Store) (any, error) {
		return review.Discuss(ctx, st, c.Params("id"), r, actorOf(c))
	})
}

// reviewCatalogPut loads an agency's own review catalog (the JSON file as the
// body); a bad file is a 422 naming line and field, and the catalog in force stays.
func (s *Server) reviewCatalogPut(c *fiber.Ctx) error {
	st, err := s.Records()
	if err != nil {
		return err
	}
	cat, err := review.LoadAgencyCatalog(c.UserContext(), st, c.Params("id"), "body", c.Body(), actorOf(c))
	var ce *review.CatalogError
	if errors.As(err, &ce) {
		return unprocessable(ce.Field, "%s", ce.Error())
	}
	if err != nil {
		return recErr(err)
	}
	return c.JSON(cat)
}

// evaluationReport is GET /reports/evaluation?sample=N&from=&to=&seed=S[&format=xlsx].
func (s *Server) evaluationReport(c *fiber.Ctx) error {
	n, err := queryInt(c, "sample", 0, 1, 100000)
	if err != nil {
		return err
	}
	if n == 0 {
		return badRequest("sample", "is required: the number of cases to draw")
	}
	seed, err := strconv.ParseUint(c.Query("seed", "0"), 10, 64)
	if err != nil {
		return badRequest("seed", "%q is not a non-negative integer", c.Query("seed"))
	}
	st, err := s.Records()
	if err != nil {
		return err
	}
	std := review.DefaultStandard()
	rep, err := review.Sample(c.UserContext(), st, n, c.Query("from"), c.Query("to"), seed, actorOf(c), std)
	if err != nil {
		return recErr(err)
	}
	switch c.Query("format", "json") {
	case "json":
		return c.JSON(rep)
	case "xlsx":
		b, err := review.ReportXLSX(rep, std)
		if err != nil {
			return err
		}
		c.Set("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
		c.Set("Content-Disposition", `attachment; filename="evaluation.xlsx"`)
		return c.Send(b)
	}
	return badRequest("format", "%q must be json or xlsx", c.Query("format"))
}
