package web

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"zhifa/records"
)

// portalCase records a synthetic decided case against a natural person.
func portalCase(t *testing.T, st *records.Store, id, name, idNo, phone, facts string) {
	t.Helper()
	ctx := context.Background()
	decided := time.Now().In(cst).AddDate(0, 0, -2)
	opened := decided.AddDate(0, 0, -20)
	if _, err := st.CreateCase(ctx, records.Case{ID: id, AgencyID: records.DemoAgencyID, PowerItemID: records.DemoAgencyID + "-SP-001",
		Procedure: records.ProcedureSimple, Title: name + "无证经营食品案",
		Parties: []records.Party{{Kind: records.PartyPerson, Name: name, IDNumber: idNo, Phone: phone, Address: "示例县幸福小区5栋302室"}},
		Facts:   facts, OfficerIDs: []string{"demo-of-1", "demo-of-2"}, OpenedOn: opened.Format("2006-01-02"), Synthetic: true}, "officer1"); err != nil {
		t.Fatal(err)
	}
	for _, s := range []struct {
		kind string
		at   time.Time
		data any
	}{
		{records.StepFiling, opened, nil},
		{records.StepInvestigation, opened.AddDate(0, 0, 2), nil},
		{records.StepNotice, opened.AddDate(0, 0, 5), map[string]string{"period_end": opened.AddDate(0, 0, 8).Format("2006-01-02")}},
		{records.StepDecision, decided, records.Decision{PenaltyBasis: "《中华人民共和国食品安全法》第一百二十二条第一款", Fine: 200,
			Date: decided.Format("2006-01-02"), Number: "示市监罚〔2026〕" + id, Summary: "罚款200元"}},
	} {
		if _, _, err := st.AppendStep(ctx, id, s.kind, s.at, s.data, "officer1"); err != nil {
			t.Fatalf("%s %s: %v", id, s.kind, err)
		}
	}
}

func anon(t *testing.T, s *Server, path string) (int, string) {
	t.Helper()
	resp, err := s.App.Test(httptest.NewRequest(http.MethodGet, path, nil), -1)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// TestPortalLeakWalk fills the store with what must never be public and
// walks every public route and every link on every public page: not one
// secret may appear (synthetic data throughout).
func TestPortalLeakWalk(t *testing.T) {
	s := recordsServer(t)
	st, _ := s.Records()
	ctx := context.Background()

	// an agency's internal note with an officer's phone
	a, _ := st.GetAgency(ctx, records.DemoAgencyID)
	a.Profile.Note = "内部备注：执法人员张明手机13900001111"
	if _, err := st.PutAgency(ctx, a, "admin"); err != nil {
		t.Fatal(err)
	}
	// unpublished: decided, disclosure pending
	portalCase(t, st, "syn-leak-1", "韩建国", "430223198709291231", "13812345678",
		"当事人韩建国（身份证号码：430223198709291231，联系电话：13812345678）销售自制卤菜。内部笔记：拟从轻，待请示。")
	// published, so masked: name, ID, phone and address must not show
	portalCase(t, st, "syn-leak-2", "欧阳明辉", "110101199003077774", "13712345679",
		"当事人欧阳明辉，住址：示例县幸福小区5栋302室，身份证号码110101199003077774，联系电话13712345679，在农贸市场销售病死猪肉，购买人刘晓梅证实。")
	// published, then withdrawn: its text must be gone
	portalCase(t, st, "syn-leak-3", "司马光耀", "110101198501018887", "13612345670",
		"当事人司马光耀在示例县东风路摆摊销售腌制腊肉（撤回案事实）。")
	// the standing information for the portal
	if code, b := testAs(t, s, "admin1", jsonReq(http.MethodPost, "/api/v1/standing/sync", "{}")); code != 200 {
		t.Fatalf("sync: %d %s", code, b)
	}
	for _, id := range []string{"dis-syn-leak-2", "dis-syn-leak-3"} {
		if code, b := testAs(t, s, "reviewer1", jsonReq(http.MethodPost, "/api/v1/disclosures/"+id+"/publish", "")); code != 200 {
			t.Fatalf("publish %s: %d %s", id, code, b)
		}
	}
	code, b := testAs(t, s, "reviewer1", jsonReq(http.MethodPost, "/api/v1/disclosures/dis-syn-leak-3/withdraw", `{"ground":"revoked","reason":"经行政复议决定撤销"}`))
	if code != 200 {
		t.Fatalf("withdraw: %d %s", code, b)
	}
	// a published disclosure is searchable; an officer cannot publish
	if code, _ := testAs(t, s, "officer1", jsonReq(http.MethodPost, "/api/v1/disclosures/dis-syn-leak-1/publish", "")); code != 403 {
		t.Errorf("an officer published: %d", code)
	}

	secrets := []string{
		"韩建国", "430223198709291231", "13812345678", "拟从轻", // the unpublished case
		"欧阳明辉", "110101199003077774", "13712345679", "幸福小区5栋302室", "刘晓梅", "19900307", // the published one, unmasked
		"司马光耀", "撤回案事实", // the withdrawn one
		"13900001111", "内部备注", // the agency's internal note
		"自建房内生产辣椒酱",             // demo-case-10, never decided
		"演示加载程序改判", "合成演示数据：送审", // reviewers' opinions and notes
		"synthetic-test-password", "zft_", "zfs_", // credentials
	}
	seen := map[string]bool{}
	queue := []string{"/portal", "/portal/standing", "/portal?q=" + url.QueryEscape("销售"), "/portal?q=" + url.QueryEscape("韩建国"),
		"/portal?q=" + url.QueryEscape("欧阳明辉"), "/portal?q=" + url.QueryEscape("辣椒酱"), "/portal?q=" + url.QueryEscape("司马光耀"),
		"/portal/decisions/dis-syn-leak-1", "/portal/decisions/dis-syn-leak-3", "/portal/decisions/dis-demo-case-07", "/portal/decisions/syn-leak-2",
		"/api/v1/portal/search?q=" + url.QueryEscape("病死猪肉"), "/api/v1/portal/search?q=" + url.QueryEscape("韩建国"), "/api/v1/portal/search",
		"/portal/standing/nope", "/portal/decisions/nope"}
	href := regexp.MustCompile(`(?:href|src|action)="([^"]+)"`)
	pages := 0
	for len(queue) > 0 && pages < 400 {
		p := queue[0]
		queue = queue[1:]
		if seen[p] {
			continue
		}
		seen[p] = true
		code, body := anon(t, s, p)
		pages++
		if code >= 500 {
			t.Errorf("%s: %d", p, code)
		}
		// the visitor's own query is echoed in the form; that is not a leak
		if u, err := url.Parse(p); err == nil {
			if q := u.Query().Get("q"); q != "" {
				body = strings.ReplaceAll(body, q, "")
			}
		}
		for _, sec := range secrets {
			if strings.Contains(body, sec) {
				t.Errorf("%s shows the secret %q", p, sec)
			}
		}
		for _, m := range href.FindAllStringSubmatch(body, -1) {
			l := strings.ReplaceAll(m[1], "&amp;", "&")
			if strings.HasPrefix(l, "/") && !strings.HasPrefix(l, "//") && publicPath(strings.SplitN(l, "?", 2)[0]) {
				queue = append(queue, l)
			} else if strings.HasPrefix(l, "/") && !seen[l] {
				seen[l] = true
				// a link off the portal must not serve anything to an anonymous visitor
				if code, body := anon(t, s, l); code == 200 && !strings.Contains(l, "/login") {
					t.Errorf("public page links to %s, which answers %d to anyone: %.80s", l, code, body)
				}
			}
		}
	}
	if pages < 15 {
		t.Errorf("the walk reached only %d pages", pages)
	}
	// what must be there is there
	_, body := anon(t, s, "/portal/decisions/dis-syn-leak-2")
	for _, want := range []string{"欧阳某某", "病死猪肉", "示例县市场监督管理局", "罚款200元"} {
		if !strings.Contains(body, want) {
			t.Errorf("published decision lacks %q", want)
		}
	}
	if code, body := anon(t, s, "/portal/decisions/dis-syn-leak-3"); code != http.StatusGone || !strings.Contains(body, "经行政复议决定撤销") {
		t.Errorf("withdrawn: %d %s", code, body)
	}
	if code, _ := anon(t, s, "/portal/decisions/dis-syn-leak-1"); code != 404 {
		t.Errorf("an unpublished disclosure answered %d", code)
	}
	_, body = anon(t, s, "/api/v1/portal/search?q="+url.QueryEscape("病死猪肉"))
	var res struct {
		Total int `json:"total"`
		Hits  []struct {
			ID string `json:"id"`
		} `json:"hits"`
	}
	if err := json.Unmarshal([]byte(body), &res); err != nil || res.Total != 1 || res.Hits[0].ID != "dis-syn-leak-2" {
		t.Errorf("search 病死猪肉: %s", body)
	}
	_, body = anon(t, s, "/portal/standing")
	if !strings.Contains(body, "执法人员") || !strings.Contains(body, "权责清单") || !strings.Contains(body, "救济渠道") || !strings.Contains(body, "法制审核目录清单") {
		t.Errorf("standing page lacks the officers or the power list: %.300s", body)
	}
}

func jsonReq(method, path, body string) *http.Request {
	req := httptest.NewRequest(method, path, strings.NewReader(body))
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	return req
}

func TestPortalBadInput(t *testing.T) {
	s := recordsServer(t)
	cases := []struct {
		path, field string
	}{
		{"/portal?from=2026-13-01", "from"},
		{"/portal?from=2026-12-01&to=2026-01-01", "to"},
		{"/portal?kind=gossip", "kind"},
		{"/portal?agency=nope", "agency"},
		{"/portal?page=0", "page"},
		{"/portal?q=" + strings.Repeat("查", 201), "q"},
	}
	for _, c := range cases {
		code, body := anon(t, s, c.path)
		if code != 400 {
			t.Errorf("%s: %d", c.path, code)
		}
		if c.field == "page" && !strings.Contains(body, "error-box") || c.field != "page" && !besideField(body, c.field, "") {
			t.Errorf("%s: no message beside %s", c.path, c.field)
		}
		api := strings.Replace(c.path, "/portal", "/api/v1/portal/search", 1)
		code, body = anon(t, s, api)
		var e APIError
		if code != 400 || json.Unmarshal([]byte(body), &e) != nil || e.Field != c.field {
			t.Errorf("%s: %d %s", api, code, body)
		}
	}
	// filters narrow: the demo's published decisions, all 行政处罚, in 2026
	_, body := anon(t, s, "/api/v1/portal/search?kind="+url.QueryEscape("行政处罚")+"&from=2026-01-01&to=2026-12-31")
	var res struct{ Total int }
	_ = json.Unmarshal([]byte(body), &res)
	if res.Total != 5 {
		t.Errorf("demo decisions in 2026: %d (%s)", res.Total, body)
	}
	_, body = anon(t, s, "/api/v1/portal/search?from=2026-07-01&to=2026-07-06")
	_ = json.Unmarshal([]byte(body), &res)
	if res.Total != 1 { // demo-case-04, decided 2026-07-06: the end day is inclusive
		t.Errorf("decisions 07-01..07-06: %d (%s)", res.Total, body)
	}
}

func TestStandingBody(t *testing.T) {
	for _, tc := range []struct {
		body        string
		text, table int
	}{
		{"a | b\n1 | 2\n3 | 4", 0, 3},                // a table only (officers, power list)
		{"名称：x\n电话：y", 2, 0},                         // text only
		{"种子：a | b\n摘要：c\n对象 | 结果\nx | 未发现问题", 2, 2}, // text, then the table
		{"说明\n对象 | 结果", 2, 0},                        // a header with no row is text
	} {
		text, table := standingBody(tc.body)
		if len(text) != tc.text || len(table) != tc.table {
			t.Errorf("%q: %d lines, %d rows; want %d, %d", tc.body, len(text), len(table), tc.text, tc.table)
		}
	}
}
