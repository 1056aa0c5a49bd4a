package drafting

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func writeDir(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, body := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func embeddedTemplate(t *testing.T, kind string) string {
	t.Helper()
	b, err := templateFS.ReadFile("templates/" + kind + ".tmpl")
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// An agency directory (synthetic data): its decision template and profile replace the
// embedded template and the record's letterhead data.
func TestLoadDirOverlay(t *testing.T) {
	decision := strings.Replace(embeddedTemplate(t, "行政处罚决定书"), "行政处罚决定书\n", "行政处罚决定书\n（示例局格式，合成）\n", 1)
	dir := writeDir(t, map[string]string{
		"行政处罚决定书.tmpl": decision,
		"agency.json": `{
  "name": "示例区市场监督管理局（合成）",
  "seal_text": "示例区市场监督管理局（合成印章）",
  "bank_name": "示例区农村商业银行（合成）",
  "bank_account": "1111-2222-3333（合成）",
  "legal_review_body": "示例区市场监督管理局法制科（合成）",
  "reconsideration_body": "示例区人民政府（合成）",
  "court": "示例区人民法院（合成）"
}`,
		".swp": "editor file, ignored",
	})
	tpl, err := LoadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	d, err := tpl.Fill("行政处罚决定书", sample())
	if err != nil {
		t.Fatal(err)
	}
	text := strings.Join(d.Paragraphs, "\n")
	for _, want := range []string{"（示例局格式，合成）", "1111-2222-3333（合成）", "示例区农村商业银行（合成）", "示例区人民政府（合成）", "示例区人民法院（合成）", "示例区市场监督管理局（合成印章）"} {
		if !strings.Contains(text, want) {
			t.Errorf("decision lacks %q:\n%s", want, text)
		}
	}
	if strings.Contains(text, "0000-0000") {
		t.Error("the record's bank account was not overridden")
	}
	d, _ = tpl.Fill("法制审核意见书", sample())
	if !strings.Contains(strings.Join(d.Paragraphs, ""), "法制审核机构：示例区市场监督管理局法制科（合成）") {
		t.Errorf("legal review body: %v", d.Paragraphs)
	}
	// a kind the directory does not replace is the embedded one
	d1, _ := tpl.Fill("送达回证", sample())
	d2, _ := Fill("送达回证", sample())
	if strings.Join(d1.Paragraphs, "") == "" || d1.Title != d2.Title {
		t.Errorf("送达回证 changed: %v", d1)
	}
	// nil and Embedded are the built-in set
	var none *Templates
	for _, set := range []*Templates{none, Embedded()} {
		if d, err := set.Fill("行政处罚决定书", sample()); err != nil || !strings.Contains(strings.Join(d.Paragraphs, ""), "0000-0000") {
			t.Errorf("built-in templates: %v %v", d, err)
		}
	}
}

func TestLoadDirRejects(t *testing.T) {
	decision := embeddedTemplate(t, "行政处罚决定书")
	for _, tc := range []struct {
		name  string
		files map[string]string
		want  []string // all must appear in the error
	}{
		{"template does not parse", map[string]string{"行政处罚决定书.tmpl": "行政处罚决定书\n{{need \"x\" .Facts"},
			[]string{"行政处罚决定书.tmpl", "行政处罚决定书:2"}},
		{"unknown field", map[string]string{"听证通知书.tmpl": "听证通知书\n\n{{.Party.Nmae}}"},
			[]string{"听证通知书.tmpl", "Nmae", "听证通知书:3"}},
		{"unknown field in a branch an empty model skips", map[string]string{"行政处罚决定书.tmpl": decision + "{{if .Fine}}{{.Agency.Account}}{{end}}\n"},
			[]string{"行政处罚决定书.tmpl", "Account"}},
		{"unknown function", map[string]string{"送达回证.tmpl": "送达回证\n{{nosuch .Facts}}"},
			[]string{"送达回证.tmpl", "nosuch"}},
		{"empty title", map[string]string{"送达回证.tmpl": "\n\n"}, []string{"送达回证.tmpl", "title"}},
		{"file that is no template", map[string]string{"行政处罚决定.tmpl": decision}, []string{"行政处罚决定.tmpl", "not the name of a template"}},
		{"agency.json syntax", map[string]string{"agency.json": "{\n  \"name\": \"x\",\n  \"bank_account\": \n}"}, []string{"agency.json", "line 4"}},
		{"agency.json unknown field", map[string]string{"agency.json": "{\n  \"name\": \"x\",\n  \"review_body\": \"y\"\n}"}, []string{"agency.json", "review_body", "line 3"}},
		{"agency.json wrong type", map[string]string{"agency.json": "{\n\n  \"court\": 1\n}"}, []string{"agency.json", "line 3", "court"}},
		{"agency.json two objects", map[string]string{"agency.json": "{}\n{}"}, []string{"agency.json", "line 2"}},
		{"agency.json empty", map[string]string{"agency.json": ""}, []string{"agency.json", "empty"}},
		{"hearing.json without thresholds", map[string]string{"hearing.json": `{"person_min": 10000}`}, []string{"hearing.json", "organization_min"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := LoadDir(writeDir(t, tc.files))
			if err == nil {
				t.Fatal("accepted")
			}
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q lacks %q", err, w)
				}
			}
		})
	}
	if _, err := LoadDir(filepath.Join(t.TempDir(), "nope")); err == nil {
		t.Error("missing directory accepted")
	}
	dir := writeDir(t, nil)
	if err := os.Mkdir(filepath.Join(dir, "sub"), 0o755); err != nil {
		t.Fatal(err)
	}
	if _, err := LoadDir(dir); err == nil || !strings.Contains(err.Error(), "sub") {
		t.Errorf("subdirectory: %v", err)
	}
}

// An agency template saved with Windows line endings gives the same title.
func TestLoadDirCRLF(t *testing.T) {
	crlf := strings.ReplaceAll(embeddedTemplate(t, "送达回证"), "\n", "\r\n")
	tpl, err := LoadDir(writeDir(t, map[string]string{"送达回证.tmpl": crlf}))
	if err != nil {
		t.Fatal(err)
	}
	d, err := tpl.Fill("送达回证", sample())
	if err != nil {
		t.Fatal(err)
	}
	if d.Title != "送达回证" || strings.ContainsRune(strings.Join(d.Paragraphs, ""), '\r') {
		t.Errorf("title %q, paragraphs %q", d.Title, d.Paragraphs)
	}
}
