// Package jsonpath decodes JSON and, when that fails, names the value at
// fault by its JSON path (parties[0].id_number, data.period_end) with a
// message in JSON terms: a client never sees a Go type (records.NoticeData,
// time.Time, float64) or the decoder's own wording.
package jsonpath

import (
	"bytes"
	"encoding"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// Error is a decoding failure: Path is "" for the document itself.
type Error struct {
	Path    string
	Message string
}

func (e *Error) Error() string {
	if e.Path == "" {
		return e.Message
	}
	return e.Path + ": " + e.Message
}

// Decode decodes data into v (a pointer). With strict, a key that names no
// field is refused, and so is anything after the first value. Every failure
// is an *Error.
func Decode(data []byte, v any, strict bool) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	if strict {
		dec.DisallowUnknownFields()
	}
	err := dec.Decode(v)
	if err == nil {
		if strict {
			if _, err := dec.Token(); !errors.Is(err, io.EOF) {
				return &Error{Message: "unexpected data after the JSON value"}
			}
		}
		return nil
	}
	var se *json.SyntaxError
	switch {
	case errors.As(err, &se):
		return &Error{Message: fmt.Sprintf("malformed JSON at byte %d: %s", se.Offset, se.Error())}
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return &Error{Message: "malformed JSON: unexpected end of input"}
	}
	if !json.Valid(data) { // a syntax error after a type error: report the syntax
		var probe any
		if e := json.Unmarshal(data, &probe); e != nil && errors.As(e, &se) {
			return &Error{Message: fmt.Sprintf("malformed JSON at byte %d: %s", se.Offset, se.Error())}
		}
	}
	if t := reflect.TypeOf(v); t != nil && t.Kind() == reflect.Pointer {
		first, _, _ := firstValue(data)
		if e := find(first, t.Elem(), "", strict, false); e != nil {
			return e
		}
	}
	// not located (a custom decoder's own failure): say what can be said
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		return &Error{Path: te.Field, Message: fmt.Sprintf("expected %s, got JSON %s", Kind(te.Type), te.Value)}
	}
	return &Error{Message: Clean(err.Error())}
}

func firstValue(data []byte) (json.RawMessage, bool, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	var raw json.RawMessage
	err := dec.Decode(&raw)
	return raw, err == nil, err
}

var (
	unmarshalerType     = reflect.TypeFor[json.Unmarshaler]()
	textUnmarshalerType = reflect.TypeFor[encoding.TextUnmarshaler]()
	timeType            = reflect.TypeFor[time.Time]()
	rawType             = reflect.TypeFor[json.RawMessage]()
)

// find walks raw along t and returns the first value that does not decode.
// With plain, t's own decoder is passed over (its fields are walked).
func find(raw json.RawMessage, t reflect.Type, path string, strict, plain bool) *Error {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || string(raw) == "null" {
		return nil // null leaves any value as it was
	}
	switch {
	case t == rawType:
		return nil
	case t == timeType:
		var tm time.Time
		if err := json.Unmarshal(raw, &tm); err != nil {
			return &Error{Path: path, Message: "expected a time (RFC 3339, such as 2026-01-02T15:04:05+08:00), got " + describe(raw)}
		}
		return nil
	case !plain && (reflect.PointerTo(t).Implements(unmarshalerType) || (raw[0] == '"' && reflect.PointerTo(t).Implements(textUnmarshalerType))):
		if err := json.Unmarshal(raw, reflect.New(t).Interface()); err != nil {
			if t.Kind() == reflect.Struct { // its decoder reads its fields (with aliases): find the one at fault
				if e := find(raw, t, path, false, true); e != nil {
					return e
				}
			}
			var te *json.UnmarshalTypeError
			if errors.As(err, &te) && te.Field != "" {
				return &Error{Path: join(path, te.Field), Message: fmt.Sprintf("expected %s, got JSON %s", Kind(te.Type), te.Value)}
			}
			return &Error{Path: path, Message: Clean(err.Error())}
		}
		return nil
	}
	switch t.Kind() {
	case reflect.Pointer:
		return find(raw, t.Elem(), path, strict, false)
	case reflect.Interface:
		if t.NumMethod() == 0 {
			return nil
		}
	case reflect.Struct:
		if raw[0] != '{' {
			return mismatch(path, t, raw)
		}
		fields := structFields(t)
		return eachMember(raw, func(key string, val json.RawMessage) *Error {
			f, ok := fields[key]
			if !ok {
				for name, ff := range fields {
					if strings.EqualFold(name, key) {
						f, ok = ff, true
						break
					}
				}
			}
			if !ok {
				if strict {
					return &Error{Path: join(path, key), Message: "unknown field"}
				}
				return nil
			}
			return find(val, f, join(path, key), strict, false)
		})
	case reflect.Map:
		if raw[0] != '{' {
			return mismatch(path, t, raw)
		}
		return eachMember(raw, func(key string, val json.RawMessage) *Error {
			switch t.Key().Kind() {
			case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64, reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
				if _, err := strconv.ParseInt(key, 10, 64); err != nil {
					return &Error{Path: join(path, key), Message: "the key is not an integer"}
				}
			}
			return find(val, t.Elem(), join(path, key), strict, false)
		})
	case reflect.Slice, reflect.Array:
		if t.Kind() == reflect.Slice && t.Elem().Kind() == reflect.Uint8 {
			break // []byte: base64 text, checked as a leaf
		}
		if raw[0] != '[' {
			return mismatch(path, t, raw)
		}
		var items []json.RawMessage
		if err := json.Unmarshal(raw, &items); err != nil {
			return &Error{Path: path, Message: "malformed JSON array"}
		}
		for i, it := range items {
			if t.Kind() == reflect.Array && i >= t.Len() {
				return &Error{Path: path, Message: fmt.Sprintf("at most %d items", t.Len())}
			}
			if e := find(it, t.Elem(), path+"["+strconv.Itoa(i)+"]", strict, false); e != nil {
				return e
			}
		}
		return nil
	}
	// a leaf: string, number, bool, []byte
	if err := json.Unmarshal(raw, reflect.New(t).Interface()); err != nil {
		switch t.Kind() {
		case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64, reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
			if raw[0] != '"' && raw[0] != '{' && raw[0] != '[' && raw[0] != 't' && raw[0] != 'f' {
				return &Error{Path: path, Message: "expected " + Kind(t) + " in range, got " + describe(raw)}
			}
		case reflect.Slice:
			if raw[0] == '"' {
				return &Error{Path: path, Message: "expected base64 text, got " + describe(raw)}
			}
		}
		return mismatch(path, t, raw)
	}
	return nil
}

func mismatch(path string, t reflect.Type, raw json.RawMessage) *Error {
	return &Error{Path: path, Message: "expected " + Kind(t) + ", got " + describe(raw)}
}

// eachMember calls f for every member of a JSON object, in order.
func eachMember(raw json.RawMessage, f func(key string, val json.RawMessage) *Error) *Error {
	dec := json.NewDecoder(bytes.NewReader(raw))
	if _, err := dec.Token(); err != nil {
		return &Error{Message: "malformed JSON object"}
	}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return &Error{Message: "malformed JSON object"}
		}
		key, _ := tok.(string)
		var val json.RawMessage
		if err := dec.Decode(&val); err != nil {
			return &Error{Message: "malformed JSON object"}
		}
		if e := f(key, val); e != nil {
			return e
		}
	}
	return nil
}

// structFields maps the JSON names of t's fields (embedded structs'
// promoted, as encoding/json does) to their types.
func structFields(t reflect.Type) map[string]reflect.Type {
	out := map[string]reflect.Type{}
	var walk func(t reflect.Type, depth int)
	walk = func(t reflect.Type, depth int) {
		for i := range t.NumField() {
			f := t.Field(i)
			tag := f.Tag.Get("json")
			if tag == "-" {
				continue
			}
			name, _, _ := strings.Cut(tag, ",")
			if f.Anonymous && name == "" {
				ft := f.Type
				if ft.Kind() == reflect.Pointer {
					ft = ft.Elem()
				}
				if ft.Kind() == reflect.Struct && depth < 8 {
					walk(ft, depth+1)
					continue
				}
			}
			if !f.IsExported() {
				continue
			}
			if name == "" {
				name = f.Name
			}
			if _, seen := out[name]; !seen || depth == 0 {
				out[name] = f.Type
			}
		}
	}
	walk(t, 0)
	return out
}

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

// describe names a JSON value the way a client wrote it.
func describe(raw json.RawMessage) string {
	switch raw[0] {
	case '{':
		return "a JSON object"
	case '[':
		return "a JSON array"
	case '"':
		var s string
		_ = json.Unmarshal(raw, &s)
		if utf8.RuneCountInString(s) > 40 {
			s = string([]rune(s)[:40]) + "…"
		}
		return "the string " + strconv.Quote(s)
	case 't', 'f':
		return "JSON " + string(raw)
	case 'n':
		return "null"
	}
	s := string(raw)
	if len(s) > 40 {
		s = s[:40] + "…"
	}
	return "the number " + s
}

// Kind names a Go type the way a JSON client knows it.
func Kind(t reflect.Type) string {
	if t == nil {
		return "a JSON value"
	}
	if t == timeType {
		return "a time (RFC 3339)"
	}
	switch t.Kind() {
	case reflect.Struct, reflect.Map:
		return "a JSON object"
	case reflect.Slice:
		if t.Elem().Kind() == reflect.Uint8 {
			return "base64 text"
		}
		return "a JSON array"
	case reflect.Array:
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
		return Kind(t.Elem())
	}
	return "a JSON value"
}

var goWords = []*regexp.Regexp{
	regexp.MustCompile(`json: `),
	regexp.MustCompile(`\s*(into|of) Go (struct field|value of type) [\w.\[\]*]+( of type [\w.\[\]*]+)?`),
	regexp.MustCompile(`\b[a-z][a-z0-9]*\.[A-Z]\w*(\.\w+)*`), // records.NoticeData, time.Time.UnmarshalJSON
	regexp.MustCompile(`\b[A-Z]\w*\.[A-Z]\w*:?`),             // Time.UnmarshalJSON
}

// Clean strips Go type names and the decoder's prefix from a message.
func Clean(msg string) string {
	for _, re := range goWords {
		msg = re.ReplaceAllString(msg, "")
	}
	msg = strings.TrimSpace(msg)
	if msg == "" {
		return "cannot be decoded"
	}
	return msg
}
