package caselib

import (
	"bytes"
	"strings"
	"testing"
)

// Any bytes import as cases or as errors naming their line: never a panic,
// never a case past its bounds. Seeds: testdata/fuzz (run as normal tests).
func FuzzImportJSONL(f *testing.F) {
	for _, s := range []string{`{"id":"1","title":"合成","text":"经查，当事人销售过期食品，罚款5000元。"}`,
		`{"id":1,"text":"x","fine":"abc"}` + "\n" + `{"id":null}`, `[]`, `{"id":"a","text":"\u0000"}`, "{\"id\":\"x\",\"text\":\"\xff\"}"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		lib, err := Open(t.TempDir())
		if err != nil {
			t.Fatal(err)
		}
		res, err := lib.ImportJSONL(bytes.NewReader(data), "fuzz", nil)
		checkImport(t, lib, res, err, bytes.Count(data, []byte("\n"))+1)
	})
}

func FuzzImportCSV(f *testing.F) {
	for _, s := range []string{"id,title,text,fine,tags\n1,甲,经查销售过期食品,5000,过期;食品\n", "id\n\"unterminated\n", "title\nx\n", "id,fine\n1,-5\n2,1e400\n"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		lib, err := Open(t.TempDir())
		if err != nil {
			t.Fatal(err)
		}
		res, err := lib.ImportCSV(bytes.NewReader(data), "fuzz", nil)
		if err != nil && res.Imported == 0 {
			return // a header that cannot be read refuses the file
		}
		checkImport(t, lib, res, err, bytes.Count(data, []byte("\n"))+2)
	})
}

func checkImport(t *testing.T, lib *Library, res ImportResult, err error, lines int) {
	t.Helper()
	if err != nil && !strings.Contains(err.Error(), "import") {
		t.Fatalf("error without context: %v", err)
	}
	if len(res.Errors) != res.Skipped {
		t.Fatalf("%d skipped, %d errors", res.Skipped, len(res.Errors))
	}
	for _, e := range res.Errors {
		if e.Line < 1 || e.Line > lines || e.Message == "" {
			t.Fatalf("error %+v names no line of %d", e, lines)
		}
	}
	if lib.Len() > res.Imported {
		t.Fatalf("%d cases stored, %d imported", lib.Len(), res.Imported)
	}
	for _, c := range lib.Cases("") {
		id := c.ID
		if len(c.Text) > MaxTextBytes || len(c.ID) > MaxShortBytes || badText(c.Text) || badText(c.Title) {
			t.Fatalf("case %q past its bounds was stored", id)
		}
	}
}
