package search

import (
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strings"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis/lang/cjk"
	"github.com/blevesearch/bleve/v2/search/highlight/highlighter/html"
	"github.com/blevesearch/bleve/v2/search/query"

	"zhifa/corpora"
	"zhifa/nlp"
)

// LawQuery narrows a law search.
type LawQuery struct {
	Law    string // official or short name; "" for all laws
	Status string // e.g. 现行有效; "" for any
	// Level keeps texts of one 效力层级 (corpora.Levels: 法律, 行政法规 …); "" for all.
	Level string
	// Province keeps the national texts and that province's local
	// regulations (浙江); "" for all the index holds.
	Province string
	Top      int // number of hits, default 10, at most MaxTop
}

// LawHit is one ranked article.
type LawHit struct {
	Law           string   `json:"law"`
	Article       int      `json:"article"`
	ArticleSuffix string   `json:"article_suffix"`
	Label         string   `json:"label"`
	Text          string   `json:"text"`
	Score         float64  `json:"score"`
	Highlights    []string `json:"highlights"` // fragments of the text with <mark>…</mark>
	Level         string   `json:"level"`      // 效力层级: 法律, 行政法规, 部门规章, 司法解释, 地方性法规
	Issuer        string   `json:"issuer"`     // 制定机关 ("" when the text does not name it)

	id string // the index document
}

// Limits and defaults of a law search.
const (
	DefaultTop = 10
	MaxTop     = 100
)

// Errors a caller can map to bad input.
var (
	ErrEmptyQuery    = errors.New("empty query")
	ErrUnknownLaw    = errors.New("unknown law")
	ErrUnknownStatus = errors.New("unknown status")
	ErrBadTop        = errors.New("top out of range")
	ErrUnknownLevel  = errors.New("unknown level")
	ErrUnknownProv   = errors.New("unknown province")
)

// After scoring, hits are re-ranked by multiplying: penalty provisions (the
// usual target of an officer's search) up, laws no longer in force down.
// bleve has no constant-score query, and a BM25 term query on a keyword field
// that most documents share scores almost nothing, so this is done here.
const (
	factorLiability = 1.2 // procedure queries
	factorConduct   = 2.0 // conduct queries (no word of law_intent.tsv)
	factorRepealed  = 0.6
	rerankDepth     = 3 // fetch top×rerankDepth hits (at least rerankMin) before re-ranking
	rerankMin       = 30
)

// Priors over the whole law pack (1,400 texts beside the 95 core ones): at
// equal wording an officer wants the higher text and the one an agency works
// with daily, and the law whose title the query's words name. Chosen on the
// 85 pairs of law_queries.tsv and law_queries_pack.tsv (BENCHMARKS.md).
var (
	// levelPrior multiplies a hit's score by its text's 效力层级.
	levelPrior = map[string]float64{
		corpora.LevelLaw:      1.0,
		corpora.LevelAdminReg: 0.9,
		corpora.LevelDeptRule: 0.8,
		corpora.LevelJudicial: 0.7,
		corpora.LevelLocalReg: 0.6,
	}
	factorCore  = 1.2 // the 95 core texts (corpora.OriginCore)
	factorTitle = 1.0 // × (1 + factorTitle × share of the query's words in the law's title)
	// factorGeneral: the five general laws of procedure (行政处罚法 …) before
	// the sector texts repeating them (1.15 when only the core texts were
	// searched; over the pack 公安机关办理行政案件程序规定 and a dozen sector
	// rules repeat each general rule).
	factorGeneral = 1.5
)

// Boosts: a law named in the query lifts its articles clearly above others;
// a matching chapter heading counts a little.
const (
	boostNamedLaw    = 4.0
	boostPath        = 0.3
	boostLabel       = 3.0
	boostCited       = 50.0
	boostDomain      = 1.5 // the law's subject named without 法: 行政复议 → 行政复议法
	boostPhraseWords = 0.3 // the words of a quoted phrase, for highlights
	boostBigrams     = 0.5 // character bigrams: recall when segmentation differs
)

var phraseRe = regexp.MustCompile(`["“”「」『』]([^"“”「」『』]+)["“”「」『』]`)

// Search ranks articles for q. Quoted parts ("…", “…”) must appear as
// phrases; a law named in the query (食品安全法 添加剂) lifts that law's
// articles; an exact citation (行政处罚法第三十三条) puts that article first;
// officers' terms are expanded with law_synonyms.tsv (首违不罚 → 初次违法 …).
// Answers are remembered (lawCacheSize searches): the index does not change
// while it is open.
func (ix *LawIndex) Search(q string, o LawQuery) ([]LawHit, error) {
	q = strings.TrimSpace(nlp.Normalize(q))
	if q == "" {
		return nil, ErrEmptyQuery
	}
	if o.Top == 0 {
		o.Top = DefaultTop
	}
	if o.Top < 1 || o.Top > MaxTop {
		return nil, fmt.Errorf("%w: %d not in [1, %d]", ErrBadTop, o.Top, MaxTop)
	}
	k := lawCacheKey{q: q, law: o.Law, status: o.Status, level: o.Level, province: o.Province, top: o.Top}
	if hits, ok := ix.cache.get(k); ok {
		return hits, nil
	}
	hits, err := ix.search(q, o)
	if err != nil {
		return nil, err
	}
	ix.cache.put(k, hits)
	return hits, nil
}

// SearchJSON is Search answered as the JSON object {"hits": […]}, the
// encoding remembered with the answer: a server answering the same searches
// over and over spent a quarter of its time encoding them again. The bytes
// are shared: the caller must not change them.
func (ix *LawIndex) SearchJSON(q string, o LawQuery) ([]byte, error) {
	hits, err := ix.Search(q, o) // checks q and o the same way, and fills the cache
	if err != nil {
		return nil, err
	}
	k := lawCacheKey{q: strings.TrimSpace(nlp.Normalize(q)), law: o.Law, status: o.Status, level: o.Level, province: o.Province, top: o.Top}
	if k.top == 0 {
		k.top = DefaultTop
	}
	if b, ok, err := ix.cache.getJSON(k); ok || err != nil {
		return b, err
	}
	return json.Marshal(map[string]any{"hits": hits}) // evicted meanwhile
}

// search ranks articles for the normalised q, without the cache.
func (ix *LawIndex) search(q string, o LawQuery) ([]LawHit, error) {
	bq := bleve.NewBooleanQuery()
	var filters []query.Query
	if o.Law != "" {
		l := ix.corpus.Law(o.Law)
		if l == nil {
			return nil, fmt.Errorf("%w: %q", ErrUnknownLaw, o.Law)
		}
		filters = append(filters, termQuery("law", l.Name, 0))
	}
	if o.Status != "" {
		if !ix.knownStatus(o.Status) {
			return nil, fmt.Errorf("%w: %q (known: %s)", ErrUnknownStatus, o.Status, strings.Join(ix.statuses(), ", "))
		}
		filters = append(filters, termQuery("status", o.Status, 0))
	}
	if o.Level != "" {
		if !slices.Contains(corpora.Levels, o.Level) || o.Level == corpora.LevelGuidingCase {
			return nil, fmt.Errorf("%w: %q (known: %s)", ErrUnknownLevel, o.Level, strings.Join(corpora.Levels[:5], ", "))
		}
		filters = append(filters, termQuery("level", o.Level, 0))
	}
	if o.Province != "" {
		p := strings.TrimSuffix(strings.TrimSuffix(o.Province, "省"), "市")
		if !slices.Contains(corpora.Provinces, p) {
			return nil, fmt.Errorf("%w: %q (known: %s)", ErrUnknownProv, o.Province, strings.Join(corpora.Provinces, ", "))
		}
		filters = append(filters, bleve.NewDisjunctionQuery(termQuery("province", provinceNational, 0), termQuery("province", p, 0)))
	}

	// Exact citations first.
	var should []query.Query
	for _, r := range ix.corpus.ResolveText(q) {
		if r.Valid {
			if a := ix.corpus.Article(r.Law, r.Article, r.ArticleSuffix); a != nil {
				d := bleve.NewDocIDQuery([]string{LawDocID(a)})
				d.SetBoost(boostCited)
				should = append(should, d)
			}
		}
	}

	// Quoted phrases are required.
	var musts []query.Query
	// Phrases match on character bigrams: exact substrings, whatever gse
	// makes of the phrase out of context. The same words on "text" give
	// highlights and a little score.
	for _, m := range phraseRe.FindAllStringSubmatch(q, -1) {
		phrase := strings.TrimSpace(m[1])
		p := bleve.NewMatchPhraseQuery(phrase)
		p.SetField("text_cjk")
		p.Analyzer = cjk.AnalyzerName
		musts = append(musts, p)
		words := bleve.NewMatchQuery(phrase)
		words.SetField("text")
		words.SetBoost(boostPhraseWords)
		should = append(should, words)
	}
	free := phraseRe.ReplaceAllString(q, " ")

	// A law named in the query lifts its articles; the name is not searched as text.
	for _, l := range ix.namedLaws(free) {
		should = append(should, termQuery("law", l.name, boostNamedLaw))
		free = strings.ReplaceAll(free, l.said, " ")
	}
	for _, name := range ix.domainLaws(free) {
		should = append(should, termQuery("law", name, boostDomain))
	}
	free = strings.NewReplacer("《", " ", "》", " ").Replace(free)
	if labels := labelRe.FindAllString(free, -1); len(labels) > 0 {
		for _, lb := range labels {
			should = append(should, termQuery("label", lb, boostLabel))
		}
		free = labelRe.ReplaceAllString(free, " ")
	}
	free = strings.TrimSpace(free)
	if free != "" {
		expanded := expandQuery(free)
		text := bleve.NewMatchQuery(expanded)
		text.SetField("text")
		path := bleve.NewMatchQuery(expanded)
		path.SetField("path")
		path.SetBoost(boostPath)
		bigrams := bleve.NewMatchQuery(expanded)
		bigrams.SetField("text_cjk")
		bigrams.Analyzer = cjk.AnalyzerName
		bigrams.SetBoost(boostBigrams)
		musts = append(musts, bleve.NewDisjunctionQuery(text, path, bigrams))
	}
	if len(musts) == 0 && len(should) == 0 {
		return nil, ErrEmptyQuery
	}
	if len(musts) > 0 {
		bq.AddMust(musts...)
	}
	if len(should) > 0 {
		bq.AddShould(should...)
	}
	if len(filters) > 0 {
		bq.AddMust(filters...)
	}

	depth := o.Top * rerankDepth
	if depth < rerankMin {
		depth = rerankMin
	}
	// Ranked without highlighting: asking for highlights makes every matching
	// article (thousands for a common word) decode its term locations. The
	// highlights of the few kept are fetched afterwards.
	req := bleve.NewSearchRequestOptions(bq, depth, 0, false)
	ix.lengths.Apply(req)
	res, err := ix.idx.Search(req)
	if err != nil {
		return nil, fmt.Errorf("law search: %w", err)
	}
	procedural := isProcedural(q)
	words := titleWords(free)
	hits := make([]LawHit, 0, len(res.Hits))
	for _, h := range res.Hits {
		a, ok := ix.docs[h.ID]
		if !ok {
			continue
		}
		score := h.Score
		if articlePart(a.Path) == partLiability {
			switch {
			case procedural:
				score *= factorLiability
			case !disciplineOnly(a.Text):
				score *= factorConduct
			}
		}
		if l := ix.laws[h.ID]; l != nil {
			if l.Status != corpora.StatusInForce {
				score *= factorRepealed
			}
			if l.General {
				score *= factorGeneral
			}
			if f, ok := levelPrior[l.Level]; ok {
				score *= f
			}
			if l.Origin == corpora.OriginCore {
				score *= factorCore
			}
			if factorTitle > 0 {
				score *= 1 + factorTitle*titleCover(words, l.Name)
			}
		}
		hit := LawHit{Law: a.LawName, Article: a.Number, ArticleSuffix: a.Suffix, Label: a.Label,
			Text: a.Text, Score: score, id: h.ID}
		if l := ix.laws[h.ID]; l != nil {
			hit.Level, hit.Issuer = l.Level, l.Issuer
		}
		hits = append(hits, hit)
	}
	if !procedural {
		ix.rerankByCitations(hits)
	}
	sort.SliceStable(hits, func(i, j int) bool { return hits[i].Score > hits[j].Score })
	if len(hits) > o.Top {
		hits = hits[:o.Top]
	}
	ids := make([]string, len(hits))
	for i, h := range hits {
		ids[i] = h.id
	}
	frags, err := ix.highlights(bq, ids)
	if err != nil {
		return nil, err
	}
	for i := range hits {
		hits[i].Highlights = frags[ids[i]]
		if hits[i].Highlights == nil {
			hits[i].Highlights = []string{}
		}
	}
	return hits, nil
}

// highlights runs q again on the given articles only, with highlighting,
// and returns each one's marked fragments of the text.
func (ix *LawIndex) highlights(q query.Query, ids []string) (map[string][]string, error) {
	out := make(map[string][]string, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	req := bleve.NewSearchRequestOptions(bleve.NewConjunctionQuery(bleve.NewDocIDQuery(ids), q), len(ids), 0, false)
	req.Highlight = bleve.NewHighlightWithStyle(html.Name)
	req.Highlight.AddField("text")
	ix.lengths.Apply(req)
	res, err := ix.idx.Search(req)
	if err != nil {
		return nil, fmt.Errorf("law search highlights: %w", err)
	}
	for _, h := range res.Hits {
		hl := make([]string, 0, len(h.Fragments["text"]))
		for _, f := range h.Fragments["text"] {
			// Adjacent or overlapping words read as one marked phrase.
			hl = append(hl, strings.ReplaceAll(f, "</mark><mark>", ""))
		}
		out[h.ID] = hl
	}
	return out, nil
}

// genericTitleWords say what kind of text a title is, not what it is about.
var genericTitleWords = map[string]bool{
	"中华人民共和国": true, "中华": true, "人民": true, "共和国": true, "管理": true, "规定": true, "办法": true,
	"条例": true, "实施": true, "细则": true, "暂行": true, "若干": true, "问题": true, "解释": true,
	"行政": true, "处罚": true, "违法": true, "行为": true, "程序": true, "决定": true, "规则": true,
}

// genericTitleWord tells a word made of generic title words only (违法行为, 管理规定).
func genericTitleWord(w string) bool {
	if genericTitleWords[w] {
		return true
	}
	rest := w
	for g := range genericTitleWords {
		rest = strings.ReplaceAll(rest, g, "")
	}
	return strings.Trim(rest, "法") == ""
}

// titleWords are the distinct words of q (search-mode tokens of two
// characters or more) that can name what a law is about.
func titleWords(q string) []string {
	var out []string
	seen := map[string]bool{}
	for _, t := range (Tokenizer{}).Tokenize([]byte(q)) {
		w := string(t.Term)
		if len([]rune(w)) < 2 || genericTitleWord(w) || seen[w] {
			continue
		}
		seen[w] = true
		out = append(out, w)
	}
	return out
}

// titleCover is the share (by characters) of words found in title.
func titleCover(words []string, title string) float64 {
	all, in := 0, 0
	for _, w := range words {
		n := len([]rune(w))
		all += n
		if strings.Contains(title, w) {
			in += n
		}
	}
	if all == 0 {
		return 0
	}
	return float64(in) / float64(all)
}

var labelRe = regexp.MustCompile(`第[零〇一二三四五六七八九十百千]+条(之[一二三四五六七八九十]+)?`)

func termQuery(field, term string, boost float64) query.Query {
	t := bleve.NewTermQuery(term)
	t.SetField(field)
	if boost > 0 {
		t.SetBoost(boost)
	}
	return t
}

type namedLaw struct{ name, said string }

// namedLaws finds law names (official or short) written in q, longest first,
// so that 食品安全法实施条例 is not read as 食品安全法.
func (ix *LawIndex) namedLaws(q string) []namedLaw {
	var cands []namedLaw
	for _, l := range ix.corpus.Laws() {
		for _, n := range append([]string{l.Name}, l.ShortNames...) {
			if len([]rune(n)) >= 3 && strings.Contains(q, n) && ix.corpus.Law(n) == l {
				cands = append(cands, namedLaw{l.Name, n})
			}
		}
	}
	sort.Slice(cands, func(i, j int) bool { return len(cands[i].said) > len(cands[j].said) })
	var out []namedLaw
	rest := q
	for _, c := range cands {
		if strings.Contains(rest, c.said) {
			out = append(out, c)
			rest = strings.ReplaceAll(rest, c.said, " ")
		}
	}
	return out
}

// domainLaws finds laws whose subject (short name without the final 法, at
// least four characters: 行政复议, 食品安全) is written in q.
func (ix *LawIndex) domainLaws(q string) []string {
	var out []string
	for _, l := range ix.corpus.Laws() {
		if l.Status != corpora.StatusInForce {
			continue
		}
		for _, n := range l.ShortNames {
			d := strings.TrimSuffix(n, "法")
			if d != n && len([]rune(d)) >= 4 && strings.Contains(q, d) {
				out = append(out, l.Name)
				break
			}
		}
	}
	return out
}

func (ix *LawIndex) statuses() []string {
	set := map[string]bool{}
	for _, l := range ix.corpus.Laws() {
		set[l.Status] = true
	}
	var out []string
	for s := range set {
		out = append(out, s)
	}
	sort.Strings(out)
	return out
}

func (ix *LawIndex) knownStatus(s string) bool {
	for _, k := range ix.statuses() {
		if k == s {
			return true
		}
	}
	return false
}

// Explain returns bleve's score explanation of the best hits (for checking BM25).
func (ix *LawIndex) Explain(q string, top int) (*bleve.SearchResult, error) {
	mq := bleve.NewMatchQuery(expandQuery(nlp.Normalize(q)))
	mq.SetField("text")
	req := bleve.NewSearchRequestOptions(mq, top, 0, true)
	ix.lengths.Apply(req)
	return ix.idx.Search(req)
}
