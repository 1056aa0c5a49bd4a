package web

import (
	"encoding/json"
	"fmt"
	"net/http/httptest"
	"strings"
	"testing"

	"zhifa/search"
)

// A negative or too large top is bad input named "top" on every route that
// takes one: never a 500, never read as the default.
func TestTopOutOfRangeNamed(t *testing.T) {
	s := recordsServer(t)
	facts := "当事人销售超过保质期的食品（合成）。"
	for _, tc := range []struct {
		method, path, body string
		status             int
	}{
		{"POST", "/api/v1/similar", fmt.Sprintf(`{"facts":%q,"top":-1}`, facts), 422},
		{"POST", "/api/v1/similar", fmt.Sprintf(`{"facts":%q,"top":1001}`, facts), 422},
		{"POST", "/api/v1/normpush", fmt.Sprintf(`{"facts":%q,"top":-1}`, facts), 422},
		{"POST", "/api/v1/normpush", fmt.Sprintf(`{"facts":%q,"top":%d}`, facts, search.MaxTop+1), 422},
		{"POST", "/api/v1/cases/demo-case-01/assist", `{"top":-1}`, 422},
		{"POST", "/api/v1/cases/demo-case-01/assist", fmt.Sprintf(`{"top":%d}`, search.MaxTop+1), 422},
		{"GET", "/api/v1/laws/search?q=%E7%BD%9A%E6%AC%BE&top=-1", "", 400},
		{"GET", "/api/v1/laws/search?q=%E7%BD%9A%E6%AC%BE&top=0", "", 400},
		{"GET", fmt.Sprintf("/api/v1/laws/search?q=%%E7%%BD%%9A%%E6%%AC%%BE&top=%d", search.MaxTop+1), "", 400},
		{"GET", "/api/v1/laws/search?q=%E7%BD%9A%E6%AC%BE&top=ten", "", 400},
	} {
		req := httptest.NewRequest(tc.method, tc.path, strings.NewReader(tc.body))
		req.Header.Set("Content-Type", "application/json")
		code, b := testAs(t, s, "officer-7", req)
		var e struct {
			Field string `json:"field"`
		}
		_ = json.Unmarshal(b, &e)
		if code != tc.status || e.Field != "top" {
			t.Errorf("%s %s %s → %d %s; want %d naming top", tc.method, tc.path, tc.body, code, b, tc.status)
		}
	}
}
