package web

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"zhifa/records"
)

func recordsServer(t *testing.T) *Server {
	t.Helper()
	t.Setenv("ZHIFA_DATABASE_URL", "")
	s := New(Options{DataDir: t.TempDir()})
	t.Cleanup(func() { s.Close(context.Background()) })
	st, err := s.Records()
	if err != nil {
		t.Fatal(err)
	}
	if err := records.LoadDemo(context.Background(), st); err != nil {
		t.Fatal(err)
	}
	return s
}

func recCall(t *testing.T, s *Server, method, path, body string) (int, []byte) {
	t.Helper()
	req := httptest.NewRequest(method, path, strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	return testAs(t, s, "reviewer-9", req)
}

func TestRecordsEndpoints(t *testing.T) {
	s := recordsServer(t)
	for _, tc := range []struct {
		method, path, body string
		status             int
		field, contains    string
	}{
		{"GET", "/api/v1/cases", "", 200, "", "demo-case-01"},
		{"GET", "/api/v1/cases/demo-case-01", "", 200, "", "penalty_basis"},
		{"GET", "/api/v1/cases/nope", "", 404, "", ""},
		{"GET", "/api/v1/cases/demo-case-01/access-log", "", 200, "", "reviewer-9"},
		{"GET", "/api/v1/agencies", "", 200, "", "示例县市场监督管理局"},
		{"GET", "/api/v1/officers?agency_id=demo-scjgj", "", 200, "", "demo-of-5"},
		{"GET", "/api/v1/power-items/demo-scjgj-GG-001", "", 200, "", "第五十五条"},
		{"POST", "/api/v1/agencies", `{"name":""}`, 422, "name", ""},
		{"POST", "/api/v1/agencies", `{"name":"合成局","level":3}`, 400, "level", ""},
		{"POST", "/api/v1/agencies", `{"id":"syn-1","name":"合成局"}`, 201, "", "syn-1"},
		{"POST", "/api/v1/power-items", `{"agency_id":"syn-1","code":"A1","name":"x","kind":"punish"}`, 422, "kind", ""},
		{"POST", "/api/v1/officers", `{"name":"合成","agency_id":"syn-1","certificate":{"number":"1","valid_from":"2026/01/01"}}`, 422, "certificate.valid_from", ""},
		{"POST", "/api/v1/cases", `{"agency_id":"demo-scjgj","power_item_id":"demo-scjgj-SP-001","officer_ids":["demo-of-1"],"parties":[{"kind":"person","name":"合成","id_number":"440705198001011234"}]}`, 422, "parties[0].id_number", ""},
		{"POST", "/api/v1/cases/demo-case-11/steps", `{"kind":"decision","data":{"penalty_basis":"x","fine":1}}`, 422, "kind", "告知"},
		{"POST", "/api/v1/cases/demo-case-06/steps", `{"kind":"execution"}`, 422, "kind", "归档"},
		{"POST", "/api/v1/cases/demo-case-11/steps", `{"kind":"investigation","data":{"note":"合成"}}`, 201, "", "warnings"},
		{"POST", "/api/v1/cases/demo-case-11/steps", `{"kind":"investigation","at":"yesterday"}`, 400, "at", ""},
		{"POST", "/api/v1/cases/demo-case-05/documents", `{"kind":"decision","number":"示县市监处罚〔2026〕5号","content":"5ZCI5oiQ"}`, 201, "", `"version":1`},
		{"POST", "/api/v1/cases/demo-case-05/documents", `{"kind":"decision","content":"%%"}`, 400, "content", ""},
		{"POST", "/api/v1/cases/nope/documents", `{"kind":"decision","content":"eA=="}`, 404, "", ""},
		{"GET", "/api/v1/files/zz", "", 400, "sha256", ""},
		{"GET", "/api/v1/audit/verify", "", 200, "", `"ok":true`},
		{"GET", "/api/v1/audit/public-key", "", 200, "", "Ed25519"},
	} {
		status, body := recCall(t, s, tc.method, tc.path, tc.body)
		if status != tc.status {
			t.Errorf("%s %s: status %d, want %d: %s", tc.method, tc.path, status, tc.status, body)
			continue
		}
		if tc.field != "" {
			var e struct{ Field string }
			_ = json.Unmarshal(body, &e)
			if e.Field != tc.field {
				t.Errorf("%s %s: field %q, want %q: %s", tc.method, tc.path, e.Field, tc.field, body)
			}
		}
		if tc.contains != "" && !strings.Contains(string(body), tc.contains) {
			t.Errorf("%s %s: body lacks %q: %.300s", tc.method, tc.path, tc.contains, body)
		}
	}
}

func TestEvidenceUpload(t *testing.T) {
	s := recordsServer(t)
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	for k, v := range map[string]string{"kind": "av", "title": "执法记录仪视频（合成）", "collected_at": "2026-11-17", "place": "示例县菜市场7号", "collector": "李华", "proves": "价签与结算价不一致"} {
		mw.WriteField(k, v)
	}
	fw, _ := mw.CreateFormFile("file", "video.mp4")
	fw.Write([]byte("synthetic video"))
	mw.Close()
	req := httptest.NewRequest("POST", "/api/v1/cases/demo-case-11/evidence", &buf)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	resp, err := testResp(t, s, req)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusCreated {
		t.Fatalf("upload: %d %s", resp.StatusCode, b)
	}
	var e records.Evidence
	_ = json.Unmarshal(b, &e)
	status, content := recCall(t, s, "GET", "/api/v1/files/"+e.SHA256, "")
	if status != 200 || string(content) != "synthetic video" {
		t.Errorf("file back: %d %q", status, content)
	}
	// missing metadata names the field
	var buf2 bytes.Buffer
	mw2 := multipart.NewWriter(&buf2)
	fw2, _ := mw2.CreateFormFile("file", "x.jpg")
	fw2.Write([]byte("x"))
	mw2.Close()
	req2 := httptest.NewRequest("POST", "/api/v1/cases/demo-case-11/evidence", &buf2)
	req2.Header.Set("Content-Type", mw2.FormDataContentType())
	resp2, _ := testResp(t, s, req2)
	b2, _ := io.ReadAll(resp2.Body)
	if resp2.StatusCode != 422 || !strings.Contains(string(b2), `"field"`) {
		t.Errorf("evidence without metadata: %d %s", resp2.StatusCode, b2)
	}
}
