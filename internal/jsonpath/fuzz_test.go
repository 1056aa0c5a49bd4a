package jsonpath

import "testing"

// Any bytes decode to a value or to an error with a path; never a panic.
func FuzzDecode(f *testing.F) {
	for _, s := range []string{`{"a":1}`, `{"a":{"b":[1,"x",{"c":true}]}}`, `{"a":`, `[`, `{"a":"\ud800"}`, `{"a":1e999}`, `null`, `{"parties":[{"id_number":5}]}`} {
		f.Add([]byte(s))
	}
	type inner struct {
		C bool `json:"c"`
	}
	type doc struct {
		A       int               `json:"a"`
		S       string            `json:"s"`
		L       []inner           `json:"l"`
		M       map[string]string `json:"m"`
		Parties []struct {
			IDNumber string `json:"id_number"`
		} `json:"parties"`
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		var d doc
		_ = Decode(b, &d, false)
		_ = Decode(b, &d, true)
	})
}
