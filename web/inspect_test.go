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

// TestDrawPublish publishes a draw of the demo plan (synthetic registry) and
// reads it on the portal as an anonymous visitor.
func TestDrawPublish(t *testing.T) {
	s := recordsServer(t)
	const seed = "合成种子-公示"
	id := inspect.DrawID("demo", seed)
	call := func(actor, method, path, body string) (int, []byte) {
		t.Helper()
		return testAs(t, s, actor, jsonReq(method, path, body))
	}
	status, body := call("officer1", "POST", "/api/v1/draws", `{"plan":"demo","seed":"`+seed+`"}`)
	if status != 201 {
		t.Fatalf("draw: %d %s", status, body)
	}
	var res inspect.Result
	_ = json.Unmarshal(body, &res)
	target := res.Draws[0].Target
	if status, body := call("officer1", "POST", "/api/v1/draws/"+id+"/results",
		`{"target":"`+target+`","outcome":"立案查处","date":"2099-01-02","case_id":"demo-case-01","note":"合成内部备注：当事人电话13900003333"}`); status != 201 {
		t.Fatalf("result: %d %s", status, body)
	}
	for _, tc := range []struct {
		actor, path string
		status      int
		contains    string
	}{
		{"reviewer1", "/api/v1/draws/" + id + "/publish", 403, ""},
		{"officer1", "/api/v1/draws/nope/publish", 404, ""},
		{"officer1", "/api/v1/draws/" + id + "/publish", 201, `"category":"inspection_result"`},
		{"admin1", "/api/v1/draws/" + id + "/publish", 200, `"action":"published"`}, // nothing new
	} {
		if status, body := call(tc.actor, "POST", tc.path, ""); status != tc.status || !strings.Contains(string(body), tc.contains) {
			t.Errorf("%s %s: %d %.300s", tc.actor, tc.path, status, body)
		}
	}
	if status, body := call("officer1", "POST", "/api/v1/draws/"+id+"/results",
		`{"target":"`+res.Draws[1].Target+`","outcome":"no_problem","date":"2099-01-03"}`); status != 201 {
		t.Fatalf("second result: %d %s", status, body)
	}
	status, body = call("officer1", "POST", "/api/v1/draws/"+id+"/publish", "")
	var item struct {
		ID      string `json:"id"`
		History []struct{ Action, Reason string }
	}
	if err := json.Unmarshal(body, &item); status != 200 || err != nil || len(item.History) != 2 || item.History[1].Reason != "检查结果更新" {
		t.Fatalf("republish: %d %s", status, body)
	}

	code, page := anon(t, s, "/portal/standing/"+item.ID)
	if code != 200 {
		t.Fatalf("portal item: %d %.300s", code, page)
	}
	for _, want := range []string{"随机种子（seed）：" + seed, res.ListsSHA256, "<th>检查结果</th>", "<td>立案查处</td>", "<td>未发现问题</td>",
		"<td>待录入</td>", "更新：检查结果更新", "--seed"} {
		if !strings.Contains(page, want) {
			t.Errorf("portal item lacks %q", want)
		}
	}
	for _, secret := range []string{"13900003333", "合成内部备注", "近亲属", "人民路", "demo-case-01", "demo-of-"} {
		if strings.Contains(page, secret) {
			t.Errorf("portal item shows %q", secret)
		}
	}
	if _, list := anon(t, s, "/portal/standing"); !strings.Contains(list, "随机抽查结果") || !strings.Contains(list, "/portal/standing/"+item.ID) {
		t.Errorf("standing list lacks the draw")
	}
}
