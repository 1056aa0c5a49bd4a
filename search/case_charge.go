package search

import (
	"math"
	"regexp"
	"sort"
	"strings"
)

// CaseTermsParts is CaseTerms and how many of its last terms are the facts
// part (0 when no facts part was found): the facts are what a query is made
// of, so the charge model learns from them alone.
func CaseTermsParts(title, text string) (terms []string, facts int) {
	return caseTerms(title, text)
}

// judgedStart opens the part of a judgment where the court names the charge:
// the operative part first (判决如下), then the reasoning (本院认为).
var judgedStart = []string{"判决如下", "裁定如下", "本院认为"}

// JudgedCharges returns the charges a judgment convicts of, the primary one
// first: those named in its operative part (判决如下 …), else in its
// reasoning, else anywhere in the title or text. The facts part may name a
// former conviction (曾因犯盗窃罪被判处…), which is not this case's charge.
func JudgedCharges(title, text string) []string {
	for _, mark := range judgedStart {
		if i := strings.Index(text, mark); i >= 0 {
			if cs := Charges("", text[i:]); len(cs) > 0 {
				return cs
			}
		}
	}
	return Charges(title, text)
}

// chargeModel predicts the charge (or, for administrative decisions, the
// penalty provision) of facts: multinomial naive Bayes over the words of the
// library's own facts parts, each word once per case, labelled by the charge
// the case's judgment names. It needs nothing but the library.
type chargeModel struct {
	labels  []string
	prior   []float64           // log P(label)
	logp    []map[int32]float64 // label → log P(word | label) for the words seen with it
	unseen  []float64           // label → log P(an unseen word | label)
	byLabel map[string]int
}

// chargeAlpha is the additive smoothing of the word counts (Laplace).
const chargeAlpha = 1.0

func trainChargeModel(docs []caseEntry, facts [][]int32, vocab int) *chargeModel {
	m := &chargeModel{byLabel: map[string]int{}}
	var counts []map[int32]float64
	var totals, ndocs []float64
	var n float64
	for i := range docs {
		if len(docs[i].charges) == 0 || len(facts[i]) == 0 {
			continue
		}
		lab := docs[i].charges[0]
		k, ok := m.byLabel[lab]
		if !ok {
			k = len(m.labels)
			m.byLabel[lab] = k
			m.labels = append(m.labels, lab)
			counts = append(counts, map[int32]float64{})
			totals = append(totals, 0)
			ndocs = append(ndocs, 0)
		}
		seen := map[int32]bool{}
		for _, t := range facts[i] {
			if !seen[t] {
				seen[t] = true
				counts[k][t]++
				totals[k]++
			}
		}
		ndocs[k]++
		n++
	}
	if n == 0 {
		return nil
	}
	v := float64(vocab)
	for k := range m.labels {
		den := totals[k] + chargeAlpha*v
		lp := make(map[int32]float64, len(counts[k]))
		for t, c := range counts[k] {
			lp[t] = math.Log((c + chargeAlpha) / den)
		}
		m.logp = append(m.logp, lp)
		m.unseen = append(m.unseen, math.Log(chargeAlpha/den))
		m.prior = append(m.prior, math.Log(ndocs[k]/n))
	}
	return m
}

// predict returns P(label | facts) over the labels, the query's distinct words
// counted once. Naive Bayes is overconfident on long texts (its word
// likelihoods are not independent); temper > 1 divides the log-likelihood,
// flattening the posterior.
func (m *chargeModel) predict(terms []int32, temper float64) map[string]float64 {
	if m == nil || len(terms) == 0 {
		return nil
	}
	seen := map[int32]bool{}
	var uniq []int32
	for _, t := range terms {
		if !seen[t] {
			seen[t] = true
			uniq = append(uniq, t)
		}
	}
	if temper < 1 {
		temper = 1
	}
	score := make([]float64, len(m.labels))
	best := math.Inf(-1)
	for k := range m.labels {
		s := 0.0
		for _, t := range uniq {
			if lp, ok := m.logp[k][t]; ok {
				s += lp
			} else {
				s += m.unseen[k]
			}
		}
		score[k] = m.prior[k] + s/temper
		best = math.Max(best, score[k])
	}
	var z float64
	for k := range score {
		score[k] = math.Exp(score[k] - best)
		z += score[k]
	}
	out := map[string]float64{}
	for k, s := range score {
		if p := s / z; p >= 1e-4 {
			out[m.labels[k]] = p
		}
	}
	return out
}

// ChargeGuess is a predicted charge with its probability.
type ChargeGuess struct {
	Charge string  `json:"charge"`
	P      float64 `json:"p"`
}

// PredictCharges returns the likely charges of facts, most likely first
// (those of probability ≥ 0.01), as the case ranking uses them.
func (r *CaseRanker) PredictCharges(facts string) []ChargeGuess {
	terms, _ := caseTerms("", facts)
	var ids []int32
	for _, w := range terms {
		if id, ok := r.vocab[w]; ok {
			ids = append(ids, id)
		}
	}
	return sortedGuesses(r.model.predict(ids, r.opt.temper(len(ids))))
}

func sortedGuesses(p map[string]float64) []ChargeGuess {
	var out []ChargeGuess
	for c, v := range p {
		if v >= 0.01 {
			out = append(out, ChargeGuess{c, v})
		}
	}
	sort.Slice(out, func(a, b int) bool {
		if out[a].P != out[b].P {
			return out[a].P > out[b].P
		}
		return out[a].Charge < out[b].Charge
	})
	return out
}

// Key circumstances (量刑情节) recognised in a text, and the gravest harm.
var circumstanceRes = []struct {
	name string
	re   *regexp.Regexp
}{
	{"自首", regexp.MustCompile(`自首|(主动|自动|自行)(到|至|向)?[^，。；]{0,14}投案|投案自首|接到[^，。；]{0,12}(电话|通知)[^，。；]{0,8}(到案|投案)`)},
	{"累犯", regexp.MustCompile(`累犯|曾因[^。；]{0,30}(被判处|判处|被处以|刑满释放)|刑满释放`)},
	{"未遂", regexp.MustCompile(`未遂|未得逞|意志以外`)},
	{"谅解", regexp.MustCompile(`谅解`)},
	{"赔偿退赃", regexp.MustCompile(`赔偿|退赔|退赃|退还|退缴|返还`)},
	{"立功", regexp.MustCompile(`立功|检举|揭发他人`)},
	{"未成年", regexp.MustCompile(`未成年|(未满|不满)十八周岁`)},
	{"共同犯罪", regexp.MustCompile(`共同犯罪|从犯|主犯|伙同|结伙`)},
}

var harmRes = []struct {
	name string
	re   *regexp.Regexp
}{
	{"致人死亡", regexp.MustCompile(`死亡`)},
	{"重伤", regexp.MustCompile(`重伤`)},
	{"轻伤", regexp.MustCompile(`轻伤`)},
	{"轻微伤", regexp.MustCompile(`轻微伤`)},
}

// circumstances are the key circumstances of text and its gravest harm ("" if none).
func circumstances(text string) (set []string, harm string) {
	for _, c := range circumstanceRes {
		if c.re.MatchString(text) {
			set = append(set, c.name)
		}
	}
	for _, h := range harmRes {
		if h.re.MatchString(text) {
			harm = h.name
			break
		}
	}
	return set, harm
}

// amountTier is the decade of an amount, the coarse band that sentencing
// thresholds (数额较大/巨大/特别巨大) fall into across charges.
func amountTier(v float64) (int, string) {
	switch {
	case v <= 0:
		return 0, ""
	case v < 1000:
		return 1, "千元以下"
	case v < 10000:
		return 2, "一千元至一万元"
	case v < 100000:
		return 3, "一万元至十万元"
	case v < 1000000:
		return 4, "十万元至一百万元"
	}
	return 5, "一百万元以上"
}

// chargeLabel is how a reason names a charge or a penalty provision.
func chargeLabel(c string) string {
	if strings.HasPrefix(c, "《") {
		return "同一处罚依据：" + c
	}
	return "同一罪名：" + c + "罪"
}

// WithOptions is the ranking over the same index and charge model with other
// weights. FactsOnly is fixed
// when the index is built: it must equal r's.
func (r *CaseRanker) WithOptions(opt CaseOptions) *CaseRanker {
	c := &CaseRanker{vocab: r.vocab, words: r.words, df: r.df, post: r.post, ptf: r.ptf, docs: r.docs,
		byID: r.byID, avgLen: r.avgLen, model: r.model, opt: opt}
	c.opt.FactsOnly = r.opt.FactsOnly
	return c
}

// Options are the ranking's options.
func (r *CaseRanker) Options() CaseOptions { return r.opt }
