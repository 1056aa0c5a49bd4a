package search

import (
	"math"
	"testing"

	"zhifa/corpora"
)

func article(t *testing.T, c *corpora.Corpus, law string, n int) *corpora.Article {
	t.Helper()
	a := c.Article(law, n, "")
	if a == nil {
		t.Fatalf("%s 第%d条 missing", law, n)
	}
	return a
}

func TestCitedAndDeferred(t *testing.T) {
	c := corpora.Default()
	// 违反本条例第二十四条规定，未取得《医疗机构执业许可证》擅自执业的 …
	a44 := article(t, c, "医疗机构管理条例", 44)
	if got := citedArticles(c, a44); len(got) != 1 || got[0] != LawDocID(article(t, c, "医疗机构管理条例", 24)) {
		t.Errorf("医疗机构管理条例第四十四条 cites %v, want its 第二十四条", got)
	}
	// 经营者违反价格法第十四条的规定 …: another text, by its short name.
	if got := citedArticles(c, article(t, c, "价格违法行为行政处罚规定", 7)); len(got) != 1 || got[0] != LawDocID(article(t, c, "价格法", 14)) {
		t.Errorf("价格违法行为行政处罚规定第七条 cites %v, want 价格法第十四条", got)
	}
	env := c.Law("环境影响评价法").Name
	if got := deferredLaw(c, article(t, c, "建设项目环境保护管理条例", 21)); got != env {
		t.Errorf("建设项目环境保护管理条例第二十一条 defers to %q, want %q", got, env)
	}
	// Sets fines of its own and sends 海洋工程 only to 海洋环境保护法.
	if got := deferredLaw(c, article(t, c, "环境影响评价法", 31)); got != "" {
		t.Errorf("环境影响评价法第三十一条 defers to %q, want none", got)
	}
	if !disciplineOnly(article(t, c, "安全生产许可证条例", 18).Text) {
		t.Error("安全生产许可证条例第十八条 (staff 处分 only) not told apart")
	}
	if disciplineOnly(article(t, c, "安全生产许可证条例", 19).Text) {
		t.Error("安全生产许可证条例第十九条 (fines the party) read as discipline only")
	}
}

// The order the re-ranking gives, on real articles with made-up scores.
func TestRerankByCitations(t *testing.T) {
	c := corpora.Default()
	ix := &LawIndex{corpus: c, docs: map[string]*corpora.Article{}}
	hit := func(law string, n int, score float64) LawHit {
		a := article(t, c, law, n)
		ix.docs[LawDocID(a)] = a
		return LawHit{Law: a.LawName, Article: n, Score: score, id: LawDocID(a)}
	}
	hits := []LawHit{
		hit("医疗机构管理条例", 24, 12), hit("医疗机构管理条例", 44, 10),
		hit("建设项目环境保护管理条例", 21, 11), hit("环境影响评价法", 31, 9),
		hit("医疗机构管理条例", 15, 5), // cited by nothing among the hits
	}
	ix.rerankByCitations(hits)
	want := []float64{12, 12 * liftCiting, 9 * capDefer, 9, 5}
	for i, h := range hits {
		if math.Abs(h.Score-want[i]) > 1e-9 {
			t.Errorf("%s 第%d条: score %.3f, want %.3f", h.Law, h.Article, h.Score, want[i])
		}
	}
}
