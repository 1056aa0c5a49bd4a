package web

import (
	"errors"
	"strings"

	"github.com/gofiber/fiber/v2"

	"zhifa/rules"
)

func init() {
	registerRoutes(func(s *Server, api fiber.Router) {
		api.Post("/transfer", handleTransfer)
	})
}

// handleTransfer answers POST /api/v1/transfer with the crime-transfer flags.
func handleTransfer(c *fiber.Ctx) error {
	var in rules.Input
	if err := decodeJSON(c, &in); err != nil {
		return err
	}
	res, err := rules.Transfer(in)
	var fe *rules.FieldError
	if errors.As(err, &fe) {
		if strings.HasPrefix(fe.Field, "amounts.") { // as /suggest: a negative or unknown amount is refused, not malformed
			return unprocessable(fe.Field, "%s", fe.Message)
		}
		return badRequest(fe.Field, "%s", fe.Message)
	}
	if err != nil {
		return err
	}
	return c.JSON(res)
}
