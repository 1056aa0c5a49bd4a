package search

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"zhifa/corpora"
)

// TestLawIndex builds the index once and runs every test that needs it.
func TestLawIndex(t *testing.T) {
	ix, err := OpenLawIndex(t.TempDir(), corpora.Core())
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	t.Run("ranking", func(t *testing.T) { testRanking(t, ix) })
	t.Run("filters", func(t *testing.T) { testFilters(t, ix) })
	t.Run("level and province", func(t *testing.T) { testLevelProvince(t, ix) })
	t.Run("phrase", func(t *testing.T) { testPhrase(t, ix) })
	t.Run("highlight", func(t *testing.T) { testHighlight(t, ix) })
	t.Run("citation in query", func(t *testing.T) { testCitationQuery(t, ix) })
	t.Run("bad input", func(t *testing.T) { testBadInput(t, ix) })
	t.Run("bm25", func(t *testing.T) { testBM25(t, ix) })
	t.Run("norm push", func(t *testing.T) { testNormPush(t, ix) })
	t.Run("norm push, sector", func(t *testing.T) { testNormPushSector(t, ix) })
	t.Run("norm push, long facts", func(t *testing.T) { testNormPushLong(t, ix) })
	t.Run("norm push, cancelled", func(t *testing.T) { testNormPushCancelled(t, ix) })
}

func testFilters(t *testing.T, ix *LawIndex) {
	for _, law := range []string{"食品安全法", "《中华人民共和国食品安全法》"} {
		hits, err := ix.Search("食品 罚款", LawQuery{Law: law, Top: 20})
		if err != nil || len(hits) != 20 {
			t.Fatalf("law %s: %d hits, %v", law, len(hits), err)
		}
		for _, h := range hits {
			if h.Law != "中华人民共和国食品安全法" {
				t.Errorf("law filter %s let through %s", law, h.Law)
			}
		}
	}
	hits, err := ix.Search("夜间 建筑施工 噪声", LawQuery{Status: corpora.StatusRepealed, Top: 10})
	if err != nil || len(hits) == 0 {
		t.Fatalf("status filter: %d hits, %v", len(hits), err)
	}
	for _, h := range hits {
		if h.Law != "中华人民共和国环境噪声污染防治法" {
			t.Errorf("status 已废止 let through %s", h.Law)
		}
	}
	hits, err = ix.Search("夜间 建筑施工 噪声", LawQuery{Status: corpora.StatusInForce, Top: 50})
	if err != nil || len(hits) == 0 { // no hits would let the check below pass on nothing
		t.Fatalf("status 现行有效: %d hits, %v", len(hits), err)
	}
	for _, h := range hits {
		if h.Law == "中华人民共和国环境噪声污染防治法" {
			t.Errorf("status 现行有效 let through the repealed %s", h.Law)
		}
	}
}

func testPhrase(t *testing.T, ix *LawIndex) {
	hits, err := ix.Search(`"每日按罚款数额的百分之三"`, LawQuery{Top: 10})
	if err != nil || len(hits) == 0 {
		t.Fatalf("phrase: %d hits, %v", len(hits), err)
	}
	for _, h := range hits {
		if !strings.Contains(h.Text, "每日按罚款数额的百分之三") {
			t.Errorf("phrase hit %s %s lacks the phrase", h.Law, h.Label)
		}
	}
	// The same words out of order are not the phrase.
	hits, err = ix.Search(`“百分之三罚款数额每日”`, LawQuery{Top: 10})
	if err != nil {
		t.Fatal(err)
	}
	for _, h := range hits {
		if !strings.Contains(h.Text, "百分之三罚款数额每日") {
			t.Errorf("shuffled phrase matched %s %s", h.Law, h.Label)
		}
	}
}

func testHighlight(t *testing.T, ix *LawIndex) {
	hits, err := ix.Search("食品添加剂", LawQuery{Law: "食品安全法", Top: 3})
	if err != nil || len(hits) == 0 {
		t.Fatal(err)
	}
	hl := strings.Join(hits[0].Highlights, "…")
	if !strings.Contains(hl, "<mark>") {
		t.Fatalf("no highlights: %q", hl)
	}
	// Every marked span is whole words of the query, never half a character or a word cut in two.
	for _, part := range strings.Split(hl, "<mark>")[1:] {
		marked := part[:strings.Index(part, "</mark>")]
		if !strings.Contains("食品添加剂", marked) {
			t.Errorf("marked %q is not a word of the query", marked)
		}
	}
	// Highlights are fetched after ranking: each hit's fragments come from its own text,
	// and a remembered answer is the same as the first.
	unmark := strings.NewReplacer("<mark>", "", "</mark>", "", "…", "")
	for _, q := range []string{"超范围使用食品添加剂", "醉酒驾驶 吊销", "责令改正 逾期不改正"} {
		hits, err := ix.Search(q, LawQuery{})
		if err != nil || len(hits) == 0 || len(hits[0].Highlights) == 0 {
			t.Fatalf("%s: %v, %d hits, first without highlights", q, err, len(hits))
		}
		for _, h := range hits {
			for _, f := range h.Highlights {
				if !strings.Contains(h.Text, strings.TrimSpace(unmark.Replace(f))) {
					t.Errorf("%s: %s%s: fragment %q is not from its text", q, h.Law, h.Label, f)
				}
			}
		}
		again, _ := ix.Search(q, LawQuery{})
		if !reflect.DeepEqual(again, hits) {
			t.Errorf("%s: second answer differs from the first", q)
		}
		want, _ := json.Marshal(map[string]any{"hits": hits})
		for range 2 {
			if b, err := ix.SearchJSON(q, LawQuery{}); err != nil || string(b) != string(want) {
				t.Errorf("%s: SearchJSON %.200s, %v; want %.200s", q, b, err, want)
			}
		}
	}
}

func testCitationQuery(t *testing.T, ix *LawIndex) {
	hits, err := ix.Search("行政处罚法第三十三条", LawQuery{Top: 3})
	if err != nil || len(hits) == 0 || hits[0].Law != "中华人民共和国行政处罚法" || hits[0].Article != 33 {
		t.Fatalf("citation query: %+v %v", hits, err)
	}
	hits, err = ix.Search("食品安全法 添加剂", LawQuery{Top: 5})
	if err != nil || len(hits) == 0 {
		t.Fatal(err)
	}
	for _, h := range hits {
		if h.Law != "中华人民共和国食品安全法" {
			t.Errorf("named law not first: %s %s", h.Law, h.Label)
		}
	}
}

func testBadInput(t *testing.T, ix *LawIndex) {
	for _, tt := range []struct {
		q    string
		o    LawQuery
		want error
	}{
		{"", LawQuery{}, ErrEmptyQuery},
		{" 　", LawQuery{}, ErrEmptyQuery},
		{"罚款", LawQuery{Top: -1}, ErrBadTop},
		{"罚款", LawQuery{Top: MaxTop + 1}, ErrBadTop},
		{"罚款", LawQuery{Law: "火星法"}, ErrUnknownLaw},
		{"罚款", LawQuery{Status: "作废"}, ErrUnknownStatus},
	} {
		if _, err := ix.Search(tt.q, tt.o); err == nil || !strings.Contains(err.Error(), tt.want.Error()) {
			t.Errorf("Search(%q, %+v) = %v, want %v", tt.q, tt.o, err, tt.want)
		}
	}
	// Odd input is searched, not a crash.
	for _, q := range []string{`"`, `""`, `《》`, "第条", "+-&|!(){}[]^~*?:\\/", strings.Repeat("罚款", 500)} {
		if _, err := ix.Search(q, LawQuery{}); err != nil && err != ErrEmptyQuery {
			t.Errorf("Search(%.20q) = %v", q, err)
		}
	}
}

// testBM25 checks that scores use BM25 with length normalisation: for the
// same term frequency, a short article outranks a long one.
func testBM25(t *testing.T, ix *LawIndex) {
	res, err := ix.Explain("加处罚款", 3)
	if err != nil || len(res.Hits) == 0 || res.Hits[0].Expl == nil {
		t.Fatalf("explain: %v", err)
	}
	s := res.Hits[0].Expl.String()
	if !strings.Contains(s, "bm25") || !strings.Contains(s, "fieldLength") {
		t.Fatalf("explanation does not show BM25 length normalisation:\n%.2000s", s)
	}
	// The average field length is the corpus's, not bleve's estimate from
	// the number of distinct terms (which gave 14 tokens for ~130-character articles).
	m := regexp.MustCompile(`avgFieldLength=([0-9.]+)`).FindStringSubmatch(s)
	if m == nil {
		t.Fatalf("no avgFieldLength in explanation")
	}
	if avg, _ := strconv.ParseFloat(m[1], 64); avg < 40 {
		t.Errorf("avgFieldLength = %v: BM25 would bury long articles", avg)
	}
}

func TestIndexRebuiltWhenCorruptOrStale(t *testing.T) {
	data := t.TempDir()
	dir := filepath.Join(data, "index", "laws")
	ix, err := OpenLawIndex(data, corpora.Core())
	if err != nil {
		t.Fatal(err)
	}
	ix.Close()

	// Garbage in every file of the index: reopening rebuilds it.
	err = filepath.Walk(dir, func(p string, info os.FileInfo, err error) error {
		if err == nil && !info.IsDir() {
			return os.WriteFile(p, []byte("not an index (synthetic damage)"), 0o644)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	ix, err = OpenLawIndex(data, corpora.Core())
	if err != nil {
		t.Fatalf("corrupt index not rebuilt: %v", err)
	}
	if hits, err := ix.Search("首违不罚", LawQuery{}); err != nil || len(hits) == 0 {
		t.Errorf("rebuilt index: %d hits, %v", len(hits), err)
	}
	ix.Close()

	// A file where the directory should be.
	if err := os.RemoveAll(dir); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(dir, []byte("garbage"), 0o644); err != nil {
		t.Fatal(err)
	}
	ix, err = OpenLawIndex(data, corpora.Core())
	if err != nil {
		t.Fatalf("index path is a file: %v", err)
	}
	ix.Close()

	// A different corpus (a law added) has another fingerprint: rebuilt with the new law.
	src := t.TempDir()
	law := "# 某某市测试管理条例\n\n2026年1月1日 通过（合成的测试数据）\n\n<!-- INFO END -->\n\n第一条 为了测试索引重建，制定本条例。\n"
	if err := os.WriteFile(filepath.Join(src, "ceshi.md"), []byte(law), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := corpora.IngestLaws(src, data); err != nil {
		t.Fatal(err)
	}
	c, err := corpora.LoadOn(corpora.Core(), data)
	if err != nil {
		t.Fatal(err)
	}
	ix, err = OpenLawIndex(data, c)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	hits, err := ix.Search("测试索引重建", LawQuery{Law: "某某市测试管理条例"})
	if err != nil || len(hits) != 1 || hits[0].Label != "第一条" {
		t.Errorf("stale index not rebuilt: %+v %v", hits, err)
	}
}
