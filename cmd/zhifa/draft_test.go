package main

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestDraftCommand(t *testing.T) {
	t.Setenv("ZHIFA_DATABASE_URL", "")
	dir := t.TempDir()
	if code, _, errs := runRec(t, "", "demo", "--data", dir); code != 0 {
		t.Fatal(errs)
	}
	out := filepath.Join(dir, "d.docx")
	code, stdout, errs := runRec(t, "", "draft", "--kind", "行政处罚决定书", "--case", "demo-case-01", "--data", dir, "-o", out)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var sum draftSummary
	if err := json.Unmarshal([]byte(stdout), &sum); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(out)
	if err != nil || len(b) != sum.Size || !strings.Contains(sum.Number, "〔2026〕") || len(sum.SHA256) != 64 {
		t.Fatalf("summary %s, file %d bytes, %v", stdout, len(b), err)
	}
	code, _, errs = runRec(t, "", "draft", "--kind", "不存在", "--case", "demo-case-01", "--data", dir, "-o", out)
	if code == 0 || !strings.Contains(errs, "行政处罚决定书") {
		t.Errorf("unknown kind: exit %d, %s", code, errs)
	}
	code, _, errs = runRec(t, "", "draft", "--kind", "行政处罚决定书", "--case", "nope", "--data", dir, "-o", out)
	if code == 0 || !strings.Contains(errs, "nope") {
		t.Errorf("unknown case: exit %d, %s", code, errs)
	}
	if after, _ := os.ReadFile(out); !bytes.Equal(after, b) {
		t.Error("a failed draft changed the earlier output file")
	}
	// an output nobody can write uses up no 文号, and a redraft keeps the decision's number 1
	code, _, errs = runRec(t, "", "draft", "--kind", "行政处罚决定书", "--case", "demo-case-01", "--data", dir, "-o", filepath.Join(dir, "no", "such", "dir.docx"))
	if code == 0 || !strings.Contains(errs, "-o") {
		t.Errorf("unwritable -o: exit %d, %s", code, errs)
	}
	_, stdout, _ = runRec(t, "", "draft", "--kind", "行政处罚决定书", "--case", "demo-case-01", "--data", dir, "-o", out)
	if err := json.Unmarshal([]byte(stdout), &sum); err != nil || !strings.HasSuffix(sum.Number, "〔2026〕1号") {
		t.Errorf("number after a failed -o: %s %v", stdout, err)
	}
}

// docxText is the text of word/document.xml in a .docx file.
func docxText(t *testing.T, path string) string {
	t.Helper()
	zr, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	for _, f := range zr.File {
		if f.Name == "word/document.xml" {
			rc, _ := f.Open()
			b, _ := io.ReadAll(rc)
			rc.Close()
			return string(b)
		}
	}
	t.Fatalf("%s: no word/document.xml", path)
	return ""
}

func TestDraftTemplatesDir(t *testing.T) {
	t.Setenv("ZHIFA_DATABASE_URL", "")
	dir := t.TempDir()
	if code, _, errs := runRec(t, "", "demo", "--data", dir); code != 0 {
		t.Fatal(errs)
	}
	agency := filepath.Join(t.TempDir(), "agency")
	if err := os.Mkdir(agency, 0o755); err != nil {
		t.Fatal(err)
	}
	write := func(name, body string) {
		if err := os.WriteFile(filepath.Join(agency, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("agency.json", `{"bank_name":"示例县农商银行城东支行（合成）","bank_account":"8888-0000-1111（合成）"}`)
	out := filepath.Join(dir, "d.docx")
	code, _, errs := runRec(t, "", "draft", "--kind", "行政处罚决定书", "--case", "demo-case-01", "--data", dir, "--templates", agency, "-o", out)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if x := docxText(t, out); !strings.Contains(x, "8888-0000-1111（合成）") || strings.Contains(x, "6200000000000000000") {
		t.Error("the decision does not use the agency directory's bank account")
	}
	// the same from the environment
	t.Setenv("ZHIFA_TEMPLATES", agency)
	if code, _, errs := runRec(t, "", "draft", "--kind", "行政处罚决定书", "--case", "demo-case-01", "--data", dir, "-o", out); code != 0 || !strings.Contains(docxText(t, out), "8888-0000-1111") {
		t.Fatalf("ZHIFA_TEMPLATES: exit %d: %s", code, errs)
	}
	t.Setenv("ZHIFA_TEMPLATES", "")

	write("agency.json", "{\n  \"bank_account\": 8888\n}")
	code, _, errs = runRec(t, "", "draft", "--kind", "行政处罚决定书", "--case", "demo-case-01", "--data", dir, "--templates", agency, "-o", out)
	if code == 0 || !strings.Contains(errs, "agency.json") || !strings.Contains(errs, "line 2") {
		t.Errorf("bad agency.json: exit %d, %s", code, errs)
	}
	code, _, errs = runRec(t, "", "serve", "--addr", "127.0.0.1:0", "--data", dir, "--templates", agency)
	if code == 0 || !strings.Contains(errs, "agency.json") {
		t.Errorf("serve with a bad templates directory: exit %d, %s", code, errs)
	}
	write("agency.json", `{}`)
	write("送达回证.tmpl", "送达回证\n{{.Party.Nmae}}\n")
	code, _, errs = runRec(t, "", "draft", "--kind", "送达回证", "--case", "demo-case-01", "--data", dir, "--templates", agency, "-o", out)
	if code == 0 || !strings.Contains(errs, "送达回证.tmpl") || !strings.Contains(errs, "Nmae") {
		t.Errorf("bad template: exit %d, %s", code, errs)
	}
}
