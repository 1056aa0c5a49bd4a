package web

import (
	"encoding/json"
	"net/http/httptest"
	"sort"
	"strings"
	"testing"

	"zhifa/inspect"
)

func TestDrawEndpoints(t *testing.T) {
	s := recordsServer(t)
	status, body := recCall(t, s, "POST", "/api/v1/draws", `{"plan":"demo","seed":"合成种子-1"}`)
	if status != 201 {
		t.Fatalf("draw: %d %s", status, body)
	}
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(body, &raw); err != nil {
		t.Fatal(err)
	}
	var keys []string
	for k := range raw {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	if strings.Join(keys, ",") != "draws,lists_sha256,plan,seed" {
		t.Errorf("draw keys %v", keys)
	}
	var res inspect.Result
	_ = json.Unmarshal(body, &res)
	if len(res.Draws) != 5 || len(res.Draws[0].Inspectors) != 2 {
		t.Errorf("demo draw: %+v", res)
	}
	if status, again := recCall(t, s, "POST", "/api/v1/draws", `{"plan":"demo","seed":"合成种子-1"}`); status != 201 || string(again) != string(body) {
		t.Errorf("same seed again: %d %s", status, again)
	}
	id := inspect.DrawID("demo", "合成种子-1")
	target := res.Draws[0].Target
	for _, tc := range []struct {
		method, path, body string
		status             int
		field, contains    string
	}{
		{"POST", "/api/v1/draws", `{"plan":"nope"}`, 422, "plan", ""},
		{"POST", "/api/v1/draws", `{}`, 400, "plan", ""},
		{"POST", "/api/v1/draws", `{"plan":"demo","seed":7}`, 400, "seed", ""},
		{"GET", "/api/v1/draws/" + id, "", 200, "", `"lists"`},
		{"GET", "/api/v1/draws/nope", "", 404, "", ""},
		{"POST", "/api/v1/draws/" + id + "/results", `{"target":"` + target + `","outcome":"发现问题已责令改正","date":"2099-01-02"}`, 201, "", `"outcome":"corrected"`},
		{"POST", "/api/v1/draws/" + id + "/results", `{"target":"` + target + `","outcome":"maybe","date":"2099-01-02"}`, 422, "outcome", ""},
		{"GET", "/api/v1/draws/" + id + "/results", "", 200, "", target},
		{"GET", "/api/v1/inspect/targets?agency=demo-scjgj", "", 200, "", target},
		{"POST", "/api/v1/inspect/plans", `{"id":"p2","agency_id":"demo-scjgj","ratio":2}`, 422, "ratio", ""},
		{"POST", "/api/v1/inspect/plans", `{"id":"p2","agency_id":"demo-scjgj","ratio":0.5,"inspectors_per_target":1}`, 422, "inspectors_per_target", ""},
	} {
		status, body := recCall(t, s, tc.method, tc.path, tc.body)
		if status != tc.status || !strings.Contains(string(body), tc.contains) {
			t.Errorf("%s %s: %d %.300s", tc.method, tc.path, status, body)
			continue
		}
		if tc.field != "" {
			var e APIError
			if json.Unmarshal(body, &e) != nil || e.Field != tc.field {
				t.Errorf("%s %s: field %q, want %q", tc.method, tc.path, e.Field, tc.field)
			}
		}
	}
	// A registry with a bad line is refused whole, the line named.
	csv := "名称,类型,统一社会信用代码,地址,行业,风险等级\n合成,企业,91440705MA00000010,地址,食品销售,高\n"
	req := httptest.NewRequest("POST", "/api/v1/inspect/targets?agency=demo-scjgj", strings.NewReader(csv))
	req.Header.Set("Content-Type", "text/csv")
	if status, body := testAs(t, s, "officer-1", req); status != 422 || !strings.Contains(string(body), "line 2: credit_code") {
		t.Errorf("bad registry: %d %s", status, body)
	}
}
