package caselib

import (
	"context"
	"errors"
	"fmt"
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

// An import whose context ends (its client has gone) stops reading and says
// so; the lines already read are all it handled.
func TestImportStopsWithContext(t *testing.T) {
	lib, err := Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	var in strings.Builder
	for i := 0; i < 4000; i++ {
		fmt.Fprintf(&in, `{"id":"c%d","title":"合成","text":"经查，当事人销售过期食品。"}`+"\n", i)
	}
	for _, kind := range []string{"jsonl", "csv"} {
		ctx, cancel := context.WithCancel(context.Background())
		progress := func(done int) {
			if done >= 1000 {
				cancel()
			}
		}
		var res ImportResult
		if kind == "jsonl" {
			res, err = lib.ImportJSONLContext(ctx, strings.NewReader(in.String()), "c", progress)
		} else {
			var csv strings.Builder
			csv.WriteString("id,title,text\n")
			for i := 0; i < 4000; i++ {
				fmt.Fprintf(&csv, "k%d,合成,经查\n", i)
			}
			res, err = lib.ImportCSVContext(ctx, strings.NewReader(csv.String()), "c", progress)
		}
		cancel()
		if !errors.Is(err, context.Canceled) {
			t.Errorf("%s: err = %v, want the cancellation", kind, err)
		}
		if res.Imported >= 4000 || res.Imported < 1000 {
			t.Errorf("%s: %d of 4000 imported after the cancellation at 1000", kind, res.Imported)
		}
	}
}
