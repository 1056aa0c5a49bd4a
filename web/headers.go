package web

import (
	"net/http"
	"strings"

	"github.com/gofiber/fiber/v2"
)

// contentSecurityPolicy allows the pages only their own assets under
// /static: no inline script or style, no framing, forms posting only here.
const contentSecurityPolicy = "default-src 'self'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"

// portalCache is how long a public portal page may be cached.
const portalCache = "public, max-age=300"

// securityHeaders sets the headers every response carries, errors included.
// Nothing but the content-hashed assets (/static/) and the public portal
// may be stored by a cache: a case page or API answer holds personal data.
func securityHeaders(c *fiber.Ctx) error {
	h := &c.Response().Header
	h.Set(fiber.HeaderContentSecurityPolicy, contentSecurityPolicy)
	h.Set(fiber.HeaderXContentTypeOptions, "nosniff")
	h.Set(fiber.HeaderXFrameOptions, "DENY")
	h.Set(fiber.HeaderReferrerPolicy, "same-origin")
	err := c.Next()
	p := c.Path()
	switch {
	case err != nil:
		h.Set(fiber.HeaderCacheControl, "no-store")
	case strings.HasPrefix(p, "/static/"):
	case p == "/portal" || strings.HasPrefix(p, "/portal/"):
		if len(h.Peek(fiber.HeaderCacheControl)) == 0 {
			if c.Response().StatusCode() == http.StatusOK {
				h.Set(fiber.HeaderCacheControl, portalCache)
			} else {
				h.Set(fiber.HeaderCacheControl, "no-store")
			}
		}
	default:
		h.Set(fiber.HeaderCacheControl, "no-store")
	}
	return err
}

// inlineTypes are the stored-file types a browser may show in place; any
// other file (HTML, SVG, scripts …) is sent as a download, never rendered.
var inlineTypes = map[string]bool{
	"image/png": true, "image/jpeg": true, "image/gif": true, "image/webp": true, "image/bmp": true,
	"application/pdf": true,
}

// sendStoredFile sends the content of a stored file (evidence, documents):
// images and PDF with their own type, inline; anything else as an
// attachment of type application/octet-stream.
func sendStoredFile(c *fiber.Ctx, sum string, b []byte) error {
	ctype := http.DetectContentType(b)
	if i := strings.IndexByte(ctype, ';'); i >= 0 {
		ctype = ctype[:i]
	}
	if inlineTypes[ctype] {
		c.Set(fiber.HeaderContentType, ctype)
		c.Set(fiber.HeaderContentDisposition, `inline; filename="`+sum+`"`)
	} else {
		c.Set(fiber.HeaderContentType, fiber.MIMEOctetStream)
		c.Set(fiber.HeaderContentDisposition, `attachment; filename="`+sum+`"`)
	}
	c.Set(fiber.HeaderXContentTypeOptions, "nosniff")
	return c.Send(b)
}
