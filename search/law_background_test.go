package search

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"zhifa/corpora"
)

// smallCorpus is a corpus of synthetic law files (small indexes build in
// well under a second).
func smallCorpus(t *testing.T, texts map[string]string) *corpora.Corpus {
	t.Helper()
	dir := t.TempDir()
	for name, body := range texts {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	c, err := corpora.FromDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

const (
	synthA = "# 某某市后备索引条例\n\n2026年1月1日 通过（合成的测试数据）\n\n<!-- INFO END -->\n\n第一条 为了测试后备索引，制定本条例。\n"
	synthB = "# 某某市背景索引条例\n\n2026年1月1日 通过（合成的测试数据）\n\n<!-- INFO END -->\n\n第一条 为了测试后台建立索引，制定本条例。\n\n第二条 本条例自公布之日起施行。\n"
)

// While the whole corpus is indexed the fallback (in production, the core
// texts) answers; then the whole index is swapped in, and the next start
// opens it at once.
func TestLawIndexerBackground(t *testing.T) {
	small := smallCorpus(t, map[string]string{"a.md": synthA})
	old := fallbackCorpus
	fallbackCorpus = func() *corpora.Corpus { return small }
	defer func() { fallbackCorpus = old }()
	full := smallCorpus(t, map[string]string{"a.md": synthA, "b.md": synthB})

	data := t.TempDir()
	b, err := StartLawIndex(data, full)
	if err != nil {
		t.Fatal(err)
	}
	if st := b.Status(); st.State != IndexBuilding && st.State != IndexReady || st.Articles != 3 {
		t.Errorf("status at start %+v", st)
	}
	if hits, err := b.Index().Search("后备索引", LawQuery{}); err != nil || len(hits) == 0 {
		t.Errorf("fallback index while building: %d hits %v", len(hits), err)
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
	b, err = StartLawIndex(data, full)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	if st := b.Status(); st.State != IndexReady || st.Serving != "all" {
		t.Errorf("second start: %+v, want the index built before", st)
	}
}

// Closing during a build stops it; the index is not installed.
func TestLawIndexerStop(t *testing.T) {
	small := smallCorpus(t, map[string]string{"a.md": synthA})
	old := fallbackCorpus
	fallbackCorpus = func() *corpora.Corpus { return small }
	defer func() { fallbackCorpus = old }()
	b, err := StartLawIndex(t.TempDir(), corpora.Core())
	if err != nil {
		t.Fatal(err)
	}
	if err := b.Close(); err != nil {
		t.Fatal(err)
	}
	if st := b.Status(); st.State == IndexBuilding || st.Serving != "core" {
		t.Errorf("after Close during the build: %+v", st)
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
