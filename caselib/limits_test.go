package caselib

import (
	"runtime"
	"strings"
	"testing"
	"time"

	"zhifa/internal/safezip/ziptest"
)

// A .docx of a few kilobytes that inflates to 60 MB of text once ran for
// minutes; now it is one refused line, at once and in little memory.
func TestImportUploadDocxBomb(t *testing.T) {
	lib, err := Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		b    []byte
		want string
	}{
		{"declared 60 MB", ziptest.Bomb(60<<20, false), "unpacks to"},
		{"lying header", ziptest.Bomb(40<<20, true), "docx"},
		// within the archive limits, past the text limit
		{"text past the limit", ziptest.Bomb(8<<20, false), "longer than"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var before runtime.MemStats
			runtime.GC()
			runtime.ReadMemStats(&before)
			start := time.Now()
			res, err := lib.ImportUpload("bomb.docx", tc.b, "c")
			took := time.Since(start)
			var after runtime.MemStats
			runtime.ReadMemStats(&after)
			if err != nil || res.Imported != 0 || len(res.Errors) != 1 || !strings.Contains(res.Errors[0].Message, tc.want) {
				t.Fatalf("%d-byte bomb: %+v %v, want one error with %q", len(tc.b), res, err, tc.want)
			}
			if took > 10*time.Second {
				t.Errorf("took %v", took)
			}
			if grew := after.TotalAlloc - before.TotalAlloc; grew > 200<<20 {
				t.Errorf("allocated %d MB", grew>>20)
			}
			if lib.Get("bomb") != nil {
				t.Error("the bomb was stored")
			}
		})
	}
}

func TestImportFieldBounds(t *testing.T) {
	lib, err := Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	long := strings.Repeat("长", MaxTextBytes/3+1)
	in := `{"id":"ok","title":"合成","text":"经查"}` + "\n" +
		`{"id":"t","title":"合成","text":"` + long + `"}` + "\n" +
		`{"id":"` + strings.Repeat("i", MaxShortBytes+1) + `","text":"经查"}` + "\n" +
		`{"id":"g","text":"经查","tags":["` + strings.Repeat("x", MaxShortBytes+1) + `"]}` + "\n" +
		`{"id":"l","text":"` + strings.Repeat("长", maxLineBytes/3+1) + `"}` + "\n" +
		`{"id":"after","title":"合成","text":"经查"}` + "\n"
	res, err := lib.ImportJSONL(strings.NewReader(in), "c", nil)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"text is", "id is", "tags[0] is", "line is longer"}
	if res.Imported != 2 || len(res.Errors) != len(want) {
		t.Fatalf("%d imported, errors %v", res.Imported, res.Errors)
	}
	for i, w := range want {
		if !strings.Contains(res.Errors[i].Message, w) || res.Errors[i].Line != i+2 {
			t.Errorf("error %d: %+v, want line %d with %q", i, res.Errors[i], i+2, w)
		}
	}
	if lib.Get("after") == nil {
		t.Error("the line after a long one was lost")
	}
}
