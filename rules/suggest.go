package rules

import (
	"errors"
	"fmt"
	"maps"
	"math"
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

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
	// Needs lists what the range depends on and the input lacks (amount keys,
	// circumstance codes); Branches are the ranges it would decide between.
	Needs    []string `json:"needs,omitempty"`
	Branches []Branch `json:"branches,omitempty"`
	// Alternatives are the paragraphs or items of a cited article that set
	// different fines when the citation does not say which.
	Alternatives []Alternative `json:"alternatives,omitempty"`
	// Version is set when the versions of the basis in force at the act and
	// at the decision differ (suggest_version.go); VersionWarning when the
	// version in force at the act is not held.
	Version        *VersionChoice          `json:"version,omitempty"`
	VersionWarning *corpora.VersionWarning `json:"version_warning,omitempty"`

	notes     map[int]bool // indexes of Reasons that are notes to the officer, not reasons
	basisLead string       // "依据<处罚依据>，" opening the statutory-range reason
	tierNeeds bool         // the chosen tier is computed from an amount the input lacks (said with the tier)
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

// suggestCore applies the benchmark or statutory range of the penalty basis
// and the general rules of 行政处罚法 (2021) to one case, reading the laws of
// c. It never guesses a basis.
func suggestCore(c *corpora.Corpus, in Input) (Suggestion, error) {
	out := Suggestion{Outcome: "penalty", Adjustment: "none", Basis: []Basis{}, Reasons: []string{}}
	if err := in.Validate(); err != nil {
		return out, err
	}
	if strings.TrimSpace(in.PenaltyBasis) == "" {
		return out, fieldErr("penalty_basis", "required: the citation of the penalty provision, e.g. 《中华人民共和国食品安全法》第一百二十四条第一款")
	}
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
	sr, err := statutoryRange(c, res, amounts, in)
	if err != nil {
		return out, err
	}
	for i, ob := range in.OtherBases {
		ores, err := c.Cite(ob)
		if err != nil {
			return out, fieldErr(fmt.Sprintf("other_bases[%d]", i), "%v", err)
		}
		osr, err := statutoryRange(c, ores, amounts, in)
		if err != nil {
			return out, err
		}
		out.Basis = append(out.Basis, Basis{osr.cit, ores.Text})
		if osr.rng != nil && (sr.rng == nil || osr.rng.Max > sr.rng.Max) {
			sr = osr
		}
	}
	rng, rule, ruleCit, note := sr.rng, sr.rule, sr.cit, sr.note
	out.Needs, out.Branches, out.Alternatives = sr.needs, sr.branches, sr.alternatives
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
		switch {
		case out.tierNeeds: // said where the tier was read
		case len(out.Alternatives) > 0:
			out.note("注意：" + note + "。")
		case len(out.Needs) > 0:
			var ws []string
			for _, b := range out.Branches {
				ws = append(ws, b.When+"："+b.Rule)
			}
			out.note(fmt.Sprintf("注意：%s；%s。", note, strings.Join(ws, "；")))
		default:
			out.note("所引处罚依据未规定罚款数额，请依据该条规定的处罚种类裁量。")
		}
		return out, nil
	}
	out.Suggested = fineFor(base, rng, out.Adjustment)
	if len(out.Needs) > 0 {
		// a range that rests on a missing fact has no single figure
		out.Suggested = SuggestedFine{Min: round(base.Min), Max: round(base.Max)}
	}
	return out, nil
}

// Alternative is one paragraph or item of a cited article that sets its own
// fine, listed when the citation does not say which applies.
type Alternative struct {
	Citation string   `json:"citation"`
	Text     string   `json:"text"`
	Rule     string   `json:"rule"`               // the fine in the provision's words
	FineMin  *float64 `json:"fine_min,omitempty"` // when computable from the input
	FineMax  *float64 `json:"fine_max,omitempty"`
	Needs    []string `json:"needs,omitempty"`
}

// rangeResult is the statutory fine of the cited provision for one input.
type rangeResult struct {
	rng          *FineRange
	rule         FineRule
	cit          string
	note         string
	needs        []string
	branches     []Branch
	alternatives []Alternative
	picked       string // why one of the alternatives was applied from the facts
}

// conductFromFacts picks the paragraph or item whose conduct the facts
// describe: the longest run of words the facts share with its conduct (the
// text before "，由" or "的，处"), at least six characters and three longer
// than the best match among those with a different fine. ok is false when
// the facts do not tell them apart.
func conductFromFacts(facts string, texts, fineRules []string) (int, string, bool) {
	if strings.TrimSpace(facts) == "" {
		return 0, "", false
	}
	fw := conductWords(facts)
	quotes := make([]string, len(texts))
	lens := make([]int, len(texts))
	best := -1
	for i, t := range texts {
		for _, sep := range []string{"，由", "的，处", "的，"} {
			if j := strings.Index(t, sep); j > 0 {
				t = t[:j]
				break
			}
		}
		quotes[i] = longestCommon(fw, conductWords(t))
		lens[i] = utf8.RuneCountInString(quotes[i])
		if best < 0 || lens[i] > lens[best] {
			best = i
		}
	}
	if best < 0 || lens[best] < 6 {
		return 0, "", false
	}
	for i := range texts {
		if fineRules[i] != fineRules[best] && lens[best]-lens[i] < 3 {
			return 0, "", false
		}
	}
	return best, quotes[best], true
}

// provisionFineOf is the fine the provision itself sets: its transcribed
// entry, else its own words; an item without figures takes its paragraph's
// (有下列行为之一的，处…); a paragraph that says 依照前款的规定处罚 takes the
// paragraph before it. ok is false when the provision sets no fine.
func provisionFineOf(c *corpora.Corpus, res corpora.Resolution) (provisionFine, bool) {
	a := c.Article(res.Law, res.Article, res.ArticleSuffix)
	para := res.Paragraph
	if para == 0 && a != nil && len(a.Paragraphs) == 1 {
		para = 1
	}
	text := res.Text
	if a != nil && para > 0 {
		if p, _ := a.Select(para, 0); p != "" {
			text = p
		}
	}
	if res.Item > 0 {
		if it, _ := a.Select(res.Paragraph, res.Item); it != "" {
			if r, _, ok := FineFromText(it); ok {
				return analyseFine(r, it), true
			}
		}
		text = leadOf(text) // the paragraph's words before its items
	}
	if sr := Statutory().Find(res.Law, res.Article, res.ArticleSuffix, para, res.Item); sr != nil {
		if res.Item > 0 || sr.Item == 0 {
			return analyseFine(sr.Fine, text), true
		}
	}
	if r, _, ok := FineFromText(text); ok {
		return analyseFine(r, text), true
	}
	if a != nil && para > 1 && reSameAsBefore.MatchString(text) {
		prev := res
		prev.Paragraph, prev.Item = para-1, 0
		prev.Text, _ = a.Select(para-1, 0)
		return provisionFineOf(c, prev)
	}
	return provisionFine{}, false
}

var reSameAsBefore = regexp.MustCompile(`依照前款(?:的)?规定处罚`)

// leadOf is a paragraph's text before its first item.
func leadOf(text string) string {
	if i := strings.Index(text, "\n"); i >= 0 {
		return text[:i]
	}
	return text
}

// statutoryRange finds the statutory fine of a resolved provision. An article
// (or paragraph) whose paragraphs (or items) set different fines, cited
// without saying which, is not guessed: the alternatives are returned.
func statutoryRange(c *corpora.Corpus, res corpora.Resolution, amounts map[string]float64, in Input) (rangeResult, error) {
	out := rangeResult{cit: citationOf(res.Law, res.Article, res.ArticleSuffix, res.Paragraph, res.Item)}
	has := func(code string) bool { return in.HasCircumstance(code) }
	a := c.Article(res.Law, res.Article, res.ArticleSuffix)
	// first the paragraphs of an article cited whole, then the items of the paragraph
	for level := 0; a != nil && level < 2 && res.Item == 0; level++ {
		var subs []corpora.Resolution
		if level == 0 && res.Paragraph == 0 && len(a.Paragraphs) > 1 {
			for i := range a.Paragraphs {
				r := res
				r.Paragraph = i + 1
				r.Text, _ = a.Select(i+1, 0)
				subs = append(subs, r)
			}
		}
		if level == 1 {
			p := max(res.Paragraph, 1)
			if p <= len(a.Paragraphs) && len(a.Paragraphs[p-1].Items) > 0 {
				if _, _, ok := FineFromText(leadOf(a.Paragraphs[p-1].Text)); !ok {
					for i, it := range a.Paragraphs[p-1].Items {
						r := res
						r.Item, r.Text = i+1, it
						subs = append(subs, r)
					}
				}
			}
		}
		type sub struct {
			res corpora.Resolution
			pf  provisionFine
		}
		var priced []sub
		for _, r := range subs {
			if pf, ok := provisionFineOf(c, r); ok {
				priced = append(priced, sub{r, pf})
			}
		}
		differ := false
		for _, p := range priced[min(1, len(priced)):] {
			differ = differ || p.pf.rule != priced[0].pf.rule || p.pf.onlyIf != priced[0].pf.onlyIf
		}
		unit := map[int]string{0: "款", 1: "项"}[level]
		switch {
		case len(priced) == 0:
		case !differ && level == 0 && len(priced) == 1:
			res = priced[0].res // the one paragraph that sets a fine
			out.cit = citationOf(res.Law, res.Article, res.ArticleSuffix, res.Paragraph, 0)
		case !differ:
			// every paragraph or item sets the same fine
		default:
			texts := make([]string, len(priced))
			rulesOf := make([]string, len(priced))
			for i, p := range priced {
				cit := citationOf(p.res.Law, p.res.Article, p.res.ArticleSuffix, p.res.Paragraph, p.res.Item)
				fr := p.pf.eval(amounts, has)
				alt := Alternative{Citation: cit, Text: p.res.Text, Needs: fr.needs}
				_, _, alt.Rule = p.pf.baseRangeWords()
				if fr.rng != nil {
					lo, hi := fr.rng.Min, fr.rng.Max
					alt.FineMin, alt.FineMax = &lo, &hi
				}
				out.alternatives = append(out.alternatives, alt)
				texts[i], rulesOf[i] = p.res.Text, alt.Rule
			}
			if i, quote, ok := conductFromFacts(in.Facts, texts, rulesOf); ok {
				// the facts describe one paragraph's (item's) conduct: apply it, saying so
				res = priced[i].res
				out.cit = out.alternatives[i].Citation
				out.picked = fmt.Sprintf("处罚依据未写明适用哪一%s；事实所述行为与%s相同（“%s”），按该%s处罚，其余各%s见 alternatives", unit, out.cit, quote, unit, unit)
				level = 2
				continue
			}
			out.note = fmt.Sprintf("%s的各%s规定了不同的罚款，处罚依据未写明适用哪一%s，请在 penalty_basis 中写明", out.cit, unit, unit)
			return out, nil
		}
	}
	pf, ok := provisionFineOf(c, res)
	if !ok {
		return out, nil
	}
	if pf.rule.RetailBaseFloor > 0 && in.HasCircumstance("retail") {
		pf.rule.BaseFloor = pf.rule.RetailBaseFloor
	}
	fr := pf.eval(amounts, has)
	out.rule, out.rng, out.note, out.needs, out.branches = pf.rule, fr.rng, fr.note, fr.needs, fr.branches
	if out.picked != "" {
		out.note = strings.TrimPrefix(out.note+"；"+out.picked, "；")
	}
	return out, nil
}

// benchmarkTier records the benchmark entry for the provision and returns the
// range of the tier that applies (chosen by the officer or by its condition).
func benchmarkTier(out *Suggestion, in Input, res corpora.Resolution, amounts map[string]float64) (*FineRange, error) {
	set, err := ActiveBenchmarks()
	if err != nil || set == nil {
		return nil, nil
	}
	// only a benchmark binding the case's agency (region, sector, in force) sets
	// the fine; any other pricing the provision is listed as a reference
	var ents []*setEntry
	var refs []map[string]any
	on := in.caseDate()
	for _, e := range set.entriesFor(res) {
		why, ok := bindsCase(e.file, in, on)
		if ok {
			ents = append(ents, e)
			continue
		}
		ref := map[string]any{"entry": e.entry.ID, "name": e.file.Name, "document": e.file.Document,
			"status": benchmarkStatus(e.file, on), "why": why}
		if e.file.Scope != nil {
			ref["region"], ref["sector"] = e.file.Scope.Region, e.file.Scope.Sector
		}
		if e.file.ValidUntil != "" {
			ref["valid_until"] = e.file.ValidUntil
		}
		if in.Benchmark == e.entry.ID {
			return nil, fieldErr("benchmark", "%s (%s) does not bind this case: %s", e.entry.ID, e.file.Name, why)
		}
		refs = append(refs, ref)
	}
	if len(refs) > 0 {
		out.Benchmark["reference"] = refs
		said := map[any]bool{}
		for _, r := range refs {
			if !said[r["name"]] {
				said[r["name"]] = true
				out.note(fmt.Sprintf("注意：%s（%s）%s，不约束本案，仅供参考。", r["name"], r["document"], r["why"]))
			}
		}
	}
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
			if len(refs) > 0 {
				return nil, fieldErr("tier", "no discretion benchmark binding this case prices %s (the ones that do are references only), so it has no tiers", in.PenaltyBasis)
			}
			return nil, fieldErr("tier", "no discretion benchmark prices %s, so it has no tiers", in.PenaltyBasis)
		}
		return nil, nil
	}
	e := se.entry
	bm := map[string]any{"source": e.Source, "name": se.file.Name, "document": se.file.Document, "entry": e.ID, "violation": e.Violation,
		"region": se.file.Scope.Region, "sector": se.file.Scope.Sector, "status": "in_force"}
	if refs != nil {
		bm["reference"] = refs
	}
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
		// a tier computed from an amount the input does not give: that amount is
		// what is missing (needs), not a provision without a fine
		if f := chosen.Fine; f.Kind == "rate" || f.Kind == "multiple" {
			if _, known := amounts[f.Base]; !known {
				if !slices.Contains(out.Needs, f.Base) {
					out.Needs = append(out.Needs, f.Base)
				}
				out.tierNeeds = true
				out.note(fmt.Sprintf("注意：第%s档罚款按%s计算（%s），输入缺少%s（amounts.%s），请补充后确定罚款。", chosen.Level, AmountKeys[f.Base], chosen.Standard, AmountKeys[f.Base], f.Base))
			}
		}
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
	case "rate", "multiple":
		b := amounts[f.Base]
		lo, hi := b*f.MinRate, b*f.MaxRate
		if f.Kind == "multiple" {
			lo, hi = b*f.MinTimes, b*f.MaxTimes
		}
		// 最高不超过 caps the range, its lower end too: never a minimum above the maximum
		hi = capAt(hi, f.Cap)
		return min(lo, hi), hi, b > 0
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
	if law := c.Law(res.Law); law != nil && law.Revised != "" && !act.IsZero() && !in.versionsCompared {
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
// does not name is never assumed: it is listed in needs, and the fine is the
// range its levels allow.
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
	pct, pctHi := w.Start, w.Start
	parts := []string{fmt.Sprintf("裁量起点%s%%", trimNum(w.Start))}
	applied := map[string]string{}
	var missing []string
	for _, fa := range e.Weights.Factors {
		lo, hi := fa.Levels[0].Weight, fa.Levels[0].Weight
		for _, l := range fa.Levels {
			lo, hi = math.Min(lo, l.Weight), math.Max(hi, l.Weight)
		}
		lvl, ok := chosen[fa.Name]
		if !ok {
			// never assumed: the fine is the range its levels allow
			missing = append(missing, fa.Name)
			pct, pctHi = pct+lo, pctHi+hi
			parts = append(parts, fmt.Sprintf("%s（未提供，%s%%至%s%%）", fa.Name, trimNum(lo), trimNum(hi)))
			continue
		}
		for _, l := range fa.Levels {
			if l.Level == lvl {
				pct, pctHi = pct+l.Weight, pctHi+l.Weight
				applied[fa.Name] = l.Level
				parts = append(parts, fmt.Sprintf("%s“%s”%s%%", fa.Name, l.Level, trimNum(l.Weight)))
			}
		}
	}
	clamp := func(p float64) float64 {
		p = math.Min(p, 100)
		if w.MinPercent > 0 && p < w.MinPercent {
			p = w.MinPercent
		}
		return p
	}
	fineAt := func(p float64) float64 { return math.Max(math.Round(p/100*w.MaxFine), w.StatutoryMin) }
	pct, pctHi = clamp(pct), clamp(pctHi)
	fine, fineHi := fineAt(pct), fineAt(pctHi)
	bm["factors"] = applied
	bm["section"] = w.Section
	if len(missing) > 0 {
		bm["missing_factors"] = missing
		bm["percent_range"] = []float64{pct, pctHi}
		for _, m := range missing {
			out.Needs = append(out.Needs, "factors."+m)
		}
		out.note(fmt.Sprintf("注意：未提供裁量要素“%s”，按其可能的程度，裁量百分值总和为%s%%至%s%%，罚款%s元至%s元；请补充后确定罚款。",
			strings.Join(missing, "”“"), trimNum(pct), trimNum(pctHi), money(fine), money(fineHi)))
		return &FineRange{Min: fine, Max: fineHi}, nil
	}
	bm["percent"] = pct
	out.Reasons = append(out.Reasons, fmt.Sprintf("依据%s（%s）%s，裁量百分值总和为%s（%s），罚款金额＝%s%%×%s元＝%s元。",
		f.Name, f.Document, w.Section, trimNum(pct)+"%", strings.Join(parts, "＋"), trimNum(pct), money(w.MaxFine), money(fine)))
	return &FineRange{Min: fine, Max: fine}, nil
}
