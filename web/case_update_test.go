package web

import (
	"encoding/json"
	"strings"
	"testing"
)

// POST creates and never replaces (409 naming id); PUT /cases/:id updates
// and refuses a closed or archived case (409 naming status).
func TestCreateConflictAndCaseUpdate(t *testing.T) {
	s := recordsServer(t)
	status, body := recCall(t, s, "GET", "/api/v1/cases/demo-case-10", "")
	if status != 200 {
		t.Fatalf("get: %d %s", status, body)
	}
	var open map[string]any
	_ = json.Unmarshal(body, &open)
	delete(open, "steps")
	delete(open, "warnings")
	open["title"] = "合成的新标题"
	edited, _ := json.Marshal(open)
	archived := strings.Replace(string(edited), `"demo-case-10"`, `"demo-case-06"`, 1)
	for _, tc := range []struct {
		method, path, body string
		status             int
		code, field        string
	}{
		{"POST", "/api/v1/agencies", `{"id":"demo-scjgj","name":"合成局"}`, 409, "conflict", "id"},
		{"POST", "/api/v1/officers", `{"id":"demo-of-1","name":"合成","agency_id":"demo-scjgj","certificate":{"number":"1","valid_from":"2022-01-01"}}`, 409, "conflict", "id"},
		{"POST", "/api/v1/power-items", `{"agency_id":"demo-scjgj","code":"SP-001","name":"合成","kind":"penalty"}`, 409, "conflict", "id"},
		{"POST", "/api/v1/cases", strings.Replace(string(edited), `"demo-case-10"`, `"demo-case-06"`, 1), 409, "conflict", "id"},
		{"PUT", "/api/v1/agencies/syn-put", `{"name":"合成局"}`, 201, "", ""},
		{"PUT", "/api/v1/agencies/syn-put", `{"name":"合成局（改）"}`, 201, "", ""},
		{"PUT", "/api/v1/cases/demo-case-06", archived, 409, "conflict", "status"},
		{"PUT", "/api/v1/cases/demo-case-10", archived, 422, "rejected", "id"},
		{"PUT", "/api/v1/cases/demo-case-10", string(edited), 200, "", ""},
		{"PUT", "/api/v1/cases/nope", `{"title":"x"}`, 404, "not_found", ""},
	} {
		status, body := recCall(t, s, tc.method, tc.path, tc.body)
		var e APIError
		_ = json.Unmarshal(body, &e)
		if status != tc.status || e.Code != tc.code || e.Field != tc.field {
			t.Errorf("%s %s: %d %.300s, want %d %s %s", tc.method, tc.path, status, body, tc.status, tc.code, tc.field)
		}
	}
	for id, want := range map[string]string{"demo-case-10": "合成的新标题", "demo-case-06": ""} {
		_, body := recCall(t, s, "GET", "/api/v1/cases/"+id, "")
		if got := strings.Contains(string(body), "合成的新标题"); got != (want != "") {
			t.Errorf("%s: title changed %v, want %v", id, got, want != "")
		}
	}
}
