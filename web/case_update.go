package web

import (
	"github.com/gofiber/fiber/v2"

	"zhifa/records"
)

func init() {
	registerRoutes(func(s *Server, api fiber.Router) {
		api.Put("/cases/:id", s.caseUpdate)
	})
}

// caseUpdate is PUT /cases/:id: the editable part of a case replaced (POST
// /cases only creates); a closed or archived case is a 409 naming status.
func (s *Server) caseUpdate(c *fiber.Ctx) error {
	var k records.Case
	if err := decodeJSON(c, &k); err != nil {
		return err
	}
	id := c.Params("id")
	if k.ID != "" && k.ID != id {
		return unprocessable("id", "%q differs from the case in the path (%s)", k.ID, id)
	}
	k.ID = id
	st, err := s.Records()
	if err != nil {
		return err
	}
	v, err := st.UpdateCase(c.UserContext(), k, actorOf(c))
	if err != nil {
		return recErr(err)
	}
	return c.JSON(v)
}
