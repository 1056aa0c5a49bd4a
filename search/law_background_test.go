package search

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"zhifa/corpora"
)

// While the whole corpus is indexed the core texts answer; then the whole
// index is swapped in, and the next start opens it at once.
func TestLawIndexerBackground(t *testing.T) {
	data := t.TempDir()
	src := t.TempDir()
	law := "# 某某市背景索引条例\n\n2026年1月1日 通过（合成的测试数据）\n\n<!-- INFO END -->\n\n第一条 为了测试后台建立索引，制定本条例。\n"
	if err := os.WriteFile(filepath.Join(src, "beijing-suoyin.md"), []byte(law), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := corpora.IngestLaws(src, data); err != nil {
		t.Fatal(err)
	}
	c, err := corpora.LoadOn(corpora.Core(), data)
	if err != nil {
		t.Fatal(err)
	}
	b, err := StartLawIndex(data, c)
	if err != nil {
		t.Fatal(err)
	}
	if st := b.Status(); st.State != IndexBuilding && st.State != IndexReady || st.Articles != 7369 {
		t.Errorf("status at start %+v", st)
	}
	if hits, err := b.Index().Search("首违不罚", LawQuery{}); err != nil || len(hits) == 0 {
		t.Errorf("core index while building: %d hits %v", len(hits), err)
	}
	b.Wait()
	st := b.Status()
	if st.State != IndexReady || st.Serving != "all" || st.Indexed != st.Articles {
		t.Errorf("status after the build %+v", st)
	}
	hits, err := b.Index().Search("后台建立索引", LawQuery{})
	if err != nil || len(hits) == 0 || hits[0].Law != "某某市背景索引条例" {
		t.Errorf("whole index: %+v %v", hits, err)
	}
	if err := b.Close(); err != nil {
		t.Fatal(err)
	}
	b, err = StartLawIndex(data, c)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	if st := b.Status(); st.State != IndexReady || st.Serving != "all" {
		t.Errorf("second start: %+v, want the index built before", st)
	}
}

// Closing during a build stops it.
func TestLawIndexerStop(t *testing.T) {
	b, err := StartLawIndex(t.TempDir(), corpora.Core())
	if err != nil {
		t.Fatal(err)
	}
	if err := b.Close(); err != nil {
		t.Fatal(err)
	}
	if st := b.Status(); st.State == IndexBuilding {
		t.Errorf("still building after Close: %+v", st)
	}
}

func testLevelProvince(t *testing.T, ix *LawIndex) {
	hits, err := ix.Search("大气污染 罚款", LawQuery{Top: 30})
	if err != nil {
		t.Fatal(err)
	}
	levels := map[string]bool{}
	for _, h := range hits {
		levels[h.Level] = true
		if h.Level == "" || h.Issuer == "" {
			t.Errorf("%s %s: level %q issuer %q", h.Law, h.Label, h.Level, h.Issuer)
		}
	}
	if !levels[corpora.LevelLocalReg] || !levels[corpora.LevelLaw] {
		t.Fatalf("levels %v: the test needs a local regulation and a law among the hits", levels)
	}
	for _, tt := range []struct {
		o    LawQuery
		keep func(LawHit) bool
	}{
		{LawQuery{Level: corpora.LevelLocalReg}, func(h LawHit) bool { return h.Level == corpora.LevelLocalReg }},
		{LawQuery{Level: corpora.LevelLaw}, func(h LawHit) bool { return h.Level == corpora.LevelLaw }},
		{LawQuery{Province: "广东"}, func(h LawHit) bool { return true }},
		{LawQuery{Province: "浙江省"}, func(h LawHit) bool { return h.Level != corpora.LevelLocalReg }},
	} {
		tt.o.Top = 30
		got, err := ix.Search("大气污染 罚款", tt.o)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) == 0 {
			t.Errorf("%+v: no hits", tt.o)
		}
		for _, h := range got {
			if !tt.keep(h) {
				t.Errorf("%+v: %s %s (%s) kept", tt.o, h.Law, h.Label, h.Level)
			}
		}
		if tt.o.Province == "广东" && len(got) != len(hits) {
			t.Errorf("province 广东: %d hits, want all %d (national and 广东)", len(got), len(hits))
		}
	}
	for _, tt := range []struct {
		o   LawQuery
		err error
	}{
		{LawQuery{Level: "地方政府规章"}, ErrUnknownLevel},
		{LawQuery{Level: corpora.LevelGuidingCase}, ErrUnknownLevel},
		{LawQuery{Province: "西藏"}, ErrUnknownProv},
	} {
		if _, err := ix.Search("罚款", tt.o); !errors.Is(err, tt.err) {
			t.Errorf("%+v: %v, want %v", tt.o, err, tt.err)
		}
	}
}
