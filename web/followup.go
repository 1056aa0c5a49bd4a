package web

import (
	"context"

	"github.com/gofiber/fiber/v2"

	"zhifa/followup"
	"zhifa/records"
	"zhifa/warnings"
)

func init() {
	registerRoutes(func(s *Server, api fiber.Router) {
		api.Post("/cases/:id/appeals", func(c *fiber.Ctx) error {
			var a followup.Appeal
			if err := decodeJSON(c, &a); err != nil {
				return err
			}
			return s.recWrite(c, func(ctx context.Context, st *records.Store) (any, error) {
				return followup.RecordAppeal(ctx, st, actorOf(c), c.Params("id"), a)
			})
		})
		api.Get("/cases/:id/appeals", s.recList(func(ctx context.Context, st *records.Store, c *fiber.Ctx) (any, error) {
			if err := caseExists(ctx, st, c.Params("id")); err != nil {
				return nil, err
			}
			return followup.Appeals(ctx, st, c.Params("id"))
		}))
		api.Post("/cases/:id/extension", func(c *fiber.Ctx) error {
			var e warnings.Extension
			if err := decodeJSON(c, &e); err != nil {
				return err
			}
			return s.recWrite(c, func(ctx context.Context, st *records.Store) (any, error) {
				return followup.RecordExtension(ctx, st, actorOf(c), c.Params("id"), e)
			})
		})
		api.Get("/cases/:id/extension", s.recList(func(ctx context.Context, st *records.Store, c *fiber.Ctx) (any, error) {
			if err := caseExists(ctx, st, c.Params("id")); err != nil {
				return nil, err
			}
			return followup.Extensions(ctx, st, c.Params("id"))
		}))
		api.Put("/cases/:id/transfer", func(c *fiber.Ctx) error {
			var t warnings.Transfer
			if err := decodeJSON(c, &t); err != nil {
				return err
			}
			st, err := s.Records()
			if err != nil {
				return err
			}
			v, err := followup.RecordTransfer(c.UserContext(), st, actorOf(c), c.Params("id"), t)
			if err != nil {
				return recErr(err)
			}
			return c.JSON(v)
		})
		api.Get("/cases/:id/transfer", s.recList(func(ctx context.Context, st *records.Store, c *fiber.Ctx) (any, error) {
			return followup.GetTransfer(ctx, st, c.Params("id"))
		}))
		api.Post("/annual-reports", func(c *fiber.Ctx) error {
			var r warnings.AnnualReport
			if err := decodeJSON(c, &r); err != nil {
				return err
			}
			return s.recWrite(c, func(ctx context.Context, st *records.Store) (any, error) {
				return followup.RecordAnnualReport(ctx, st, actorOf(c), r)
			})
		})
	})
}
