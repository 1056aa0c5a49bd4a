package web

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"zhifa/auth"
)

func formReq(path string, vals url.Values) *http.Request {
	req := httptest.NewRequest(http.MethodPost, path, strings.NewReader(vals.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return req
}

// A reviewer checks the masked text beside the original and publishes it;
// a text that still names the person is refused beside the field (synthetic demo data).
func TestDisclosurePages(t *testing.T) {
	s := recordsServer(t)
	st, _ := s.Records()
	portalCase(t, st, "syn-ui-1", "欧阳明辉", "110101199003077774", "13712345679", "当事人欧阳明辉在农贸市场销售病死猪肉。")
	code, body := testAs(t, s, "reviewer1", httptest.NewRequest(http.MethodGet, "/ui/disclosures", nil))
	if code != 200 || !strings.Contains(string(body), "/ui/disclosures/dis-syn-ui-1") || !strings.Contains(string(body), "待公示") {
		t.Fatalf("list: %d %.400s", code, body)
	}
	code, body = testAs(t, s, "reviewer1", httptest.NewRequest(http.MethodGet, "/ui/disclosures/dis-syn-ui-1", nil))
	b := string(body)
	if code != 200 || !strings.Contains(b, `<mark title="name">欧阳明辉</mark>`) || !strings.Contains(b, "欧阳某某") {
		t.Fatalf("show: %d %.2000s", code, b)
	}
	if code, _ := testAs(t, s, "officer1", httptest.NewRequest(http.MethodGet, "/ui/disclosures/dis-syn-ui-1", nil)); code != 403 {
		t.Errorf("an officer opened the publishing page: %d", code)
	}
	code, body = testAs(t, s, "reviewer1", formReq("/ui/disclosures/dis-syn-ui-1/publish", url.Values{"text": {"当事人欧阳明辉销售病死猪肉"}}))
	if code != 422 || !strings.Contains(string(body), `class="err"`) || !strings.Contains(string(body), "personal data") {
		t.Errorf("publishing a name: %d %.300s", code, body)
	}
	if _, pb := anon(t, s, "/portal/decisions/dis-syn-ui-1"); !strings.Contains(pb, "尚未公布") {
		t.Errorf("refused text was published: %.300s", pb)
	}
	// the drafted 决定书 is offered masked beside the original
	if code, b := testAs(t, s, "officer1", jsonReq(http.MethodPost, "/api/v1/cases/syn-ui-1/documents", `{"kind":"行政处罚决定书"}`)); code >= 300 {
		t.Fatalf("draft: %d %s", code, b)
	}
	_, body = testAs(t, s, "reviewer1", httptest.NewRequest(http.MethodGet, "/ui/disclosures/dis-syn-ui-1", nil))
	b = string(body)
	full := b[strings.Index(b, "决定书全文（去标识化）"):]
	if !strings.Contains(b, "行政处罚决定书原文") || !strings.Contains(full, "欧阳某某") || strings.Contains(full, "欧阳明辉") || strings.Contains(full, "110101199003077774") {
		t.Errorf("the 决定书 beside its masked text: %.3000s", full)
	}
	masked := strings.Split(strings.Split(b, `name="text" rows="14" >`)[1], "</textarea>")[0]
	masked = strings.ReplaceAll(masked, "&#34;", `"`)
	code, _ = testAs(t, s, "reviewer1", formReq("/ui/disclosures/dis-syn-ui-1/publish", url.Values{"text": {masked}, "include_full_text": {"on"}}))
	if code != http.StatusSeeOther {
		t.Fatalf("publish: %d", code)
	}
	if c, pb := anon(t, s, "/portal/decisions/dis-syn-ui-1"); c != 200 || !strings.Contains(pb, "欧阳某某") || strings.Contains(pb, "欧阳明辉") ||
		!strings.Contains(pb, "<h2>行政处罚决定书</h2>") || strings.Contains(pb, "110101199003077774") {
		t.Errorf("portal after publishing: %d %.300s", c, pb)
	}
	code, body = testAs(t, s, "reviewer1", formReq("/ui/disclosures/dis-syn-ui-1/withdraw", url.Values{"ground": {"revoked"}}))
	if code != 422 || !strings.Contains(string(body), "withdraw_reason") {
		t.Errorf("withdraw without reason: %d", code)
	}
}

// A reviewer of another agency neither reads nor publishes the demo
// bureau's disclosures (the preview holds the unmasked original).
func TestDisclosureScope(t *testing.T) {
	s := recordsServer(t)
	st, _ := s.Records()
	ctx := context.Background()
	u := auth.User{Login: "city-reviewer", Roles: []string{auth.RoleReviewer}, AgencyID: "demo-sjscjgj"}
	if _, err := auth.CreateUser(ctx, st, "test", u, "synthetic-test-password"); err != nil {
		t.Fatal(err)
	}
	tok, _, err := auth.CreateToken(ctx, st, "test", u.Login, "write", "test")
	if err != nil {
		t.Fatal(err)
	}
	call := func(method, path string) (int, string) {
		req := jsonReq(method, path, "")
		req.Header.Set("Authorization", "Bearer "+tok)
		resp, err := s.App.Test(req, -1)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	for _, p := range []string{"/api/v1/disclosures/dis-demo-case-06/preview", "/api/v1/disclosures/dis-demo-case-06", "/ui/disclosures/dis-demo-case-06"} {
		if code, body := call(http.MethodGet, p); code != 404 {
			t.Errorf("%s: %d %.200s", p, code, body)
		}
	}
	if code, _ := call(http.MethodPost, "/api/v1/disclosures/dis-demo-case-06/publish"); code != 404 {
		t.Errorf("publish another agency's: %d", code)
	}
	if code, body := call(http.MethodGet, "/api/v1/disclosures"); code != 200 || strings.Contains(body, "demo-case") {
		t.Errorf("list: %d %.200s", code, body)
	}
	// the demo bureau's own reviewer does
	if code, _ := testAs(t, s, "reviewer1", jsonReq(http.MethodGet, "/api/v1/disclosures/dis-demo-case-06/preview", "")); code != 200 {
		t.Errorf("own reviewer: %d", code)
	}
}

// Bad input to the disclosure and standing API: a 4xx naming the field,
// never a 500, and nothing written.
func TestDisclosureBadInput(t *testing.T) {
	s := recordsServer(t)
	cases := []struct {
		actor, method, path, body string
		code                      int
		field                     string
	}{
		{"reviewer1", "POST", "/api/v1/disclosures/dis-demo-case-06/withdraw", `{"ground":"revoked","reason":"r","occurred_on":"2026-13-40"}`, 422, "occurred_on"},
		{"reviewer1", "POST", "/api/v1/disclosures/dis-demo-case-06/withdraw", `{"ground":5}`, 400, "ground"},
		{"reviewer1", "POST", "/api/v1/disclosures/dis-demo-case-06/publish", `{"include_full_text":true}`, 422, "include_full_text"},
		{"reviewer1", "POST", "/api/v1/disclosures/dis-demo-case-06/publish", `{"text":`, 400, "body"},
		{"reviewer1", "POST", "/api/v1/disclosures/dis-demo-case-01/correct", `{"text":"x"}`, 422, "reason"},
		{"reviewer1", "POST", "/api/v1/disclosures/dis-nope/publish", ``, 404, ""},
		{"admin1", "POST", "/api/v1/standing", `{"agency_id":"demo-scjgj","category":"remedy","title":"t"}`, 422, "body"},
		{"admin1", "PUT", "/api/v1/standing/std-nope", `{"body":"b","reason":"r"}`, 404, ""},
		{"admin1", "POST", "/api/v1/standing/std-nope/withdraw", `{"reason":"r"}`, 404, ""},
		{"admin1", "POST", "/api/v1/standing", `{"agency_id":"demo-scjgj","category":"remedy","title":"t","body":"b","extra":1}`, 400, "extra"},
	}
	for _, tc := range cases {
		code, body := testAs(t, s, tc.actor, jsonReq(tc.method, tc.path, tc.body))
		var e APIError
		_ = json.Unmarshal(body, &e)
		if code != tc.code || tc.field != "" && e.Field != tc.field {
			t.Errorf("%s %s %s: %d %s, want %d naming %q", tc.method, tc.path, tc.body, code, body, tc.code, tc.field)
		}
	}
	if d, _ := testAs(t, s, "reviewer1", jsonReq("GET", "/api/v1/disclosures/dis-demo-case-06", "")); d != 200 {
		t.Fatalf("get: %d", d)
	}
	_, body := testAs(t, s, "reviewer1", jsonReq("GET", "/api/v1/disclosures/dis-demo-case-06", ""))
	if !strings.Contains(string(body), `"status":"pending"`) {
		t.Errorf("a refused request changed the disclosure: %s", body)
	}
}
