package web

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"io"
	"net/http/httptest"
	"strings"
	"testing"
)

// A NUL byte or invalid UTF-8 in the path or a query parameter is a 400
// naming where it is, before any handler (or PostgreSQL) sees it.
func TestURLTextChecked(t *testing.T) {
	s := New(Options{DataDir: t.TempDir()})
	for _, tc := range []struct{ target, field string }{
		{"/api/v1/library/cases?q=%00", "q"},
		{"/api/v1/library/cases?tag=%FF", "tag"},
		{"/api/v1/library/cases/%FF", "path"},
		{"/api/v1/library/threads/%00", "path"},
		{"/api/v1/laws/search?q=%E9%A3%9F%FF", "q"},
	} {
		resp, err := testResp(t, s, httptest.NewRequest("GET", tc.target, nil))
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		var e APIError
		if resp.StatusCode != 400 || json.Unmarshal(b, &e) != nil || e.Field != tc.field {
			t.Errorf("%s: %d %s, want 400 naming %s", tc.target, resp.StatusCode, b, tc.field)
		}
	}
	// ordinary Chinese text passes
	resp, err := testResp(t, s, httptest.NewRequest("GET", "/api/v1/library/cases?q=%E9%A3%9F", nil))
	if err != nil || resp.StatusCode != 200 {
		t.Errorf("valid query refused: %v %v", resp.StatusCode, err)
	}
}

// A body of the wrong JSON type is named as JSON names it, not as a Go type.
func TestJSONTypeErrorsInJSONTerms(t *testing.T) {
	s := New(Options{DataDir: t.TempDir()})
	for _, tc := range []struct{ path, body, field, want string }{
		{"/api/v1/similar", `[1]`, "body", "expected a JSON object"},
		{"/api/v1/similar", `{"facts":"x","top":"many"}`, "top", "expected an integer"},
		{"/api/v1/similar", `{"facts":"x","only":"a"}`, "only", "expected a JSON array"},
	} {
		req := httptest.NewRequest("POST", tc.path, bytes.NewReader([]byte(tc.body)))
		req.Header.Set("Content-Type", "application/json")
		resp, err := testResp(t, s, req)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		var e APIError
		if resp.StatusCode != 400 || json.Unmarshal(b, &e) != nil || e.Field != tc.field || !strings.HasPrefix(e.Message, tc.want) || strings.Contains(e.Message, "struct") {
			t.Errorf("%s %s: %d %s", tc.path, tc.body, resp.StatusCode, b)
		}
	}
}

// A compressed request body is refused before anything inflates it: a 1.8 KB
// "gzip, gzip" body once grew the server by gigabytes.
func TestContentEncodingRefused(t *testing.T) {
	s := New(Options{DataDir: t.TempDir()})
	var gz bytes.Buffer
	w := gzip.NewWriter(&gz)
	_, _ = w.Write([]byte(`{"facts":"` + strings.Repeat("食", 1<<16) + `"}`))
	_ = w.Close()
	for _, ce := range []string{"gzip", "gzip, gzip", "deflate", "br"} {
		req := httptest.NewRequest("POST", "/api/v1/normpush", bytes.NewReader(gz.Bytes()))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Content-Encoding", ce)
		code, b := testAs(t, s, "officer1", req)
		var e APIError
		if code != 415 || json.Unmarshal(b, &e) != nil || e.Field != "Content-Encoding" {
			t.Errorf("%s: %d %s, want 415 naming Content-Encoding", ce, code, b)
		}
	}
	req := httptest.NewRequest("POST", "/api/v1/normpush", strings.NewReader(`{"facts":"经营超过保质期的食品","fine":50000}`))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Content-Encoding", "identity")
	if code, b := testAs(t, s, "officer1", req); code == 415 {
		t.Errorf("identity refused: %s", b)
	}
}

// facts longer than the limit are a 413 naming the field, before any matching.
func TestFactsLengthLimited(t *testing.T) {
	s := New(Options{DataDir: t.TempDir()})
	long := strings.Repeat("经营超过保质期的食品", maxFactsBytes/30+1)
	for _, path := range []string{"/api/v1/normpush", "/api/v1/similar"} {
		req := httptest.NewRequest("POST", path, strings.NewReader(`{"facts":"`+long+`"}`))
		req.Header.Set("Content-Type", "application/json")
		code, b := testAs(t, s, "officer1", req)
		var e APIError
		if code != 413 || json.Unmarshal(b, &e) != nil || e.Field != "facts" {
			t.Errorf("%s: %d %s, want 413 naming facts", path, code, b)
		}
	}
}
