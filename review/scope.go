package review

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"zhifa/records"
)

// Scope says whether a decision needs legal review and which catalog rules say so.
type Scope struct {
	Required bool    `json:"required"`
	Matched  []Match `json:"matched"`
}

// Match is a catalog rule that holds for the case, or that may hold: a rule
// whose condition turns on a fact the case does not record is listed with a
// reason that says "undetermined" and what is missing, and does not by itself
// make review required.
type Match struct {
	Rule     string `json:"rule"`
	Reason   string `json:"reason"`
	Citation string `json:"citation"`
}

// ScopeFacts are the facts of a case the catalog looks at.
type ScopeFacts struct {
	PartyKind     string             // person | organization | "" when not recorded
	Proposed      *records.Decision  // the decision proposed or recorded; nil when none
	StepKinds     []string           // kinds of the case's steps (and of the step being added)
	Circumstances []string           // the case's circumstance codes
	Procedure     string             // simple | normal
	Amounts       map[string]float64 // unused by the default catalog; kept for agency rules
}

// FactsOf reads the scope facts from a case, with proposed as the decision under review
// (nil: the case's own decision, if any).
func FactsOf(c records.Case, steps []records.Step, proposed *records.Decision) ScopeFacts {
	f := ScopeFacts{Proposed: proposed, Circumstances: c.Circumstances, Procedure: c.Procedure, Amounts: c.Amounts}
	if f.Proposed == nil {
		f.Proposed = c.Decision
	}
	if len(c.Parties) > 0 {
		f.PartyKind = c.Parties[0].Kind
	}
	for _, s := range steps {
		f.StepKinds = append(f.StepKinds, s.Kind)
	}
	return f
}

// ScopeOf applies the catalog to the facts.
func ScopeOf(cat *Catalog, f ScopeFacts) Scope {
	out := Scope{Matched: []Match{}}
	for _, r := range cat.Rules {
		holds, reasons, missing := evalRule(r.When, f)
		if !holds {
			continue
		}
		if len(missing) > 0 {
			out.Matched = append(out.Matched, Match{Rule: r.ID, Citation: r.Citation,
				Reason: "undetermined (" + r.Name + "): " + strings.Join(missing, "; ") + joinKnown(reasons)})
			continue
		}
		out.Required = true
		out.Matched = append(out.Matched, Match{Rule: r.ID, Citation: r.Citation, Reason: r.Name + ": " + strings.Join(reasons, "; ")})
	}
	return out
}

func joinKnown(reasons []string) string {
	if len(reasons) == 0 {
		return ""
	}
	return "; known: " + strings.Join(reasons, "; ")
}

// evalRule reports whether no condition is known to fail, the reasons of those
// that hold, and what is missing for those that cannot be decided.
func evalRule(w Condition, f ScopeFacts) (bool, []string, []string) {
	var reasons, missing []string
	if w.Party != "" {
		switch f.PartyKind {
		case "":
			missing = append(missing, "the case records no party type (person or organization)")
		case w.Party:
			reasons = append(reasons, "party type is "+w.Party)
		default:
			return false, nil, nil
		}
	}
	if w.FineAtLeast != nil {
		switch {
		case f.Proposed == nil:
			missing = append(missing, "no proposed decision (fine) is recorded")
		case f.Proposed.Fine >= *w.FineAtLeast:
			reasons = append(reasons, fmt.Sprintf("proposed fine %s ≥ %s", yuan(f.Proposed.Fine), yuan(*w.FineAtLeast)))
		default:
			return false, nil, nil
		}
	}
	if w.ConfiscationAtLeast != nil {
		switch {
		case f.Proposed == nil:
			missing = append(missing, "no proposed decision (confiscation) is recorded")
		case f.Proposed.Confiscation >= *w.ConfiscationAtLeast:
			reasons = append(reasons, fmt.Sprintf("proposed confiscation %s ≥ %s", yuan(f.Proposed.Confiscation), yuan(*w.ConfiscationAtLeast)))
		default:
			return false, nil, nil
		}
	}
	if len(w.DecisionWords) > 0 {
		switch {
		case f.Proposed == nil:
			missing = append(missing, "no proposed decision is recorded to read "+strings.Join(w.DecisionWords, "/")+" from")
		case strings.TrimSpace(f.Proposed.Summary) == "":
			missing = append(missing, "the proposed decision has no summary (处罚决定内容) to read "+strings.Join(w.DecisionWords, "/")+" from")
		default:
			hit := ""
			for _, wd := range w.DecisionWords {
				if strings.Contains(f.Proposed.Summary, wd) {
					hit = wd
					break
				}
			}
			if hit == "" {
				return false, nil, nil
			}
			reasons = append(reasons, "the proposed decision says "+hit)
		}
	}
	if w.Step != "" {
		if !slices.Contains(f.StepKinds, w.Step) {
			return false, nil, nil
		}
		reasons = append(reasons, "the case has a "+records.StepNames[w.Step]+" step")
	}
	if w.Circumstance != "" {
		switch {
		case slices.Contains(f.Circumstances, w.Circumstance):
			reasons = append(reasons, "the case records "+w.Circumstance)
		case w.NotCircumstance != "" && slices.Contains(f.Circumstances, w.NotCircumstance):
			return false, nil, nil
		case w.NotCircumstance == "":
			return false, nil, nil
		default:
			missing = append(missing, fmt.Sprintf("the case records neither %s nor %s", w.Circumstance, w.NotCircumstance))
		}
	}
	if w.Procedure != "" {
		if f.Procedure != w.Procedure {
			return false, nil, nil
		}
		reasons = append(reasons, "the case is under the "+w.Procedure+" procedure")
	}
	return true, reasons, missing
}

func yuan(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) + "元" }
