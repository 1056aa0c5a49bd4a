package search

import (
	"os"
	"strconv"
	"strings"
	"testing"

	"zhifa/corpora"
)

// rankCase is a query an officer would type and the article that answers it.
type rankCase struct {
	query   string
	law     string
	article int
	suffix  string
}

// loadRankTable reads law_queries.tsv.
func loadRankTable(t testing.TB) []rankCase {
	t.Helper()
	data, err := os.ReadFile("law_queries.tsv")
	if err != nil {
		t.Fatal(err)
	}
	var out []rankCase
	for n, line := range strings.Split(string(data), "\n") {
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) < 3 {
			t.Fatalf("law_queries.tsv:%d: want query, law, article[, suffix]", n+1)
		}
		a, err := strconv.Atoi(f[2])
		if err != nil {
			t.Fatalf("law_queries.tsv:%d: %v", n+1, err)
		}
		c := rankCase{query: f[0], law: f[1], article: a}
		if len(f) > 3 {
			c.suffix = f[3]
		}
		out = append(out, c)
	}
	return out
}

// mustTop1 are the pairs that must come first (asserted one by one).
var mustTop1 = map[string]bool{"首违不罚": true, "加处罚款": true, "醉酒驾驶": true, "超范围使用食品添加剂": true}

// Measured rates (see BENCHMARKS.md); the test fails when ranking gets worse.
const (
	minTop1 = 0.78
	minTop5 = 0.95
)

func rankOf(t testing.TB, ix *LawIndex, c rankCase) int {
	t.Helper()
	want := corpora.Default().Article(c.law, c.article, c.suffix)
	if want == nil {
		t.Fatalf("%s 第%d条%s is not in the corpus", c.law, c.article, c.suffix)
	}
	hits, err := ix.Search(c.query, LawQuery{Top: 10})
	if err != nil {
		t.Fatalf("Search(%q): %v", c.query, err)
	}
	for i, h := range hits {
		if h.Law == want.LawName && h.Article == want.Number && h.ArticleSuffix == want.Suffix {
			return i + 1
		}
	}
	return 0
}

func testRanking(t *testing.T, ix *LawIndex) {
	rankTable := loadRankTable(t)
	var top1, top5 int
	for _, c := range rankTable {
		r := rankOf(t, ix, c)
		if r == 1 {
			top1++
		}
		if r >= 1 && r <= 5 {
			top5++
		}
		if mustTop1[c.query] && r != 1 {
			t.Errorf("%q: %s 第%d条%s ranked %d, want 1", c.query, c.law, c.article, c.suffix, r)
		}
		if r != 1 {
			t.Logf("%q → %s %d%s at rank %d", c.query, c.law, c.article, c.suffix, r)
		}
	}
	n := float64(len(rankTable))
	t.Logf("top-1 %d/%d = %.3f, top-5 %d/%d = %.3f", top1, len(rankTable), float64(top1)/n, top5, len(rankTable), float64(top5)/n)
	if float64(top1)/n < minTop1 || float64(top5)/n < minTop5 {
		t.Errorf("top-1 %.3f (min %.3f), top-5 %.3f (min %.3f)", float64(top1)/n, minTop1, float64(top5)/n, minTop5)
	}
	if len(rankTable) < 30 {
		t.Errorf("only %d pairs", len(rankTable))
	}
}

// The title prior counts the query's words that name what a law is about,
// not the words every title has (管理, 条例, 处罚 …).
func TestTitleCover(t *testing.T) {
	w := titleWords("旅馆住宿登记")
	if c := titleCover(w, "旅馆业治安管理办法"); c <= 0 || c >= 1 {
		t.Errorf("旅馆住宿登记 in 旅馆业治安管理办法: cover %.2f, want in (0, 1) (words %v)", c, w)
	}
	if c := titleCover(w, "中华人民共和国治安管理处罚法"); c != 0 {
		t.Errorf("旅馆住宿登记 in 治安管理处罚法: cover %.2f, want 0 (words %v)", c, w)
	}
	if c := titleCover(titleWords("违法行为 行政处罚 管理规定"), "价格违法行为行政处罚规定"); c != 0 {
		t.Errorf("generic title words count: cover %.2f, want 0", c)
	}
	if c := titleCover(titleWords("安全生产许可证"), "安全生产许可证条例"); c != 1 {
		t.Errorf("安全生产许可证 in 安全生产许可证条例: cover %.2f, want 1", c)
	}
}
