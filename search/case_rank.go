package search

import (
	"fmt"
	"math"
	"regexp"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"zhifa/nlp"
)

// CaseDoc is a library case as the similar-case ranking sees it. Terms is the
// analysed text (CaseTerms), kept with the case so that ranking needs no
// segmentation of the library at lookup time.
type CaseDoc struct {
	ID, Title string
	Text      string
	Terms     []string
	// What filters select on (CaseQuery) and the structure recognised at
	// import: the articles its decision cites stand in for a charge when the
	// text names none (administrative decisions have no 罪名).
	Collection, Agency, Kind, Date string
	Citations                      []string
	// PartyType is person or organization when the decision's party was recognised.
	PartyType string
	// Amount is the main amount of the facts (货值, 违法所得, 涉案价值 …) when
	// the facts part was recognised; 0 = take the largest amount of the text.
	Amount float64
}

// BM25 parameters of the case ranking, tuned on the synthetic evaluation set
// (bench/similar) and kept fixed so that scores are reproducible.
const (
	caseK1 = 1.2
	caseB  = 0.75
	// weight of charge (罪名/违法行为) agreement between a candidate and the
	// charges inferred for the query, relative to BM25 normalised to [0,1].
	caseChargeWeight = 0.6
	// how many top lexical matches vote for the query's charge (pseudo-relevance feedback).
	casePRFTop = 5
	// weight of amount proximity: 1/(1+|log10(query amount / case amount)|).
	caseAmountWeight = 0.2
	// weight of the same party type (person / organization), when both are known.
	casePartyWeight = 0.1
)

// mainAmount is the largest money amount in the facts (0 if none).
func mainAmount(text string) float64 {
	var m float64
	for _, a := range nlp.ExtractAmounts(text) {
		if a.Value > m {
			m = a.Value
		}
	}
	return m
}

func amountProximity(a, b float64) float64 {
	if a <= 0 || b <= 0 {
		return 0
	}
	return 1 / (1 + math.Abs(math.Log10(a/b)))
}

var factsStart = regexp.MustCompile(`(经审理查明|公诉机关指控|经查明|经查|违法事实)`)

// chargeRe finds 犯X罪 and the charges listed after it (、Y罪). A charge name
// may hold 、 (走私、贩卖、运输、制造毒品) and 犯罪所得 (掩饰、隐瞒犯罪所得).
var chargeRe = regexp.MustCompile(`犯((?:犯罪所得|[^，。；,;：:\s罪犯]){1,24}?)罪((?:、(?:犯罪所得|[^，。；,;：:\s罪犯、]){1,24}?罪)*)`)

// caseStop are words of judgment and decision boilerplate that say nothing
// about what was done.
var caseStop = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`被告人 公诉机关 人民检察院 人民法院 本院 审理 查明 指控 上述 事实 证据 证实 被告 辩护人 辩护 意见 判决 如下 依照 规定 中华人民共和国 刑法 第 条 款 项 之 的 了 在 和 与 及 等 其 该 并 于 将 被 对 为 以 由 是 有 后 时 中 日 月 年 某 一 二 三 个 人 我 你 他 她 也 又 就 都 而 但 所 因 向 到 从 至 经 即 已 予以 认定 足以 采纳 当庭 质证 供述 证言 笔录 书证 物证 鉴定 意见书 期间 刑期 执行 判决书 裁判 起诉书 起诉 检察员 出庭 支持 公诉 案 一案 本案 依法 组成 合议庭 公开 开庭 现已 审理终结`) {
		caseStop[w] = true
	}
}

// CaseTerms analyses a case text for the similar-case ranking: words in
// precise mode, boilerplate and punctuation dropped; the facts part (from
// 经审理查明/公诉机关指控/经查 on) counts twice, since it says what was done.
func CaseTerms(title, text string) []string {
	seg := nlp.Seg()
	var out []string
	add := func(words []string) {
		for _, w := range words {
			if caseStop[w] || !nlp.IsWord(w) {
				continue
			}
			out = append(out, w)
		}
	}
	add(seg.Cut(title))
	from, to := len(text), len(text)
	if loc := factsStart.FindStringIndex(text); loc != nil {
		from = loc[0]
		if end := strings.Index(text[from:], "本院认为"); end > 0 {
			to = from + end
		}
	}
	// the facts are cut with the text, not a second time
	whole, facts := seg.CutWithPart(text, from, to)
	add(whole)
	add(facts)
	return out
}

// Charges returns the charges (罪名) named in a case title or text: "犯盗窃罪" → 盗窃.
func Charges(title, text string) []string {
	seen := map[string]bool{}
	var out []string
	for _, s := range []string{title, text} {
		for _, m := range chargeRe.FindAllStringSubmatch(s, -1) {
			names := []string{m[1]}
			for _, t := range strings.Split(m[2], "罪") {
				names = append(names, strings.TrimPrefix(t, "、"))
			}
			for _, c := range names {
				if c != "" && !seen[c] {
					seen[c] = true
					out = append(out, c)
				}
			}
		}
	}
	return out
}

type caseEntry struct {
	doc CaseDoc
	// the case's terms and their frequencies, by term id: sorted slices, not
	// a map (a map per case was a third of the ranking's memory)
	tids    []int32
	tfs     []float32
	length  float32
	charges []string
	amount  float64
}

// CaseRanker ranks library cases against facts: BM25 over the analysed text
// plus agreement of charges with those inferred from the best lexical matches.
type CaseRanker struct {
	vocab  map[string]int32
	words  []string
	df     []int32
	post   [][]int32   // term → doc indexes
	ptf    [][]float32 // term → tf in those docs, same order
	docs   []caseEntry
	byID   map[string]int
	avgLen float64

	accPool sync.Pool
}

// NewCaseRanker builds the ranking over docs (Terms filled by CaseTerms).
func NewCaseRanker(docs []CaseDoc) *CaseRanker {
	r := &CaseRanker{vocab: map[string]int32{}, byID: map[string]int{}}
	var total float64
	for i, d := range docs {
		tf := map[int32]float32{}
		e := caseEntry{doc: d, length: float32(len(d.Terms)), charges: Charges(d.Title, d.Text), amount: mainAmount(d.Text)}
		if len(e.charges) == 0 {
			e.charges = d.Citations
		}
		if d.Amount > 0 {
			e.amount = d.Amount
		}
		for _, w := range d.Terms {
			id, ok := r.vocab[w]
			if !ok {
				id = int32(len(r.df))
				r.vocab[w] = id
				r.words = append(r.words, w)
				r.df = append(r.df, 0)
				r.post = append(r.post, nil)
				r.ptf = append(r.ptf, nil)
			}
			if tf[id] == 0 {
				r.df[id]++
				r.post[id] = append(r.post[id], int32(i))
			}
			tf[id]++
		}
		e.tids, e.tfs = make([]int32, 0, len(tf)), make([]float32, len(tf))
		for id, f := range tf {
			r.ptf[id] = append(r.ptf[id], f)
			e.tids = append(e.tids, id)
		}
		slices.Sort(e.tids)
		for k, id := range e.tids {
			e.tfs[k] = tf[id]
		}
		e.doc.Terms = nil
		total += float64(e.length)
		r.byID[d.ID] = i
		r.docs = append(r.docs, e)
	}
	if len(docs) > 0 {
		r.avgLen = total / float64(len(docs))
	}
	// postings grown by append hold up to twice their length: held for the
	// server's life, they are copied to their size once
	for id := range r.post {
		if cap(r.post[id]) > len(r.post[id]) {
			r.post[id] = slices.Clone(r.post[id])
			r.ptf[id] = slices.Clone(r.ptf[id])
		}
	}
	return r
}

// tf is how often term id occurs in the case (0: not at all).
func (e *caseEntry) tf(id int32) float32 {
	if k, ok := slices.BinarySearch(e.tids, id); ok {
		return e.tfs[k]
	}
	return 0
}

// Has reports whether id is in the ranking.
func (r *CaseRanker) Has(id string) bool { _, ok := r.byID[id]; return ok }

// CaseHit is one ranked case.
type CaseHit struct {
	ID         string   `json:"id"`
	Score      float64  `json:"score"`
	Title      string   `json:"title"`
	Highlights []string `json:"highlights"`
}

// CaseQuery says what to rank: Only restricts to those ids (all of them are
// returned when Top is 0); Plain turns the structure off (BM25 alone).
// Collection, Agency and Kind select exactly; From and To (YYYY-MM-DD,
// inclusive) select on the case date, and a case without a date is then left out.
type CaseQuery struct {
	Only  []string
	Top   int
	Plain bool

	Collection, Agency, Kind string
	From, To                 string
}

// DateError is a From or To filter that is not a date, or a From after To.
type DateError struct {
	Field string // "from" or "to"
	Value string
	After bool // From is after To
}

func (e *DateError) Error() string {
	if e.After {
		return fmt.Sprintf("%s %s is after to", e.Field, e.Value)
	}
	return fmt.Sprintf("%s %q is not a date (YYYY-MM-DD)", e.Field, e.Value)
}

// CheckDates reports the first bad date filter (From before To), or nil.
func (q *CaseQuery) CheckDates() error {
	for _, f := range []struct{ name, v string }{{"from", q.From}, {"to", q.To}} {
		if _, err := time.Parse("2006-01-02", f.v); f.v != "" && err != nil {
			return &DateError{Field: f.name, Value: f.v}
		}
	}
	if q.From != "" && q.To != "" && q.From > q.To {
		return &DateError{Field: "from", Value: q.From, After: true}
	}
	return nil
}

func (q *CaseQuery) filtered() bool {
	return q.Collection != "" || q.Agency != "" || q.Kind != "" || q.From != "" || q.To != ""
}

func (q *CaseQuery) keep(d *CaseDoc) bool {
	switch {
	case q.Collection != "" && d.Collection != q.Collection,
		q.Agency != "" && d.Agency != q.Agency,
		q.Kind != "" && d.Kind != q.Kind:
		return false
	}
	if q.From != "" || q.To != "" {
		if len(d.Date) < 10 {
			return false
		}
		day := d.Date[:10]
		if (q.From != "" && day < q.From) || (q.To != "" && day > q.To) {
			return false
		}
	}
	return true
}

func (r *CaseRanker) bm25(qtf map[int32]float64, i int) float64 {
	e := &r.docs[i]
	n := float64(len(r.docs))
	var s float64
	for t, qf := range qtf {
		f := float64(e.tf(t))
		if f == 0 {
			continue
		}
		df := float64(r.df[t])
		idf := math.Log(1 + (n-df+0.5)/(df+0.5))
		s += qf * idf * f * (caseK1 + 1) / (f + caseK1*(1-caseB+caseB*float64(e.length)/r.avgLen))
	}
	return s
}

// Rank ranks cases for facts. Deterministic: ties break on id.
func (r *CaseRanker) Rank(facts string, q CaseQuery) []CaseHit {
	terms := CaseTerms("", facts)
	qAmount := mainAmount(facts)
	qParty := nlp.PartyKind(facts)
	qtf := map[int32]float64{}
	for _, w := range terms {
		if id, ok := r.vocab[w]; ok {
			qtf[id]++
		}
	}
	// candidates
	var cand []int
	if q.Only != nil {
		seen := map[int]bool{}
		for _, id := range q.Only {
			if i, ok := r.byID[id]; ok && !seen[i] && q.keep(&r.docs[i].doc) {
				seen[i] = true
				cand = append(cand, i)
			}
		}
	} else {
		cand = r.accumulate(qtf, &q)
	}
	type sc struct {
		i  int
		bm float64
		s  float64
	}
	scored := make([]sc, len(cand))
	maxBM := 0.0
	for k, i := range cand {
		b := r.bm25(qtf, i)
		scored[k] = sc{i: i, bm: b, s: b}
		if b > maxBM {
			maxBM = b
		}
	}
	byScore := func() {
		sort.Slice(scored, func(a, b int) bool {
			if scored[a].s != scored[b].s {
				return scored[a].s > scored[b].s
			}
			return r.docs[scored[a].i].doc.ID < r.docs[scored[b].i].doc.ID
		})
	}
	byScore()
	if !q.Plain && maxBM > 0 {
		// pseudo-relevance feedback over structure: the charges of the best
		// lexical matches, weighted by their score, are the query's likely charges.
		votes := map[string]float64{}
		var sum float64
		for k := 0; k < len(scored) && k < casePRFTop; k++ {
			w := scored[k].bm / maxBM
			for _, c := range r.docs[scored[k].i].charges {
				votes[c] += w
			}
			sum += w
		}
		for k := range scored {
			e := &r.docs[scored[k].i]
			var agree float64
			for _, c := range e.charges {
				if v := votes[c] / sum; v > agree {
					agree = v
				}
			}
			scored[k].s = scored[k].bm/maxBM + caseChargeWeight*agree + caseAmountWeight*amountProximity(qAmount, e.amount)
			if qParty != "" && qParty == e.doc.PartyType {
				scored[k].s += casePartyWeight
			}
		}
		byScore()
	} else if maxBM > 0 {
		for k := range scored {
			scored[k].s = scored[k].bm / maxBM
		}
	}
	top := q.Top
	if top <= 0 {
		if q.Only != nil {
			top = len(scored)
		} else {
			top = 10
		}
	}
	if top > len(scored) {
		top = len(scored)
	}
	out := make([]CaseHit, 0, top)
	for _, s := range scored[:top] {
		e := &r.docs[s.i]
		out = append(out, CaseHit{ID: e.doc.ID, Score: math.Round(s.s*1e6) / 1e6, Title: e.doc.Title,
			Highlights: r.highlights(e, qtf)})
	}
	return out
}

// highlights returns up to three sentences of the case holding the rarest
// query words it shares, the words marked with <em>.
func (r *CaseRanker) highlights(e *caseEntry, qtf map[int32]float64) []string {
	type w struct {
		s  string
		df int32
	}
	var shared []w
	for id := range qtf {
		if word := r.words[id]; e.tf(id) > 0 && len([]rune(word)) > 1 {
			shared = append(shared, w{word, r.df[id]})
		}
	}
	sort.Slice(shared, func(a, b int) bool {
		if shared[a].df != shared[b].df {
			return shared[a].df < shared[b].df
		}
		return shared[a].s < shared[b].s
	})
	if len(shared) > 5 {
		shared = shared[:5]
	}
	out := []string{}
	used := map[string]bool{}
	for _, sent := range strings.FieldsFunc(e.doc.Text, func(c rune) bool { return c == '。' || c == '\n' || c == '；' }) {
		hit := false
		for _, s := range shared {
			if strings.Contains(sent, s.s) {
				hit = true
				sent = strings.ReplaceAll(sent, s.s, "<em>"+s.s+"</em>")
			}
		}
		if hit && !used[sent] {
			used[sent] = true
			if rs := []rune(sent); len(rs) > 160 {
				sent = string(rs[:160]) + "…"
			}
			out = append(out, strings.TrimSpace(sent))
			if len(out) == 3 {
				break
			}
		}
	}
	return out
}

// accumulate scores the whole library term at a time over the postings and
// returns the best caseRerankPool documents by BM25 (the structure reranks
// only those: its weights cannot lift a case from further down).
func (r *CaseRanker) accumulate(qtf map[int32]float64, q *CaseQuery) []int {
	// one score per case: reused across lookups, since a fresh 800 KB slice per
	// lookup at 100,000 cases makes the collector scan the whole library often.
	accp, _ := r.accPool.Get().(*[]float64)
	if accp == nil || len(*accp) != len(r.docs) {
		b := make([]float64, len(r.docs))
		accp = &b
	}
	acc := *accp
	defer func() { clear(acc); r.accPool.Put(accp) }()
	n := float64(len(r.docs))
	terms := make([]int32, 0, len(qtf))
	for t := range qtf {
		terms = append(terms, t)
	}
	sort.Slice(terms, func(a, b int) bool { return terms[a] < terms[b] })
	for _, t := range terms {
		df := float64(r.df[t])
		idf := math.Log(1 + (n-df+0.5)/(df+0.5))
		w := qtf[t] * idf * (caseK1 + 1)
		tfs := r.ptf[t]
		for k, d := range r.post[t] {
			f := float64(tfs[k])
			acc[d] += w * f / (f + caseK1*(1-caseB+caseB*float64(r.docs[d].length)/r.avgLen))
		}
	}
	var cand []int
	filtered := q.filtered()
	for i, v := range acc {
		if v > 0 && (!filtered || q.keep(&r.docs[i].doc)) {
			cand = append(cand, i)
		}
	}
	if len(cand) > caseRerankPool {
		sort.Slice(cand, func(a, b int) bool {
			if acc[cand[a]] != acc[cand[b]] {
				return acc[cand[a]] > acc[cand[b]]
			}
			return cand[a] < cand[b]
		})
		cand = cand[:caseRerankPool]
	}
	return cand
}

const caseRerankPool = 1000
