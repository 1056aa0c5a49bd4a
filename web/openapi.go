package web

import (
	_ "embed"

	"github.com/gofiber/fiber/v2"
)

// openapiDoc is the OpenAPI 3 document of /api/v1, kept as data beside the
// code; a test checks that it and the registered routes name the same paths.
//
//go:embed openapi.json
var openapiDoc []byte

func init() {
	registerRoutes(func(s *Server, api fiber.Router) {
		api.Get("/openapi.json", func(c *fiber.Ctx) error {
			c.Set(fiber.HeaderContentType, fiber.MIMEApplicationJSON)
			return c.Send(openapiDoc)
		})
	})
}
