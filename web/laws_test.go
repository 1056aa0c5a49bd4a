package web

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"zhifa/corpora"
	"zhifa/records"
	"zhifa/search"
)

func lawsServer(t *testing.T) *Server {
	t.Helper()
	s := New(Options{DataDir: t.TempDir()})
	t.Cleanup(func() { s.Close(t.Context()) })
	return s
}

func do(t *testing.T, s *Server, req *http.Request) (int, map[string]any) {
	t.Helper()
	resp, err := testResp(t, s, req)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	var v map[string]any
	if err := json.Unmarshal(body, &v); err != nil {
		t.Fatalf("status %d, body not JSON: %s", resp.StatusCode, body)
	}
	return resp.StatusCode, v
}

func TestLawSearchEndpoint(t *testing.T) {
	s := lawsServer(t)
	status, v := do(t, s, httptest.NewRequest("GET", "/api/v1/laws/search?q="+url.QueryEscape("加处罚款")+"&top=5", nil))
	if status != 200 {
		t.Fatalf("status %d %v", status, v)
	}
	hits, _ := v["hits"].([]any)
	if len(hits) == 0 || len(hits) > 5 {
		t.Fatalf("hits %v", v)
	}
	h := hits[0].(map[string]any)
	if h["law"] != "中华人民共和国行政处罚法" || h["article"] != 72.0 || h["label"] != "第七十二条" {
		t.Errorf("first hit %v %v", h["law"], h["label"])
	}
	status, v = do(t, s, httptest.NewRequest("GET", "/api/v1/laws/search?q="+url.QueryEscape("罚款")+"&law="+url.QueryEscape("食品安全法"), nil))
	if status != 200 {
		t.Fatalf("law filter: %d %v", status, v)
	}
	for _, h := range v["hits"].([]any) {
		if h.(map[string]any)["law"] != "中华人民共和国食品安全法" {
			t.Errorf("law filter let through %v", h.(map[string]any)["law"])
		}
	}
	for _, tt := range []struct{ query, field string }{
		{"q=", "q"},
		{"q=%20%20", "q"},
		{"q=x&top=0", "top"},
		{"q=x&top=abc", "top"},
		{"q=x&top=1000", "top"},
		{"q=x&law=" + url.QueryEscape("火星法"), "law"},
		{"q=x&status=" + url.QueryEscape("未知"), "status"},
	} {
		status, v := do(t, s, httptest.NewRequest("GET", "/api/v1/laws/search?"+tt.query, nil))
		if status != 400 || v["field"] != tt.field {
			t.Errorf("%s: status %d %v, want 400 naming %s", tt.query, status, v, tt.field)
		}
	}
}

func TestCiteEndpoint(t *testing.T) {
	s := lawsServer(t)
	post := func(body string) *http.Request {
		r := httptest.NewRequest("POST", "/api/v1/nlp/cite", strings.NewReader(body))
		r.Header.Set("Content-Type", "application/json")
		return r
	}
	status, v := do(t, s, post(`{"text":"根据《行政处罚法》第三十三条第一款和《刑法》第一百三十三条之一"}`))
	if status != 200 {
		t.Fatalf("status %d %v", status, v)
	}
	cits := v["citations"].([]any)
	if len(cits) != 2 {
		t.Fatalf("citations %v", cits)
	}
	c0, c1 := cits[0].(map[string]any), cits[1].(map[string]any)
	if c0["law"] != "中华人民共和国行政处罚法" || c0["article"] != 33.0 || c0["paragraph"] != 1.0 || c0["valid"] != true ||
		!strings.HasPrefix(c0["text"].(string), "违法行为轻微并及时改正") {
		t.Errorf("first %v", c0)
	}
	if c1["article_suffix"] != "之一" || c1["item"] != 0.0 || c1["valid"] != true {
		t.Errorf("second %v", c1)
	}
	// synthetic: a malformed citation (no 条) and a list, as decisions write them
	status, v = do(t, s, post(`{"text":"违反《中华人民共和国药品管理法》第九十八第三款，依据《药品管理法》第一百二十四条第一款第（一）、（三）项"}`))
	if status != 200 {
		t.Fatalf("status %d %v", status, v)
	}
	cits = v["citations"].([]any)
	if len(cits) != 3 {
		t.Fatalf("citations %v", cits)
	}
	m := cits[0].(map[string]any)
	if m["valid"] != false || !strings.Contains(m["reason"].(string), "第九十八第三款") || !strings.Contains(m["malformed"].(string), "第九十八条第三款") ||
		m["meant"] != "《中华人民共和国药品管理法》第九十八条第三款" || m["raw"] != "《中华人民共和国药品管理法》第九十八第三款" {
		t.Errorf("malformed %v", m)
	}
	if c1, c2 := cits[1].(map[string]any), cits[2].(map[string]any); c1["item"] != 1.0 || c2["item"] != 3.0 || c2["valid"] != true || c2["raw"] != "（三）项" {
		t.Errorf("items %v %v", c1, c2)
	}
	if _, ok := cits[1].(map[string]any)["malformed"]; ok {
		t.Errorf("well-formed citation has malformed: %v", cits[1])
	}
	for _, tt := range []struct{ body, field string }{
		{``, "body"},
		{`{}`, "text"},
		{`{"text":1}`, "text"},
		{`{"txt":"x"}`, "txt"},
		{`{"text":"x"`, "body"},
	} {
		status, v := do(t, s, post(tt.body))
		if status != 400 || v["field"] != tt.field {
			t.Errorf("%q: status %d %v, want 400 naming %s", tt.body, status, v, tt.field)
		}
	}
}

// level and province filter the hits; each hit carries level and issuer;
// /healthz reports the law index once it is open.
func TestLawSearchLevelProvince(t *testing.T) {
	s := lawsServer(t)
	q := "/api/v1/laws/search?q=" + url.QueryEscape("大气污染 罚款") + "&top=30"
	status, v := do(t, s, httptest.NewRequest("GET", q+"&level="+url.QueryEscape("地方性法规"), nil))
	if status != 200 || len(v["hits"].([]any)) == 0 {
		t.Fatalf("level: %d %v", status, v)
	}
	for _, h := range v["hits"].([]any) {
		if m := h.(map[string]any); m["level"] != "地方性法规" || m["issuer"] == "" {
			t.Errorf("level filter: %v %v %v", m["law"], m["level"], m["issuer"])
		}
	}
	status, v = do(t, s, httptest.NewRequest("GET", q+"&province="+url.QueryEscape("浙江"), nil))
	if status != 200 || len(v["hits"].([]any)) == 0 {
		t.Fatalf("province: %d %v", status, v)
	}
	for _, h := range v["hits"].([]any) {
		if m := h.(map[string]any); m["level"] == "地方性法规" {
			t.Errorf("province 浙江 let through %v", m["law"])
		}
	}
	for _, tt := range []struct{ query, field string }{
		{"&level=" + url.QueryEscape("地方政府规章"), "level"},
		{"&province=" + url.QueryEscape("西藏"), "province"},
	} {
		if status, v := do(t, s, httptest.NewRequest("GET", q+tt.query, nil)); status != 400 || v["field"] != tt.field {
			t.Errorf("%s: %d %v, want 400 naming %s", tt.query, status, v, tt.field)
		}
	}
	_, v = do(t, s, httptest.NewRequest("GET", "/healthz", nil))
	li, _ := v["law_index"].(map[string]any)
	if li == nil || li["state"] != "ready" || li["articles"].(float64) < 7000 {
		t.Errorf("healthz: %v", v)
	}
}

// An officer's search keeps the national texts and their agency's province
// unless the request names a province.
func TestLawSearchAgencyProvince(t *testing.T) {
	s := lawsServer(t)
	st, err := s.Records()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.PutAgency(context.Background(), records.Agency{ID: records.DemoAgencyID, Name: "合成局", Province: "浙江"}, "test"); err != nil {
		t.Fatal(err)
	}
	local := func(query string) int {
		status, body := testAs(t, s, "officer1", httptest.NewRequest("GET", "/api/v1/laws/search?q="+url.QueryEscape("大气污染 罚款")+"&top=30"+query, nil))
		if status != 200 {
			t.Fatalf("%s: %d %s", query, status, body)
		}
		var v struct{ Hits []search.LawHit }
		if err := json.Unmarshal(body, &v); err != nil {
			t.Fatal(err)
		}
		n := 0
		for _, h := range v.Hits {
			if h.Level == "地方性法规" {
				n++
			}
		}
		return n
	}
	if n := local(""); n != 0 {
		t.Errorf("officer of a 浙江 agency: %d local regulations of another province", n)
	}
	if n := local("&province=" + url.QueryEscape("广东")); n == 0 {
		t.Error("province=广东 named: no 广东 regulation")
	}
}

// An agency given a province through the API has that province's
// regulations cited without a restart: the pack joins DATA/packs and the
// laws reload in the background.
func TestAgencyProvinceLoadsPack(t *testing.T) {
	s := lawsServer(t)
	cite := func() bool {
		status, v := do(t, s, jsonReq("POST", "/api/v1/nlp/cite", `{"text":"依据《浙江省大气污染防治条例》第一条"}`))
		if status != 200 {
			t.Fatalf("cite: %d %v", status, v)
		}
		cits, _ := v["citations"].([]any)
		return len(cits) == 1 && cits[0].(map[string]any)["valid"] == true
	}
	if cite() {
		t.Fatal("a 浙江 regulation resolved before any agency named the province")
	}
	if status, body := recCall(t, s, "PUT", "/api/v1/agencies/syn-zj", `{"name":"合成局","province":"浙江省"}`); status/100 != 2 {
		t.Fatalf("put agency: %d %s", status, body)
	}
	held, err := corpora.DataPacks(s.Opts.DataDir)
	if err != nil || !slices.Contains(held, "浙江") {
		t.Fatalf("packs held: %v %v", held, err)
	}
	deadline := time.Now().Add(60 * time.Second)
	for !cite() {
		if time.Now().After(deadline) {
			t.Fatal("the 浙江 regulation still does not resolve 60 s after the agency named its province")
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// A province whose pack cannot be added (here the packs list is a directory,
// so it cannot be written) leaves the agency saved and answered as saved:
// the write is not reported failed after it was made.
func TestAgencyProvincePackUnwritable(t *testing.T) {
	s := lawsServer(t)
	if err := os.Mkdir(filepath.Join(s.Opts.DataDir, "packs"), 0o755); err != nil {
		t.Fatal(err)
	}
	if status, body := recCall(t, s, "PUT", "/api/v1/agencies/syn-zj2", `{"name":"合成局","province":"浙江"}`); status/100 != 2 {
		t.Fatalf("put agency: %d %s", status, body)
	}
	if status, body := recCall(t, s, "GET", "/api/v1/agencies/syn-zj2", ""); status != 200 || !strings.Contains(string(body), "浙江") {
		t.Errorf("agency after the put: %d %s", status, body)
	}
}
