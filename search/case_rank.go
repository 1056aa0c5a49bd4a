package search

import (
	"cmp"
	"context"
	"fmt"
	"math"
	"regexp"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unicode/utf8"

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
	// ChargeSoft mixes in, with this share, the soft agreement of charges:
	// Σ P(charge | query facts)·P(charge | the case's facts), both from the
	// model, so that a case of a neighbouring charge (贷款诈骗 for 合同诈骗)
	// is not as far as one of another kind (built in: 0 = off).
	ChargeSoft float64
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
	// K1 and B are BM25's (0 = caseK1, caseB).
	K1, B float64
	// QueryLogTF weighs a query word by 1+ln(count) instead: a repeated word
	// counts a little more than once (QueryOnce wins).
	QueryLogTF bool
	// FactsOnly scores BM25 over the facts part of each case alone (built in).
	FactsOnly bool
	// RestWeight weighs each word of the title and the whole text (built in;
	// 0 = 1); the facts part, counted once more, weighs 1 more: 1 = facts
	// twice the rest, 0.5 = three times.
	RestWeight float64
	// Pseudo-relevance feedback (RM3): the first ranking's best FeedbackDocs
	// cases, weighted by their scores, give a term distribution; its
	// FeedbackTerms likeliest words join the query with FeedbackWeight
	// (the query keeps 1−FeedbackWeight), and BM25 is scored again with it.
	// FeedbackIDF picks the words by likelihood × idf. 0 docs = off.
	FeedbackDocs, FeedbackTerms int
	FeedbackWeight              float64
	FeedbackIDF                 bool
}

// DefaultCaseOptions are the shipped weights (see BENCHMARKS.md "Similar cases").
func DefaultCaseOptions() CaseOptions {
	return CaseOptions{ChargeWeight: 1, ChargeModel: true, PRFShare: 0, AmountWeight: 0.2, PartyWeight: 0.1,
		CircumstanceWeight: 0.1, QueryLogTF: true}
}

func (o CaseOptions) bm25() (k1, b float64) {
	k1, b = caseK1, caseB
	if o.K1 > 0 {
		k1 = o.K1
	}
	if o.B > 0 {
		b = o.B
	}
	return k1, b
}

// feedback tells whether the ranking does a pseudo-relevance step, which
// reads every term of the top cases.
func (o CaseOptions) feedback() bool {
	return o.FeedbackDocs > 0 && o.FeedbackTerms > 0 && o.FeedbackWeight > 0
}

func (o CaseOptions) restWeight() float64 {
	if o.RestWeight <= 0 {
		return 1
	}
	return o.RestWeight
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
	// the case's terms and their counts, sorted by term: a map per case
	// held for the server's life cost several times more
	tids    []int32
	tfs     []float32
	length  float32
	charges []string
	amount  float64
	circ    []string
	harm    string
	// guess is the charge model's belief about the case's own facts (labels
	// of P ≥ 0.01), for the soft agreement (CaseOptions.ChargeSoft)
	guess []labelWeight
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
	maxTF  []float32   // term → its largest tf (the bound of its BM25 share)
	lens   []float32   // doc → length, beside the postings for the accumulation
	minLen float32
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
		// the words before the facts are the title and the whole text (the
		// facts once more among them); those after, the facts again
		rest := float32(opt.restWeight())
		if opt.FactsOnly || nf == 0 {
			rest = 1
		}
		for k := lo; k < nt; k++ {
			t := id(d.term(k))
			if tf[t] == 0 {
				r.df[t]++
				r.post[t] = append(r.post[t], int32(i))
			}
			x := float32(1)
			if k < nt-nf && rest != 1 {
				x = rest
			}
			tf[t] += x
			e.length += x
		}
		for t, f := range tf {
			r.ptf[t] = append(r.ptf[t], f)
		}
		if opt.feedback() {
			// feedback reads every term of the top cases; otherwise a case's
			// counts are read from the postings (another 50 MB at 100,000 cases)
			e.tids, e.tfs = make([]int32, 0, len(tf)), make([]float32, len(tf))
			for t := range tf {
				e.tids = append(e.tids, t)
			}
			slices.Sort(e.tids)
			for k, t := range e.tids {
				e.tfs[k] = tf[t]
			}
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
	r.lens = make([]float32, len(r.docs))
	for i := range r.docs {
		r.lens[i] = r.docs[i].length
		if i == 0 || r.docs[i].length < r.minLen {
			r.minLen = r.docs[i].length
		}
	}
	r.maxTF = make([]float32, len(r.ptf))
	for t, fs := range r.ptf {
		for _, f := range fs {
			r.maxTF[t] = max(r.maxTF[t], f)
		}
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
	if r.model != nil && opt.ChargeSoft > 0 {
		for i := range r.docs {
			for c, p := range r.model.predictIndex(facts[i], opt.scale()) {
				if p >= 0.01 {
					r.docs[i].guess = append(r.docs[i].guess, labelWeight{int32(c), float32(p)})
				}
			}
		}
	}
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

// queryWeights are the weights of the query's words known to the ranking
// (QueryOnce, QueryLogTF), and their ids in the order said.
func (r *CaseRanker) queryWeights(terms []string) (qtf map[int32]float64, qids []int32) {
	qtf = map[int32]float64{}
	for _, w := range terms {
		if id, ok := r.vocab[w]; ok {
			qids = append(qids, id)
			if !r.opt.QueryOnce || qtf[id] == 0 {
				qtf[id]++
			}
		}
	}
	if r.opt.QueryLogTF && !r.opt.QueryOnce {
		for t, f := range qtf {
			qtf[t] = 1 + math.Log(f)
		}
	}
	return qtf, qids
}

// qterm is a query word with its weight and idf; a query is a slice of them
// sorted by term, read against a case's sorted terms in one pass.
type qterm struct {
	t      int32
	w, idf float64
	// rank orders the words of two characters or more by rarity (df, then
	// the word) for the shared words a hit shows; -1 for one character
	rank int
}

// queryTerms is qtf sorted by term, with idf and ranks.
func (r *CaseRanker) queryTerms(qtf map[int32]float64) []qterm {
	n := float64(len(r.docs))
	qs := make([]qterm, 0, len(qtf))
	for t, w := range qtf {
		df := float64(r.df[t])
		qs = append(qs, qterm{t: t, w: w, idf: math.Log(1 + (n-df+0.5)/(df+0.5)), rank: -1})
	}
	slices.SortFunc(qs, func(a, b qterm) int { return int(a.t - b.t) })
	var long []int
	for k, q := range qs {
		if utf8.RuneCountInString(r.words[q.t]) > 1 {
			long = append(long, k)
		}
	}
	sort.Slice(long, func(a, b int) bool {
		x, y := qs[long[a]].t, qs[long[b]].t
		if r.df[x] != r.df[y] {
			return r.df[x] < r.df[y]
		}
		return r.words[x] < r.words[y]
	})
	for rank, k := range long {
		qs[k].rank = rank
	}
	return qs
}

// matches calls fn with each query word case i holds and its tf there, in
// the query's order.
func (r *CaseRanker) matches(i int, qs []qterm, fn func(q *qterm, tf float32)) {
	e := &r.docs[i]
	if e.tids == nil {
		for k := range qs {
			if f := r.tf(qs[k].t, i); f > 0 {
				fn(&qs[k], f)
			}
		}
		return
	}
	tids := e.tids
	for k := range qs {
		j, ok := slices.BinarySearch(tids, qs[k].t)
		if ok {
			fn(&qs[k], e.tfs[len(e.tids)-len(tids)+j])
			j++
		}
		tids = tids[j:]
		if len(tids) == 0 {
			return
		}
	}
}

func (r *CaseRanker) bm25(qs []qterm, i int) float64 {
	e := &r.docs[i]
	k1, b := r.opt.bm25()
	norm := k1 * (1 - b + b*float64(e.length)/r.avgLen)
	var s float64
	r.matches(i, qs, func(q *qterm, tf float32) {
		f := float64(tf)
		s += q.w * q.idf * f * (k1 + 1) / (f + norm)
	})
	return s
}

// Rank ranks cases for facts. Deterministic: ties break on id.
func (r *CaseRanker) Rank(facts string, q CaseQuery) []CaseHit {
	hits, _ := r.RankContext(context.Background(), facts, q)
	return hits
}

// rankCheckEvery is how many candidates or postings are scored between two
// looks at the context: often enough to stop within a millisecond or so,
// rare enough to cost nothing.
const rankCheckEvery = 4096

// RankContext is Rank stopping once ctx ends (the client has gone): it looks
// at ctx between its stages and inside the scoring loops, and returns ctx's
// error and no hits then.
func (r *CaseRanker) RankContext(ctx context.Context, facts string, q CaseQuery) ([]CaseHit, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	terms, _ := caseTerms("", facts)
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	qAmount := mainAmount(facts)
	qParty := nlp.PartyKind(facts)
	qCirc, qHarm := circumstances(facts)
	qCite := nlp.ArticleKeys(facts)
	qtf, qids := r.queryWeights(terms)
	qs := r.queryTerms(qtf)
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
		var err error
		if cand, err = r.accumulate(ctx, qtf, &q); err != nil {
			return nil, err
		}
	}
	type sc struct {
		i     int
		bm, s float64
		agree float64
		with  string // the charge agreed on
	}
	scored := make([]sc, len(cand))
	maxBM := 0.0
	for k, i := range cand {
		if k%(rankCheckEvery/64) == 0 {
			// bm25 walks every query term for each candidate
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
		b := r.bm25(qs, i)
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
	if err := ctx.Err(); err != nil {
		return nil, err
	}
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
			if o.ChargeSoft > 0 && len(e.guess) > 0 {
				var soft float64
				for _, g := range e.guess {
					soft += belief[r.model.labels[g.label]] * float64(g.w)
				}
				scored[k].agree = (1-o.ChargeSoft)*scored[k].agree + o.ChargeSoft*soft
			}
		}
		final := func() {
			for k := range scored {
				e := &r.docs[scored[k].i]
				s := scored[k].bm/maxBM + o.ChargeWeight*scored[k].agree + o.AmountWeight*amountProximity(qAmount, e.amount)
				if qParty != "" && qParty == e.doc.PartyType {
					s += o.PartyWeight
				}
				s += o.CircumstanceWeight * circumstanceAgreement(qCirc, qHarm, e.circ, e.harm)
				scored[k].s = s
			}
			byScore()
		}
		final()
		if o.feedback() {
			top := make([]int, 0, o.FeedbackDocs)
			ws := make([]float64, 0, o.FeedbackDocs)
			for k := 0; k < len(scored) && k < o.FeedbackDocs; k++ {
				top, ws = append(top, scored[k].i), append(ws, scored[k].s)
			}
			if fq := r.feedback(qtf, top, ws); fq != nil {
				fqs := r.queryTerms(fq)
				maxBM = 0
				for k := range scored {
					scored[k].bm = r.bm25(fqs, scored[k].i)
					maxBM = math.Max(maxBM, scored[k].bm)
				}
				if maxBM > 0 {
					final()
				}
			}
		}
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
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	out := make([]CaseHit, 0, top)
	for k, s := range scored[:top] {
		if k > 0 && k%64 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
		e := &r.docs[s.i]
		shared := r.sharedWords(s.i, qs, 5)
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
	return out, nil
}

// feedback is the query expanded by RM3: the term distribution of the cases
// docs (each P(w|case) = tf/length, mixed by weights ws), its likeliest
// FeedbackTerms words mixed in with FeedbackWeight; the query's own weights
// are normalised to sum 1−FeedbackWeight. nil when nothing is to be added.
func (r *CaseRanker) feedback(qtf map[int32]float64, docs []int, ws []float64) map[int32]float64 {
	o := r.opt
	var wsum float64
	for _, w := range ws {
		wsum += math.Max(w, 0)
	}
	if wsum == 0 || len(qtf) == 0 {
		return nil
	}
	rel := map[int32]float64{}
	for k, i := range docs {
		e := &r.docs[i]
		if e.length == 0 || ws[k] <= 0 {
			continue
		}
		w := ws[k] / wsum / float64(e.length)
		for j, t := range e.tids {
			rel[t] += w * float64(e.tfs[j])
		}
	}
	type tw struct {
		t    int32
		p, s float64
	}
	n := float64(len(r.docs))
	cand := make([]tw, 0, len(rel))
	for t, p := range rel {
		s := p
		if o.FeedbackIDF {
			df := float64(r.df[t])
			s *= math.Log(1 + (n-df+0.5)/(df+0.5))
		}
		cand = append(cand, tw{t, p, s})
	}
	sort.Slice(cand, func(a, b int) bool {
		if cand[a].s != cand[b].s {
			return cand[a].s > cand[b].s
		}
		return cand[a].t < cand[b].t
	})
	if len(cand) > o.FeedbackTerms {
		cand = cand[:o.FeedbackTerms]
	}
	var psum, qsum float64
	for _, c := range cand {
		psum += c.p
	}
	for _, f := range qtf {
		qsum += f
	}
	if psum == 0 {
		return nil
	}
	out := make(map[int32]float64, len(qtf)+len(cand))
	for t, f := range qtf {
		out[t] = (1 - o.FeedbackWeight) * f / qsum
	}
	for _, c := range cand {
		out[c.t] += o.FeedbackWeight * c.p / psum
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
func (r *CaseRanker) sharedWords(i int, qs []qterm, n int) []string {
	var ranks []int
	byRank := map[int]int32{}
	r.matches(i, qs, func(q *qterm, _ float32) {
		if q.rank >= 0 {
			ranks = append(ranks, q.rank)
			byRank[q.rank] = q.t
		}
	})
	slices.Sort(ranks)
	if len(ranks) > n {
		ranks = ranks[:n]
	}
	out := make([]string, len(ranks))
	for i, k := range ranks {
		out[i] = r.words[byRank[k]]
	}
	return out
}

// highlights returns up to three sentences of the case holding the shared
// words, the words marked with <em>. Sentences end at 。, ； or a line
// break; only those around an occurrence are cut out, the text is not split.
func (r *CaseRanker) highlights(e *caseEntry, shared []string) []string {
	out := []string{}
	if len(shared) == 0 {
		return out
	}
	text := e.doc.Text
	used := map[string]bool{}
	longest := 0
	for _, w := range shared {
		longest = max(longest, len(w))
	}
	pos := 0
	for len(out) < 3 {
		// the earliest occurrence at or after pos, looked for a window at a
		// time: a rare word need not be sought through the whole text
		at := -1
		for lo := pos; lo < len(text) && at < 0; lo += highlightWindow {
			hi := min(len(text), lo+highlightWindow+longest)
			for _, w := range shared {
				if j := strings.Index(text[lo:hi], w); j >= 0 && j < highlightWindow && (at < 0 || lo+j < at) {
					at = lo + j
				}
			}
		}
		if at < 0 {
			break
		}
		start := 0
		if j := strings.LastIndexAny(text[:at], sentenceEnds); j >= 0 {
			_, n := utf8.DecodeRuneInString(text[j:])
			start = j + n
		}
		end := len(text)
		if j := strings.IndexAny(text[at:], sentenceEnds); j >= 0 {
			end = at + j
		}
		pos = end
		sent := text[start:end]
		for _, w := range shared {
			if strings.Contains(sent, w) {
				sent = strings.ReplaceAll(sent, w, "<em>"+w+"</em>")
			}
		}
		if !used[sent] {
			used[sent] = true
			if utf8.RuneCountInString(sent) > 160 {
				sent = string([]rune(sent)[:160]) + "…"
			}
			out = append(out, strings.TrimSpace(sent))
		}
	}
	return out
}

const sentenceEnds = "。\n；"

// highlightWindow is how many bytes of text highlights looks through at a
// time (a variable for tests, which make it small).
var highlightWindow = 2048

// accumulate scores the library term at a time over the postings and
// returns the best caseRerankPool documents by BM25 (the structure reranks
// only those: its weights cannot lift a case from further down), in order of
// score (ties to the lower index), or every case that holds a query word, in
// index order, when they are fewer.
//
// Terms are walked rarest first. Once the pool's worst score so far is above
// what all the words not yet walked could still add to any case (each word's
// bound: its weight at its largest tf and the shortest case), no case outside
// can reach the pool; the common words (postings in most of the library, idf
// near 0) are then looked up only in the cases that still can, instead of
// walking their postings. The pool is the same as scoring every posting.
func (r *CaseRanker) accumulate(ctx context.Context, qtf map[int32]float64, q *CaseQuery) ([]int, error) {
	// one score per case and the lists of cases: reused across lookups, since
	// a fresh 800 KB slice per lookup at 100,000 cases makes the collector
	// scan the whole library often.
	ab, _ := r.accPool.Get().(*accBufs)
	if ab == nil || len(ab.acc) != len(r.docs) {
		ab = &accBufs{acc: make([]float64, len(r.docs))}
	}
	acc := ab.acc
	defer func() {
		clear(acc)
		ab.cand, ab.vals = ab.cand[:0], ab.vals[:0]
		r.accPool.Put(ab)
	}()
	n := float64(len(r.docs))
	k1, b := r.opt.bm25()
	minNorm := k1 * (1 - b + b*float64(r.minLen)/r.avgLen)
	type qword struct {
		t     int32
		w, ub float64
	}
	terms := make([]qword, 0, len(qtf))
	for t, x := range qtf {
		df := float64(r.df[t])
		idf := math.Log(1 + (n-df+0.5)/(df+0.5))
		w := x * idf * (k1 + 1)
		mf := float64(r.maxTF[t])
		terms = append(terms, qword{t: t, w: w, ub: w * mf / (mf + minNorm)})
	}
	slices.SortFunc(terms, func(a, b qword) int {
		if c := cmp.Compare(len(r.post[a.t]), len(r.post[b.t])); c != 0 {
			return c
		}
		return cmp.Compare(a.t, b.t)
	})
	// rest[j] bounds what terms[j:] add to one case; restP[j] is their postings
	rest := make([]float64, len(terms)+1)
	restP := make([]int, len(terms)+1)
	for j := len(terms) - 1; j >= 0; j-- {
		rest[j] = rest[j+1] + terms[j].ub
		restP[j] = restP[j+1] + len(r.post[terms[j].t])
	}
	filtered := q.filtered()
	cand := ab.cand[:0] // the kept cases with a score, as first reached
	vals := ab.vals[:0]
	defer func() { ab.cand, ab.vals = cand[:0], vals[:0] }()
	theta := 0.0
	walked, sinceCheck := 0, 0
	j := 0
	for ; j < len(terms); j++ {
		post, tfs := r.post[terms[j].t], r.ptf[terms[j].t]
		if len(cand) >= caseRerankPool && restP[j] > 2*len(cand) && sinceCheck >= len(cand)/2 {
			sinceCheck = 0
			vals = vals[:0]
			for _, d := range cand {
				vals = append(vals, acc[d])
			}
			theta = kthLargest(vals, caseRerankPool)
			// slack for the rounding of sums taken in another order
			if theta > rest[j]*(1+1e-9)+1e-12 {
				break
			}
		}
		if walked += len(post); walked >= rankCheckEvery {
			walked = 0
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
		sinceCheck += len(post)
		w := terms[j].w
		for k, d := range post {
			f := float64(tfs[k])
			if acc[d] == 0 && (!filtered || q.keep(&r.docs[d].doc)) {
				cand = append(cand, d)
			}
			acc[d] += w * f / (f + k1*(1-b+b*float64(r.lens[d])/r.avgLen))
		}
	}
	if j < len(terms) {
		accumulatePruned.Add(1)
		// the cases that can still reach the pool get the rest of the words
		u := rest[j]*(1+1e-9) + 1e-12
		alive := make([]int32, 0, 4*caseRerankPool)
		for _, d := range cand {
			if acc[d]+u >= theta {
				alive = append(alive, d)
			}
		}
		slices.Sort(alive)
		for ; j < len(terms); j++ {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
			if j > 0 && len(alive) > 2*caseRerankPool {
				// fewer words left: fewer cases can still reach the pool
				vals = vals[:0]
				for _, d := range alive {
					vals = append(vals, acc[d])
				}
				theta = max(theta, kthLargest(vals, caseRerankPool))
				u := rest[j]*(1+1e-9) + 1e-12
				keep := alive[:0]
				for _, d := range alive {
					if acc[d]+u >= theta {
						keep = append(keep, d)
					}
				}
				alive = keep
			}
			post, tfs := r.post[terms[j].t], r.ptf[terms[j].t]
			w := terms[j].w
			lo := 0
			for _, d := range alive {
				// galloping: the next case is often a few postings on
				step := 1
				for lo+step < len(post) && post[lo+step] < d {
					lo += step
					step *= 2
				}
				k, ok := slices.BinarySearch(post[lo:min(len(post), lo+step+1)], d)
				lo += k
				if ok {
					f := float64(tfs[lo])
					acc[d] += w * f / (f + k1*(1-b+b*float64(r.lens[d])/r.avgLen))
					lo++
				}
				if lo >= len(post) {
					break
				}
			}
		}
		return r.pool(acc, alive), nil
	}
	return r.pool(acc, cand), nil
}

// accBufs are one lookup's buffers of accumulate.
type accBufs struct {
	acc  []float64
	cand []int32
	vals []float64
}

// pool is the best caseRerankPool of cand by acc (ties to the lower index),
// in that order, or all of cand in index order when they are no more.
func (r *CaseRanker) pool(acc []float64, cand []int32) []int {
	better := func(a, b int) bool { return acc[a] > acc[b] || (acc[a] == acc[b] && a < b) }
	if len(cand) <= caseRerankPool {
		out := make([]int, len(cand))
		for k, d := range cand {
			out[k] = int(d)
		}
		slices.Sort(out)
		return out
	}
	// the pool: a heap of the best so far, its worst on top
	h := make([]int, 0, caseRerankPool)
	down := func(i int) {
		for {
			c := 2*i + 1
			if c >= len(h) {
				return
			}
			if c+1 < len(h) && better(h[c], h[c+1]) {
				c++
			}
			if !better(h[i], h[c]) {
				return
			}
			h[i], h[c] = h[c], h[i]
			i = c
		}
	}
	for _, d32 := range cand {
		d := int(d32)
		if len(h) < caseRerankPool {
			h = append(h, d)
			for i := len(h) - 1; i > 0; {
				p := (i - 1) / 2
				if !better(h[p], h[i]) {
					break
				}
				h[p], h[i] = h[i], h[p]
				i = p
			}
		} else if better(d, h[0]) {
			h[0] = d
			down(0)
		}
	}
	slices.SortFunc(h, func(a, b int) int {
		if better(a, b) {
			return -1
		}
		if better(b, a) {
			return 1
		}
		return 0
	})
	return h
}

// accumulatePruned counts the lookups whose common words were looked up only
// in the cases that could still reach the pool (read by the tests).
var accumulatePruned atomic.Int64

// kthLargest is the k-th largest of vs (k ≥ 1, k ≤ len(vs)); vs is reordered.
func kthLargest(vs []float64, k int) float64 {
	lo, hi, want := 0, len(vs)-1, k-1
	for lo < hi {
		p := vs[lo+(hi-lo)/2]
		i, j := lo, hi
		for i <= j {
			for vs[i] > p {
				i++
			}
			for vs[j] < p {
				j--
			}
			if i <= j {
				vs[i], vs[j] = vs[j], vs[i]
				i++
				j--
			}
		}
		switch {
		case want <= j:
			hi = j
		case want >= i:
			lo = i
		default:
			return vs[want]
		}
	}
	return vs[want]
}

const caseRerankPool = 1000
