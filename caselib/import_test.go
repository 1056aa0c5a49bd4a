package caselib

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"zhifa/search"
)

// Synthetic CSV and folder imports.
func TestImportCSVAndFolder(t *testing.T) {
	dir := t.TempDir()
	lib, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	res, err := lib.ImportCSV(strings.NewReader("id,title,text,fine,tags\n1,甲案,经查销售过期食品,5000,过期;食品\n2,,,,\n3,丙案,经查无证经营,abc,\n"), "c", nil)
	if err != nil {
		t.Fatal(err)
	}
	if res.Imported != 1 || res.Skipped != 2 || res.Errors[0].Line != 3 || res.Errors[1].Line != 4 {
		t.Fatalf("csv: %+v", res)
	}
	if c := lib.Get("1"); c == nil || *c.Fine != 5000 || len(c.Tags) != 2 || c.Collection != "c" {
		t.Fatalf("case 1: %+v", c)
	}
	folder := filepath.Join(dir, "txt")
	os.MkdirAll(folder, 0o755)
	os.WriteFile(filepath.Join(folder, "d1.txt"), []byte("\n某局行政处罚决定书\n经查，当事人……"), 0o600)
	if res, err := lib.ImportFile(folder, "f", nil); err != nil || res.Imported != 1 {
		t.Fatalf("folder: %+v %v", res, err)
	}
	if c := lib.Get("d1"); c == nil || c.Title != "某局行政处罚决定书" {
		t.Fatalf("folder case: %+v", c)
	}
	if err := lib.Save(); err != nil {
		t.Fatal(err)
	}
	again, err := Open(dir)
	if err != nil || again.Len() != 2 {
		t.Fatalf("reopen: %v %d", err, again.Len())
	}
}

// A judgment split into its parts (the LeCaRD/CAIL layout; synthetic text) is
// joined in document order, its facts part counted apart, and the charge the
// judgment names is what the ranking sees; the count survives a reopen.
func TestImportJudgmentParts(t *testing.T) {
	dir := t.TempDir()
	lib, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	line := `{"id":7,"title":"张某盗窃一案（合成）","text":"经审理查明，被告人张某曾因犯抢劫罪被判处有期徒刑。2018年，张某窃取手机一部。","court_reasoning":"本院认为，被告人张某以非法占有为目的，秘密窃取他人财物，判决如下：","judgment":"被告人张某犯盗窃罪，判处拘役三个月。"}` + "\n"
	if res, err := lib.ImportJSONL(strings.NewReader(line), "", nil); err != nil || res.Imported != 1 {
		t.Fatalf("import: %+v %v", res, err)
	}
	c := lib.Get("7")
	if !strings.Contains(c.Text, "本院认为") || !strings.HasSuffix(c.Text, "判处拘役三个月。") || strings.Index(c.Text, "本院认为") < strings.Index(c.Text, "窃取手机") {
		t.Fatalf("parts not joined in order: %q", c.Text)
	}
	if c.FactsTerms == 0 || c.FactsTerms >= len(c.Terms) {
		t.Fatalf("facts terms %d of %d", c.FactsTerms, len(c.Terms))
	}
	if err := lib.Save(); err != nil {
		t.Fatal(err)
	}
	lib.Close()
	again, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer again.Close()
	if g := again.Get("7"); g == nil || g.FactsTerms != c.FactsTerms {
		t.Fatalf("facts terms after reopen: %+v", g)
	}
	if got := search.JudgedCharges(c.Title, c.Text); len(got) != 1 || got[0] != "盗窃" {
		t.Errorf("judged charges %q, want 盗窃 (not the former 抢劫)", got)
	}
}
