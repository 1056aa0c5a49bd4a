package web

import (
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// versionsServer serves the embedded laws plus the versions of
// 上海市检验检测条例 in corpora/testdata/versions (two real, one synthetic).
func versionsServer(t *testing.T) *Server {
	t.Helper()
	dir := t.TempDir()
	src := "../corpora/testdata/versions/laws"
	entries, err := os.ReadDir(src)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(dir, "laws"), 0o755); err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		b, err := os.ReadFile(filepath.Join(src, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, "laws", e.Name()), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	s := New(Options{DataDir: dir})
	t.Cleanup(func() { s.Close(t.Context()) })
	return s
}

// The date contract of the cite, search, laws and suggest routes: act_date in
// JSON bodies, ?date= on GET; a bad date is a 400 naming the field.
func TestLawVersionRoutes(t *testing.T) {
	s := versionsServer(t)
	post := func(path, body string) (int, map[string]any) {
		req := httptest.NewRequest("POST", path, strings.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		return do(t, s, req)
	}
	get := func(path string) (int, map[string]any) { return do(t, s, httptest.NewRequest("GET", path, nil)) }

	// POST /nlp/cite with act_date: 土地管理法 第七十六条 for an act of 2018
	st, v := post("/api/v1/nlp/cite", `{"text":"违反《土地管理法》第七十六条的规定","act_date":"2018-06-01"}`)
	cits, _ := v["citations"].([]any)
	if st != 200 || len(cits) != 1 {
		t.Fatalf("nlp/cite: %d %v", st, v)
	}
	w, _ := cits[0].(map[string]any)["version_warning"].(map[string]any)
	if w["revision"] != "2019-08-26" || w["kind"] != "第三次修正" || w["in_force"] != "2020-01-01" || !strings.Contains(w["message"].(string), "may have changed") {
		t.Errorf("nlp/cite version_warning = %v", cits[0])
	}
	if _, v := post("/api/v1/nlp/cite", `{"text":"违反《土地管理法》第七十六条的规定"}`); v["citations"].([]any)[0].(map[string]any)["version_warning"] != nil {
		t.Errorf("nlp/cite without act_date warned: %v", v)
	}

	// GET /laws/cite?date=: the version in force on each side of 2024-12-31
	for date, want := range map[string]string{"2024-06-01": "2017-01-01", "2025-03-01": "2024-12-31", "": "2025-07-01"} {
		st, v := get("/api/v1/laws/cite?q=" + url.QueryEscape("《上海市检验检测条例》第四十三条") + "&date=" + date)
		c, _ := v["citation"].(map[string]any)
		if st != 200 || c["in_force"] != want || strings.Contains(c["text"].(string), "吊销") != (want != "2017-01-01") {
			t.Errorf("laws/cite date %q: %d in force %v, want %s", date, st, c["in_force"], want)
		}
	}

	// GET /laws/search?date=: a hit of the current (2025) text says another version was in force in 2024
	st, v = get("/api/v1/laws/search?q=" + url.QueryEscape("检验检测机构 伪造 印章") + "&law=" + url.QueryEscape("上海市检验检测条例") + "&date=2024-06-01")
	hits, _ := v["hits"].([]any)
	if st != 200 || len(hits) == 0 {
		t.Fatalf("laws/search: %d %v", st, v)
	}
	if hw, _ := hits[0].(map[string]any)["version_warning"].(map[string]any); hw["in_force"] != "2017-01-01" {
		t.Errorf("laws/search date: first hit %v", hits[0])
	}

	// POST /suggest: the lighter later version applies (第三十七条)
	st, v = post("/api/v1/suggest", `{"penalty_basis":"《上海市检验检测条例》第四十四条第一款","party":{"type":"organization"},"act_date":"2025-03-01","decision_date":"2025-08-01"}`)
	ver, _ := v["version"].(map[string]any)
	if st != 200 || ver["applied"] != "decision" || !strings.Contains(ver["reason"].(string), "第三十七条") {
		t.Errorf("suggest: %d %v", st, v)
	}
	st, v = post("/api/v1/suggest", `{"penalty_basis":"《中华人民共和国土地管理法》第七十六条","party":{"type":"organization"},"act_date":"2018-06-01"}`)
	if vw, _ := v["version_warning"].(map[string]any); st != 200 || vw["revision"] != "2019-08-26" {
		t.Errorf("suggest version_warning: %d %v", st, v)
	}

	// GET /laws?stale=true
	st, v = get("/api/v1/laws?stale=true")
	laws, _ := v["laws"].([]any)
	names := map[string]map[string]any{}
	for _, l := range laws {
		names[l.(map[string]any)["name"].(string)] = l.(map[string]any)
	}
	if z := names["中华人民共和国治安管理处罚法"]; st != 200 || z == nil || z["current_to"] != "2025-04-19" || names["中华人民共和国土地管理法"] != nil {
		t.Errorf("laws?stale=true: %d %v", st, names)
	}

	// bad dates name their field
	for _, tt := range []struct{ method, path, body, field string }{
		{"POST", "/api/v1/nlp/cite", `{"text":"x","act_date":"2018-02-30"}`, "act_date"},
		{"POST", "/api/v1/nlp/cite", `{"text":"x","act_date":"20180601"}`, "act_date"},
		{"POST", "/api/v1/suggest", `{"penalty_basis":"《中华人民共和国土地管理法》第七十六条","act_date":"2018/06/01"}`, "act_date"},
		{"POST", "/api/v1/suggest", `{"penalty_basis":"《中华人民共和国土地管理法》第七十六条","act_date":"2018-06-01","decision_date":"soon"}`, "decision_date"},
		{"GET", "/api/v1/laws/cite?q=" + url.QueryEscape("《土地管理法》第七十六条") + "&date=2018-13-01", "", "date"},
		{"GET", "/api/v1/laws/search?q=x&date=yesterday", "", "date"},
		{"GET", "/api/v1/laws?stale=maybe", "", "stale"},
	} {
		var st int
		var v map[string]any
		if tt.method == "POST" {
			st, v = post(tt.path, tt.body)
		} else {
			st, v = get(tt.path)
		}
		if st != 400 || v["field"] != tt.field {
			t.Errorf("%s %s %s: %d %v, want 400 naming %s", tt.method, tt.path, tt.body, st, v, tt.field)
		}
	}
}
