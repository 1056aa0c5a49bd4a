package web

import (
	"bytes"
	"context"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"zhifa/auth"
	"zhifa/records"
)

func uploadReq(t *testing.T, path, filename, content string) *http.Request {
	t.Helper()
	var b bytes.Buffer
	w := multipart.NewWriter(&b)
	if err := w.WriteField("_csrf", ""); err != nil {
		t.Fatal(err)
	}
	fw, err := w.CreateFormFile("file", filename)
	if err != nil {
		t.Fatal(err)
	}
	io.WriteString(fw, content)
	w.Close()
	req := httptest.NewRequest("POST", path, &b)
	req.Header.Set("Content-Type", w.FormDataContentType())
	return req
}

// besideField reports whether msg is shown right after the input named field.
func besideField(body, field, msg string) bool {
	i := strings.LastIndex(body, `name="`+field+`"`)
	if i < 0 {
		return false
	}
	rest := body[i:]
	j := strings.Index(rest, `<span class="err">`)
	k := len(rest) // up to the next field
	if k2 := strings.Index(rest[1:], `name="`); k2 >= 0 {
		k = k2 + 1
	}
	return j >= 0 && j < k && strings.Contains(rest[j:min(len(rest), j+400)], msg)
}

// The admin pages are the admin's: each renders for admin1 and is refused to other roles.
func TestAdminPagesByRole(t *testing.T) {
	s := recordsServer(t)
	for _, tc := range []struct {
		actor, path string
		status      int
		want        string
	}{
		{"admin1", "/ui/admin", 200, "/ui/admin/users"},
		{"admin1", "/ui/admin/users", 200, `name="_csrf"`},
		{"admin1", "/ui/admin/agencies", 200, records.DemoAgencyID},
		{"admin1", "/ui/admin/agencies/" + records.DemoAgencyID, 200, "法制审核目录"},
		{"admin1", "/ui/admin/agencies/nope", 404, "找不到"},
		{"admin1", "/ui/admin/officers", 200, "demo-of-1"},
		{"admin1", "/ui/admin/officers/demo-of-1", 200, `value="demo-of-1"`},
		{"admin1", "/ui/admin/power-items", 200, "SP-003"},
		{"admin1", "/ui/admin/benchmarks", 200, `type="file"`},
		{"officer1", "/ui/admin", 403, "无权访问"},
		{"reviewer1", "/ui/admin/users", 403, "无权访问"},
		{"admin1", "/", 303, ""},
	} {
		code, body := testAs(t, s, tc.actor, httptest.NewRequest("GET", tc.path, nil))
		if code != tc.status || !strings.Contains(string(body), tc.want) {
			t.Errorf("%s %s: %d, want %d with %q\n%.400s", tc.actor, tc.path, code, tc.status, tc.want, body)
		}
	}
}

// An admin creates a user in the form; the user signs in with the login form.
func TestAdminCreateUserSignsIn(t *testing.T) {
	s := recordsServer(t)
	form := url.Values{"_csrf": {""}, "login": {"clerk7"}, "name": {"测试人员（合成）"}, "roles": {"officer", "reviewer"},
		"agency_id": {records.DemoAgencyID}, "password": {"synthetic-pass-77"}, "password2": {"synthetic-pass-77"}}
	code, body := testAs(t, s, "admin1", formReq("/ui/admin/users", form))
	if code != 303 {
		t.Fatalf("create: %d %.400s", code, body)
	}
	st, _ := s.Records()
	u, err := auth.GetUser(context.Background(), st, "clerk7")
	if err != nil || !u.Has("officer") || !u.Has("reviewer") || u.Has("admin") || u.AgencyID != records.DemoAgencyID || !strings.HasPrefix(u.Hash, "$argon2id$") {
		t.Fatalf("stored user %+v %v", u, err)
	}
	resp := testLogin(t, s, "clerk7", "synthetic-pass-77")
	if resp.StatusCode != 303 {
		t.Fatalf("sign-in of the new user: %d", resp.StatusCode)
	}

	// bad input: each message beside its field, nothing stored
	for _, tc := range []struct {
		name  string
		set   url.Values
		field string
	}{
		{"passwords differ", url.Values{"login": {"clerk8"}, "roles": {"officer"}, "password": {"synthetic-pass-88"}, "password2": {"synthetic-pass-89"}}, "password2"},
		{"short password", url.Values{"login": {"clerk8"}, "roles": {"officer"}, "password": {"short"}, "password2": {"short"}}, "password"},
		{"no role", url.Values{"login": {"clerk8"}, "password": {"synthetic-pass-88"}, "password2": {"synthetic-pass-88"}}, "roles"},
		{"bad login", url.Values{"login": {"-x"}, "roles": {"officer"}, "password": {"synthetic-pass-88"}, "password2": {"synthetic-pass-88"}}, "login"},
		{"login taken", url.Values{"login": {"clerk7"}, "roles": {"officer"}, "password": {"synthetic-pass-88"}, "password2": {"synthetic-pass-88"}}, "login"},
	} {
		tc.set.Set("_csrf", "")
		code, body := testAs(t, s, "admin1", formReq("/ui/admin/users", tc.set))
		if code != 422 || !besideField(string(body), tc.field, "") {
			t.Errorf("%s: %d, want 422 with an error beside %s\n%.600s", tc.name, code, tc.field, body)
		}
	}
	if _, err := auth.GetUser(context.Background(), st, "clerk8"); err == nil {
		t.Error("a refused form stored clerk8")
	}

	// disable: the user cannot sign in; enable: they can again; reset the password
	if code, body := testAs(t, s, "admin1", formReq("/ui/admin/users/clerk7/disable", url.Values{"_csrf": {""}})); code != 303 {
		t.Fatalf("disable: %d %.300s", code, body)
	}
	if resp := testLogin(t, s, "clerk7", "synthetic-pass-77"); resp.StatusCode != 401 {
		t.Errorf("disabled user signed in: %d", resp.StatusCode)
	}
	testAs(t, s, "admin1", formReq("/ui/admin/users/clerk7/enable", url.Values{"_csrf": {""}}))
	code, body = testAs(t, s, "admin1", formReq("/ui/admin/users/clerk7/password", url.Values{"_csrf": {""}, "password": {"x"}, "password2": {"x"}}))
	if code != 422 || !strings.Contains(string(body), "at least 10 characters") {
		t.Errorf("short reset password: %d", code)
	}
	testAs(t, s, "admin1", formReq("/ui/admin/users/clerk7/password", url.Values{"_csrf": {""}, "password": {"synthetic-new-pass"}, "password2": {"synthetic-new-pass"}}))
	if resp := testLogin(t, s, "clerk7", "synthetic-new-pass"); resp.StatusCode != 303 {
		t.Errorf("sign-in with the reset password: %d", resp.StatusCode)
	}
	// an officer may not create users
	form.Set("login", "clerk9")
	if code, _ := testAs(t, s, "officer1", formReq("/ui/admin/users", form)); code != 403 {
		t.Errorf("officer creating a user: %d", code)
	}
}

// Registry forms: a missing field comes back beside it; a good form is stored.
func TestAdminRegistryForms(t *testing.T) {
	s := recordsServer(t)
	for _, tc := range []struct {
		name, path string
		form       url.Values
		field      string
	}{
		{"agency without name", "/ui/admin/agencies", url.Values{"name": {""}, "level": {"县"}, "region": {"示例省"}}, "name"},
		{"officer without certificate", "/ui/admin/officers", url.Values{"name": {"某某（合成）"}, "agency_id": {records.DemoAgencyID}, "certificate.valid_from": {"2024-01-01"}}, "certificate.number"},
		{"officer bad date", "/ui/admin/officers", url.Values{"name": {"某某（合成）"}, "agency_id": {records.DemoAgencyID}, "certificate.number": {"X1"}, "certificate.valid_from": {"2024-13-01"}}, "certificate.valid_from"},
		{"power item bad kind", "/ui/admin/power-items", url.Values{"agency_id": {records.DemoAgencyID}, "code": {"T-1"}, "name": {"测试事项（合成）"}, "kind": {"magic"}}, "kind"},
	} {
		tc.form.Set("_csrf", "")
		code, body := testAs(t, s, "admin1", formReq(tc.path, tc.form))
		if code != 422 || !besideField(string(body), tc.field, "") {
			t.Errorf("%s: %d, want 422 with the error beside %s\n%.800s", tc.name, code, tc.field, body)
		}
	}
	form := url.Values{"_csrf": {""}, "name": {"测试局（合成）"}, "level": {"县"}, "region": {"示例省示例市"}, "domains": {"市场监管、食品安全"}, "profile.court": {"示例法院（合成）"}}
	code, body := testAs(t, s, "admin1", formReq("/ui/admin/agencies", form))
	if code != 303 {
		t.Fatalf("agency create: %d %.300s", code, body)
	}
	st, _ := s.Records()
	ags, _ := st.ListAgencies(context.Background())
	var got *records.Agency
	for i := range ags {
		if ags[i].Name == "测试局（合成）" {
			got = &ags[i]
		}
	}
	if got == nil || len(got.Domains) != 2 || got.Profile.Court != "示例法院（合成）" {
		t.Fatalf("stored agency %+v", got)
	}
}

var fileLineField = regexp.MustCompile(`broken\.json:\d+: [a-z_.\[\]0-9]+: `)

// A broken uploaded file: its file:line: field error is shown beside the file input.
func TestAdminUploadsShowFileLineField(t *testing.T) {
	s := recordsServer(t)
	broken := "{\n  \"name\": \"某局基准（合成）\",\n  \"entries\": []\n}\n"
	for _, path := range []string{"/ui/admin/benchmarks", "/ui/admin/agencies/" + records.DemoAgencyID + "/review-catalog"} {
		code, body := testAs(t, s, "admin1", uploadReq(t, path, "broken.json", broken))
		b := string(body)
		i := strings.Index(b, `name="file"`)
		if code != 422 || i < 0 || !fileLineField.MatchString(b[i:min(len(b), i+600)]) {
			t.Errorf("%s: %d, want the file:line: field error beside the file input\n%.800s", path, code, b[max(i, 0):])
		}
	}
	code, body := testAs(t, s, "admin1", formReq("/ui/admin/benchmarks", url.Values{"_csrf": {""}}))
	if code != 422 || !besideField(string(body), "file", "请选择") {
		t.Errorf("no file: %d %.300s", code, body)
	}
}

// The one-time setup link: refused without the right token, creates the
// first admin once, then is gone; a store with users has no link.
func TestSetupLink(t *testing.T) {
	t.Setenv("ZHIFA_DATABASE_URL", "")
	s := New(Options{DataDir: t.TempDir()})
	t.Cleanup(func() { s.Close(context.Background()) })
	ctx := context.Background()
	get := func(token string) (int, string) {
		resp, err := s.App.Test(httptest.NewRequest("GET", "/setup?token="+url.QueryEscape(token), nil), -1)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	post := func(form url.Values) (int, string) {
		resp, err := s.App.Test(formReq("/setup", form), -1)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	if code, _ := get("anything"); code != 404 {
		t.Errorf("no link opened: %d, want 404", code)
	}
	tok, err := s.OpenSetup(ctx)
	if err != nil || len(tok) < 32 {
		t.Fatalf("OpenSetup: %q %v", tok, err)
	}
	if code, _ := get("wrong"); code != 403 {
		t.Errorf("wrong token: %d, want 403", code)
	}
	if code, _ := get(""); code != 403 {
		t.Errorf("no token: %d, want 403", code)
	}
	code, body := get(tok)
	if code != 200 || !strings.Contains(body, `name="_csrf" value="`+tok+`"`) {
		t.Fatalf("right token: %d %.300s", code, body)
	}
	good := url.Values{"token": {tok}, "_csrf": {tok}, "login": {"root1"}, "password": {"synthetic-root-pw"}, "password2": {"synthetic-root-pw"}}
	wrong := url.Values{"token": {"wrong"}, "_csrf": {"wrong"}, "login": {"evil"}, "password": {"synthetic-root-pw"}, "password2": {"synthetic-root-pw"}}
	if code, _ := post(wrong); code != 403 {
		t.Errorf("post with a wrong token: %d", code)
	}
	bad := url.Values{"token": {tok}, "_csrf": {tok}, "login": {"root1"}, "password": {"synthetic-root-pw"}, "password2": {"other-pw-xxxx"}}
	if code, body := post(bad); code != 422 || !besideField(body, "password2", "不一致") {
		t.Errorf("passwords differ: %d %.300s", code, body)
	}
	if code, body := post(good); code != 303 {
		t.Fatalf("create the first admin: %d %.300s", code, body)
	}
	st, _ := s.Records()
	if ok, _ := auth.HasAdmin(ctx, st); !ok {
		t.Fatal("no admin after setup")
	}
	if _, err := auth.GetUser(ctx, st, "evil"); err == nil {
		t.Error("the wrong token created a user")
	}
	if resp := testLogin(t, s, "root1", "synthetic-root-pw"); resp.StatusCode != 303 {
		t.Errorf("the first admin signs in: %d", resp.StatusCode)
	}
	good.Set("login", "root2")
	if code, _ := post(good); code != 410 {
		t.Errorf("second use: %d, want 410", code)
	}
	if code, _ := get(tok); code != 410 {
		t.Errorf("visit after use: %d, want 410", code)
	}
	// a store with users gets no link
	if tok2, err := s.OpenSetup(ctx); err != nil || tok2 != "" {
		t.Errorf("OpenSetup on a store with users: %q %v", tok2, err)
	}
}
