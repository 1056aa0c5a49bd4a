package web

import (
	"bytes"
	"encoding/json"
	"mime/multipart"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

// Dates out of bounds and negative amounts are a 422 naming the field in
// JSON terms; evidence for an archived case is a 409 naming status.
func TestDatesAndAmountsOverHTTP(t *testing.T) {
	s := recordsServer(t)
	_, body := recCall(t, s, "GET", "/api/v1/cases/demo-case-10", "")
	var base struct {
		PowerItemID string            `json:"power_item_id"`
		OfficerIDs  []string          `json:"officer_ids"`
		Parties     []json.RawMessage `json:"parties"`
	}
	if err := json.Unmarshal(body, &base); err != nil {
		t.Fatal(err)
	}
	newCase := func(extra string) string {
		officers, _ := json.Marshal(base.OfficerIDs)
		parties, _ := json.Marshal(base.Parties)
		return `{"agency_id":"demo-scjgj","power_item_id":"` + base.PowerItemID + `","officer_ids":` + string(officers) + `,"parties":` + string(parties) + `,"title":"合成"` + extra + `}`
	}
	later := time.Now().Add(72 * time.Hour).UTC().Format(time.RFC3339)
	for _, tc := range []struct {
		method, path, body string
		status             int
		field              string
	}{
		{"POST", "/api/v1/cases", newCase(`,"opened_on":"1949-09-30"`), 422, "opened_on"},
		{"POST", "/api/v1/cases", newCase(`,"opened_on":"2999-01-01"`), 422, "opened_on"},
		{"POST", "/api/v1/cases", newCase(`,"amounts":{"illegal_gains":-100}`), 422, "amounts.illegal_gains"},
		{"POST", "/api/v1/cases/demo-case-11/steps", `{"kind":"investigation","at":"1900-01-01T08:00:00+08:00"}`, 422, "at"},
		{"POST", "/api/v1/cases/demo-case-11/steps", `{"kind":"investigation","at":"` + later + `"}`, 422, "at"},
		{"POST", "/api/v1/cases/demo-case-11/steps", `{"kind":"investigation","at":"2026-11-01T08:00:00+08:00"}`, 422, "at"}, // before 立案 on 11-16
		{"POST", "/api/v1/cases/demo-case-09/steps", `{"kind":"decision","data":{"penalty_basis":"合成","fine":-1}}`, 422, "data.fine"},
		{"POST", "/api/v1/cases/demo-case-09/steps", `{"kind":"decision","data":{"penalty_basis":"合成","fine":1,"confiscation":-1}}`, 422, "data.confiscation"},
		{"POST", "/api/v1/cases", newCase(`,"opened_on":"2026-11-20","amounts":{"goods_value":100}`), 201, ""},
		{"POST", "/api/v1/suggest", `{"penalty_basis":"食品安全法第一百二十四条第一款","amounts":{"illegal_gains":-5}}`, 422, "amounts.illegal_gains"},
		{"POST", "/api/v1/transfer", `{"penalty_basis":"食品安全法第一百二十四条第一款","amounts":{"illegal_gains":-5}}`, 422, "amounts.illegal_gains"},
		{"POST", "/api/v1/cases/demo-case-11/reviews", `{"reviewer":"demo-of-5","proposed":{"penalty_basis":"合成","fine":-5}}`, 422, "proposed.fine"},
		{"POST", "/api/v1/normpush", `{"facts":"合成","fine":-5}`, 422, "fine"},
	} {
		status, body := recCall(t, s, tc.method, tc.path, tc.body)
		var e APIError
		_ = json.Unmarshal(body, &e)
		if status != tc.status || e.Field != tc.field {
			t.Errorf("%s %s %s: %d %.300s, want %d naming %q", tc.method, tc.path, tc.body, status, body, tc.status, tc.field)
		}
	}
	for _, tc := range []struct {
		caseID, collected string
		status            int
		field             string
	}{
		{"demo-case-06", "2026-09-02", 409, "status"},
		{"demo-case-11", "2999-09-02", 422, "collected_at"},
		{"demo-case-11", "2026-11-17", 201, ""},
	} {
		var buf bytes.Buffer
		mw := multipart.NewWriter(&buf)
		for k, v := range map[string]string{"kind": "document", "title": "合成", "collected_at": tc.collected, "place": "某地", "collector": "甲", "proves": "某事"} {
			_ = mw.WriteField(k, v)
		}
		fw, _ := mw.CreateFormFile("file", "x.txt")
		_, _ = fw.Write([]byte("synthetic"))
		_ = mw.Close()
		req := httptest.NewRequest("POST", "/api/v1/cases/"+tc.caseID+"/evidence", &buf)
		req.Header.Set("Content-Type", mw.FormDataContentType())
		status, body := testAs(t, s, "tester", req)
		var e APIError
		_ = json.Unmarshal(body, &e)
		if status != tc.status || e.Field != tc.field || (status >= 400 && !strings.Contains(string(body), tc.caseID) && tc.field == "status") {
			t.Errorf("evidence for %s collected %s: %d %s, want %d naming %q", tc.caseID, tc.collected, status, body, tc.status, tc.field)
		}
	}
}
