package web

import (
	"github.com/gofiber/fiber/v2"

	"zhifa/auth"
)

// PageUser is the signed-in person as the pages see them.
type PageUser struct {
	Name     string // the login: the actor every record names
	Display  string // the person's name, for the header
	Roles    []string
	AgencyID string
	Region   string
}

// pageUser is who is signed in, or nil.
func pageUser(c *fiber.Ctx) *PageUser {
	a, ok := c.Locals(authKey).(*authState)
	if !ok {
		return nil
	}
	return &PageUser{Name: a.user.Login, Display: a.user.Name, Roles: a.user.Roles, AgencyID: a.user.AgencyID, Region: a.user.Region}
}

// csrfToken is the token every form carries: the session's, "" for a Bearer token.
func csrfToken(c *fiber.Ctx) string {
	if a, ok := c.Locals(authKey).(*authState); ok && a.token.Kind == "session" {
		return a.token.CSRF
	}
	return ""
}

// currentUser is the authenticated user, if any.
func currentUser(c *fiber.Ctx) (auth.User, bool) {
	a, ok := c.Locals(authKey).(*authState)
	if !ok {
		return auth.User{}, false
	}
	return a.user, true
}
