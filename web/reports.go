package web

import (
	"strconv"

	"github.com/gofiber/fiber/v2"
)

func init() {
	registerRoutes(func(s *Server, api fiber.Router) {
		// GET /api/v1/reports/unequal-penalties?collection=&factor=&min_sim= — 同案不同罚:
		// pairs of highly similar cases whose fines differ by more than factor.
		api.Get("/reports/unequal-penalties", func(c *fiber.Ctx) error {
			factor, err := queryFloat(c, "factor", 2, 1, 1000)
			if err != nil {
				return err
			}
			minSim, err := queryFloat(c, "min_sim", 0.8, 0, 1)
			if err != nil {
				return err
			}
			lib, rk, err := s.caseLibrary()
			if err != nil {
				return err
			}
			return c.JSON(fiber.Map{"pairs": lib.UnequalReport(rk, c.Query("collection"), minSim, factor)})
		})
	})
}

// queryFloat reads a number query parameter within [min,max], or def when absent.
func queryFloat(c *fiber.Ctx, name string, def, min, max float64) (float64, error) {
	s := c.Query(name)
	if s == "" {
		return def, nil
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return 0, badRequest(name, "%q is not a number", s)
	}
	if v < min || v > max {
		return 0, badRequest(name, "%v is out of range [%v, %v]", v, min, max)
	}
	return v, nil
}
