package web

import (
	"strings"

	"github.com/gofiber/fiber/v2"

	"zhifa/records"
)

// PageUser is the signed-in person as the pages see them.
type PageUser struct {
	Name     string
	Roles    []string
	AgencyID string
	Region   string
}

// pageUser is who is signed in, or nil. Until accounts exist the name is the
// X-Actor header and the role its prefix (officer1 → officer).
func pageUser(c *fiber.Ctx) *PageUser {
	name := strings.TrimSpace(c.Get("X-Actor"))
	for _, r := range []string{"officer", "reviewer", "trainer", "supervisor", "admin"} {
		if strings.HasPrefix(name, r) {
			u := &PageUser{Name: name, Roles: []string{r}}
			switch r {
			case "officer", "reviewer":
				u.AgencyID = records.DemoAgencyID
			case "supervisor":
				u.Region = "示例省"
			}
			return u
		}
	}
	return nil
}

// csrfToken is the token every form carries; empty until sessions exist.
func csrfToken(c *fiber.Ctx) string { return "" }
