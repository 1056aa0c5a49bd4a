package web

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestWarningsEndpoint(t *testing.T) {
	s := recordsServer(t)
	for _, tc := range []struct {
		path     string
		status   int
		field    string
		contains string
	}{
		{"/api/v1/warnings?agency=demo-scjgj", 200, "", `"case_id":"demo-case-08"`},
		{"/api/v1/warnings?kind=decision_limit", 200, "", "第六十条"},
		{"/api/v1/warnings?kind=annual_report&as_of=2027-01-10", 200, "", `"due":"2027-01-15"`},
		{"/api/v1/warnings?agency=nope", 422, "agency", ""},
		{"/api/v1/warnings?kind=Decision-Limit", 422, "kind", ""},
		{"/api/v1/warnings?as_of=2027-13-01", 422, "as_of", ""},
	} {
		status, body := recCall(t, s, "GET", tc.path, "")
		if status != tc.status || !strings.Contains(string(body), tc.contains) {
			t.Errorf("%s: %d %.300s", tc.path, status, body)
			continue
		}
		if tc.field != "" {
			var e APIError
			if json.Unmarshal(body, &e) != nil || e.Field != tc.field {
				t.Errorf("%s: error names %q, want %q", tc.path, e.Field, tc.field)
			}
			continue
		}
		var ws []map[string]any
		if err := json.Unmarshal(body, &ws); err != nil || len(ws) == 0 {
			t.Errorf("%s: not a non-empty JSON list: %v", tc.path, err)
		}
		for _, w := range ws {
			for _, k := range []string{"kind", "due", "days_left", "citation"} {
				if _, ok := w[k]; !ok {
					t.Errorf("%s: a warning lacks %q: %v", tc.path, k, w)
				}
			}
		}
	}
}
