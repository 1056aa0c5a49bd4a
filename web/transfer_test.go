package web

import (
	"encoding/json"
	"io"
	"net/http/httptest"
	"strings"
	"testing"
)

func TestTransferAPI(t *testing.T) {
	s := New(Options{DataDir: t.TempDir()})
	cases := []struct {
		body   string
		status int
		want   string
	}{
		{`{"facts":"驾驶机动车","amounts":{"blood_alcohol":120}}`, 200, `"crime":"危险驾驶罪"`},
		{`{"amounts":{"sales_amount":100}}`, 200, `{"flags":[]}`},
		{`{"amounts":{"bogus":1}}`, 422, `"field":"amounts.bogus"`},
		{`{"amounts":{"illegal_gains":-1}}`, 422, `"field":"amounts.illegal_gains"`},
		{`{"amounts":{"sales_amount":"x"}}`, 400, `"field":"amounts.sales_amount"`},
		{`{"act_date":"2026-02-30"}`, 400, `"field":"act_date"`},
		{`{"facts":`, 400, `"field":"body"`},
	}
	for _, tc := range cases {
		req := httptest.NewRequest("POST", "/api/v1/transfer", strings.NewReader(tc.body))
		req.Header.Set("Content-Type", "application/json")
		resp, err := testResp(t, s, req)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		if resp.StatusCode != tc.status || !strings.Contains(string(b), tc.want) {
			t.Errorf("%s → %d %s; want %d containing %s", tc.body, resp.StatusCode, b, tc.status, tc.want)
		}
		if !json.Valid(b) {
			t.Errorf("%s → body is not JSON: %s", tc.body, b)
		}
	}
}
