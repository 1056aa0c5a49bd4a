package caselib

import (
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"zhifa/search"
)

// The terms column is read as json.Unmarshal reads it, escapes included,
// and what is not an array of strings is refused.
func TestVocabDecode(t *testing.T) {
	for _, terms := range [][]string{{}, {"销售"}, {"销售", "过期", "食品", "销售"}, {`引"号`, `反\斜`, "<em>", "a&b", "\u2028", "tab\t", ""}} {
		b, _ := json.Marshal(terms)
		for _, raw := range []string{string(b), " " + strings.ReplaceAll(string(b), ",", " , ") + "\n"} {
			v := newVocab()
			ids, err := v.decode([]byte(raw))
			if err != nil {
				t.Fatalf("%s: %v", raw, err)
			}
			if got := v.terms(ids); !reflect.DeepEqual(got, terms) {
				t.Fatalf("%s: got %q, want %q", raw, got, terms)
			}
		}
	}
	v := newVocab()
	if ids, err := v.decode([]byte("null")); err != nil || ids == nil || len(ids) != 0 {
		t.Fatalf("null: %v %v", ids, err)
	}
	for _, bad := range []string{``, `[`, `["a"`, `["a",]`, `["a" "b"]`, `[1]`, `{"a":1}`, `["a\"]`} {
		if _, err := v.decode([]byte(bad)); err == nil {
			t.Fatalf("%q accepted", bad)
		}
	}
	v = newVocab()
	a, _ := v.decode([]byte(`["x","y"]`))
	b, _ := v.decode([]byte(`["y","x"]`))
	if a[0] != b[1] || a[1] != b[0] || len(v.words) != 2 {
		t.Fatalf("words not shared: %v %v %q", a, b, v.words)
	}
}

// A library loaded from its store (terms as ids into one vocabulary, its
// terms dropped once ranked) ranks exactly as the same cases analysed in
// memory, and the unequal-penalties report over the server's ranking is the
// one built from the library.
func TestLoadedLibraryRanksTheSame(t *testing.T) {
	dir := t.TempDir()
	w, err := OpenWriter(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	var lines strings.Builder
	violations := []string{"销售超过保质期的食品", "未取得食品经营许可从事食品经营", "生产经营标签不符合规定的食品", "使用不合格的计量器具", "销售不符合安全标准的儿童玩具"}
	for i := 0; i < 60; i++ {
		v := violations[i%len(violations)]
		fine := 1000 * (1 + i%7)
		fmt.Fprintf(&lines, `{"id":"c%02d","title":"行政处罚决定书（合成）","text":"当事人：某某%d号商店（合成）\n经查，当事人%s，货值金额%d元，违法所得%d元。\n以上事实有现场笔录为证。\n当事人的行为违反了《中华人民共和国食品安全法》第三十四条的规定。\n决定给予如下行政处罚：罚款%d元。","fine":%d,"agency":"某市监局（合成）"}`+"\n",
			i, i, v, 100*(i+1), 10*(i+1), fine, fine)
	}
	if _, err := w.ImportJSONL(strings.NewReader(lines.String()), "合成", nil); err != nil {
		t.Fatal(err)
	}
	if err := w.Save(); err != nil {
		t.Fatal(err)
	}
	loaded, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer loaded.Close()
	for _, c := range loaded.Cases("") {
		if c.Terms != nil || c.termIDs == nil {
			t.Fatalf("%s loaded with %d terms as strings, %d as ids", c.ID, len(c.Terms), len(c.termIDs))
		}
		if got, want := loaded.TermsOf(c), w.Get(c.ID).Terms; !reflect.DeepEqual(got, want) {
			t.Fatalf("%s: terms %q, imported %q", c.ID, got, want)
		}
	}
	inMemory, loadedRk := w.Ranker(""), loaded.Ranker("")
	for _, facts := range append(violations, "当事人销售过期食品，货值金额300元", "计量器具") {
		for _, q := range []search.CaseQuery{{Top: 20}, {Top: 5, Plain: true}, {Only: []string{"c03", "c07", "c44"}}} {
			if a, b := inMemory.Rank(facts, q), loadedRk.Rank(facts, q); !reflect.DeepEqual(a, b) {
				t.Fatalf("%s %+v:\nin memory %+v\nloaded    %+v", facts, q, a, b)
			}
		}
	}
	want := w.UnequalReport(nil, "", 0.5, 2)
	loaded.DropRankingInputs()
	for _, c := range loaded.Cases("") {
		if c.Terms != nil || c.termIDs != nil || c.Structure != nil {
			t.Fatalf("%s kept its terms or structure", c.ID)
		}
	}
	if len(want) == 0 {
		t.Fatal("no unequal pairs in the synthetic library: the comparison says nothing")
	}
	if got := loaded.UnequalReport(loadedRk, "", 0.5, 2); !reflect.DeepEqual(got, want) {
		t.Fatalf("report over the server's ranking: %d pairs, want %d\n%+v\nwant %+v", len(got), len(want), got[:min(2, len(got))], want[:2])
	}
	if got := loaded.UnequalReport(loadedRk, "合成", 0.5, 2); !reflect.DeepEqual(got, want) {
		t.Fatalf("report of the one collection: %d pairs, want %d", len(got), len(want))
	}
}
