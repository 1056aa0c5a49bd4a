package web

import (
	"github.com/gofiber/fiber/v2"

	"zhifa/nlp"
)

func init() {
	registerRoutes(func(s *Server, api fiber.Router) {
		api.Post("/nlp/amount", s.nlpAmount)
		api.Post("/nlp/redact", s.nlpRedact)
	})
}

// nlpTextLimit bounds the text of one request to the text tools.
const nlpTextLimit = 4 << 20

type nlpTextRequest struct {
	Text *string `json:"text"`
}

func decodeNLPText(c *fiber.Ctx) (string, error) {
	var req nlpTextRequest
	if err := decodeJSON(c, &req); err != nil {
		return "", err
	}
	if req.Text == nil {
		return "", badRequest("text", "missing; expected the text to read")
	}
	if len(*req.Text) > nlpTextLimit {
		return "", unprocessable("text", "text is %d bytes, more than the %d allowed", len(*req.Text), nlpTextLimit)
	}
	return *req.Text, nil
}

// POST /api/v1/nlp/amount {"text": "…"} → {"amounts": [{"text","value","start","end"}]}, as `zhifa amount`.
func (s *Server) nlpAmount(c *fiber.Ctx) error {
	text, err := decodeNLPText(c)
	if err != nil {
		return err
	}
	amounts := nlp.ExtractAmounts(text)
	if amounts == nil {
		amounts = []nlp.Amount{}
	}
	return c.JSON(fiber.Map{"amounts": amounts})
}

// POST /api/v1/nlp/redact {"text": "…"} → {"text": masked, "spans": [...]}, as `zhifa redact --json`.
func (s *Server) nlpRedact(c *fiber.Ctx) error {
	text, err := decodeNLPText(c)
	if err != nil {
		return err
	}
	masked, spans := nlp.Redact(text)
	return c.JSON(fiber.Map{"text": masked, "spans": spans})
}
