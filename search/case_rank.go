package search

import (
	"fmt"
	"math"
	"regexp"
	"runtime"
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
	// TermIDs and Vocab are the terms as indexes into a vocabulary the docs
	// share (Vocab[TermIDs[k]] is term k), when Terms is nil: a library loaded
	// from its store holds them so, not a string header per term.
	TermIDs []int32
	Vocab   []string
	// FactsTerms is how many of the last Terms are the facts part (CaseTermsParts).
	FactsTerms int
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

// BM25 parameters of the case ranking, kept fixed so that scores are reproducible.
const (
	caseK1 = 1.2
	caseB  = 0.75
	// how many top lexical matches vote for the query's charge (pseudo-relevance feedback).
	casePRFTop = 5
)

// CaseOptions are the signals of the similar-case ranking and their weights,
// each relative to BM25 normalised to [0,1]. DefaultCaseOptions is what ships;
// the LeCaRD bench (bench/similar/lecard) measures each against the others.
type CaseOptions struct {
	// ChargeWeight weighs the belief that a candidate has the query's charge
	// (罪名, or the penalty provision of an administrative decision).
	ChargeWeight float64
	// ChargeModel takes that belief from the charge model trained on the
	// library's facts; PRFShare mixes in the vote of the best lexical matches
	// (1 = the vote alone, as before the model).
	ChargeModel bool
	PRFShare    float64
	// ChargeScale sharpens the model's posterior, P ∝ exp(scale·cosine);
	// 0 = the shipped scale.
	ChargeScale float64
	// AmountWeight: 1/(1+|log10(query amount / case amount)|).
	AmountWeight float64
	// PartyWeight: the same party type (person / organization), when both are known.
	PartyWeight float64
	// CircumstanceWeight: the share of the query's key circumstances (自首,
	// 累犯, 未遂, 谅解 …) and its gravest harm that the case shares.
	CircumstanceWeight float64
	// QueryOnce counts each query word once (long facts repeat the parties'
	// names and the same objects; their counts say little).
	QueryOnce bool
	// FactsOnly scores BM25 over the facts part of each case alone (built in).
	FactsOnly bool
}

// DefaultCaseOptions are the shipped weights (see BENCHMARKS.md "Similar cases").
func DefaultCaseOptions() CaseOptions {
	return CaseOptions{ChargeWeight: 1, ChargeModel: true, PRFShare: 0, AmountWeight: 0.2, PartyWeight: 0.1,
		CircumstanceWeight: 0.1, QueryOnce: true}
}

func (o CaseOptions) scale() float64 {
	if o.ChargeScale <= 0 {
		return chargeScale
	}
	return o.ChargeScale
}

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
// 经审理查明/公诉机关指控/经查 on, to 本院认为) counts twice, since it says what was done.
func CaseTerms(title, text string) []string {
	out, _ := caseTerms(title, text)
	return out
}

func caseTerms(title, text string) (out []string, facts int) {
	seg := nlp.Seg()
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
	whole, part := seg.CutWithPart(text, from, to)
	add(whole)
	n := len(out)
	add(part)
	return out, len(out) - n
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
	// a case's term counts are read from the postings (CaseRanker.tf): a
	// copy per case, sorted by term, was another 50 MB at 100,000 cases
	length  float32
	charges []string
	amount  float64
	circ    []string
	harm    string
}

// CaseRanker ranks library cases against facts: BM25 over the analysed text
// plus agreement of charges with those predicted for the query, of amounts,
// key circumstances and party type.
type CaseRanker struct {
	vocab  map[string]int32
	words  []string
	df     []int32
	post   [][]int32   // term → doc indexes
	ptf    [][]float32 // term → tf in those docs, same order
	docs   []caseEntry
	byID   map[string]int
	avgLen float64
	model  *chargeModel
	opt    CaseOptions

	accPool sync.Pool
}

// NewCaseRanker builds the ranking over docs (Terms filled by CaseTerms) with
// the shipped options.
func NewCaseRanker(docs []CaseDoc) *CaseRanker { return NewCaseRankerWith(docs, DefaultCaseOptions()) }

// NewCaseRankerWith builds the ranking with opt, training the charge model on
// the facts parts of docs labelled with the charges their judgments name.
func NewCaseRankerWith(docs []CaseDoc, opt CaseOptions) *CaseRanker {
	r := &CaseRanker{vocab: map[string]int32{}, byID: map[string]int{}, opt: opt}
	var total float64
	facts := make([][]int32, len(docs))
	id := func(w string) int32 {
		t, ok := r.vocab[w]
		if !ok {
			t = int32(len(r.df))
			r.vocab[w] = t
			r.words = append(r.words, w)
			r.df = append(r.df, 0)
			r.post = append(r.post, nil)
			r.ptf = append(r.ptf, nil)
		}
		return t
	}
	r.docs = make([]caseEntry, len(docs))
	// what is read from each text (charges, amounts, circumstances) on all cores
	var wg sync.WaitGroup
	workers := runtime.GOMAXPROCS(0)
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for i := w; i < len(docs); i += workers {
				d := &docs[i]
				e := &r.docs[i]
				e.charges = JudgedCharges(d.Title, d.Text)
				if len(e.charges) == 0 {
					e.charges = d.Citations
				}
				if e.amount = d.Amount; e.amount <= 0 {
					e.amount = mainAmount(d.Text)
				}
				e.circ, e.harm = circumstances(d.Text)
			}
		}(w)
	}
	wg.Wait()
	tf := map[int32]float32{}
	for i, d := range docs {
		e := &r.docs[i]
		e.doc = d
		clear(tf)
		nt := d.termCount()
		nf := min(max(d.FactsTerms, 0), nt)
		lo := 0
		if opt.FactsOnly && nf > 0 {
			lo = nt - nf
		}
		e.length = float32(nt - lo)
		for k := lo; k < nt; k++ {
			t := id(d.term(k))
			if tf[t] == 0 {
				r.df[t]++
				r.post[t] = append(r.post[t], int32(i))
			}
			tf[t]++
		}
		for t, f := range tf {
			r.ptf[t] = append(r.ptf[t], f)
		}
		if nf > 0 {
			fs := make([]int32, 0, nf)
			for k := nt - nf; k < nt; k++ {
				fs = append(fs, id(d.term(k)))
			}
			facts[i] = fs
		}
		// the ranking keeps ids and counts, not the terms
		e.doc.Terms, e.doc.TermIDs, e.doc.Vocab = nil, nil, nil
		total += float64(e.length)
		r.byID[d.ID] = i
	}
	if len(docs) > 0 {
		r.avgLen = total / float64(len(docs))
	}
	// postings grown by append hold up to twice their length: held for the
	// server's life, they are copied to their size once
	for t := range r.post {
		if cap(r.post[t]) > len(r.post[t]) {
			r.post[t] = slices.Clone(r.post[t])
			r.ptf[t] = slices.Clone(r.ptf[t])
		}
	}
	r.model = trainChargeModel(r.docs, facts, r.df)
	return r
}

// termCount is how many terms the doc has, given as Terms or TermIDs.
func (d *CaseDoc) termCount() int {
	if d.Terms != nil {
		return len(d.Terms)
	}
	return len(d.TermIDs)
}

// term is the doc's k-th term.
func (d *CaseDoc) term(k int) string {
	if d.Terms != nil {
		return d.Terms[k]
	}
	return d.Vocab[d.TermIDs[k]]
}

// tf is how often term t occurs in case i: its postings hold the cases in
// order.
func (r *CaseRanker) tf(t int32, i int) float32 {
	if t < 0 || int(t) >= len(r.post) {
		return 0
	}
	if k, ok := slices.BinarySearch(r.post[t], int32(i)); ok {
		return r.ptf[t][k]
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
	// Reasons says why the case matched: the same charge or violation, the
	// same articles, amount tier, circumstances, party type, shared key words.
	Reasons []string `json:"reasons"`
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

// bm25 sums over the query's terms in order (qterms, sorted), so that a
// score does not depend on map order in its last bits: equal cases tie
// exactly and break on id.
func (r *CaseRanker) bm25(qtf map[int32]float64, qterms []int32, i int) float64 {
	e := &r.docs[i]
	n := float64(len(r.docs))
	var s float64
	for _, t := range qterms {
		qf := qtf[t]
		f := float64(r.tf(t, i))
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
	terms, _ := caseTerms("", facts)
	qAmount := mainAmount(facts)
	qParty := nlp.PartyKind(facts)
	qCirc, qHarm := circumstances(facts)
	qCite := nlp.ArticleKeys(facts)
	qtf := map[int32]float64{}
	var qids []int32
	for _, w := range terms {
		if id, ok := r.vocab[w]; ok {
			qids = append(qids, id)
			if !r.opt.QueryOnce || qtf[id] == 0 {
				qtf[id]++
			}
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
		i     int
		bm, s float64
		agree float64
		with  string // the charge agreed on
	}
	scored := make([]sc, len(cand))
	maxBM := 0.0
	qterms := make([]int32, 0, len(qtf))
	for t := range qtf {
		qterms = append(qterms, t)
	}
	slices.Sort(qterms)
	for k, i := range cand {
		b := r.bm25(qtf, qterms, i)
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
	o := r.opt
	if !q.Plain && maxBM > 0 {
		// the query's likely charges: the model's prediction from the facts,
		// mixed with the vote of the best lexical matches (pseudo-relevance feedback).
		belief := map[string]float64{}
		share := o.PRFShare
		if r.model == nil || !o.ChargeModel {
			share = 1
		}
		if share < 1 {
			for c, p := range r.model.predict(qids, o.scale()) {
				belief[c] += (1 - share) * p
			}
		}
		if share > 0 {
			votes := map[string]float64{}
			var sum float64
			for k := 0; k < len(scored) && k < casePRFTop; k++ {
				w := scored[k].bm / maxBM
				for _, c := range r.docs[scored[k].i].charges {
					votes[c] += w
				}
				sum += w
			}
			for c, v := range votes {
				belief[c] += share * v / sum
			}
		}
		for k := range scored {
			e := &r.docs[scored[k].i]
			for _, c := range e.charges {
				if v := belief[c]; v > scored[k].agree {
					scored[k].agree, scored[k].with = v, c
				}
			}
			s := scored[k].bm/maxBM + o.ChargeWeight*scored[k].agree + o.AmountWeight*amountProximity(qAmount, e.amount)
			if qParty != "" && qParty == e.doc.PartyType {
				s += o.PartyWeight
			}
			s += o.CircumstanceWeight * circumstanceAgreement(qCirc, qHarm, e.circ, e.harm)
			scored[k].s = s
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
		shared := r.sharedWords(s.i, qtf, 5)
		h := CaseHit{ID: e.doc.ID, Score: math.Round(s.s*1e6) / 1e6, Title: e.doc.Title,
			Highlights: r.highlights(e, shared), Reasons: []string{}}
		if s.agree >= 0.5 {
			h.Reasons = append(h.Reasons, chargeLabel(s.with))
		}
		if arts := sharedCitations(qCite, e.doc.Citations); len(arts) > 0 {
			h.Reasons = append(h.Reasons, "相同条款："+strings.Join(arts, "、"))
		}
		if t, name := amountTier(qAmount); t > 0 {
			if u, _ := amountTier(e.amount); u == t {
				h.Reasons = append(h.Reasons, "金额同档："+name)
			}
		}
		if cs := sharedCircumstances(qCirc, qHarm, e.circ, e.harm); len(cs) > 0 {
			h.Reasons = append(h.Reasons, "相同情节："+strings.Join(cs, "、"))
		}
		if qParty != "" && qParty == e.doc.PartyType {
			h.Reasons = append(h.Reasons, map[string]string{"person": "同为个人", "organization": "同为单位"}[qParty])
		}
		if len(shared) > 0 {
			h.Reasons = append(h.Reasons, "共有关键词："+strings.Join(shared, "、"))
		}
		out = append(out, h)
	}
	return out
}

// circumstanceAgreement is the share of the query's key circumstances and
// harm the case shares (0 when the query shows none).
func circumstanceAgreement(qc []string, qh string, c []string, h string) float64 {
	n := len(qc)
	if qh != "" {
		n++
	}
	if n == 0 {
		return 0
	}
	return float64(len(sharedCircumstances(qc, qh, c, h))) / float64(n)
}

func sharedCircumstances(qc []string, qh string, c []string, h string) []string {
	var out []string
	for _, x := range qc {
		for _, y := range c {
			if x == y {
				out = append(out, x)
				break
			}
		}
	}
	if qh != "" && qh == h {
		out = append(out, qh)
	}
	return out
}

func sharedCitations(q, c []string) []string {
	var out []string
	for _, x := range q {
		for _, y := range c {
			if x == y {
				out = append(out, x)
				break
			}
		}
	}
	return out
}

// sharedWords are up to n of the rarest query words (two characters or more)
// the case holds, rarest first.
func (r *CaseRanker) sharedWords(i int, qtf map[int32]float64, n int) []string {
	type w struct {
		s  string
		df int32
	}
	var shared []w
	for id := range qtf {
		if word := r.words[id]; len([]rune(word)) > 1 && r.tf(id, i) > 0 {
			shared = append(shared, w{word, r.df[id]})
		}
	}
	sort.Slice(shared, func(a, b int) bool {
		if shared[a].df != shared[b].df {
			return shared[a].df < shared[b].df
		}
		return shared[a].s < shared[b].s
	})
	if len(shared) > n {
		shared = shared[:n]
	}
	out := make([]string, len(shared))
	for i, x := range shared {
		out[i] = x.s
	}
	return out
}

// highlights returns up to three sentences of the case holding the shared
// words, the words marked with <em>.
func (r *CaseRanker) highlights(e *caseEntry, shared []string) []string {
	out := []string{}
	used := map[string]bool{}
	for _, sent := range strings.FieldsFunc(e.doc.Text, func(c rune) bool { return c == '。' || c == '\n' || c == '；' }) {
		hit := false
		for _, s := range shared {
			if strings.Contains(sent, s) {
				hit = true
				sent = strings.ReplaceAll(sent, s, "<em>"+s+"</em>")
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
