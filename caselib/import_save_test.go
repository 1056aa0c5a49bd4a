package caselib

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"
)

func syntheticJSONL(n int) string {
	var b strings.Builder
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, `{"id":"s%03d","title":"行政处罚决定书（合成）","text":"当事人：某某%d号商店（合成）\n经查，当事人销售超过保质期的食品%d批次，货值金额%d元。\n以上事实有现场笔录为证。\n当事人的行为违反了《中华人民共和国食品安全法》第三十四条的规定。\n决定给予如下行政处罚：罚款%d元。","tags":["t%d"]}`+"\n",
			i%(n-3), i, i%9+1, 100*(i+1), 1000*(i%5+1), i)
		if i == n/2 {
			b.WriteString("{not json}\n")
		}
	}
	return b.String()
}

// A JSONL import written as it is read saves what importing, analysing and
// saving at the end saves (a later line of the same id wins; its tags are
// added to the earlier line's), and the same errors.
func TestImportFileSavedSameAsSaveAtEnd(t *testing.T) {
	src := syntheticJSONL(300) // ids s000..s296: the last three lines repeat ids
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write([]byte(src))
	zw.Close()
	files := t.TempDir()
	plain, packed := filepath.Join(files, "c.jsonl"), filepath.Join(files, "c.jsonl.gz")
	os.WriteFile(plain, []byte(src), 0o600)
	os.WriteFile(packed, gz.Bytes(), 0o600)

	before := t.TempDir()
	w, err := OpenWriter(before)
	if err != nil {
		t.Fatal(err)
	}
	wantRes, err := w.ImportFileWatch(plain, "合成", nil)
	if err != nil {
		t.Fatal(err)
	}
	w.Analyse()
	if err := w.Save(); err != nil {
		t.Fatal(err)
	}
	w.Close()
	want := loadAll(t, before)

	for _, f := range []string{plain, packed} {
		dir := t.TempDir()
		w, err := OpenWriter(dir)
		if err != nil {
			t.Fatal(err)
		}
		calls := 0
		res, err := w.ImportFileSaved(f, "合成", func(done int, read, size int64) { calls++ })
		w.Close()
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(res, wantRes) || calls != res.Imported/watchEvery {
			t.Fatalf("%s: %+v (%d progress calls), want %+v", f, res, calls, wantRes)
		}
		got := loadAll(t, dir)
		if len(got) != len(want) || len(got) != 297 {
			t.Fatalf("%s: %d cases, want %d", f, len(got), len(want))
		}
		for id, g := range got {
			wc := want[id]
			if id == "s000" || id == "s001" || id == "s002" {
				// written twice: the tags of both lines
				if len(g.Tags) != 2 || len(wc.Tags) != 1 || g.Tags[1] != wc.Tags[0] && g.Tags[0] != wc.Tags[0] {
					t.Fatalf("%s: tags %q, saved at the end %q", id, g.Tags, wc.Tags)
				}
				g.Tags, wc.Tags = nil, nil
			}
			if !reflect.DeepEqual(g, wc) {
				t.Fatalf("%s %s:\n%+v\nwant %+v", f, id, g, wc)
			}
		}
	}
}

type loadedCase struct {
	Case
	Terms []string
}

func loadAll(t *testing.T, dir string) map[string]loadedCase {
	t.Helper()
	l, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	out := map[string]loadedCase{}
	for _, c := range l.Cases("") {
		lc := loadedCase{Case: *c, Terms: l.TermsOf(c)}
		lc.termIDs = nil
		sort.Strings(lc.Tags)
		out[c.ID] = lc
	}
	return out
}

// A file that fails part way (a cut gzip stream) saves nothing.
func TestImportFileSavedFailsWhole(t *testing.T) {
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write([]byte(syntheticJSONL(2000)))
	zw.Close()
	f := filepath.Join(t.TempDir(), "cut.jsonl.gz")
	os.WriteFile(f, gz.Bytes()[:gz.Len()*3/4], 0o600)
	dir := t.TempDir()
	w, err := OpenWriter(dir)
	if err != nil {
		t.Fatal(err)
	}
	res, err := w.ImportFileSaved(f, "", nil)
	w.Close()
	if err == nil || res.Imported < saveChunk {
		t.Fatalf("cut file: %+v, %v (want an error after some cases were read)", res, err)
	}
	if got := loadAll(t, dir); len(got) != 0 {
		t.Fatalf("%d cases saved from a failed import", len(got))
	}
}
