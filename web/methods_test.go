package web

import (
	"encoding/json"
	"io"
	"net/http/httptest"
	"testing"
)

// A wrong method on a path that exists is a 405 naming the methods that
// are allowed (Allow header and JSON body); a path that does not exist stays 404.
func TestMethodNotAllowed(t *testing.T) {
	s := New(Options{DataDir: t.TempDir()})
	defer s.Close(t.Context())
	for _, tc := range []struct {
		method, path string
		status       int
		allow        string
	}{
		{"DELETE", "/api/v1/cases", 405, "GET, HEAD, POST"},
		{"PATCH", "/api/v1/cases/case-x", 405, "GET, HEAD, PUT"},
		{"POST", "/api/v1/health", 405, "GET, HEAD"},
		{"PUT", "/api/v1/agencies", 405, "GET, HEAD, POST"},
		{"GET", "/api/v1/library/import", 405, "POST"},
		{"GET", "/ui/cases/c1/steps", 405, "POST"},
		{"DELETE", "/api/v1/no-such-thing", 404, ""},
		{"GET", "/api/v1/no-such-thing", 404, ""},
		{"GET", "/api/v1/health", 200, ""},
	} {
		resp, err := testResp(t, s, httptest.NewRequest(tc.method, tc.path, nil))
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		if resp.StatusCode != tc.status || resp.Header.Get("Allow") != tc.allow {
			t.Errorf("%s %s: %d Allow %q, want %d Allow %q (%s)", tc.method, tc.path, resp.StatusCode, resp.Header.Get("Allow"), tc.status, tc.allow, b)
			continue
		}
		var e APIError
		switch tc.status {
		case 405:
			if json.Unmarshal(b, &e) != nil || e.Code != "method_not_allowed" {
				t.Errorf("%s %s: body %s, want code method_not_allowed", tc.method, tc.path, b)
			}
		case 404:
			if json.Unmarshal(b, &e) != nil || e.Code != "not_found" {
				t.Errorf("%s %s: body %s, want code not_found", tc.method, tc.path, b)
			}
		}
	}
}
