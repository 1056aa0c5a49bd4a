package web

import (
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"zhifa/search"
)

// Every page renders for the roles it is for and refuses the others.
func TestPagesByRole(t *testing.T) {
	s := recordsServer(t)
	for _, tc := range []struct {
		actor, path string
		status      int
		want        string
	}{
		{"officer1", "/ui/cases", 200, "demo-case-01"},
		{"officer1", "/ui/cases/new", 200, `name="_csrf"`},
		{"officer1", "/ui/cases/demo-case-01", 200, "办案环节"},
		{"officer1", "/ui/warnings", 200, "预警"},
		{"officer1", "/ui/reviews", 403, "无权访问"},
		{"reviewer1", "/ui/reviews?status=all", 200, "审核队列"},
		{"reviewer1", "/ui/cases/new", 403, "无权访问"},
		{"supervisor1", "/ui/cases/demo-case-01", 200, "调阅记录"},
		{"supervisor1", "/ui/evaluation", 200, "案卷评查"},
		{"supervisor1", "/ui/cases/nope", 404, "找不到"},
		{"", "/ui/cases", 303, ""},
		{"officer1", "/", 303, ""},
	} {
		req := httptest.NewRequest("GET", tc.path, nil)
		code, body := testAs(t, s, tc.actor, req)
		if code != tc.status || !strings.Contains(string(body), tc.want) {
			t.Errorf("%s %s: %d, want %d with %q\n%.400s", tc.actor, tc.path, code, tc.status, tc.want, body)
		}
	}
}

// A form with bad fields comes back with each message beside its field.
func TestCaseSaveErrorsBesideFields(t *testing.T) {
	s := recordsServer(t)
	form := url.Values{"_csrf": {""}, "power_item_id": {"demo-scjgj-SP-003"}, "party_kind": {"organization"}, "party_name": {"示例超市（合成）"},
		"party_code": {"91440705MA00000000"}, "facts": {"经查，当事人销售超过保质期的食品（合成）。"}, "officer_ids": {"demo-of-1"}}
	req := httptest.NewRequest("POST", "/ui/cases", strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	code, body := testAs(t, s, "officer1", req)
	if code != 422 {
		t.Fatalf("status %d: %.300s", code, body)
	}
	// the credit code's check character is wrong: the error sits in the field's own note
	b := string(body)
	i := strings.Index(b, `id="party_code-live"`)
	if i < 0 || !strings.Contains(b[i:i+300], "</span>") || strings.Index(b[i:], "</span>") < 30 {
		t.Errorf("no error beside party_code: %.300s", b[max(i, 0):])
	}
}

// What the browser test found on the pages, kept fixed: an overdue deadline
// reads 逾期 N 天 (not 逾期 -N 天), amounts are numbered from 1, a supervisor
// sees the latest reads of the access log first and in Chinese, the review
// page lists the scope rules one by one with the undetermined ones apart.
func TestPagesAsTheBrowserShowsThem(t *testing.T) {
	s := recordsServer(t)
	get := func(actor, path string) string {
		t.Helper()
		code, body := testAs(t, s, actor, httptest.NewRequest("GET", path, nil))
		if code != 200 {
			t.Fatalf("%s %s: %d %.300s", actor, path, code, body)
		}
		return string(body)
	}
	for _, tc := range []struct {
		name, actor, path string
		want, notWant     []string
	}{
		{"overdue days are positive", "officer1", "/ui/warnings?as_of=2026-12-01", []string{"逾期 1", "逾期 "}, []string{"逾期 -"}},
		{"amounts numbered from 1", "officer1", "/ui/cases/new", []string{">金额 1</label>", ">金额 2</label>"}, []string{">金额 0</label>"}},
		{"evaluation with the dates left empty", "supervisor1", "/ui/evaluation?sample=3&from=&to=&seed=7", []string{"件已结案件中抽取", `value="2000-01-01"`, "<td>示例县市场监督管理局</td>", "〔2026〕"}, []string{"is not a date", "<td>demo-scjgj</td>"}},
		{"warnings name cases by 案号", "officer1", "/ui/warnings?as_of=2026-12-01", []string{`<a href="/ui/cases/demo-case-05">示县市监立字〔2026〕5号</a>`}, []string{`">demo-case-05</a>`}},
		{"case list shows overdue deadlines", "officer1", "/ui/cases", []string{`<div class="tag warn">逾期 `}, nil},
		{"review scope as a list", "reviewer1", "/ui/reviews/rv-demo-case-08", []string{`id="scope"`, `<ul class="scope">`, "待确认"}, []string{"）；undetermined", "待确认</span>undetermined"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b := get(tc.actor, tc.path)
			for _, w := range tc.want {
				if !strings.Contains(b, w) {
					t.Errorf("%s lacks %q", tc.path, w)
				}
			}
			for _, w := range tc.notWant {
				if strings.Contains(b, w) {
					t.Errorf("%s shows %q", tc.path, w)
				}
			}
		})
	}

	t.Run("access log newest first", func(t *testing.T) {
		get("officer1", "/ui/cases/demo-case-01")
		get("supervisor1", "/ui/cases/demo-case-01")
		b := get("supervisor1", "/ui/cases/demo-case-01")
		i := strings.Index(b, `id="access-log"`)
		if i < 0 {
			t.Fatal("no access log on the supervisor's case page")
		}
		rows := strings.Split(b[i:], "<tr>")
		if len(rows) < 4 || !strings.Contains(rows[2], "supervisor1") || !strings.Contains(rows[2], "查阅") {
			t.Errorf("first row of the access log is not supervisor1's 查阅: %.300s", b[i:])
		}
	})

	t.Run("stylesheet", func(t *testing.T) {
		css := string(uiCSS)
		if !strings.Contains(css, "form.row") {
			t.Error("ui.css has no rule for a form that is itself a row (the warnings page's date and button stretch across the page)")
		}
		for _, r := range css {
			if r >= 0x2300 && r <= 0x23ff || r >= 0x1f000 {
				t.Errorf("ui.css uses %q (U+%04X), which the CJK fonts have no glyph for", r, r)
			}
		}
	})
}

// A pushed norm whose label names its law already (a benchmark's) is not
// written with the law twice (《食品安全法》《食品安全法》第一百二十四条).
func TestAssistPanelCitesEachLawOnce(t *testing.T) {
	var b strings.Builder
	v := assistView{Norms: []search.Norm{
		{Role: "penalty", Law: "中华人民共和国食品安全法", Label: "第一百二十四条"},
		{Role: "benchmark", Law: "中华人民共和国食品安全法", Label: "《中华人民共和国食品安全法》第一百二十四条第一款"},
	}}
	if err := pages["assist"].ExecuteTemplate(&b, "content", v); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	if strings.Contains(out, "》《") {
		t.Errorf("a law is cited twice: %s", out)
	}
	for _, want := range []string{"<b>《中华人民共和国食品安全法》第一百二十四条</b>", "<b>《中华人民共和国食品安全法》第一百二十四条第一款</b>"} {
		if !strings.Contains(out, want) {
			t.Errorf("panel lacks %s", want)
		}
	}
}
