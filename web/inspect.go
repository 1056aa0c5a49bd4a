package web

import (
	"context"
	"errors"
	"time"

	"github.com/gofiber/fiber/v2"

	"zhifa/disclosure"
	"zhifa/inspect"
	"zhifa/records"
)

func init() {
	registerRoutes(func(s *Server, api fiber.Router) {
		api.Get("/inspect/targets", s.recList(func(ctx context.Context, st *records.Store, c *fiber.Ctx) (any, error) {
			return inspect.ListTargets(ctx, st, c.Query("agency"))
		}))
		api.Post("/inspect/targets", s.inspectImport("targets"))
		api.Get("/inspect/matters", s.recList(func(ctx context.Context, st *records.Store, c *fiber.Ctx) (any, error) {
			return inspect.ListMatters(ctx, st, c.Query("agency"))
		}))
		api.Post("/inspect/matters", s.inspectImport("matters"))
		api.Get("/inspect/plans", s.recList(func(ctx context.Context, st *records.Store, c *fiber.Ctx) (any, error) {
			return inspect.ListPlans(ctx, st, c.Query("agency"))
		}))
		api.Get("/inspect/plans/:id", s.recList(func(ctx context.Context, st *records.Store, c *fiber.Ctx) (any, error) {
			return inspect.GetPlan(ctx, st, c.Params("id"))
		}))
		api.Post("/inspect/plans", s.planPut)
		api.Post("/draws", s.drawRun)
		api.Get("/draws", s.recList(func(ctx context.Context, st *records.Store, c *fiber.Ctx) (any, error) {
			return inspect.ListDraws(ctx, st, c.Query("plan"))
		}))
		api.Get("/draws/:id", s.recList(func(ctx context.Context, st *records.Store, c *fiber.Ctx) (any, error) {
			return inspect.GetDraw(ctx, st, c.Params("id"))
		}))
		api.Get("/draws/:id/results", s.recList(func(ctx context.Context, st *records.Store, c *fiber.Ctx) (any, error) {
			if _, err := inspect.GetDraw(ctx, st, c.Params("id")); err != nil {
				return nil, err
			}
			return inspect.ListResults(ctx, st, c.Params("id"))
		}))
		api.Post("/draws/:id/results", s.drawResult)
		api.Post("/draws/:id/publish", s.drawPublish)
	})
}

// inspectImport takes a registry as the body (CSV UTF-8 or XLSX) for ?agency=.
func (s *Server) inspectImport(what string) fiber.Handler {
	return func(c *fiber.Ctx) error {
		st, err := s.Records()
		if err != nil {
			return err
		}
		agency := c.Query("agency")
		if agency == "" {
			return badRequest("agency", "the agency the registry belongs to is required (?agency=ID)")
		}
		body := c.Body()
		if len(body) == 0 {
			return badRequest("body", "expected a CSV (UTF-8) or XLSX file as the request body")
		}
		format := inspect.FormatOf("", body)
		ctx := c.UserContext()
		var n int
		switch what {
		case "targets":
			var ts []inspect.Target
			if ts, err = inspect.ReadTargets(body, format, agency); err == nil {
				n, err = len(ts), inspect.PutTargets(ctx, st, actorOf(c), ts)
			}
		default:
			var ms []inspect.Matter
			if ms, err = inspect.ReadMatters(body, format, agency); err == nil {
				n, err = len(ms), inspect.PutMatters(ctx, st, actorOf(c), ms)
			}
		}
		var ie *inspect.ImportError
		if errors.As(err, &ie) {
			return &APIError{Status: fiber.StatusUnprocessableEntity, Code: "rejected", Field: ie.Lines[0].Field, Message: ie.Error()}
		}
		if err != nil {
			return recErr(err)
		}
		return c.Status(fiber.StatusCreated).JSON(fiber.Map{"imported": n, "agency": agency})
	}
}

func (s *Server) planPut(c *fiber.Ctx) error {
	var p inspect.Plan
	if err := decodeJSON(c, &p); err != nil {
		return err
	}
	st, err := s.Records()
	if err != nil {
		return err
	}
	p, err = inspect.PutPlan(c.UserContext(), st, actorOf(c), p)
	if err != nil {
		return recErr(err)
	}
	return c.Status(fiber.StatusCreated).JSON(p)
}

// drawRun is POST /api/v1/draws {"plan": ID, "seed": S}: the same output as
// zhifa draw. Without a seed one is made and recorded before the result.
func (s *Server) drawRun(c *fiber.Ctx) error {
	var r struct {
		Plan string `json:"plan"`
		Seed string `json:"seed"`
	}
	if err := decodeJSON(c, &r); err != nil {
		return err
	}
	if r.Plan == "" {
		return badRequest("plan", "the plan id is required")
	}
	st, err := s.Records()
	if err != nil {
		return err
	}
	ctx := c.UserContext()
	p, err := inspect.GetPlan(ctx, st, r.Plan)
	if err != nil {
		var nf *records.NotFoundError
		if errors.As(err, &nf) {
			return unprocessable("plan", "no plan %s", r.Plan)
		}
		return err
	}
	res, err := inspect.Run(ctx, st, actorOf(c), p, r.Seed, time.Now())
	if err != nil {
		return recErr(err)
	}
	return c.Status(fiber.StatusCreated).JSON(res)
}

func (s *Server) drawResult(c *fiber.Ctx) error {
	var r inspect.InspectionResult
	if err := decodeJSON(c, &r); err != nil {
		return err
	}
	if r.DrawID != "" && r.DrawID != c.Params("id") {
		return badRequest("draw_id", "differs from the draw in the path")
	}
	r.DrawID = c.Params("id")
	st, err := s.Records()
	if err != nil {
		return err
	}
	r, err = inspect.RecordResult(c.UserContext(), st, actorOf(c), r)
	if err != nil {
		return recErr(err)
	}
	return c.Status(fiber.StatusCreated).JSON(r)
}

// drawPublish is POST /api/v1/draws/:id/publish: the draw and the results
// entered so far as a standing item on the portal (201 when first
// published, 200 when updated or unchanged).
func (s *Server) drawPublish(c *fiber.Ctx) error {
	st, err := s.Records()
	if err != nil {
		return err
	}
	ctx := c.UserContext()
	rec, err := inspect.GetDraw(ctx, st, c.Params("id"))
	if err != nil {
		return recErr(err)
	}
	_, err = disclosure.GetStanding(ctx, st, disclosure.DrawStandingID(rec.Lists.Plan.AgencyID, rec.ID))
	status := fiber.StatusOK
	if errors.As(err, new(*records.NotFoundError)) {
		status = fiber.StatusCreated
	}
	x, err := disclosure.PublishDraw(ctx, st, rec.ID, actorOf(c))
	if err != nil {
		return recErr(err)
	}
	return c.Status(status).JSON(x)
}
