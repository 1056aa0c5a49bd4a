package web

import (
	"mime"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v2"
)

// bodyTypes are the API routes whose body is not JSON, with the media types
// each accepts; every other POST, PUT or PATCH under /api/v1 takes JSON only
// (application/json or a +json type). Refusing form and text bodies also
// shuts out cross-site "simple" requests that a browser sends unasked.
var bodyTypes = []struct {
	method, pattern string
	types           []string
}{
	{fiber.MethodPost, "/api/v1/cases/:id/evidence", []string{fiber.MIMEMultipartForm}},
	{fiber.MethodPost, "/api/v1/library/import", []string{fiber.MIMEMultipartForm}},
	{fiber.MethodPost, "/api/v1/inspect/targets", registryTypes},
	{fiber.MethodPost, "/api/v1/inspect/matters", registryTypes},
}

// registryTypes are what a CSV or XLSX registry file is sent as.
var registryTypes = []string{"text/csv", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
	"application/vnd.ms-excel", fiber.MIMEOctetStream}

// checkContentType answers 415, naming Content-Type, to an API write whose
// body is not of the type its route reads.
func checkContentType(c *fiber.Ctx) error {
	switch c.Method() {
	case fiber.MethodPost, fiber.MethodPut, fiber.MethodPatch:
	default:
		return c.Next()
	}
	path := c.Path()
	if !strings.HasPrefix(path, "/api/v1/") || len(c.Request().Body()) == 0 {
		return c.Next()
	}
	want := []string{fiber.MIMEApplicationJSON}
	for _, b := range bodyTypes {
		if b.method == c.Method() && fiber.RoutePatternMatch(path, b.pattern, c.App().Config()) {
			want = b.types
			break
		}
	}
	raw := c.Get(fiber.HeaderContentType)
	mt, _, err := mime.ParseMediaType(raw)
	json := slices.Contains(want, fiber.MIMEApplicationJSON)
	if err == nil && (slices.Contains(want, mt) || json && strings.HasSuffix(mt, "+json")) {
		return c.Next()
	}
	got := "no Content-Type"
	if raw != "" {
		got = "Content-Type " + strconv.Quote(raw)
	}
	return &APIError{Status: http.StatusUnsupportedMediaType, Code: "unsupported_media_type", Field: "Content-Type",
		Message: c.Method() + " " + path + " takes " + strings.Join(want, " or ") + "; the request has " + got}
}
