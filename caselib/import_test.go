package caselib

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
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
