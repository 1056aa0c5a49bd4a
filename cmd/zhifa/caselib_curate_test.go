package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Curation commands on a synthetic two-case library.
func TestCasesCuration(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(dir, "lib.jsonl")
	lib := `{"id":"c1","title":"甲超市销售过期食品案（合成）","text":"经查，当事人销售超过保质期的酸奶。","fine":5000}
{"id":"c2","title":"乙店无证经营案（合成）","text":"经查，当事人未取得许可从事经营。","fine":20000}
`
	if err := os.WriteFile(src, []byte(lib), 0o600); err != nil {
		t.Fatal(err)
	}
	data := filepath.Join(dir, "data")
	if _, errs, rc := runZ(t, "", "cases", "import", src, "--collection", "培训", "--data", data); rc != 0 {
		t.Fatalf("import: %s", errs)
	}
	for _, tc := range []struct {
		args []string
		rc   int
		out  string // in stdout (rc 0) or stderr
	}{
		{[]string{"cases", "tag", "c1", "食品", "过期"}, 0, `"过期"`},
		{[]string{"cases", "tag", "c1", "过期", "--remove"}, 0, `"tags": [
    "食品"
  ]`},
		{[]string{"cases", "tag", "nope", "x"}, 1, "case nope not found"},
		{[]string{"cases", "tag", "c1"}, 2, "usage"},
		{[]string{"cases", "tag", "c1", " "}, 2, "invalid TAG"},
		{[]string{"cases", "export", "--collection", "不存在"}, 1, "collection 不存在 not found"},
		{[]string{"cases", "annotate", "c1", "--author", "王教员", "--role", "trainer", "--text", "注意认定", "--quote", "超过保质期"}, 0, `"quote": "超过保质期"`},
		{[]string{"cases", "annotate", "c1", "--author", "王教员", "--role", "judge", "--text", "x"}, 2, "--role"},
		{[]string{"cases", "annotate", "c1", "--author", "王教员", "--text", ""}, 2, "--text"},
		{[]string{"cases", "annotate", "zz", "--author", "王教员", "--text", "x"}, 1, "case zz not found"},
		{[]string{"cases", "exemplary", "c2", "--by", "李审核", "--reason", "说理充分"}, 0, `"exemplary": true`},
		{[]string{"cases", "exemplary", "c2", "--by", "李审核"}, 2, "--reason"},
		{[]string{"cases", "collections"}, 0, `"exemplary": 1`},
		{[]string{"cases", "thread", "new", "c1", "--title", "保质期如何认定", "--author", "赵队员", "--role", "officer", "--text", "请教"}, 0, `"comments"`},
		{[]string{"cases", "thread", "new", "c1", "--title", "", "--author", "赵", "--role", "officer"}, 2, "--title"},
		{[]string{"cases", "thread", "comment", "t-none", "--author", "钱", "--role", "reviewer", "--text", "x"}, 1, "thread t-none not found"},
		{[]string{"cases", "thread", "bogus", "x"}, 2, "unknown thread subcommand"},
	} {
		out, errs, rc := runZ(t, "", append(tc.args, "--data", data)...)
		where := out
		if rc != 0 {
			where = errs
		}
		if rc != tc.rc || !strings.Contains(where, tc.out) {
			t.Errorf("%v: rc=%d out=%s err=%s", tc.args, rc, out, errs)
		}
	}
	// comment on the thread and show it in order
	out, _, _ := runZ(t, "", "cases", "thread", "list", "c1", "--data", data)
	var list struct{ Threads []struct{ ID string } }
	if err := json.Unmarshal([]byte(out), &list); err != nil || len(list.Threads) != 1 {
		t.Fatalf("thread list: %s %v", out, err)
	}
	id := list.Threads[0].ID
	if _, errs, rc := runZ(t, "", "cases", "thread", "comment", id, "--author", "钱审核", "--role", "reviewer", "--text", "按标注计算", "--data", data); rc != 0 {
		t.Fatal(errs)
	}
	out, _, _ = runZ(t, "", "cases", "thread", "show", id, "--data", data)
	var th struct {
		Comments []struct{ Author, Role, Text string }
	}
	if err := json.Unmarshal([]byte(out), &th); err != nil || len(th.Comments) != 2 || th.Comments[1].Role != "reviewer" {
		t.Fatalf("thread show: %s %v", out, err)
	}
	// export still writes the JSONL contract, with the curated tags
	out, _, rc := runZ(t, "", "cases", "export", "--collection", "培训", "--data", data)
	if rc != 0 || !strings.Contains(out, `"tags":["食品"]`) || !strings.Contains(out, `"exemplary":true`) {
		t.Fatalf("export: %s", out)
	}
	// the DOCX training pack carries the titles, the annotation and the discussion
	pack := filepath.Join(dir, "pack.docx")
	if _, errs, rc := runZ(t, "", "cases", "export", "--collection", "培训", "--format", "docx", "-o", pack, "--data", data); rc != 0 {
		t.Fatalf("docx export: %s", errs)
	}
	doc := docxText(t, pack)
	for _, want := range []string{"甲超市销售过期食品案（合成）", "乙店无证经营案（合成）", "注意认定", "保质期如何认定", "按标注计算", "典型/指导案例"} {
		if !strings.Contains(doc, want) {
			t.Errorf("pack lacks %q", want)
		}
	}
	if _, errs, rc := runZ(t, "", "cases", "export", "--collection", "没有", "--format", "docx", "-o", pack, "--data", data); rc != 1 || !strings.Contains(errs, "not found") {
		t.Errorf("unknown collection: rc=%d %s", rc, errs)
	}
	if _, _, rc := runZ(t, "", "cases", "export", "--format", "pdf", "--data", data); rc != 2 {
		t.Errorf("bad format: rc=%d", rc)
	}
}
