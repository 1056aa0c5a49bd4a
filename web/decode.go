package web

import (
	"bytes"
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/gofiber/fiber/v2"

	"zhifa/internal/jsonpath"
)

// decodeJSON decodes the request body into v, strictly, and turns every
// decoding failure into a 400 that names the field at fault by its JSON path
// (parties[0].id_number), in JSON terms: no Go type reaches the client.
func decodeJSON(c *fiber.Ctx, v any) error { return decodeBody(c.Body(), v) }

// decodeBody is decodeJSON on the bytes of a body: decoded strictly, then
// held to the field bounds (textlimits.go).
func decodeBody(body []byte, v any) error {
	if len(bytes.TrimSpace(body)) == 0 {
		return badRequest("body", "request body is empty; expected a JSON object")
	}
	if err := jsonError(jsonpath.Decode(body, v, true)); err != nil {
		return err
	}
	return checkLimits(v)
}

// jsonError is the 400 of a decoding failure, naming its JSON path ("body"
// for the document itself).
func jsonError(err error) error {
	if err == nil {
		return nil
	}
	var pe *jsonpath.Error
	if errors.As(err, &pe) {
		field := pe.Path
		if field == "" {
			field = "body"
		}
		return badRequest(field, "%s", pe.Message)
	}
	return badRequest("body", "%s", jsonpath.Clean(err.Error()))
}

// queryInt reads an integer query parameter within [min,max], or def when absent.
func queryInt(c *fiber.Ctx, name string, def, min, max int) (int, error) {
	s := c.Query(name)
	if s == "" {
		return def, nil
	}
	var n int
	if _, err := fmt.Sscanf(s, "%d", &n); err != nil || fmt.Sprint(n) != strings.TrimSpace(s) {
		return 0, badRequest(name, "%q is not an integer", s)
	}
	if n < min || n > max {
		return 0, badRequest(name, "%d is out of range [%d, %d]", n, min, max)
	}
	return n, nil
}

// maxFactsBytes bounds a facts text: matching cost grows faster than the
// text (16 KB once took seconds), and a decision's findings fit well within it.
const maxFactsBytes = 16 << 10

// checkTextLen refuses a text field longer than maxFactsBytes (HTTP 413).
func checkTextLen(field, s string) error {
	if len(s) > maxFactsBytes {
		return &APIError{Status: http.StatusRequestEntityTooLarge, Code: "too_large", Field: field,
			Message: fmt.Sprintf("%s is %d bytes; at most %d are accepted", field, len(s), maxFactsBytes)}
	}
	return nil
}
