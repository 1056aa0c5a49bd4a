package web

import (
	"encoding/json"
	"io"
	"net/http/httptest"
	"strings"
	"testing"

	"zhifa/caselib"
)

// A synthetic two-case library with known answers.
func TestSimilarAPI(t *testing.T) {
	dir := t.TempDir()
	lib, err := caselib.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := lib.ImportJSONL(strings.NewReader(`{"id":"a","title":"盗窃案","text":"经查，被告人在超市秘密窃取手机。","fine":1000}
{"id":"b","title":"伤害案","text":"经查，被告人持刀砍伤他人。","fine":2000}
`), "synthetic", nil); err != nil {
		t.Fatal(err)
	}
	lib.Analyse()
	if err := lib.Save(); err != nil {
		t.Fatal(err)
	}
	s := New(Options{DataDir: dir})
	for _, tc := range []struct {
		path, body string
		code       int
		want       string
	}{
		{"/api/v1/similar", `{"facts":"偷了超市的手机"}`, 200, `"id":"a"`},
		{"/api/v1/similar", `{"facts":""}`, 422, `"field":"facts"`},
		{"/api/v1/similar", `{"facts":"x","bogus":1}`, 400, `bogus`},
		{"/api/v1/similar", `{"facts":"偷了超市的手机","date_from":"2025-13-01"}`, 422, `"field":"date_from"`},
		{"/api/v1/similar", `{"facts":"偷了超市的手机","date_from":"2025-13-01","date_to":"x"}`, 422, `"field":"date_from"`},
		{"/api/v1/similar", `{"facts":"偷了超市的手机","date_to":"2025-02-30"}`, 422, `"field":"date_to"`},
		{"/api/v1/similar", `{"facts":"偷了超市的手机","date_from":"2025-06-01","date_to":"2025-01-01"}`, 422, `is after`},
		{"/api/v1/similar", `{"facts":"偷了超市的手机","collection":"other"}`, 200, `"cases":[]`},
		{"/api/v1/similar", `{"facts":"偷了超市的手机","collection":"synthetic","date_to":"2030-01-01"}`, 200, `"cases":[]`},
		{"/api/v1/disputes", `{"facts":"销售过期食品"}`, 200, `违法事实没有证据支撑`},
		{"/api/v1/normpush", `{"facts":"经营超过保质期的食品","fine":50000}`, 200, `"role":"benchmark"`},
		{"/api/v1/normpush", `{"facts":"经营超过保质期的食品","fine":50000}`, 200, `"article":63`},
		{"/api/v1/normpush", `{"facts":" "}`, 422, `"field":"facts"`},
		// the violation catalog: the obligation 第一百二十四条第一款第（五）项 sanctions, 第三十四条第（十）项
		{"/api/v1/normpush", `{"facts":"经营超过保质期的食品"}`, 200, `违法行为库：第一百二十四条所罚的义务条款《中华人民共和国食品安全法》第三十四条第一款第（十）项`},
		{"/api/v1/normpush", `{"facts":"过期食品","fine":-1}`, 422, `"field":"fine"`},
		{"/api/v1/normpush", `{"facts":"过期食品","top":"many"}`, 400, `top`},
		{"/api/v1/consistency", `{"facts":"窃取手机","proposed_fine":1000}`, 200, `"median"`},
	} {
		req := httptest.NewRequest("POST", tc.path, strings.NewReader(tc.body))
		req.Header.Set("Content-Type", "application/json")
		resp, err := testResp(t, s, req)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		if resp.StatusCode != tc.code || !strings.Contains(string(b), tc.want) {
			t.Errorf("%s %s: %d %s", tc.path, tc.body, resp.StatusCode, b)
		}
		if !json.Valid(b) {
			t.Errorf("not JSON: %s", b)
		}
	}
}
