package rules

import (
	"errors"
	"fmt"
	"maps"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/expr-lang/expr"

	"zhifa/corpora"
)

// FineRange is a fine range in yuan.
type FineRange struct {
	Min float64 `json:"fine_min"`
	Max float64 `json:"fine_max"`
}

// SuggestedFine is the range and the single figure suggested.
type SuggestedFine struct {
	Min  float64 `json:"fine_min"`
	Max  float64 `json:"fine_max"`
	Fine float64 `json:"fine"`
}

// Basis is a provision a suggestion rests on, with its text from the corpus.
type Basis struct {
	Citation string `json:"citation"`
	Text     string `json:"text"`
}

// Suggestion is the discretion suggestion for one case (the suggest contract).
type Suggestion struct {
	Outcome    string         `json:"outcome"`    // no_penalty | discretionary_no_penalty | penalty
	Adjustment string         `json:"adjustment"` // none | lighter | mitigated | heavier
	Statutory  *FineRange     `json:"statutory"`  // 法定幅度; null when the provision states no fine
	Suggested  SuggestedFine  `json:"suggested"`
	Benchmark  map[string]any `json:"benchmark"` // the entry and tier used
	Basis      []Basis        `json:"basis"`
	Reasons    []string       `json:"reasons"`
	TimeBarred bool           `json:"time_barred"`

	notes     map[int]bool // indexes of Reasons that are notes to the officer, not reasons
	basisLead string       // "依据<处罚依据>，" opening the statutory-range reason
}

// note adds a note to the officer (a caveat, a request to choose a tier): it
// is shown among the reasons but never quoted in a decision.
func (s *Suggestion) note(text string) {
	if s.notes == nil {
		s.notes = map[int]bool{}
	}
	s.notes[len(s.Reasons)] = true
	s.Reasons = append(s.Reasons, text)
}

// DecisionReasons are the reasons a decision's discretion paragraph quotes
// after 依据<处罚依据>，: the officer's notes are left out, and the
// statutory-range reason does not name the basis a second time.
func (s Suggestion) DecisionReasons() []string {
	var out []string
	for i, r := range s.Reasons {
		if s.notes[i] {
			continue
		}
		if s.basisLead != "" && strings.HasPrefix(r, s.basisLead) {
			r = strings.TrimPrefix(r, s.basisLead)
		}
		out = append(out, r)
	}
	return out
}

const cfl = "中华人民共和国行政处罚法"

// Suggest applies the benchmark or statutory range of the penalty basis and
// the general rules of 行政处罚法 (2021) to one case. It never guesses a basis.
func Suggest(in Input) (Suggestion, error) {
	out := Suggestion{Outcome: "penalty", Adjustment: "none", Basis: []Basis{}, Reasons: []string{}}
	if err := in.Validate(); err != nil {
		return out, err
	}
	if strings.TrimSpace(in.PenaltyBasis) == "" {
		return out, fieldErr("penalty_basis", "required: the citation of the penalty provision, e.g. 《中华人民共和国食品安全法》第一百二十四条第一款")
	}
	c := corpora.Default()
	res, err := c.Cite(in.PenaltyBasis)
	if err != nil {
		return out, fieldErr("penalty_basis", "%v", err)
	}
	amounts := AmountsFromFacts(in.Facts)
	for k, v := range in.Amounts {
		amounts[k] = v
	}
	basisCit := citationOf(res.Law, res.Article, res.ArticleSuffix, res.Paragraph, res.Item)
	out.Basis = append(out.Basis, Basis{basisCit, res.Text})

	// 法定幅度: the transcribed entry, else the provision's own words; 第二十九条
	// picks the higher fine among several provisions the same act violates.
	rng, rule, ruleCit, note, err := statutoryRange(c, res, amounts, in.HasCircumstance("retail"))
	if err != nil {
		return out, err
	}
	for i, ob := range in.OtherBases {
		ores, err := c.Cite(ob)
		if err != nil {
			return out, fieldErr(fmt.Sprintf("other_bases[%d]", i), "%v", err)
		}
		orng, orule, ocit, onote, err := statutoryRange(c, ores, amounts, in.HasCircumstance("retail"))
		if err != nil {
			return out, err
		}
		out.Basis = append(out.Basis, Basis{ocit, ores.Text})
		if orng != nil && (rng == nil || orng.Max > rng.Max) {
			rng, rule, ruleCit, note = orng, orule, ocit, onote
		}
	}
	if len(in.OtherBases) > 0 {
		out.Reasons = append(out.Reasons, fmt.Sprintf("同一个违法行为违反多个法律规范应当给予罚款处罚，依据%s，按照罚款数额高的规定即%s处罚。", citationOf(cfl, 29, "", 0, 0), ruleCit))
		out.Basis = append(out.Basis, basisOf(c, cfl, 29, 0))
	}
	out.Statutory = rng
	if rng != nil {
		out.basisLead = "依据" + ruleCit + "，"
		out.Reasons = append(out.Reasons, fmt.Sprintf("%s本案法定罚款幅度为%s元至%s元（%s）。", out.basisLead, money(rng.Min), money(rng.Max), note))
	}
	out.Benchmark = map[string]any{"source": "statutory", "citation": ruleCit, "rule": rule, "note": note}

	// Discretion benchmark tier, where one is published for the provision.
	tierRng, err := benchmarkTier(&out, in, res, amounts)
	if err != nil {
		return Suggestion{}, err
	}

	applyGeneralRules(&out, in, c, res)
	if out.TimeBarred || out.Outcome != "penalty" {
		return out, nil
	}
	base := rng
	if tierRng != nil {
		base = tierRng
	}
	if base == nil {
		out.note("所引处罚依据未规定罚款数额，请依据该条规定的处罚种类裁量。")
		return out, nil
	}
	out.Suggested = fineFor(base, rng, out.Adjustment)
	return out, nil
}

// statutoryRange finds the statutory fine range of a resolved provision.
func statutoryRange(c *corpora.Corpus, res corpora.Resolution, amounts map[string]float64, retail bool) (*FineRange, FineRule, string, string, error) {
	cit := citationOf(res.Law, res.Article, res.ArticleSuffix, res.Paragraph, res.Item)
	var rule FineRule
	found := false
	if sr := Statutory().Find(res.Law, res.Article, res.ArticleSuffix, res.Paragraph, res.Item); sr != nil && sr.Article == res.Article {
		rule, found = sr.Fine, true
	}
	if !found {
		text := res.Text
		if a := c.Article(res.Law, res.Article, res.ArticleSuffix); a != nil {
			if p, _ := a.Select(res.Paragraph, 0); p != "" {
				text = p // an item's penalty is stated in its paragraph
			}
		}
		rule, _, found = FineFromText(text)
	}
	if !found {
		return nil, rule, cit, "", nil
	}
	if rule.RetailBaseFloor > 0 && retail {
		rule.BaseFloor = rule.RetailBaseFloor
	}
	lo, hi, note, ok := rule.Range(amounts)
	if !ok {
		return nil, rule, cit, note, fieldErr("amounts."+rule.Base, "%s: %s is needed to compute the fine (%s)", cit, AmountKeys[rule.Base], note)
	}
	return &FineRange{Min: lo, Max: hi}, rule, cit, note, nil
}

// benchmarkTier records the benchmark entry for the provision and returns the
// range of the tier that applies (chosen by the officer or by its condition).
func benchmarkTier(out *Suggestion, in Input, res corpora.Resolution, amounts map[string]float64) (*FineRange, error) {
	set, err := ActiveBenchmarks()
	if err != nil || set == nil {
		return nil, nil
	}
	ents := set.entriesFor(res)
	var se *setEntry
	if len(ents) > 0 {
		se = ents[0]
	}
	if in.Benchmark != "" {
		// only an entry pricing the cited provision: another item's table would misprice it
		var ids []string
		se = nil
		for _, e := range ents {
			ids = append(ids, e.entry.ID)
			if e.entry.ID == in.Benchmark {
				se = e
			}
		}
		if se == nil {
			return nil, fieldErr("benchmark", "%q does not price %s; entries that do: %s", in.Benchmark, in.PenaltyBasis, listOrNone(ids))
		}
	}
	if se == nil {
		if in.Tier != "" {
			return nil, fieldErr("tier", "no discretion benchmark prices %s, so it has no tiers", in.PenaltyBasis)
		}
		return nil, nil
	}
	e := se.entry
	bm := map[string]any{"source": e.Source, "name": se.file.Name, "document": se.file.Document, "entry": e.ID, "violation": e.Violation}
	if len(e.Caveats) > 0 {
		bm["caveats"] = e.Caveats
	}
	if se.file.ValidUntil != "" {
		bm["valid_until"] = se.file.ValidUntil
	}
	out.Benchmark = bm
	for _, cv := range e.Caveats {
		out.note("注意：" + cv)
	}
	if e.Model == "weights" && e.Weights != nil {
		if in.Tier != "" {
			return nil, fieldErr("tier", "%s is a weighted table: give factors, not a tier", e.ID)
		}
		return weighFine(out, bm, se.file, e, in.Factors)
	}
	if in.Tier != "" {
		var levels []string
		found := false
		for _, t := range e.Tiers {
			levels = append(levels, t.Level)
			found = found || t.Level == in.Tier
		}
		if !found {
			return nil, fieldErr("tier", "%s has no tier %q; its tiers: %s", e.ID, in.Tier, listOrNone(levels))
		}
	}
	var chosen *Tier
	for i := range e.Tiers {
		t := &e.Tiers[i]
		if in.Tier != "" && t.Level == in.Tier {
			chosen = t
			break
		}
		if in.Tier == "" && t.prog != nil {
			if v, err := expr.Run(t.prog, exprEnv(amounts)); err == nil && v == true {
				chosen = t
				break
			}
		}
	}
	if chosen == nil {
		out.note(fmt.Sprintf("%s对该违法行为设有%d个裁量档次，请按裁量情节选择档次（输入 tier）。", se.file.Name, len(e.Tiers)))
		bm["tiers"] = e.Tiers // the choices, for the officer to pick one
		return nil, nil
	}
	bm["tier"] = chosen
	lo, hi, ok := chosen.Fine.rangeFor(amounts, in.Party.Type)
	out.Reasons = append(out.Reasons, fmt.Sprintf("依据%s第%s档（%s），裁量标准为：%s。", se.file.Name, chosen.Level, chosen.Condition, chosen.Standard))
	if !ok {
		return nil, nil
	}
	return &FineRange{Min: lo, Max: hi}, nil
}

func listOrNone(xs []string) string {
	if len(xs) == 0 {
		return "none"
	}
	return strings.Join(slices.Compact(xs), ", ")
}

// rangeFor computes a tier's fine range, when it can be computed.
func (f TierFine) rangeFor(amounts map[string]float64, party string) (float64, float64, bool) {
	switch f.Kind {
	case "range", "fixed":
		lo, hi := f.Min, f.Max
		if party == "person" && f.PersonMax > 0 {
			lo, hi = f.PersonMin, f.PersonMax
		}
		if f.Kind == "fixed" && hi == 0 {
			hi = lo
		}
		return lo, hi, hi > 0
	case "rate":
		b := amounts[f.Base]
		return b * f.MinRate, capAt(b*f.MaxRate, f.Cap), b > 0
	case "multiple":
		b := amounts[f.Base]
		return b * f.MinTimes, capAt(b*f.MaxTimes, f.Cap), b > 0
	}
	return 0, 0, false
}

func capAt(v, limit float64) float64 {
	if limit > 0 && v > limit {
		return limit
	}
	return v
}

// applyGeneralRules applies 第三十条至第三十七条 of 行政处罚法.
func applyGeneralRules(out *Suggestion, in Input, c *corpora.Corpus, res corpora.Resolution) {
	add := func(article, paragraph int, reason string) {
		out.Reasons = append(out.Reasons, reason)
		out.Basis = append(out.Basis, basisOf(c, cfl, article, paragraph))
	}
	cite := func(a, p int) string { return citationOf(cfl, a, "", p, 0) }

	// 第三十六条: limitation.
	act, _ := parseDate("act_end_date", in.ActEndDate)
	if act.IsZero() {
		act, _ = in.actDate()
	}
	found, _ := parseDate("discovery_date", in.DiscoveryDate)
	if found.IsZero() {
		found, _ = in.decisionDate()
	}
	if !act.IsZero() && !found.IsZero() {
		years := 2
		if in.HasCircumstance("health_or_financial_harm") {
			years = 5
		}
		if found.After(act.AddDate(years, 0, 0)) {
			out.TimeBarred, out.Outcome = true, "no_penalty"
			add(36, 1, fmt.Sprintf("违法行为自%s起至%s已超过%s年未被发现，依据%s，不再给予行政处罚。", act.Format("2006年1月2日"), found.Format("2006年1月2日"), map[int]string{2: "二", 5: "五"}[years], cite(36, 1)))
			return
		}
	}
	// 第三十七条: 从旧兼从轻.
	if law := c.Law(res.Law); law != nil && law.Revised != "" && !act.IsZero() {
		if rev, err := time.Parse("2006-01-02", law.Revised); err == nil && act.Before(rev) {
			add(37, 0, fmt.Sprintf("违法行为发生在《%s》%s修改之前，依据%s，适用违法行为发生时的规定；但作出处罚决定时的规定处罚较轻或者不认为是违法的，适用新的规定。本建议按现行文本计算，请与行为时文本比较后从轻适用。", res.Law, rev.Format("2006年1月2日"), cite(37, 0)))
		}
	}
	person := in.Party.Type != "organization"
	// 第三十条: minors.
	if person && in.Party.Age > 0 && in.Party.Age < 14 {
		out.Outcome = "no_penalty"
		add(30, 0, fmt.Sprintf("当事人违法时不满十四周岁，依据%s，不予行政处罚，责令监护人加以管教。", cite(30, 0)))
		return
	}
	// 第三十一条: mental capacity.
	if person && in.HasCircumstance("mental_incapacity") {
		out.Outcome = "no_penalty"
		add(31, 0, fmt.Sprintf("当事人系精神病人、智力残疾人，在不能辨认或者不能控制自己行为时有违法行为，依据%s，不予行政处罚。", cite(31, 0)))
		return
	}
	// 第三十三条: no penalty.
	if in.HasCircumstance("no_fault") {
		out.Outcome = "no_penalty"
		add(33, 2, fmt.Sprintf("当事人有证据足以证明没有主观过错，依据%s，不予行政处罚（法律、行政法规另有规定的，从其规定）。", cite(33, 2)))
		return
	}
	if in.HasCircumstance("minor") && in.HasCircumstance("promptly_corrected") && in.HasCircumstance("no_harm") {
		out.Outcome = "no_penalty"
		add(33, 1, fmt.Sprintf("当事人违法行为轻微并及时改正，没有造成危害后果，依据%s，不予行政处罚。", cite(33, 1)))
		return
	}
	if in.HasCircumstance("first_offense") && in.HasCircumstance("minor_harm") && in.HasCircumstance("promptly_corrected") {
		out.Outcome = "discretionary_no_penalty"
		add(33, 1, fmt.Sprintf("当事人系初次违法且危害后果轻微并及时改正，依据%s，可以不予行政处罚。", cite(33, 1)))
		return
	}
	// 第三十条、第三十一条、第三十二条: lighter or mitigated.
	lighter := false
	if person && in.Party.Age >= 14 && in.Party.Age < 18 {
		lighter = true
		add(30, 0, fmt.Sprintf("当事人已满十四周岁不满十八周岁，依据%s，应当从轻或者减轻行政处罚。", cite(30, 0)))
	}
	if person && in.HasCircumstance("limited_mental_capacity") {
		lighter = true
		add(31, 0, fmt.Sprintf("当事人系尚未完全丧失辨认或者控制自己行为能力的精神病人、智力残疾人，依据%s，可以从轻或者减轻行政处罚。", cite(31, 0)))
	}
	var found32 []string
	for _, code := range []string{"harm_eliminated", "coerced", "confessed", "meritorious"} {
		if in.HasCircumstance(code) {
			found32 = append(found32, CircumstanceCodes[code])
		}
	}
	if len(found32) > 0 {
		lighter = true
		add(32, 0, fmt.Sprintf("当事人%s，依据%s，应当从轻或者减轻行政处罚。", strings.Join(found32, "、"), cite(32, 0)))
	}
	switch {
	case lighter && in.Mitigate:
		out.Adjustment = "mitigated"
		out.Reasons = append(out.Reasons, "决定减轻处罚，即在法定最低罚款数额以下确定罚款（不低于零）。")
	case lighter:
		out.Adjustment = "lighter"
		out.Reasons = append(out.Reasons, "决定从轻处罚，即在法定幅度内的较低部分确定罚款。")
	case in.HasCircumstance("repeat_offense") || in.HasCircumstance("health_or_financial_harm"):
		out.Adjustment = "heavier"
		out.Reasons = append(out.Reasons, "当事人再次违法或者造成危害后果，决定从重处罚，即在法定幅度内的较高部分确定罚款，不超过法定最高数额。")
	}
}

// fineFor places the fine in the range by the adjustment: 从轻 the lower half,
// 从重 the upper half (never above the maximum), 减轻 below the statutory
// minimum (never below zero), otherwise the middle.
func fineFor(base, statutory *FineRange, adj string) SuggestedFine {
	lo, hi := base.Min, base.Max
	mid := lo + (hi-lo)/2
	var s SuggestedFine
	switch adj {
	case "lighter":
		s = SuggestedFine{Min: lo, Max: mid, Fine: lo + (hi-lo)/4}
	case "heavier":
		s = SuggestedFine{Min: mid, Max: hi, Fine: lo + 3*(hi-lo)/4}
	case "mitigated":
		floor := lo
		if statutory != nil {
			floor = statutory.Min
		}
		s = SuggestedFine{Min: 0, Max: floor, Fine: floor / 2}
	default:
		s = SuggestedFine{Min: lo, Max: hi, Fine: mid}
	}
	s.Min, s.Max, s.Fine = round(s.Min), round(s.Max), round(s.Fine)
	return s
}

func round(v float64) float64 { return math.Round(v) }

func money(v float64) string { return trimNum(v) }

// citationOf writes a citation in the form the corpus resolves.
func citationOf(law string, article int, suffix string, paragraph, item int) string {
	s := "《" + law + "》第" + corpora.ChineseNumeral(article) + "条" + suffix
	if paragraph > 0 {
		s += "第" + corpora.ChineseNumeral(paragraph) + "款"
	}
	if item > 0 {
		s += "第（" + corpora.ChineseNumeral(item) + "）项"
	}
	return s
}

func basisOf(c *corpora.Corpus, law string, article, paragraph int) Basis {
	cit := citationOf(law, article, "", paragraph, 0)
	r, err := c.Cite(cit)
	if err != nil {
		return Basis{Citation: cit}
	}
	return Basis{Citation: cit, Text: r.Text}
}

// IsFieldError reports whether err is bad input (a *FieldError).
func IsFieldError(err error) bool {
	var fe *FieldError
	return errors.As(err, &fe)
}

// weighFine applies the weighted-accumulation model (粤环发〔2021〕7号): the
// fine is min(100%, 裁量起点 + Σ weights) × the statutory maximum, never below
// the statutory minimum nor the table's floor percentage. A factor the input
// does not name counts at its lowest weight, and the reason says so.
func weighFine(out *Suggestion, bm map[string]any, f *BenchmarkFile, e *BenchmarkEntry, chosen map[string]string) (*FineRange, error) {
	w := e.Weights
	// a factor or level the table does not have is a typing error, not a lowest weight
	names := map[string][]string{}
	for _, fa := range w.Factors {
		for _, l := range fa.Levels {
			names[fa.Name] = append(names[fa.Name], l.Level)
		}
	}
	for _, name := range slices.Sorted(maps.Keys(chosen)) {
		levels, ok := names[name]
		if !ok {
			return nil, fieldErr("factors."+name, "%s has no factor %q; its factors: %s", e.ID, name, listOrNone(slices.Sorted(maps.Keys(names))))
		}
		if !slices.Contains(levels, chosen[name]) {
			return nil, fieldErr("factors."+name, "factor %q has no level %q; its levels: %s", name, chosen[name], strings.Join(levels, ", "))
		}
	}
	pct := w.Start
	parts := []string{fmt.Sprintf("裁量起点%s%%", trimNum(w.Start))}
	applied := map[string]string{}
	for _, fa := range e.Weights.Factors {
		lvl, ok := chosen[fa.Name]
		var hit *FactorLevel
		for i := range fa.Levels {
			if ok && fa.Levels[i].Level == lvl {
				hit = &fa.Levels[i]
			}
		}
		if hit == nil {
			hit = &fa.Levels[0]
			for i := range fa.Levels {
				if fa.Levels[i].Weight < hit.Weight {
					hit = &fa.Levels[i]
				}
			}
			out.note(fmt.Sprintf("注意：未提供裁量要素“%s”，按最低权重（%s）计算。", fa.Name, hit.Level))
		}
		pct += hit.Weight
		applied[fa.Name] = hit.Level
		parts = append(parts, fmt.Sprintf("%s“%s”%s%%", fa.Name, hit.Level, trimNum(hit.Weight)))
	}
	if pct > 100 {
		pct = 100
	}
	if w.MinPercent > 0 && pct < w.MinPercent {
		pct = w.MinPercent
	}
	fine := math.Round(pct / 100 * w.MaxFine)
	if fine < w.StatutoryMin {
		fine = w.StatutoryMin
	}
	bm["factors"] = applied
	bm["percent"] = pct
	bm["section"] = w.Section
	out.Reasons = append(out.Reasons, fmt.Sprintf("依据%s（%s）%s，裁量百分值总和为%s（%s），罚款金额＝%s%%×%s元＝%s元。",
		f.Name, f.Document, w.Section, trimNum(pct)+"%", strings.Join(parts, "＋"), trimNum(pct), money(w.MaxFine), money(fine)))
	return &FineRange{Min: fine, Max: fine}, nil
}
