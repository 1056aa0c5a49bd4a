package web

import (
	"errors"
	"testing"

	"zhifa/records"
)

// Any body decodes into each request type or fails as a 400/413/422 naming
// a field in JSON terms; never a panic, never a Go type in the message.
// Seeds: testdata/fuzz/FuzzDecodeBody (run as a normal test).
func FuzzDecodeBody(f *testing.F) {
	for _, s := range []string{`{"facts":"当事人经营超过保质期的食品","top":3,"fine":5000}`, `{"facts":1}`, `[]`, `{"parties":[{"id_number":5}]}`,
		`{"opened_on":"2026-13-01"}`, `{"amounts":{"illegal_gains":"x"}}`, `{"data":{"fine":"1"}}`, `{"kind":"decision","data":{"penalty_basis":1}}`} {
		f.Add([]byte(s))
	}
	targets := []func() any{
		func() any { return new(normPushRequest) },
		func() any { return new(similarRequest) },
		func() any { return new(citeRequest) },
		func() any { return new(nlpTextRequest) },
		func() any { return new(tagsRequest) },
		func() any { return new(stepRequest) },
		func() any { return new(records.Case) },
		func() any { return new(records.Agency) },
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		for _, mk := range targets {
			err := decodeBody(body, mk())
			if err == nil {
				continue
			}
			var e *APIError
			if !errors.As(err, &e) {
				t.Fatalf("%T: %v is not an API error", mk(), err)
			}
			if e.Field == "" || (e.Status != 400 && e.Status != 413 && e.Status != 422) {
				t.Fatalf("%T: %+v names no field or has status %d", mk(), e, e.Status)
			}
			if goTypeRe.MatchString(e.Message) || goTypeRe.MatchString(e.Field) {
				t.Fatalf("%T: %q speaks Go", mk(), e.Message)
			}
		}
	})
}
