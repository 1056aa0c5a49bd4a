package web

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

func TestStatsEndpoint(t *testing.T) {
	s := recordsServer(t)
	status, body := recCall(t, s, "GET", "/api/v1/stats?year=2026", "")
	var rep struct {
		Totals   map[string]map[string]float64 `json:"totals"`
		Agencies []struct {
			AgencyID string `json:"agency_id"`
		} `json:"agencies"`
	}
	if status != 200 || json.Unmarshal(body, &rep) != nil {
		t.Fatalf("stats: %d %.300s", status, body)
	}
	// The demo bureau: twelve synthetic penalty cases opened in 2026, seven decided.
	if p := rep.Totals["penalty"]; p["cases"] != 12 || p["decided"] != 7 || p["fines"] <= 0 || len(rep.Agencies) != 2 {
		t.Errorf("demo totals: %v, %d agencies", p, len(rep.Agencies))
	}
	for _, tc := range []struct{ path, field string }{
		{"/api/v1/stats", "year"}, {"/api/v1/stats?year=abc", "year"}, {"/api/v1/stats?year=1900", "year"},
		{"/api/v1/stats?year=2026&agency=nope", "agency"}, {"/api/v1/stats?year=2026&format=pdf", "format"},
	} {
		status, body := recCall(t, s, "GET", tc.path, "")
		var e APIError
		if status/100 != 4 || json.Unmarshal(body, &e) != nil || e.Field != tc.field {
			t.Errorf("%s: %d %s", tc.path, status, body)
		}
	}
	status, body = recCall(t, s, "GET", "/api/v1/stats?year=2026&agency=demo-scjgj&format=xlsx", "")
	if status != 200 {
		t.Fatalf("xlsx: %d %s", status, body)
	}
	f, err := excelize.OpenReader(bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if v, _ := f.GetCellValue("totals", "C4"); strings.TrimSpace(v) != "12" { // row 4: penalty, column C: cases
		t.Errorf("xlsx penalty cases %q", v)
	}
}
