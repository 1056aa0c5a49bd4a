package web

import (
	"net/http/httptest"
	"strings"
	"testing"
)

// Requests are counted by route pattern, method and status.
func TestMetrics(t *testing.T) {
	s := New(Options{DataDir: t.TempDir()})
	defer s.Close(t.Context())
	req := httptest.NewRequest("POST", "/api/v1/suggest", strings.NewReader(`{"party":{"kind":"robot"}}`))
	req.Header.Set("Content-Type", "application/json")
	if code, b := testAs(t, s, "officer1", req); code != 400 {
		t.Fatalf("suggest: %d %s", code, b)
	}
	code, b := testAs(t, s, "admin", httptest.NewRequest("GET", "/metrics", nil))
	if code != 200 {
		t.Fatalf("metrics: %d %s", code, b)
	}
	for _, want := range []string{`zhifa_http_requests_total{method="POST",route="/api/v1/suggest",status="400"} 1`, "zhifa_http_request_duration_seconds_bucket", "zhifa_caselib_cases"} {
		if !strings.Contains(string(b), want) {
			t.Errorf("metrics lack %s in %s", want, grepLines(string(b), "zhifa_http_requests_total"))
		}
	}
}

func grepLines(s, w string) string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if strings.Contains(l, w) {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}
