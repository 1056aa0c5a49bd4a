package web

import (
	"net/http"
	"slices"
	"strings"

	"github.com/gofiber/fiber/v2"
)

// noRoute answers a request no route took: 405 with an Allow header when the
// path exists under other methods, 404 otherwise. It is the last handler, so
// fiber's own 405 never applies (a catch-all handler counts as a match).
func noRoute(c *fiber.Ctx) error {
	if allow := allowedMethods(c.App(), c.Path()); len(allow) > 0 {
		c.Set(fiber.HeaderAllow, strings.Join(allow, ", "))
		return &APIError{Status: http.StatusMethodNotAllowed, Code: "method_not_allowed", Field: "method",
			Message: c.Method() + " is not allowed on " + c.Path() + "; allowed: " + strings.Join(allow, ", ")}
	}
	return &APIError{Status: http.StatusNotFound, Code: "not_found", Message: "no such endpoint: " + c.Method() + " " + c.Path()}
}

// allowedMethods lists the methods with a route matching path, in fiber's
// method order (GET, HEAD, POST, PUT, DELETE, …).
func allowedMethods(app *fiber.App, path string) []string {
	cfg := app.Config()
	found := map[string]bool{}
	for _, r := range app.GetRoutes(true) {
		if !found[r.Method] && fiber.RoutePatternMatch(path, r.Path, cfg) {
			found[r.Method] = true
		}
	}
	var out []string
	for _, m := range cfg.RequestMethods {
		if found[m] && !slices.Contains(out, m) {
			out = append(out, m)
		}
	}
	return out
}
