package search

import (
	"regexp"
	"strings"

	"zhifa/corpora"
	"zhifa/nlp"
)

// Re-ranking by what the candidates say of each other. An officer who
// describes conduct wants the article that sanctions it; a text often puts
// the duty in one article and the sanction in another that cites it
// (违反本条例第二十四条规定 …), or sanctions by pointing at another text
// (依照《中华人民共和国环境影响评价法》的规定处罚). Both are read from the
// texts of the candidates of one search, not fitted per pair.

// citedRe finds an article a text says is violated: 违反本条例第二十四条,
// 违反价格法第十四条, 违反《中华人民共和国药品管理法》第九十八条.
var citedRe = regexp.MustCompile(`违反(本法|本条例|本规定|本办法|本细则|《[^》]{2,40}》|[\p{Han}]{2,20}?法)第([零〇一二三四五六七八九十百千]+)条`)

// deferRe finds a sanction given by another text: 依照《…》的规定处罚.
var deferRe = regexp.MustCompile(`依照《([^》]{2,40})》(?:的)?(?:有关)?(?:规定)?(?:予以|给予|进行)?(?:行政)?处罚`)

// citedArticles are the document ids of the articles a's text says are
// violated.
func citedArticles(c *corpora.Corpus, a *corpora.Article) []string {
	var out []string
	for _, m := range citedRe.FindAllStringSubmatch(a.Text, -1) {
		law := a.LawName
		if !strings.HasPrefix(m[1], "本") {
			l := c.Law(strings.Trim(m[1], "《》"))
			if l == nil {
				continue
			}
			law = l.Name
		}
		n, err := nlp.ParseChineseInt(m[2])
		if err != nil {
			continue
		}
		if o := c.Article(law, int(n), ""); o != nil {
			out = append(out, LawDocID(o))
		}
	}
	return out
}

// deferredLaw is the law another text's sanction is given by (依照《X》的规定处罚), or "".
// An article that sets a fine of its own (罚款) only defers some cases
// (环境影响评价法第三十一条 sends 海洋工程 to 海洋环境保护法) and is not counted.
func deferredLaw(c *corpora.Corpus, a *corpora.Article) string {
	if strings.Contains(a.Text, "罚款") {
		return ""
	}
	for _, m := range deferRe.FindAllStringSubmatch(a.Text, -1) {
		if l := c.Law(m[1]); l != nil && l.Name != a.LawName {
			return l.Name
		}
	}
	return ""
}

// disciplineOnly tells an article that sanctions officials only (给予处分,
// no fine or other administrative penalty on the party): for a query about
// a party's conduct it is not the basis an officer looks for.
func disciplineOnly(text string) bool {
	if !strings.Contains(text, "处分") {
		return false
	}
	for _, w := range []string{"罚款", "罚金", "没收", "吊销", "拘留", "责令停止", "责令改正", "警告"} {
		if strings.Contains(text, w) {
			return false
		}
	}
	return true
}

// Factors of the cross-candidate re-ranking.
const (
	liftCiting = 1.05 // a sanction citing a better-scored duty article goes just above it
	capDefer   = 0.95 // a sanction deferring to another text goes just below that text's best sanction
)

// rerankByCitations applies, for a conduct query, the lift of sanctions
// citing their duty article and the cap of sanctions deferring to another
// text. hits are scored, in any order; ids index them.
func (ix *LawIndex) rerankByCitations(hits []LawHit) {
	pos := make(map[string]int, len(hits))
	for i, h := range hits {
		pos[h.id] = i
	}
	base := make([]float64, len(hits))
	for i, h := range hits {
		base[i] = h.Score
	}
	for i, h := range hits {
		a := ix.docs[h.id]
		if a == nil || !sanction(a) {
			continue
		}
		for _, id := range citedArticles(ix.corpus, a) {
			if j, ok := pos[id]; ok && base[j] > hits[i].Score {
				if o := ix.docs[id]; o != nil && !sanction(o) {
					hits[i].Score = base[j] * liftCiting
				}
			}
		}
	}
	for i, h := range hits {
		a := ix.docs[h.id]
		if a == nil || !sanction(a) {
			continue
		}
		law := deferredLaw(ix.corpus, a)
		if law == "" {
			continue
		}
		best := 0.0
		for j, g := range hits {
			if o := ix.docs[g.id]; j != i && o != nil && o.LawName == law && sanction(o) && base[j] > best {
				best = base[j]
			}
		}
		if best > 0 && hits[i].Score > best*capDefer {
			hits[i].Score = best * capDefer
		}
	}
}

// sanction tells an article that sets a penalty: one in a 法律责任 / 罚则
// part, or, in a text without such parts (价格违法行为行政处罚规定), one
// that fines, confiscates or revokes.
func sanction(a *corpora.Article) bool {
	if articlePart(a.Path) == partLiability {
		return true
	}
	if len(a.Path) > 0 {
		return false
	}
	for _, w := range []string{"罚款", "没收违法所得", "吊销", "处以"} {
		if strings.Contains(a.Text, w) {
			return true
		}
	}
	return false
}
