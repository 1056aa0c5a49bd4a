package web

import (
	"encoding/json"
	"strings"
	"testing"
	"time"
)

// Appeals, transfers and annual reports over the API, on the demo records:
// bad input is a 4xx naming the field, good input reads back and moves the
// statistics and warnings.
func TestFollowupAPI(t *testing.T) {
	s := recordsServer(t)
	year := time.Now().Year()
	bad := []struct {
		method, path, body string
		code               int
		field              string
	}{
		{"POST", "/api/v1/cases/demo-case-01/appeals", `{"type":"复议","outcome":"upheld","decided_on":"2026-11-20"}`, 422, "type"},
		{"POST", "/api/v1/cases/demo-case-01/appeals", `{"type":"litigation","outcome":"upheld"}`, 422, "decided_on"},
		{"POST", "/api/v1/cases/demo-case-01/appeals", `{"type":"litigation","outcome":"upheld","decided_on":"2099-01-01"}`, 422, "decided_on"},
		{"POST", "/api/v1/cases/demo-case-01/appeals", `{"type":"litigation","outcome":"upheld","decided_on":"2026-11-20","court":"x"}`, 400, "court"},
		{"POST", "/api/v1/cases/demo-case-09/appeals", `{"type":"litigation","outcome":"upheld","decided_on":"2026-11-20"}`, 409, "case_id"},
		{"POST", "/api/v1/cases/nope/appeals", `{"type":"litigation","outcome":"upheld","decided_on":"2026-11-20"}`, 404, ""},
		{"POST", "/api/v1/cases/demo-case-09/extension", `{"approved_by":"示例局长（虚构）","days":30,"reason":"需鉴定"}`, 422, "approved_on"},
		{"POST", "/api/v1/cases/demo-case-09/extension", `{"approved_on":"2026-11-20","approved_by":"示例局长（虚构）","days":0,"reason":"需鉴定"}`, 422, "days"},
		{"POST", "/api/v1/cases/demo-case-09/extension", `{"approved_on":"2026-11-20","approved_by":"","days":30,"reason":"需鉴定"}`, 422, "approved_by"},
		{"POST", "/api/v1/cases/nope/extension", `{"approved_on":"2026-11-20","approved_by":"示例局长（虚构）","days":30,"reason":"需鉴定"}`, 404, ""},
		{"PUT", "/api/v1/cases/demo-case-09/transfer", `{"decided_on":"2026-11-20"}`, 422, "reported_on"},
		{"PUT", "/api/v1/cases/demo-case-09/transfer", `{"reported_on":"2026-11-20","sent_at":"2026-11-20T10:00:00+08:00"}`, 422, "sent_at"},
		{"POST", "/api/v1/annual-reports", `{"agency_id":"demo-scjgj","year":1999,"reported_on":"2000-01-10"}`, 422, "year"},
		{"POST", "/api/v1/annual-reports", `{"agency_id":"nope","year":2025,"reported_on":"2026-01-10"}`, 422, "agency_id"},
	}
	for _, b := range bad {
		code, body := reviewCall(t, s, "clerk", b.method, b.path, b.body)
		if code != b.code || !strings.Contains(string(body), `"field":"`+b.field+`"`) && b.field != "" {
			t.Errorf("%s %s %s: %d %s, want %d naming %s", b.method, b.path, b.body, code, body, b.code, b.field)
		}
	}
	if code, body := reviewCall(t, s, "officer1", "GET", "/api/v1/cases/demo-case-09/transfer", ""); code != 404 {
		t.Errorf("transfer before any: %d %s", code, body)
	}

	day := time.Now().Format("2006-01-02")
	code, body := reviewCall(t, s, "officer1", "POST", "/api/v1/cases/demo-case-01/appeals", `{"type":"reconsideration","outcome":"revoked","decided_on":"`+day+`","authority":"示例市人民政府"}`)
	if code != 201 || !strings.Contains(string(body), `"id":"ap-demo-case-01-1"`) {
		t.Fatalf("appeal: %d %s", code, body)
	}
	code, body = reviewCall(t, s, "officer1", "GET", "/api/v1/cases/demo-case-01/appeals", "")
	if code != 200 || !strings.Contains(string(body), "示例市人民政府") {
		t.Errorf("appeals: %d %s", code, body)
	}
	code, body = reviewCall(t, s, "supervisor1", "GET", "/api/v1/stats?year="+day[:4], "")
	var rep struct {
		Totals map[string]map[string]float64 `json:"totals"`
	}
	if code != 200 || json.Unmarshal(body, &rep) != nil || rep.Totals["penalty"]["reconsideration_revoked"] != 1 {
		t.Errorf("stats after the appeal: %d %s", code, body)
	}

	code, body = reviewCall(t, s, "officer1", "POST", "/api/v1/cases/demo-case-09/extension", `{"approved_on":"`+day+`","approved_by":"示例局长（虚构）","days":30,"reason":"需补充鉴定（虚构）","basis":"示例规章（虚构）"}`)
	if code != 201 || !strings.Contains(string(body), `"id":"ext-demo-case-09-1"`) {
		t.Fatalf("extension: %d %s", code, body)
	}
	code, body = reviewCall(t, s, "officer1", "GET", "/api/v1/cases/demo-case-09/extension", "")
	if code != 200 || !strings.Contains(string(body), "需补充鉴定（虚构）") {
		t.Errorf("extensions: %d %s", code, body)
	}
	if code, body := reviewCall(t, s, "supervisor1", "POST", "/api/v1/cases/demo-case-09/extension", `{"approved_on":"`+day+`","approved_by":"x","days":30,"reason":"r"}`); code != 403 {
		t.Errorf("a supervisor recorded an extension: %d %s", code, body)
	}

	code, body = reviewCall(t, s, "officer1", "PUT", "/api/v1/cases/demo-case-09/transfer", `{"reported_on":"`+day+`"}`)
	if code != 200 || !strings.Contains(string(body), `"case_id":"demo-case-09"`) {
		t.Fatalf("transfer: %d %s", code, body)
	}
	code, body = reviewCall(t, s, "officer1", "GET", "/api/v1/warnings?kind=transfer", "")
	if code != 200 || !strings.Contains(string(body), "demo-case-09") {
		t.Errorf("transfer warning: %d %s", code, body)
	}
	code, body = reviewCall(t, s, "admin", "POST", "/api/v1/annual-reports", `{"agency_id":"demo-scjgj","year":`+itoa(year-1)+`,"reported_on":"`+day+`"}`)
	if code != 201 || !strings.Contains(string(body), `"reported_on":"`+day+`"`) {
		t.Errorf("annual report: %d %s", code, body)
	}
}

func itoa(n int) string { b, _ := json.Marshal(n); return string(b) }
