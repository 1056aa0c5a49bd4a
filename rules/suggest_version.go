package rules

import (
	"fmt"
	"strings"
	"time"

	"zhifa/corpora"
)

// VersionChoice records the versions of the penalty basis weighed under
// 行政处罚法 第三十七条 (从旧兼从轻) and which one the suggestion applies.
type VersionChoice struct {
	Law      string `json:"law"`
	Act      string `json:"act_version"`      // the version in force at act_date: 2016-11-11 通过, in force 2017-01-01
	Decision string `json:"decision_version"` // the version in force at decision_date (today when not given)
	Applied  string `json:"applied"`          // "act" (the law then) or "decision" (the new one, lighter)
	Reason   string `json:"reason"`
}

// Suggest applies the benchmark or statutory range of the penalty basis and
// the general rules of 行政处罚法 (2021) to one case, against the embedded laws.
func Suggest(in Input) (Suggestion, error) { return SuggestIn(corpora.Default(), in) }

// SuggestIn is Suggest against the laws of c (the embedded ones plus those an
// operator ingested). With an act_date, the penalty basis is read in the
// version in force then; when the version in force at the decision
// (decision_date, else today) differs, both are weighed and the lighter
// applies (第三十七条: the law at the act, unless the new one punishes more
// lightly). When the version in force at the act is not held, the suggestion
// carries a version warning instead of silently applying today's text.
func SuggestIn(c *corpora.Corpus, in Input) (Suggestion, error) {
	if err := in.Validate(); err != nil {
		return Suggestion{Outcome: "penalty", Adjustment: "none", Basis: []Basis{}, Reasons: []string{}}, err
	}
	act, _ := in.actDate()
	if act.IsZero() || strings.TrimSpace(in.PenaltyBasis) == "" {
		return suggestCore(c, in)
	}
	dec, _ := in.decisionDate()
	if dec.IsZero() {
		dec = time.Now().UTC()
	}
	actDay, decDay := act.Format("2006-01-02"), dec.Format("2006-01-02")
	r, err := c.Cite(in.PenaltyBasis)
	if err != nil {
		return suggestCore(c, in) // reports the citation
	}
	vAct, warn := c.VersionAt(r.Law, actDay)
	vDec, _ := c.VersionAt(r.Law, decDay)
	if vAct == vDec || vAct == nil || vDec == nil {
		s, err := suggestCore(c.At(actDay), in)
		if err == nil && warn != nil {
			s.VersionWarning = warn
			s.note("注意：" + warn.Message + "。")
		}
		return s, err
	}
	in.versionsCompared = true
	old, errOld := suggestCore(c.At(actDay), in)
	if errOld != nil {
		if IsFieldError(errOld) {
			return old, fieldErr("penalty_basis", "in the version of 《%s》 in force on act_date %s (%s): %v; cite the provision as it was numbered then",
				vAct.Name, actDay, vAct.VersionLabel(), strings.TrimPrefix(errOld.Error(), "penalty_basis: "))
		}
		return old, errOld
	}
	neu, errNew := suggestCore(c.At(decDay), in)
	choice := &VersionChoice{Law: vAct.Name, Act: vAct.VersionLabel(), Decision: vDec.VersionLabel(), Applied: "act"}
	out := old
	head := fmt.Sprintf("违法行为发生于%s，其时施行的是《%s》%s起施行的文本；作出处罚决定时（%s）施行的是%s起施行的文本。依据%s，实施行政处罚适用违法行为发生时的规定，但新的规定处罚较轻或者不认为是违法的，适用新的规定：",
		act.Format("2006年1月2日"), vAct.Name, dayCN(vAct.InForce), dec.Format("2006年1月2日"), dayCN(vDec.InForce), citationOf(cfl, 37, "", 0, 0))
	switch {
	case errNew != nil:
		choice.Reason = head + "作出处罚决定时施行的文本无所引条款（" + errNew.Error() + "），本建议适用违法行为发生时的规定；请核实新的规定是否仍认为该行为违法。"
	case old.Statutory == nil || neu.Statutory == nil:
		choice.Reason = head + "新旧规定的罚款不能直接比较，本建议适用违法行为发生时的规定；新的规定处罚较轻或者不认为是违法的，应当适用新的规定。"
	case lighter(neu.Statutory, old.Statutory):
		out, choice.Applied = neu, "decision"
		choice.Reason = head + fmt.Sprintf("旧规定罚款%s元至%s元，新规定罚款%s元至%s元，新的规定处罚较轻，适用新的规定。",
			money(old.Statutory.Min), money(old.Statutory.Max), money(neu.Statutory.Min), money(neu.Statutory.Max))
	default:
		choice.Reason = head + fmt.Sprintf("旧规定罚款%s元至%s元，新规定罚款%s元至%s元，新的规定处罚并不较轻，适用违法行为发生时的规定。",
			money(old.Statutory.Min), money(old.Statutory.Max), money(neu.Statutory.Min), money(neu.Statutory.Max))
	}
	out.Version = choice
	out.Reasons = append(out.Reasons, choice.Reason)
	out.Basis = append(out.Basis, basisOf(c, cfl, 37, 0))
	return out, nil
}

// lighter: a lower maximum, or the same maximum and a lower minimum.
func lighter(a, b *FineRange) bool {
	return a.Max < b.Max || a.Max == b.Max && a.Min < b.Min
}

// dayCN writes YYYY-MM-DD as 2006年1月2日.
func dayCN(d string) string {
	t, err := time.Parse("2006-01-02", d)
	if err != nil {
		return d
	}
	return t.Format("2006年1月2日")
}
