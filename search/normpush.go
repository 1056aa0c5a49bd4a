package search

import (
	"context"
	"fmt"
	"math"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode"

	"zhifa/corpora"
	"zhifa/nlp"
)

// Norm push (执法规范精准推送): from the facts alone, the provisions an officer
// needs — the violated provision, the penalty provision, the discretion entry
// that prices it, and the procedural rules the case will touch — each with why.

// Roles of a pushed norm, in the order they are listed.
const (
	RoleViolated  = "violated"
	RolePenalty   = "penalty"
	RoleBenchmark = "benchmark"
	RoleProcedure = "procedure"
)

// NormBenchmark is a discretion entry for a penalty article (supplied by the
// caller from the rules engine, which search does not import).
type NormBenchmark struct {
	ID, Source, Violation, Citation string
}

// NormQuery is what to push for.
type NormQuery struct {
	// Ctx, when set, ends the push early (the client has gone): each stage
	// checks it, and the push returns its error.
	Ctx   context.Context
	Facts string
	Top   int     // substantive articles (violated + penalty), default 5
	Fine  float64 // proposed fine; pushes the hearing rule
	// Cases, when set, ranks similar cases; the articles they cite are pushed
	// and a pushed article names the similar cases that used it.
	Cases *CaseRanker
	// Benchmarks, when set, gives the discretion entries of a penalty article.
	Benchmarks func(law string, article int) []NormBenchmark
	// Obligations, when set, gives the obligations a penalty article sanctions
	// for these facts (the violation catalog, supplied by the rules engine).
	Obligations func(law string, article int, suffix, facts string) []NormObligation
}

// NormObligation is an obligation provision a penalty article sanctions.
type NormObligation struct {
	Law     string
	Article int
	Suffix  string
	Cite    string // the paragraph or item, as cited
	Why     string
}

// Norm is one pushed provision.
type Norm struct {
	Role         string   `json:"role"`
	Law          string   `json:"law"`
	Article      int      `json:"article"`
	Suffix       string   `json:"article_suffix,omitempty"` // 之一 …
	Label        string   `json:"label"`
	Text         string   `json:"text,omitempty"`
	Score        float64  `json:"score"`
	Why          string   `json:"why"`
	Matched      []string `json:"matched,omitempty"`       // query words found in the article
	UsedBy       []string `json:"used_by,omitempty"`       // similar cases citing it
	BenchmarkID  string   `json:"benchmark_id,omitempty"`  // role benchmark
	BenchmarkFor string   `json:"benchmark_for,omitempty"` // role benchmark: the penalty article it prices
}

const apl = "中华人民共和国行政处罚法"

// procedural rules of 行政处罚法 a penalty case touches.
var procedureNorms = []struct {
	article int
	why     string
	onFine  bool
}{
	{36, "违法行为二年内未被发现的不再给予行政处罚（追责时效）", false},
	{44, "作出处罚决定前须告知拟处罚内容、理由、依据及陈述、申辩权（告知）", false},
	{45, "当事人有权陈述、申辩，不得因申辩加重处罚", false},
	{58, "重大执法决定须经法制审核", false},
	{60, "行政处罚案件自立案之日起九十日内作出决定（期限）", false},
	{63, "较大数额罚款等，当事人有权要求听证", true},
	{67, "罚缴分离；十五日内到指定银行缴纳", true},
	{72, "逾期不缴纳罚款的，每日按罚款数额的百分之三加处罚款", true},
}

var penaltyWords = regexp.MustCompile(`(罚款|没收|吊销|警告|通报批评|责令停产停业|责令关闭|暂扣|拘留|降低资质等级)`)
var markRe = regexp.MustCompile(`<mark>(.*?)</mark>`)

// PushNorms ranks the provisions for q.Facts.
func PushNorms(ix *LawIndex, q NormQuery) ([]Norm, error) {
	facts := strings.TrimSpace(q.Facts)
	if facts == "" {
		return nil, fmt.Errorf("norm push: facts are empty")
	}
	top := q.Top
	if top <= 0 {
		top = 5
	}
	ctx := q.Ctx
	if ctx == nil {
		ctx = context.Background()
	}
	c := ix.Corpus()
	facts = ix.boundQuery(facts)
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("norm push: %w", err)
	}
	hits, err := ix.Search(facts, LawQuery{Status: "", Top: top * 2})
	if err != nil {
		return nil, fmt.Errorf("norm push: %w", err)
	}
	// similar cases and the articles they cite
	usedBy := map[string][]string{}
	var caseArts []string
	if q.Cases != nil {
		sim, err := q.Cases.RankContext(ctx, facts, CaseQuery{Top: 10})
		if err != nil {
			return nil, fmt.Errorf("norm push: %w", err)
		}
		for _, h := range sim {
			if h.Score < sim[0].Score/2 {
				break // a weak match says nothing about the law that applies
			}
			for _, k := range q.Cases.Citations(h.ID) {
				if len(usedBy[k]) == 0 {
					caseArts = append(caseArts, k)
				}
				usedBy[k] = append(usedBy[k], h.ID)
			}
		}
	}
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("norm push: %w", err)
	}
	var out []Norm
	seen := map[string]int{} // law|article → index in out
	key := func(law string, art int, suffix string) string { return law + "|" + strconv.Itoa(art) + suffix }
	add := func(n Norm) {
		k := key(n.Law, n.Article, n.Suffix)
		if i, ok := seen[k]; ok {
			// the stronger reason stays; the other is appended to why
			if !strings.Contains(out[i].Why, n.Why) {
				out[i].Why += "；" + n.Why
			}
			if n.Score > out[i].Score {
				out[i].Score = n.Score
			}
			return
		}
		if n.Suffix == "" {
			n.UsedBy = usedBy["《"+n.Law+"》第"+strconv.Itoa(n.Article)+"条"]
		}
		if len(n.UsedBy) > 0 && !strings.Contains(n.Why, "相似案例") {
			n.Why += fmt.Sprintf("；%d件相似案例适用", len(n.UsedBy))
		}
		seen[k] = len(out)
		out = append(out, n)
	}
	matches := make([][]string, len(hits))
	// the facts' sector: the laws of the hits that share a word with the
	// facts beyond what every penalty article says (违法所得, 货值金额, 经营…);
	// a hit of another law that shares only those is another sector's
	// article that reads like any other (药品管理法 on expired food)
	textSector := map[string]bool{}
	for i, h := range hits {
		for _, hl := range h.Highlights {
			for _, m := range markRe.FindAllStringSubmatch(hl, -1) {
				if w := strings.Trim(m[1], "的了和与及"); len([]rune(w)) >= 2 {
					matches[i] = appendUniq(matches[i], w)
				}
			}
		}
		if slices.ContainsFunc(matches[i], distinctive) {
			textSector[h.Law] = true
		}
	}
	substantive := 0
	for i, h := range hits {
		if substantive >= top {
			break
		}
		if err := ctx.Err(); err != nil {
			return nil, fmt.Errorf("norm push: %w", err)
		}
		if law := c.Law(h.Law); law != nil && law.Status == "已废止" {
			continue
		}
		matched := matches[i]
		if len(textSector) > 0 && !slices.ContainsFunc(matched, distinctive) && !sameSector(textSector, h.Law) {
			continue
		}
		role := RoleViolated
		if penaltyWords.MatchString(h.Text) {
			role = RolePenalty
		}
		why := "事实与条文匹配：" + strings.Join(matched, "、")
		if len(matched) == 0 {
			why = "事实与条文匹配"
		}
		add(Norm{Role: role, Law: h.Law, Article: h.Article, Suffix: h.ArticleSuffix, Label: h.Label, Text: h.Text, Score: h.Score, Why: why, Matched: matched})
		substantive++
		if role == RolePenalty {
			// the articles a 罚则 points at (违反本法第X条规定) are the obligations;
			// a 罚则 may list twenty, so only those of the item the facts speak of.
			if q.Obligations != nil {
				for _, o := range q.Obligations(h.Law, h.Article, h.ArticleSuffix, facts) {
					if a := c.Article(o.Law, o.Article, o.Suffix); a != nil {
						// above the penalty article: the violated provision comes first
						add(Norm{Role: RoleViolated, Law: o.Law, Article: o.Article, Suffix: o.Suffix, Label: a.Label, Text: a.Text,
							Score: h.Score * 1.01, Why: "违法行为库：" + h.Label + "所罚的义务条款" + o.Cite + "（" + o.Why + "）"})
					}
				}
			}
			for _, o := range obligations(c, h, facts) {
				add(Norm{Role: RoleViolated, Law: h.Law, Article: o.a.Number, Suffix: o.a.Suffix, Label: o.a.Label, Text: o.a.Text,
					Score: h.Score * 0.9 * o.share, Matched: o.matched,
					Why: "罚则" + h.Label + "所指的义务条款，与事实共有：" + strings.Join(o.matched, "、")})
			}
		}
	}
	// articles the similar cases cite that the text search did not find, of
	// the laws it found: a case about expired drugs (超过有效期) reads like
	// one about expired food, but its law is not the facts' sector.
	sector := map[string]bool{}
	for _, n := range out {
		sector[n.Law] = true
	}
	for _, k := range caseArts {
		law, art, ok := splitKey(k)
		if !ok {
			continue
		}
		if _, dup := seen[key(law, art, "")]; dup {
			continue
		}
		name := law
		if l := c.Law(law); l != nil {
			name = l.Name
		}
		if len(sector) > 0 && !sameSector(sector, name) {
			continue
		}
		a := c.Article(law, art, "")
		if a == nil {
			continue
		}
		role := RoleViolated
		if penaltyWords.MatchString(a.Text) {
			role = RolePenalty
		}
		add(Norm{Role: role, Law: law, Article: art, Label: a.Label, Text: a.Text, Why: fmt.Sprintf("%d件相似案例适用", len(usedBy[k]))})
	}
	// discretion entries for each penalty provision
	if q.Benchmarks != nil {
		var bms []Norm
		for _, n := range out {
			if n.Role != RolePenalty || n.Suffix != "" { // benchmarks key plain articles
				continue
			}
			for _, b := range q.Benchmarks(n.Law, n.Article) {
				bms = append(bms, Norm{Role: RoleBenchmark, Law: n.Law, Article: n.Article, Label: b.Citation, Text: b.Violation,
					Score: n.Score, Why: "裁量基准（" + b.Source + "）适用于" + n.Label, BenchmarkID: b.ID, BenchmarkFor: n.Label})
			}
		}
		out = append(out, bms...)
	}
	for _, p := range procedureNorms {
		if p.onFine && q.Fine <= 0 {
			continue
		}
		if a := c.Article(apl, p.article, ""); a != nil {
			out = append(out, Norm{Role: RoleProcedure, Law: apl, Article: p.article, Label: a.Label, Text: a.Text, Why: p.why})
		}
	}
	order := map[string]int{RoleViolated: 0, RolePenalty: 1, RoleBenchmark: 2, RoleProcedure: 3}
	sort.SliceStable(out, func(i, j int) bool {
		if order[out[i].Role] != order[out[j].Role] {
			return order[out[i].Role] < order[out[j].Role]
		}
		if out[i].Role == RoleProcedure {
			return false // article order
		}
		return out[i].Score > out[j].Score
	})
	return out, nil
}

// genericWords are what penalty articles of every sector share with facts:
// a match on them alone says nothing about which law the facts fall under.
var genericWords = map[string]bool{
	"违法": true, "违法所得": true, "违法行为": true, "货值金额": true, "金额": true, "货值": true,
	"经营": true, "生产": true, "销售": true, "生产经营": true, "经营者": true, "使用": true,
	"罚款": true, "没收": true, "责令": true, "改正": true, "责令改正": true, "警告": true,
	"当事人": true, "单位": true, "个人": true, "以上": true, "以下": true, "万元": true, "情节": true,
	"严重": true, "并处": true, "规定": true, "有关": true, "部门": true, "主管部门": true, "监督管理": true,
}

// distinctive tells whether a word the facts share with an article says more
// than any penalty article would: not generic, not a number.
func distinctive(w string) bool {
	if genericWords[w] {
		return false
	}
	for _, r := range w {
		if !unicode.IsDigit(r) && !strings.ContainsRune("一二三四五六七八九十百千万亿零两", r) {
			return true
		}
	}
	return false
}

// sameSector tells whether law is one of the laws in sector, or the
// implementing text of one of them, or the law one of them implements
// (食品安全法 and 食品安全法实施条例).
func sameSector(sector map[string]bool, law string) bool {
	if sector[law] {
		return true
	}
	stem := func(name string) string {
		name = strings.TrimPrefix(name, "中华人民共和国")
		for _, suf := range []string{"实施条例", "实施细则", "实施办法"} {
			name = strings.TrimSuffix(name, suf)
		}
		return strings.TrimSuffix(name, "法")
	}
	s := stem(law)
	for l := range sector {
		if t := stem(l); len([]rune(t)) >= 2 && len([]rune(s)) >= 2 && (t == s || strings.HasPrefix(t, s) || strings.HasPrefix(s, t)) {
			return true
		}
	}
	return false
}

// maxObligations is how many of the articles one 罚则 points at are pushed.
const maxObligations = 2

type obligation struct {
	a       *corpora.Article
	matched []string
	share   float64 // of the best item's weight
}

// obligations are the articles cited in the items (or paragraphs) of the
// 罚则 h that share the most distinctive words with the facts: a word counts
// by how rare it is among the law's articles.
func obligations(c *corpora.Corpus, h LawHit, facts string) []obligation {
	law := c.Law(h.Law)
	art := c.Article(h.Law, h.Article, h.ArticleSuffix)
	if law == nil || art == nil {
		return nil
	}
	words := map[string]bool{}
	for _, w := range nlp.Seg().Cut(facts) {
		if len([]rune(w)) >= 2 && nlp.IsWord(w) {
			words[w] = true
		}
	}
	idf := func(w string) float64 {
		df := 0
		for _, a := range law.Articles {
			if strings.Contains(a.Text, w) {
				df++
			}
		}
		return math.Log(1 + float64(len(law.Articles))/float64(df+1))
	}
	type unit struct {
		refs    []*corpora.Article
		matched []string
		weight  float64
	}
	var units []unit
	for _, p := range art.Paragraphs {
		texts := p.Items
		// words of the lead-in (有下列行为之一的，…责令停止发布广告…) belong to every item
		lead := p.Text
		for _, it := range p.Items {
			lead = strings.Replace(lead, it, "", 1)
		}
		if len(texts) == 0 {
			texts, lead = []string{p.Text}, ""
		}
		for _, t := range texts {
			var u unit
			for _, ref := range nlp.ParseCitationsIn(t, h.Law) {
				if ref.Law != h.Law || ref.Article == 0 || ref.Article == h.Article {
					continue
				}
				if a := c.Article(h.Law, ref.Article, ref.ArticleSuffix); a != nil && !penaltyWords.MatchString(a.Text) {
					u.refs = append(u.refs, a)
				}
			}
			if len(u.refs) == 0 {
				continue
			}
			for w := range words {
				if strings.Contains(t, w) && !strings.Contains(lead, w) {
					u.matched = append(u.matched, w)
					u.weight += idf(w)
				}
			}
			if u.weight > 0 {
				sort.Strings(u.matched)
				units = append(units, u)
			}
		}
	}
	sort.SliceStable(units, func(i, j int) bool { return units[i].weight > units[j].weight })
	var out []obligation
	for _, u := range units {
		if u.weight < units[0].weight/2 {
			break
		}
		for _, a := range u.refs {
			if len(out) < maxObligations {
				out = append(out, obligation{a, u.matched, u.weight / units[0].weight})
			}
		}
	}
	return out
}

var keyRe = regexp.MustCompile(`^《(.+)》第(\d+)条$`)

func splitKey(k string) (string, int, bool) {
	m := keyRe.FindStringSubmatch(k)
	if m == nil {
		return "", 0, false
	}
	n, _ := strconv.Atoi(m[2])
	return m[1], n, true
}

func appendUniq(s []string, v string) []string {
	for _, x := range s {
		if x == v {
			return s
		}
	}
	return append(s, v)
}

// Citations are the articles case id cites, as 《law》第N条 (nil if unknown).
func (r *CaseRanker) Citations(id string) []string {
	if i, ok := r.byID[id]; ok {
		return r.docs[i].doc.Citations
	}
	return nil
}
