package web

import (
	"encoding/json"
	"net/http/httptest"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// goWords are signs of a Go type or the decoder's wording in a message.
var goWords = regexp.MustCompile(`json: |Go (struct|value)|cannot unmarshal|UnmarshalJSON|UnmarshalText|\b(records|rules|review|caselib|inspect|followup|drafting|time|web|stats|nlp)\.[A-Z]|\b[A-Z]\w*\.[A-Z]\w*|\bstruct\s*\{|\bmap\[|\bfloat64\b|\bint64\b|\[\]string`)

// jsonPath is what a field named in an error must look like: a JSON path
// (a.b[0].c) or the document itself.
var jsonPath = regexp.MustCompile(`^(body|[A-Za-z_][A-Za-z0-9_]*(\[\d+\])*(\.[A-Za-z0-9_]+(\[\d+\])*)*)$`)

// Wrong types sent to every JSON endpoint are refused with a message in
// JSON terms and the field as a JSON path, parents included.
func TestWrongTypesNamedInJSONTerms(t *testing.T) {
	s := recordsServer(t)
	keys := []string{"id", "name", "kind", "title", "facts", "at", "data", "parties", "officer_ids", "amounts", "circumstances",
		"opened_on", "created_at", "penalty_basis", "fine", "party", "proposed", "reviewer", "result", "reasons", "text", "content",
		"number", "year", "agency_id", "case_id", "top", "only", "notice", "decision", "items", "plan_id", "tags", "tag", "note",
		"exemplary", "comment", "body", "act_date", "entries", "certificate", "profile", "domains", "seed", "count"}
	values := []string{`12345`, `[{"a":1}]`, `true`, `{"zz":1}`}
	nested := []string{
		`{"parties":[{"kind":"person","id_number":5}]}`,
		`{"parties":[{"name":["x"]}]}`,
		`{"data":{"period_end":5}}`,
		`{"kind":"notice","data":{"period_end":5}}`,
		`{"kind":"decision","data":{"penalty_basis":"x","fine":"lots"}}`,
		`{"kind":"hearing","data":{"date":7}}`,
		`{"proposed":{"fine":"x"}}`,
		`{"party":{"age":"x"}}`,
		`{"amounts":{"goods_value":"x"}}`,
		`{"created_at":"yesterday"}`,
		`{"certificate":{"valid_from":5}}`,
		`{"notice":{"period_end":5}}`,
	}
	param := regexp.MustCompile(`:[A-Za-z0-9_]+\??`)
	nonJSON := []string{"/api/v1/cases/:id/evidence", "/api/v1/library/import", "/api/v1/inspect/targets", "/api/v1/inspect/matters"}
	routes := 0
	for _, r := range s.App.GetRoutes(true) {
		if !strings.HasPrefix(r.Path, "/api/v1/") || (r.Method != "POST" && r.Method != "PUT" && r.Method != "PATCH") || slices.Contains(nonJSON, r.Path) {
			continue
		}
		routes++
		path := param.ReplaceAllString(strings.Replace(r.Path, "/agencies/:id", "/agencies/demo-scjgj", 1), "demo-case-11")
		bodies := append([]string{}, nested...)
		for _, k := range keys {
			for _, v := range values {
				bodies = append(bodies, `{"`+k+`":`+v+`}`)
			}
		}
		for _, b := range bodies {
			req := httptest.NewRequest(r.Method, path, strings.NewReader(b))
			req.Header.Set("Content-Type", "application/json")
			status, body := testAs(t, s, "tester", req)
			if status < 400 || status >= 500 {
				if status >= 500 {
					t.Errorf("%s %s %s: %d %s", r.Method, r.Path, b, status, body)
				}
				continue
			}
			var e APIError
			if err := json.Unmarshal(body, &e); err != nil {
				t.Errorf("%s %s %s: %d, not a JSON error: %.200s", r.Method, r.Path, b, status, body)
				continue
			}
			if goWords.MatchString(e.Message) {
				t.Errorf("%s %s %s: message names Go: %q", r.Method, r.Path, b, e.Message)
			}
			if e.Field != "" && !jsonPath.MatchString(e.Field) {
				t.Errorf("%s %s %s: field %q is not a JSON path", r.Method, r.Path, b, e.Field)
			}
		}
	}
	if routes < 20 {
		t.Fatalf("only %d JSON routes", routes)
	}
}

// Where the value at fault is nested, the field names it with its parents.
func TestWrongTypeFieldPaths(t *testing.T) {
	s := recordsServer(t)
	for _, tc := range []struct {
		method, path, body, field, msg string
	}{
		{"POST", "/api/v1/cases", `{"parties":[{"kind":"person"},{"id_number":5}]}`, "parties[1].id_number", "expected a string"},
		{"POST", "/api/v1/cases", `{"created_at":"yesterday"}`, "created_at", "expected a time"},
		{"POST", "/api/v1/cases", `{"amounts":{"goods_value":"x"}}`, "amounts.goods_value", "expected a number"},
		{"POST", "/api/v1/cases", `{"parties":[{"nickname":"x"}]}`, "parties[0].nickname", "unknown field"},
		{"POST", "/api/v1/officers", `{"certificate":{"valid_from":5}}`, "certificate.valid_from", "expected a string"},
		{"POST", "/api/v1/cases/demo-case-11/steps", `{"kind":"notice","data":{"period_end":5}}`, "data.period_end", "expected a string"},
		{"POST", "/api/v1/cases/demo-case-11/steps", `{"kind":"hearing","data":{"date":7}}`, "data.date", "expected a string"},
		{"POST", "/api/v1/cases/demo-case-09/steps", `{"kind":"decision","data":{"penalty_basis":"x","fine":"lots"}}`, "data.fine", "expected a number"},
		{"POST", "/api/v1/cases/demo-case-11/reviews", `{"proposed":{"fine":"x"}}`, "proposed.fine", "expected a number"},
	} {
		status, body := recCall(t, s, tc.method, tc.path, tc.body)
		var e APIError
		_ = json.Unmarshal(body, &e)
		if status < 400 || status >= 500 || e.Field != tc.field || !strings.HasPrefix(e.Message, tc.msg) {
			t.Errorf("%s %s %s: %d %s, want field %s, message %q…", tc.method, tc.path, tc.body, status, body, tc.field, tc.msg)
		}
	}
}
