package web

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"

	"zhifa/auth"
	"zhifa/nlp"
	"zhifa/records"
)

// scopeFixture is a synthetic world for the data-scope tests: agencies A1
// and A2 in one city (合成省甲市), B in another (合成省丙市), each with a case,
// and a user of every kind. Everything is made through the API as admin.
type scopeFixture struct {
	s      *Server
	tokens map[string]string
}

func (f *scopeFixture) call(t *testing.T, who, method, path, body string) (int, []byte) {
	t.Helper()
	req := httptest.NewRequest(method, path, strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer "+f.tokens[who])
	resp, err := f.s.App.Test(req, -1)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, b
}

func (f *scopeFixture) must(t *testing.T, who, method, path, body string) []byte {
	t.Helper()
	code, b := f.call(t, who, method, path, body)
	if code/100 != 2 {
		t.Fatalf("%s %s %s: %d %s", who, method, path, code, b)
	}
	return b
}

func (f *scopeFixture) user(t *testing.T, u auth.User) {
	t.Helper()
	st, err := f.s.Records()
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	if _, err := auth.CreateUser(ctx, st, "test", u, "synthetic-test-password"); err != nil {
		t.Fatalf("user %s: %v", u.Login, err)
	}
	tok, _, err := auth.CreateToken(ctx, st, "test", u.Login, "write", "test")
	if err != nil {
		t.Fatal(err)
	}
	f.tokens[u.Login] = tok
}

func caseBody(id, agency string, officers ...string) string {
	id17 := "44070519850505002"
	c, _ := nlp.IDCheckDigit(id17)
	return fmt.Sprintf(`{"id":%q,"agency_id":%q,"power_item_id":%q,"title":"合成测试案件","facts":"合成测试数据","opened_on":"2026-10-08",
		"officer_ids":[%q,%q],"parties":[{"kind":"person","name":"合成某","id_number":"%s%c"}]}`, id, agency, agency+"-P1", officers[0], officers[1], id17, c)
}

func newScopeFixture(t *testing.T) *scopeFixture {
	t.Helper()
	s := New(Options{DataDir: t.TempDir()})
	t.Cleanup(func() { s.Close(context.Background()) })
	f := &scopeFixture{s: s, tokens: map[string]string{}}
	f.user(t, auth.User{Login: "admin1", Roles: []string{auth.RoleAdmin}})
	for _, a := range []struct{ id, region string }{{"syn-a1", "合成省甲市甲县"}, {"syn-a2", "合成省甲市乙县"}, {"syn-b", "合成省丙市丁县"}} {
		f.must(t, "admin1", "POST", "/api/v1/agencies", fmt.Sprintf(`{"id":%q,"name":"合成局 %s","level":"县","region":%q}`, a.id, a.id, a.region))
		f.must(t, "admin1", "POST", "/api/v1/power-items", fmt.Sprintf(`{"agency_id":%q,"code":"P1","name":"合成事项","kind":"penalty","category":"合成执法"}`, a.id))
		for _, o := range []string{"o1", "o2", "rv1", "rv2"} {
			rv := strings.HasPrefix(o, "rv")
			f.must(t, "admin1", "POST", "/api/v1/officers", fmt.Sprintf(`{"id":%q,"name":"合成人员","agency_id":%q,"reviewer":%t,"legal_profession_qual":%t,
				"certificate":{"number":"SYN-%s-%s","categories":["合成执法"],"valid_from":"2020-01-01"}}`, a.id+"-"+o, a.id, rv, rv, a.id, o))
		}
	}
	for _, u := range []auth.User{
		{Login: "offa1", Roles: []string{auth.RoleOfficer}, AgencyID: "syn-a1", OfficerID: "syn-a1-o1"},
		{Login: "offa1b", Roles: []string{auth.RoleOfficer}, AgencyID: "syn-a1"}, // same agency, not on the case
		{Login: "offa2", Roles: []string{auth.RoleOfficer}, AgencyID: "syn-a2", OfficerID: "syn-a2-o1"},
		{Login: "offb", Roles: []string{auth.RoleOfficer}, AgencyID: "syn-b", OfficerID: "syn-b-o1"},
		{Login: "supcity", Roles: []string{auth.RoleSupervisor}, Region: "合成省甲市"},
		{Login: "supb", Roles: []string{auth.RoleSupervisor}, AgencyID: "syn-b"},
		{Login: "supnone", Roles: []string{auth.RoleSupervisor}},
		{Login: "rva1", Roles: []string{auth.RoleReviewer}, AgencyID: "syn-a1", OfficerID: "syn-a1-rv1"},
		{Login: "rva1b", Roles: []string{auth.RoleReviewer}, AgencyID: "syn-a1", OfficerID: "syn-a1-rv2"},
		{Login: "trainer1", Roles: []string{auth.RoleTrainer}, AgencyID: "syn-a1"},
	} {
		f.user(t, u)
	}
	f.must(t, "offa1", "POST", "/api/v1/cases", caseBody("syn-case-a1", "syn-a1", "syn-a1-o1", "syn-a1-o2"))
	f.must(t, "offa2", "POST", "/api/v1/cases", caseBody("syn-case-a2", "syn-a2", "syn-a2-o1", "syn-a2-o2"))
	f.must(t, "offb", "POST", "/api/v1/cases", caseBody("syn-case-b", "syn-b", "syn-b-o1", "syn-b-o2"))
	for who, id := range map[string]string{"offa1": "syn-case-a1", "offa2": "syn-case-a2", "offb": "syn-case-b"} {
		f.must(t, who, "POST", "/api/v1/cases/"+id+"/steps", `{"kind":"filing","at":"2026-10-08T09:00:00+08:00"}`)
	}
	// A1's case goes to review by syn-a1-rv1 (rva1), not rva1b
	f.must(t, "offa1", "POST", "/api/v1/cases/syn-case-a1/reviews", `{"reviewer":"syn-a1-rv1"}`)
	return f
}

func caseIDs(t *testing.T, b []byte) []string {
	t.Helper()
	var cs []records.Case
	if err := json.Unmarshal(b, &cs); err != nil {
		t.Fatalf("%v: %s", err, b)
	}
	ids := []string{}
	for _, c := range cs {
		ids = append(ids, c.ID)
	}
	slices.Sort(ids)
	return ids
}

func accessActors(t *testing.T, f *scopeFixture, caseID string) []string {
	t.Helper()
	var log []records.AccessLog
	if err := json.Unmarshal(f.must(t, "admin1", "GET", "/api/v1/cases/"+caseID+"/access-log", ""), &log); err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, a := range log {
		out = append(out, a.Actor+" "+a.Action)
	}
	return out
}

func TestScopeCaseList(t *testing.T) {
	f := newScopeFixture(t)
	for _, tc := range []struct {
		who  string
		want string
	}{
		{"admin1", "syn-case-a1 syn-case-a2 syn-case-b"},
		{"offa1", "syn-case-a1"},
		{"offa1b", "syn-case-a1"},
		{"offa2", "syn-case-a2"},
		{"offb", "syn-case-b"},
		{"supcity", "syn-case-a1 syn-case-a2"}, // the region covers both 甲市 agencies, not 丙市
		{"supb", "syn-case-b"},
		{"supnone", ""}, // no agency, no region: no case
		{"rva1", "syn-case-a1"},
		{"rva1b", ""}, // same agency, but nothing submitted to them
		{"trainer1", ""},
	} {
		got := strings.Join(caseIDs(t, f.must(t, tc.who, "GET", "/api/v1/cases", "")), " ")
		if got != tc.want {
			t.Errorf("%s lists %q, want %q", tc.who, got, tc.want)
		}
	}
}

func TestScopeCaseReadWrite(t *testing.T) {
	f := newScopeFixture(t)
	step := `{"kind":"investigation","data":{"note":"合成"}}`
	for _, tc := range []struct {
		who, method, path, body string
		status                  int
	}{
		// an officer: their agency only; another's case does not exist for them
		{"offa1", "GET", "/api/v1/cases/syn-case-a1", "", 200},
		{"offa1", "GET", "/api/v1/cases/syn-case-b", "", 404},
		{"offa1", "GET", "/api/v1/cases/syn-case-a2", "", 404},
		{"offa1", "GET", "/api/v1/cases/syn-case-b/steps", "", 404},
		{"offa1", "GET", "/api/v1/cases/syn-case-b/evidence", "", 404},
		{"offa1", "GET", "/api/v1/cases/syn-case-b/access-log", "", 404},
		{"offa1", "GET", "/api/v1/cases/syn-case-b/export", "", 404},
		{"offa1", "GET", "/API/V1/CASES/syn-case-b", "", 404}, // routing ignores case; so does the scope
		{"offa1", "GET", "/api/v1/cases/syn-case-b/", "", 404},
		{"offa1", "GET", "/api/v1/cases/syn%2Dcase-b", "", 404},
		{"offa1", "GET", "/api/v1/%63ases/syn-case-b", "", 404},
		{"offa1", "GET", "/api/v1//cases/syn-case-b", "", 404},
		{"offa1", "GET", "/api/v1/cases/./syn-case-b", "", 404},
		{"offa1", "GET", "/api/v1/cases/x/../syn-case-b", "", 404},
		{"offa1", "POST", "/api/v1/cases/syn-case-b/steps", step, 404},
		{"offa1", "POST", "/api/v1/cases/syn-case-b/documents", `{"kind":"decision","content":"eA=="}`, 404},
		{"offa1", "POST", "/api/v1/cases/syn-case-b/reviews", `{"reviewer":"syn-b-rv1"}`, 404},
		{"offa1", "POST", "/api/v1/cases/syn-case-a1/steps", step, 201},
		{"offa1b", "POST", "/api/v1/cases/syn-case-a1/steps", step, 201},
		{"offb", "POST", "/api/v1/cases/syn-case-a1/steps", step, 404},
		{"offa1", "POST", "/api/v1/cases", caseBody("syn-case-x", "syn-b", "syn-b-o1", "syn-b-o2"), 403},
		{"offa1", "GET", "/api/v1/cases/nope", "", 404},
		// a supervisor reads their region and never writes
		{"supcity", "GET", "/api/v1/cases/syn-case-a1", "", 200},
		{"supcity", "GET", "/api/v1/cases/syn-case-a2/steps", "", 200},
		{"supcity", "GET", "/api/v1/cases/syn-case-b", "", 404},
		{"supcity", "POST", "/api/v1/cases/syn-case-a1/steps", step, 403},
		{"supb", "GET", "/api/v1/cases/syn-case-b", "", 200},
		{"supb", "GET", "/api/v1/cases/syn-case-a1", "", 404},
		// a reviewer: the case submitted to them, and its review
		{"rva1", "GET", "/api/v1/cases/syn-case-a1", "", 200},
		{"rva1", "GET", "/api/v1/reviews/rv-syn-case-a1", "", 200},
		{"rva1", "GET", "/api/v1/cases/syn-case-a2", "", 404},
		{"rva1b", "GET", "/api/v1/cases/syn-case-a1", "", 404},
		{"rva1b", "GET", "/api/v1/reviews/rv-syn-case-a1", "", 404},
		{"rva1b", "POST", "/api/v1/reviews/rv-syn-case-a1/opinion", `{"result":"approve","reasons":"合成","reviewer":"syn-a1-rv2"}`, 404},
		{"rva1b", "POST", "/api/v1/reviews/rv-syn-case-a1/opinion", `{"result":"approve","reasons":"合成","reviewer":"syn-a1-rv1"}`, 404},
		{"rva1", "POST", "/api/v1/reviews/rv-syn-case-a1/opinion", `{"result":"approve","reasons":"合成","reviewer":"syn-a1-rv2"}`, 403},
		{"rva1", "POST", "/api/v1/reviews/rv-syn-case-a1/opinion", `{"result":"problems","reasons":"合成","reviewer":"syn-a1-rv1"}`, 201},
		// a trainer: no live case
		{"trainer1", "GET", "/api/v1/cases/syn-case-a1", "", 404},
		// pages: the same rules
		{"offa1", "GET", "/ui/cases/syn-case-a1", "", 200},
		{"offa1", "GET", "/ui/cases/syn-case-b", "", 404},
		{"offa1", "POST", "/ui/cases/syn-case-b/steps", "", 404},
		{"supcity", "GET", "/ui/cases/syn-case-a2", "", 200},
		{"supcity", "GET", "/ui/cases/syn-case-b", "", 404},
		{"rva1", "GET", "/ui/reviews/rv-syn-case-a1", "", 200},
		{"rva1b", "GET", "/ui/reviews/rv-syn-case-a1", "", 404},
		{"admin1", "GET", "/api/v1/cases/syn-case-b", "", 200},
	} {
		code, b := f.call(t, tc.who, tc.method, tc.path, tc.body)
		if code != tc.status {
			t.Errorf("%s %s %s: %d, want %d: %.300s", tc.who, tc.method, tc.path, code, tc.status, b)
		}
		if tc.status == 404 && strings.Contains(string(b), "合成测试案件") {
			t.Errorf("%s %s %s: a 404 shows the case: %.300s", tc.who, tc.method, tc.path, b)
		}
	}
	code, b := f.call(t, "offa1", "POST", "/api/v1/cases", caseBody("syn-case-y", "syn-b", "syn-b-o1", "syn-b-o2"))
	var e struct{ Field string }
	_ = json.Unmarshal(b, &e)
	if code != 403 || e.Field != "agency_id" {
		t.Errorf("a case for another agency: %d %s, want 403 naming agency_id", code, b)
	}
	if code, b := f.call(t, "admin1", "GET", "/api/v1/reviews", ""); code != 200 || !strings.Contains(string(b), "rv-syn-case-a1") {
		t.Errorf("admin's review list: %d %s", code, b)
	}
	if code, b := f.call(t, "rva1b", "GET", "/api/v1/reviews", ""); code != 200 || strings.Contains(string(b), "rv-syn-case-a1") {
		t.Errorf("a reviewer lists a review not submitted to them: %d %s", code, b)
	}
	if code, b := f.call(t, "offb", "GET", "/ui/cases", ""); code != 200 || strings.Contains(string(b), "syn-case-a1") || !strings.Contains(string(b), "syn-case-b") {
		t.Errorf("B's officer's case list page: %d", code)
	}
	if code, b := f.call(t, "supcity", "GET", "/ui/cases", ""); code != 200 || !strings.Contains(string(b), "syn-case-a1") || !strings.Contains(string(b), "syn-case-a2") || strings.Contains(string(b), "syn-case-b") {
		t.Errorf("the city supervisor's case list page: %d", code)
	}
}

func TestScopeAccessLog(t *testing.T) {
	f := newScopeFixture(t)
	// the officers on the case and the reviewer it was submitted to read it: their work, not 调阅
	f.must(t, "offa1", "GET", "/api/v1/cases/syn-case-a1", "")
	f.must(t, "offa1", "GET", "/api/v1/cases/syn-case-a1/steps", "")
	f.must(t, "offa1", "GET", "/ui/cases/syn-case-a1", "")
	f.must(t, "rva1", "GET", "/api/v1/cases/syn-case-a1", "")
	f.must(t, "rva1", "GET", "/ui/reviews/rv-syn-case-a1", "")
	if got := accessActors(t, f, "syn-case-a1"); len(got) != 0 {
		t.Errorf("reads by those on the case were logged: %v", got)
	}
	// a supervisor's read, an officer of the agency not on the case, a refused read
	f.must(t, "supcity", "GET", "/api/v1/cases/syn-case-a1", "")
	f.must(t, "supcity", "GET", "/ui/cases/syn-case-a1", "")
	f.must(t, "offa1b", "GET", "/api/v1/cases/syn-case-a1/evidence", "")
	f.call(t, "offb", "GET", "/api/v1/cases/syn-case-a1", "")
	want := []string{"supcity read", "supcity read", "offa1b read:evidence"}
	if got := accessActors(t, f, "syn-case-a1"); !slices.Equal(got, want) {
		t.Errorf("access log %v, want %v", got, want)
	}
	// the login that opened a case is on it, though not one of its officers
	f.must(t, "offa1b", "POST", "/api/v1/cases", caseBody("syn-case-a1c", "syn-a1", "syn-a1-o1", "syn-a1-o2"))
	f.must(t, "offa1b", "GET", "/api/v1/cases/syn-case-a1c", "")
	f.must(t, "supcity", "GET", "/api/v1/cases/syn-case-a1c", "")
	if got := accessActors(t, f, "syn-case-a1c"); !slices.Equal(got, []string{"supcity read"}) {
		t.Errorf("access log of the case offa1b opened: %v", got)
	}
	// and every read is in the audit chain, which still verifies
	st, _ := f.s.Records()
	es, err := st.AuditEntries(context.Background(), 0, 1<<40)
	if err != nil {
		t.Fatal(err)
	}
	var chained []string
	for _, e := range es {
		if e.Entity == "access" && e.EntityID == "syn-case-a1" {
			chained = append(chained, e.Actor+" "+e.Action)
		}
	}
	if !slices.Equal(chained, want) {
		t.Errorf("access entries in the chain %v, want %v", chained, want)
	}
	if b := f.must(t, "admin1", "GET", "/api/v1/audit/verify", ""); !strings.Contains(string(b), `"ok":true`) {
		t.Errorf("verify: %s", b)
	}
}

func TestScopeWarnings(t *testing.T) {
	f := newScopeFixture(t)
	for _, tc := range []struct {
		who, path string
		want      string
	}{
		{"admin1", "/api/v1/warnings", "syn-case-a1 syn-case-a2 syn-case-b"},
		{"offa1", "/api/v1/warnings", "syn-case-a1"},
		{"offa1", "/api/v1/warnings?agency=syn-b", ""},
		{"supcity", "/api/v1/warnings", "syn-case-a1 syn-case-a2"},
		{"rva1", "/api/v1/warnings", "syn-case-a1"},
		{"trainer1", "/api/v1/warnings", ""},
	} {
		var ws []struct {
			CaseID string `json:"case_id"`
		}
		if err := json.Unmarshal(f.must(t, tc.who, "GET", tc.path, ""), &ws); err != nil {
			t.Fatal(err)
		}
		var ids []string
		for _, w := range ws {
			if w.CaseID != "" && !slices.Contains(ids, w.CaseID) {
				ids = append(ids, w.CaseID)
			}
		}
		slices.Sort(ids)
		if got := strings.Join(ids, " "); got != tc.want {
			t.Errorf("%s %s: warnings of %q, want %q", tc.who, tc.path, got, tc.want)
		}
	}
	if code, b := f.call(t, "offb", "GET", "/ui/warnings", ""); code != 200 || strings.Contains(string(b), "syn-case-a1") {
		t.Errorf("B's officer's warnings page shows A's case: %d", code)
	}
}
