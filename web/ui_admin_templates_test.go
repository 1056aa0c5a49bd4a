package web

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"

	"zhifa/records"
)

// An admin uploads a document template: a broken one or an unknown name is
// refused beside the file input and changes nothing; a good one is used for
// the next draft at once (synthetic template text).
func TestAdminTemplateUpload(t *testing.T) {
	s := recordsServer(t)
	base, err := os.ReadFile("../drafting/templates/立案审批表.tmpl")
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name, file, content, want string
	}{
		{"a template that does not parse", "立案审批表.tmpl", "立案审批表\n{{need \"案由\" .Case.Title", "立案审批表.tmpl"},
		{"no such document", "不存在的文书.tmpl", string(base), "not the name of a template"},
		{"agency.json with an unknown field", "agency.json", `{"name":"x","motto":"y"}`, "agency.json"},
	}
	for _, tc := range cases {
		code, body := testAs(t, s, "admin1", uploadReq(t, "/ui/admin/templates", tc.file, tc.content))
		if code != 422 || !strings.Contains(string(body), `class="err"`) || !strings.Contains(string(body), tc.want) || strings.Contains(string(body), ".templates-check-") {
			t.Errorf("%s: %d %.600s", tc.name, code, body)
		}
	}
	if _, err := os.Stat(s.templatesDir() + "/不存在的文书.tmpl"); err == nil {
		t.Errorf("a refused file was written")
	}
	marker := "（本机关模板：合成测试）"
	good := strings.Replace(string(base), "承办人意见：", marker+"\n承办人意见：", 1)
	if code, body := testAs(t, s, "admin1", uploadReq(t, "/ui/admin/templates", "立案审批表.tmpl", good)); code != http.StatusSeeOther {
		t.Fatalf("good template: %d %.300s", code, body)
	}
	if code, _ := testAs(t, s, "officer1", httptest.NewRequest(http.MethodGet, "/ui/admin/templates", nil)); code != 403 {
		t.Errorf("an officer opened the template page: %d", code)
	}
	if code, body := testAs(t, s, "officer1", jsonReq(http.MethodPost, "/api/v1/cases/demo-case-10/documents", `{"kind":"立案审批表"}`)); code >= 300 {
		t.Fatalf("draft: %d %s", code, body)
	}
	st, _ := s.Records()
	docs, err := st.ListDocuments(context.Background(), "demo-case-10")
	if err != nil || len(docs) == 0 {
		t.Fatalf("documents: %v %v", docs, err)
	}
	b, err := st.ReadFile(docs[len(docs)-1].SHA256)
	if err != nil {
		t.Fatal(err)
	}
	if txt := records.DocumentText(b); !strings.Contains(txt, marker) {
		t.Errorf("the draft does not use the uploaded template: %.400s", txt)
	}
}
