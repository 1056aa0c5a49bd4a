package search

import (
	"math"
	"regexp"
	"slices"
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
//
// Alternatives of a 选择性罪名 are read as the whole charge (CanonicalCharge).
func JudgedCharges(title, text string) []string {
	for _, mark := range judgedStart {
		if i := strings.Index(text, mark); i >= 0 {
			if cs := Charges("", text[i:]); len(cs) > 0 {
				return canonical(cs)
			}
		}
	}
	return canonical(Charges(title, text))
}

func canonical(cs []string) []string {
	var out []string
	for _, c := range cs {
		c = CanonicalCharge(c)
		if c != "" && !contains(out, c) {
			out = append(out, c)
		}
	}
	return out
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

// chargeModel predicts the charge (or, for administrative decisions, the
// penalty provision) of facts: the nearest centroid of tf-idf vectors of the
// library's own facts parts, each case labelled by the charge its judgment
// names. It needs nothing but the library. (Multinomial naive Bayes was
// measured too, on a held-out tenth of the LeCaRD candidates: 40–63% against
// the centroids' 73%; it favours rare charges on long facts.)
type chargeModel struct {
	labels []string
	// the unit centroids by term: term → the labels whose centroid holds
	// it and the weight there (a lookup reads only the query's terms)
	byTerm [][]labelWeight
	idf    []float64
}

type labelWeight struct {
	label int32
	w     float32
}

// chargeScale turns cosines into probabilities: P ∝ exp(chargeScale·cos).
// Chosen by the log-likelihood of a held-out tenth of the library's charges
// (bench/similar/lecard: the best of 10, 20 … 320 on the LeCaRD candidates),
// not on any query.
var chargeScale = 80.0

func trainChargeModel(docs []caseEntry, facts [][]int32, df []int32) *chargeModel {
	m := &chargeModel{idf: make([]float64, len(df))}
	n := float64(len(docs))
	for t, f := range df {
		m.idf[t] = math.Log((n + 1) / float64(f+1))
	}
	byLabel := map[string]int{}
	var cent []map[int32]float64 // label → centroid
	for i := range docs {
		if len(docs[i].charges) == 0 || len(facts[i]) == 0 {
			continue
		}
		lab := docs[i].charges[0]
		k, ok := byLabel[lab]
		if !ok {
			k = len(m.labels)
			byLabel[lab] = k
			m.labels = append(m.labels, lab)
			cent = append(cent, map[int32]float64{})
		}
		for t, x := range m.vector(facts[i]) {
			cent[k][t] += x
		}
	}
	if len(m.labels) == 0 {
		return nil
	}
	m.byTerm = make([][]labelWeight, len(df))
	for k, c := range cent {
		var s float64
		for _, x := range c {
			s += x * x
		}
		s = math.Sqrt(s)
		for t, x := range c {
			m.byTerm[t] = append(m.byTerm[t], labelWeight{int32(k), float32(x / s)})
		}
	}
	for t := range m.byTerm {
		// the same order whatever the map's: sums are reproducible
		slices.SortFunc(m.byTerm[t], func(a, b labelWeight) int { return int(a.label - b.label) })
		m.byTerm[t] = slices.Clip(m.byTerm[t])
	}
	return m
}

// vector is the unit tf-idf vector of terms, tf damped as 1+log tf.
func (m *chargeModel) vector(terms []int32) map[int32]float64 {
	v := map[int32]float64{}
	for _, t := range terms {
		v[t]++
	}
	var s float64
	for t, f := range v {
		x := (1 + math.Log(f)) * m.idf[t]
		v[t] = x
		s += x * x
	}
	if s == 0 {
		return nil
	}
	s = math.Sqrt(s)
	for t := range v {
		v[t] /= s
	}
	return v
}

// predict returns P(label | facts) over the labels (those ≥ 1e-4).
func (m *chargeModel) predict(terms []int32, scale float64) map[string]float64 {
	ps := m.predictIndex(terms, scale)
	if ps == nil {
		return nil
	}
	out := map[string]float64{}
	for k, p := range ps {
		if p >= 1e-4 {
			out[m.labels[k]] = p
		}
	}
	return out
}

// predictIndex is P(label | facts) by label index (nil without terms).
func (m *chargeModel) predictIndex(terms []int32, scale float64) []float64 {
	if m == nil || len(terms) == 0 {
		return nil
	}
	v := m.vector(terms)
	if v == nil {
		return nil
	}
	score := make([]float64, len(m.labels))
	// in term order, so that the sums do not depend on the map's order
	ts := make([]int32, 0, len(v))
	for t := range v {
		ts = append(ts, t)
	}
	slices.Sort(ts)
	for _, t := range ts {
		x := v[t]
		for _, lw := range m.byTerm[t] {
			score[lw.label] += x * float64(lw.w)
		}
	}
	best := math.Inf(-1)
	for k := range score {
		score[k] *= scale
		best = math.Max(best, score[k])
	}
	var z float64
	for k := range score {
		score[k] = math.Exp(score[k] - best)
		z += score[k]
	}
	for k := range score {
		score[k] /= z
	}
	return score
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
	return sortedGuesses(r.model.predict(ids, r.opt.scale()))
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
// Plain substrings where they suffice (a whole library's texts are scanned at
// build); a regexp only behind a substring that gates it.
var circumstanceSigns = []struct {
	name  string
	words []string
	gate  string
	re    *regexp.Regexp
}{
	{name: "自首", words: []string{"自首", "投案"}, gate: "到案", re: regexp.MustCompile(`(电话|通知|传唤)[^，。；]{0,8}(后|即)?[^，。；]{0,6}到案`)},
	{name: "累犯", words: []string{"累犯", "刑满释放"}, gate: "曾因", re: regexp.MustCompile(`曾因[^。；]{0,30}(被判处|判处|被处以)`)},
	{name: "未遂", words: []string{"未遂", "未得逞", "意志以外"}},
	{name: "谅解", words: []string{"谅解"}},
	{name: "赔偿退赃", words: []string{"赔偿", "退赔", "退赃", "退还", "退缴", "返还"}},
	{name: "立功", words: []string{"立功", "检举", "揭发他人"}},
	{name: "未成年", words: []string{"未成年", "未满十八周岁", "不满十八周岁"}},
	{name: "共同犯罪", words: []string{"共同犯罪", "从犯", "主犯", "伙同", "结伙"}},
}

// harms, gravest first.
var harms = []string{"死亡", "重伤", "轻伤", "轻微伤"}

// circumstances are the key circumstances of text and its gravest harm ("" if none).
func circumstances(text string) (set []string, harm string) {
	for _, c := range circumstanceSigns {
		hit := false
		for _, w := range c.words {
			if strings.Contains(text, w) {
				hit = true
				break
			}
		}
		if !hit && c.re != nil && strings.Contains(text, c.gate) {
			hit = c.re.MatchString(text)
		}
		if hit {
			set = append(set, c.name)
		}
	}
	for _, h := range harms {
		if strings.Contains(text, h) {
			if h == "死亡" {
				h = "致人死亡"
			}
			return set, h
		}
	}
	return set, ""
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
// weights. FactsOnly, RestWeight and ChargeSoft are fixed when the index is
// built: r's are kept.
func (r *CaseRanker) WithOptions(opt CaseOptions) *CaseRanker {
	c := &CaseRanker{vocab: r.vocab, words: r.words, df: r.df, post: r.post, ptf: r.ptf, maxTF: r.maxTF, lens: r.lens, minLen: r.minLen, docs: r.docs,
		byID: r.byID, avgLen: r.avgLen, model: r.model, opt: opt}
	c.opt.FactsOnly, c.opt.RestWeight, c.opt.ChargeSoft = r.opt.FactsOnly, r.opt.RestWeight, r.opt.ChargeSoft
	return c
}

// Options are the ranking's options.
func (r *CaseRanker) Options() CaseOptions { return r.opt }

// selectiveCharges are charges of the Criminal Law named by a list of acts or
// objects (选择性罪名): a judgment names only the alternatives of its case
// (犯贩卖毒品罪), so each alternative is read as the whole charge. Matched on
// the name without its 、.
var selectiveCharges = []struct {
	re    *regexp.Regexp
	canon string
}{
	{regexp.MustCompile(`^(走私|贩卖|运输|制造)+毒品$`), "走私、贩卖、运输、制造毒品"},
	{regexp.MustCompile(`^非法(持有|私藏)+(枪支|弹药)+$`), "非法持有、私藏枪支、弹药"},
	{regexp.MustCompile(`^非法(制造|买卖|运输|邮寄|储存)+(枪支|弹药|爆炸物)+$`), "非法制造、买卖、运输、邮寄、储存枪支、弹药、爆炸物"},
	{regexp.MustCompile(`^掩饰隐瞒犯罪所得(犯罪所得收益|收益)?$|^掩饰隐瞒犯罪所得收益$`), "掩饰、隐瞒犯罪所得、犯罪所得收益"},
	{regexp.MustCompile(`^(引诱|容留|介绍)+卖淫$`), "引诱、容留、介绍卖淫"},
	{regexp.MustCompile(`^(组织|领导|参加)+黑社会性质组织$`), "组织、领导、参加黑社会性质组织"},
	{regexp.MustCompile(`^拐卖(妇女|儿童)+$`), "拐卖妇女、儿童"},
	{regexp.MustCompile(`^收买被拐卖的(妇女|儿童)+$`), "收买被拐卖的妇女、儿童"},
	{regexp.MustCompile(`^(窝藏|包庇)+$`), "窝藏、包庇"},
	{regexp.MustCompile(`^(伪造|变造|买卖)+国家机关(公文|证件|印章)+$`), "伪造、变造、买卖国家机关公文、证件、印章"},
	{regexp.MustCompile(`^(出售|购买|运输)+假币$`), "出售、购买、运输假币"},
	{regexp.MustCompile(`^(持有|使用)+假币$`), "持有、使用假币"},
	{regexp.MustCompile(`^(非法收购|运输|出售)+.*野生动物.*$`), "非法收购、运输、出售珍贵、濒危野生动物、珍贵、濒危野生动物制品"},
	{regexp.MustCompile(`^(非法猎捕|杀害)+珍贵濒危野生动物$`), "非法猎捕、杀害珍贵、濒危野生动物"},
	{regexp.MustCompile(`^(制作|复制|出版|贩卖|传播)+淫秽物品牟利$`), "制作、复制、出版、贩卖、传播淫秽物品牟利"},
	{regexp.MustCompile(`^虚开增值税专用发票`), "虚开增值税专用发票、用于骗取出口退税、抵扣税款发票"},
	{regexp.MustCompile(`^(非法获取计算机信息系统数据|非法控制计算机信息系统)+$`), "非法获取计算机信息系统数据、非法控制计算机信息系统"},
	{regexp.MustCompile(`^(非法采伐|毁坏)+国家重点保护植物$`), "非法采伐、毁坏国家重点保护植物"},
	{regexp.MustCompile(`^非法(收购|运输)+盗伐滥伐的林木$`), "非法收购、运输盗伐、滥伐的林木"},
	{regexp.MustCompile(`^(生产|销售)+假药$`), "生产、销售假药"},
	{regexp.MustCompile(`^(生产|销售)+有毒有害食品$`), "生产、销售有毒、有害食品"},
	{regexp.MustCompile(`^(生产|销售)+不符合安全标准的食品$`), "生产、销售不符合安全标准的食品"},
	{regexp.MustCompile(`^(生产|销售)+伪劣产品$`), "生产、销售伪劣产品"},
	{regexp.MustCompile(`^非法(生产|买卖|运输)+制毒物品`), "非法生产、买卖、运输制毒物品、走私制毒物品"},
	{regexp.MustCompile(`^(伪造|变造|买卖)+身份证件$`), "伪造、变造、买卖身份证件"},
}

// CanonicalCharge is the whole name of a charge a judgment names by one of its
// alternatives (贩卖毒品 → 走私、贩卖、运输、制造毒品); other names unchanged.
// A trailing 罪 is dropped.
func CanonicalCharge(c string) string {
	c = strings.TrimSuffix(c, "罪")
	key := strings.ReplaceAll(c, "、", "")
	for _, s := range selectiveCharges {
		if s.re.MatchString(key) {
			return s.canon
		}
	}
	return c
}
