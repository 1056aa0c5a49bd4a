package web

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"reflect"
	"strings"

	"github.com/gofiber/fiber/v2"
)

// decodeJSON decodes the request body into v, strictly, and turns every
// decoding failure into a 400 that names the field at fault.
func decodeJSON(c *fiber.Ctx, v any) error {
	body := c.Body()
	if len(bytes.TrimSpace(body)) == 0 {
		return badRequest("body", "request body is empty; expected a JSON object")
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return jsonError(err)
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return badRequest("body", "unexpected data after the JSON object")
	}
	return nil
}

// jsonError names the field of a JSON decoding error.
func jsonError(err error) error {
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &se):
		return badRequest("body", "malformed JSON at byte %d: %v", se.Offset, se)
	case errors.As(err, &te):
		field := te.Field
		if field == "" {
			field = "body"
		}
		return badRequest(field, "expected %s, got JSON %s", jsonKind(te.Type), te.Value)
	case errors.Is(err, io.ErrUnexpectedEOF):
		return badRequest("body", "malformed JSON: unexpected end of input")
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		f := strings.Trim(strings.TrimPrefix(err.Error(), "json: unknown field "), `"`)
		return badRequest(f, "unknown field %q", f)
	}
	return badRequest("body", "malformed JSON: %v", err)
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

// jsonKind names a Go type the way a JSON client knows it, so that an error
// never shows an internal struct (struct { Kind string … }).
func jsonKind(t reflect.Type) string {
	switch t.Kind() {
	case reflect.Struct, reflect.Map:
		return "a JSON object"
	case reflect.Slice, reflect.Array:
		return "a JSON array"
	case reflect.String:
		return "a string"
	case reflect.Bool:
		return "true or false"
	case reflect.Float32, reflect.Float64:
		return "a number"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64, reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return "an integer"
	case reflect.Pointer:
		return jsonKind(t.Elem())
	}
	return t.String()
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
