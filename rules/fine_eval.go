package rules

import (
	"fmt"
	"math"
	"regexp"
	"slices"
	"strings"

	"zhifa/corpora"
)

// Branch is one branch of a provision's fine the input does not decide: the
// fact it rests on (a circumstance code that names it) or the amount it is
// computed from, and its range or the words that set it.
type Branch struct {
	When          string   `json:"when"`                    // 广告费用可计算 / 广告费用无法计算或者明显偏低
	Circumstances []string `json:"circumstances,omitempty"` // codes any one of which makes this branch apply
	Needs         []string `json:"needs,omitempty"`         // amount keys the branch is computed from
	Rule          string   `json:"rule"`                    // the range in the provision's words
	FineMin       *float64 `json:"fine_min,omitempty"`      // set when the range is known without the amount
	FineMax       *float64 `json:"fine_max,omitempty"`
}

// provisionFine is a provision's fine rule together with the branches of its
// sentence the rule alone does not carry: the fallback's condition words, a
// 情节严重的 range, and a fine that rests on 逾期不改正.
type provisionFine struct {
	rule          FineRule
	fallbackWords string    // 无法计算或者明显偏低 …
	fallbackCodes []string  // circumstance codes naming the fallback's fact
	serious       *FineRule // 情节严重的，处…: its own rule, read from its clause
	seriousWords  string
	onlyIf        string // circumstance code the whole fine rests on (not_corrected)
	onlyIfWords   string
}

// fineResult is what a provision's fine comes to for one input: a range, or
// what is missing and the branches it would decide between.
type fineResult struct {
	rng      *FineRange
	note     string
	needs    []string
	branches []Branch
}

var (
	reFallbackWords = regexp.MustCompile(`(?:` + baseAlt + `)?(?:无法计算|明显偏低|没有(?:` + baseAlt + `)|(?:` + baseAlt + `)无法计算)(?:或者(?:无法计算|明显偏低|没有(?:` + baseAlt + `)|(?:` + baseAlt + `)不足` + numChars + `元))*`)
	reSerious       = regexp.MustCompile(`情节(?:特别)?严重的，[^；。：:]*`)
	reUncorrected   = regexp.MustCompile(`(逾期不改正|逾期未改正|拒不改正|逾期仍不改正|逾期不改|拒不改正或者逾期不改正)的`)
)

// analyseFine completes a rule with the branches its provision's text states.
func analyseFine(rule FineRule, text string) provisionFine {
	p := provisionFine{rule: rule}
	if rule.FallbackMax > 0 {
		if m := reFallbackWords.FindString(text); m != "" {
			p.fallbackWords = m
		}
		if strings.Contains(p.fallbackWords, "无法计算") {
			p.fallbackCodes = append(p.fallbackCodes, "base_incalculable")
		}
		if strings.Contains(p.fallbackWords, "明显偏低") {
			p.fallbackCodes = append(p.fallbackCodes, "base_too_low")
		}
		if strings.Contains(p.fallbackWords, "没有") || strings.Contains(text, "没有"+baseName(rule.Base)) {
			p.fallbackCodes = append(p.fallbackCodes, "no_base")
		}
		if len(p.fallbackCodes) == 0 { // the words were not found: the usual pair
			p.fallbackCodes = []string{"base_incalculable", "no_base"}
		}
		if p.fallbackWords == "" {
			p.fallbackWords = baseName(rule.Base) + "无法计算或者没有"
		}
	}
	if m := reSerious.FindString(text); m != "" {
		if r, _, ok := FineFromText(m); ok {
			p.serious, p.seriousWords = &r, m
		}
	}
	// 责令改正；逾期不改正的，处…罚款: the fine rests on the party not correcting
	if m := reUncorrected.FindStringIndex(text); m != nil {
		first := firstFineIndex(text)
		if first > m[1] && !strings.Contains(text[:m[0]], "罚款") {
			p.onlyIf, p.onlyIfWords = "not_corrected", text[m[0]:m[1]]
		}
	}
	return p
}

// firstFineIndex is where the first fine figure of text begins (-1 when none).
func firstFineIndex(text string) int {
	best := -1
	for _, re := range []*regexp.Regexp{reMultiple, reFixed, reUpTo, reExact} {
		if loc := re.FindStringIndex(text); loc != nil && (best < 0 || loc[0] < best) {
			best = loc[0]
		}
	}
	return best
}

// eval computes the fine for the amounts given and the facts the input states
// by circumstance code. An amount key absent from amounts is unknown; one
// present with 0 is a stated zero (没有违法所得).
func (p provisionFine) eval(amounts map[string]float64, has func(string) bool) fineResult {
	r := p.rule
	if p.onlyIf != "" && !has(p.onlyIf) {
		lo, hi, rule := p.baseRangeWords()
		b := Branch{When: p.onlyIfWords, Circumstances: []string{p.onlyIf}, Rule: rule}
		if r.Base == "" {
			b.FineMin, b.FineMax = &lo, &hi
		} else {
			b.Needs = []string{r.Base}
		}
		return fineResult{needs: []string{p.onlyIf}, branches: []Branch{b},
			note: fmt.Sprintf("该条款的罚款以“%s”为前提，输入未说明（情节代码 %s）", p.onlyIfWords, p.onlyIf)}
	}
	if p.serious != nil && has("serious") {
		sp := analyseFine(*p.serious, p.seriousWords)
		sp.serious = nil
		res := sp.evalBase(amounts, has)
		res.note = "情节严重：" + res.note
		return res
	}
	res := p.evalBase(amounts, has)
	if res.rng != nil && p.serious != nil {
		res.note += fmt.Sprintf("；%s（情节严重的，以情节代码 serious 说明）", p.seriousWords)
	}
	return res
}

func (p provisionFine) baseRangeWords() (float64, float64, string) {
	r := p.rule
	if r.Base == "" {
		return r.Min, r.Max, rangeWords(r.Min, r.Max)
	}
	return 0, 0, multipleWords(r)
}

func (p provisionFine) evalBase(amounts map[string]float64, has func(string) bool) fineResult {
	res := p.evalOnce(amounts, has)
	u := p.rule.PerUnit
	if u == "" || res.rng == nil {
		return res
	}
	n, known := amounts[u]
	unit := map[string]string{"persons": "人", "days": "日"}[u]
	if !known {
		return fineResult{needs: []string{u}, note: fmt.Sprintf("罚款按%s计算，缺少%s（amounts.%s）", "每"+unit, AmountKeys[u], u),
			branches: []Branch{{When: "按每" + unit + "计算", Needs: []string{u}, Rule: "每" + unit + res.note}}}
	}
	res.rng = &FineRange{Min: res.rng.Min * n, Max: res.rng.Max * n}
	res.note = fmt.Sprintf("每%s%s，共%s%s，即%s", unit, res.note, num(n), unit, rangeWords(res.rng.Min, res.rng.Max))
	return res
}

func (p provisionFine) evalOnce(amounts map[string]float64, has func(string) bool) fineResult {
	r := p.rule
	if r.Base == "" {
		if r.Max <= 0 && r.Min <= 0 {
			return fineResult{note: "该条款未规定罚款数额"}
		}
		return fineResult{rng: &FineRange{Min: r.Min, Max: r.Max}, note: "法定罚款幅度为" + rangeWords(r.Min, r.Max)}
	}
	name := baseName(r.Base)
	fallback := func() fineResult {
		return fineResult{rng: &FineRange{Min: r.FallbackMin, Max: r.FallbackMax},
			note: fmt.Sprintf("%s的，处%s罚款", p.fallbackWords, rangeWords(r.FallbackMin, r.FallbackMax))}
	}
	if r.FallbackMax > 0 && slices.ContainsFunc(p.fallbackCodes, has) {
		return fallback()
	}
	base, known := amounts[r.Base]
	if !known {
		out := fineResult{needs: []string{r.Base}, note: fmt.Sprintf("缺少%s（amounts.%s），罚款幅度取决于它", name, r.Base)}
		when := name + "可计算"
		if r.Below > 0 {
			when = fmt.Sprintf("%s%s以上", name, yuan(r.Below))
			lo, hi := r.BelowMin, r.BelowMax
			out.branches = append(out.branches, Branch{When: fmt.Sprintf("%s不足%s", name, yuan(r.Below)), Needs: []string{r.Base}, Rule: rangeWords(lo, hi), FineMin: &lo, FineMax: &hi})
		}
		out.branches = append([]Branch{{When: when, Needs: []string{r.Base}, Rule: multipleWords(r)}}, out.branches...)
		if r.FallbackMax > 0 {
			lo, hi := r.FallbackMin, r.FallbackMax
			out.branches = append(out.branches, Branch{When: p.fallbackWords, Circumstances: p.fallbackCodes, Rule: rangeWords(lo, hi), FineMin: &lo, FineMax: &hi})
		}
		return out
	}
	if base == 0 && r.FallbackMax > 0 && slices.Contains(p.fallbackCodes, "no_base") {
		return fallback()
	}
	if r.Below > 0 && base < r.Below && r.BelowMax > 0 {
		return fineResult{rng: &FineRange{Min: r.BelowMin, Max: r.BelowMax}, note: fmt.Sprintf("%s%s不足%s，处%s罚款", name, yuan(base), yuan(r.Below), rangeWords(r.BelowMin, r.BelowMax))}
	}
	b, floorNote := base, ""
	if r.BaseFloor > 0 && b < r.BaseFloor {
		b = r.BaseFloor
		floorNote = fmt.Sprintf("不足%s的按%s计算，", yuan(r.BaseFloor), yuan(r.BaseFloor))
	}
	lo, hi := b*r.MinTimes, b*r.MaxTimes
	capNote := ""
	if r.Cap > 0 && hi > r.Cap {
		hi, capNote = r.Cap, fmt.Sprintf("，最高不超过%s", yuan(r.Cap))
	}
	lo = min(lo, hi) // a cap below the lower multiple caps both ends
	return fineResult{rng: &FineRange{Min: lo, Max: hi}, note: fmt.Sprintf("%s为%s，%s按%s计算%s，即%s以上%s以下", name, yuan(base), floorNote, multipleWords(r), capNote, yuan(lo), yuan(hi))}
}

// rangeWords writes a range in a decision's style: 五万元以上十万元以下.
func rangeWords(lo, hi float64) string {
	switch {
	case lo == hi:
		return yuan(hi)
	case lo <= 0:
		return yuan(hi) + "以下"
	}
	return yuan(lo) + "以上" + yuan(hi) + "以下"
}

// multipleWords writes a multiple rule as the law does: 广告费用三倍以上五倍以下.
func multipleWords(r FineRule) string {
	cn := func(v float64) string {
		if v == float64(int(v)) {
			return corpora.ChineseNumeral(int(v))
		}
		return num(v)
	}
	f := func(t float64) string {
		if t < 1 {
			return "百分之" + cn(math.Round(t*1e6)/1e4)
		}
		return cn(t) + "倍"
	}
	s := baseName(r.Base)
	if r.MinTimes > 0 {
		s += f(r.MinTimes) + "以上"
	}
	return s + f(r.MaxTimes) + "以下"
}
