package web

import (
	"io"
	"net/http/httptest"
	"strings"
	"testing"
)

func TestSuggestAPI(t *testing.T) {
	s := New(Options{DataDir: t.TempDir()})
	cases := []struct {
		path, body string
		status     int
		want       string
	}{
		{"/api/v1/suggest", `{"penalty_basis":"《食品安全法》第一百二十四条第一款第（三）项","facts":"货值金额15000元"}`, 200, `"fine_max":300000`},
		{"/api/v1/suggest", `{"penalty_basis":"《食品安全法》第一百二十四条第一款第（三）项","circumstances":["first_offense","minor_harm","promptly_corrected"],"amounts":{"goods_value":500}}`, 200, `"outcome":"discretionary_no_penalty"`},
		{"/api/v1/suggest", `{"penalty_basis":"《食品安全法》第九百条"}`, 422, `"field":"penalty_basis"`},
		{"/api/v1/suggest", `{"penalty_basis":"x","party":{"type":"robot"}}`, 400, `"field":"party.type"`},
		{"/api/v1/suggest", `{"penalty_basis":"x","decision_date":"2026/01/01"}`, 400, `"field":"decision_date"`},
		{"/api/v1/suggest", `[1,2]`, 400, `"code":"invalid"`},
		{"/api/v1/benchmarks", "{\n\"name\":\"某局\",\n\"entries\":[{\"id\":1}]}", 422, `"field":"entries[0].id"`},
	}
	for _, tc := range cases {
		req := httptest.NewRequest("POST", tc.path, strings.NewReader(tc.body))
		req.Header.Set("Content-Type", "application/json")
		resp, err := testResp(t, s, req)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		if resp.StatusCode != tc.status || !strings.Contains(string(b), tc.want) {
			t.Errorf("%s %s → %d %s; want %d containing %s", tc.path, tc.body, resp.StatusCode, b, tc.status, tc.want)
		}
	}
}
