package web

import (
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
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
