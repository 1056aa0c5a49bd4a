package web

import (
	"encoding/json"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"
)

// Every API write refuses a body that is not of its type with a 415 naming
// Content-Type — form posts and text/plain above all, which a browser sends
// cross-site without asking — before any handler runs.
func TestAPIWritesRefuseOtherBodyTypes(t *testing.T) {
	s := recordsServer(t)
	param := regexp.MustCompile(`:[A-Za-z0-9_]+\??`)
	n := 0
	for _, r := range s.App.GetRoutes(true) {
		if !strings.HasPrefix(r.Path, "/api/v1/") || (r.Method != "POST" && r.Method != "PUT" && r.Method != "PATCH") {
			continue
		}
		path := param.ReplaceAllString(r.Path, "synthetic-x")
		for _, ctype := range []string{"application/x-www-form-urlencoded", "text/plain", "", "not a type;;"} {
			req := httptest.NewRequest(r.Method, path, strings.NewReader(`{"name":"x"}`))
			if ctype != "" {
				req.Header.Set("Content-Type", ctype)
			}
			status, body := testAs(t, s, "tester", req)
			var e APIError
			if status != 415 || json.Unmarshal(body, &e) != nil || e.Field != "Content-Type" || e.Code != "unsupported_media_type" {
				t.Errorf("%s %s with Content-Type %q: %d %s, want 415 naming Content-Type", r.Method, r.Path, ctype, status, body)
			}
		}
		n++
	}
	if n < 20 {
		t.Fatalf("only %d API write routes checked", n)
	}
}

// Each route still takes its own type: JSON (with parameters, or as a
// +json type), multipart uploads, CSV registries; an empty body needs none.
func TestAPIWritesTakeTheirType(t *testing.T) {
	s := recordsServer(t)
	for _, tc := range []struct {
		method, path, ctype, body string
		status                    int
	}{
		{"POST", "/api/v1/agencies", "application/json", `{"name":""}`, 422},
		{"POST", "/api/v1/agencies", "application/json; charset=utf-8", `{"name":""}`, 422},
		{"POST", "/api/v1/agencies", "Application/JSON", `{"name":""}`, 422},
		{"PUT", "/api/v1/agencies/syn-1", "application/merge-patch+json", `{"name":""}`, 422},
		{"POST", "/api/v1/cases/demo-case-11/evidence", "multipart/form-data; boundary=b", "--b--\r\n", 400},
		{"POST", "/api/v1/cases/demo-case-11/evidence", "application/json", `{}`, 415},
		{"POST", "/api/v1/library/import", "multipart/form-data; boundary=b", "--b--\r\n", 400},
		{"POST", "/api/v1/library/import", "text/plain", "x", 415},
		{"POST", "/api/v1/inspect/targets?agency=demo-scjgj", "text/csv", "名称\n", 422},
		{"POST", "/api/v1/inspect/targets?agency=demo-scjgj", "application/x-www-form-urlencoded", "名称\n", 415},
		{"POST", "/api/v1/cases/demo-case-11/assist", "", "", 200},
	} {
		req := httptest.NewRequest(tc.method, tc.path, strings.NewReader(tc.body))
		if tc.ctype != "" {
			req.Header.Set("Content-Type", tc.ctype)
		}
		if status, body := testAs(t, s, "tester", req); status != tc.status {
			t.Errorf("%s %s (%s): %d %.300s, want %d", tc.method, tc.path, tc.ctype, status, body, tc.status)
		}
	}
}
