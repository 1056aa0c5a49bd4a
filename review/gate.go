package review

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"zhifa/records"
)

func init() {
	records.RegisterStepHook("review_gate", gate)
}

// gate refuses a decision (决定) in review scope without a passed review:
// 未经法制审核或者审核未通过的，不得作出决定 (行政处罚法 第五十八条第一款). It runs
// inside the step's transaction, so a refused decision writes nothing.
func gate(ctx context.Context, tx *records.Tx, c records.Case, prior []records.Step, next records.Step) error {
	if next.Kind != records.StepDecision {
		return nil
	}
	var d records.Decision
	if len(next.Data) > 0 {
		if err := json.Unmarshal(next.Data, &d); err != nil {
			return &records.FieldError{Field: "data", Message: "decision data: " + err.Error()}
		}
	}
	cat, err := CatalogFor(ctx, tx, c.AgencyID)
	if err != nil {
		return err
	}
	sc := ScopeOf(cat, FactsOf(c, append(prior[:len(prior):len(prior)], next), &d))
	var why []string
	for _, m := range sc.Matched {
		if !strings.HasPrefix(m.Reason, "undetermined") {
			why = append(why, m.Rule+" ("+m.Citation+")")
		}
	}
	refuse := func(format string, a ...any) error {
		msg := fmt.Sprintf(format, a...)
		if sc.Required {
			msg += "; the decision is in review scope: " + strings.Join(why, ", ")
		} else {
			msg += "; the decision is not in the catalog's scope, but a review of it was begun"
		}
		return &records.ConflictError{Code: "review_required", Field: "review",
			Message: msg + " — 未经法制审核或者审核未通过的，不得作出决定（" + cfl + "第五十八条第一款）"}
	}
	var rv Review
	err = tx.GetObject(ctx, reviewKind, reviewID(c.ID), &rv)
	switch {
	case isNotFound(err) && !sc.Required:
		return nil
	case isNotFound(err):
		return refuse("case %s has no legal review: submit it (POST /api/v1/cases/%s/reviews)", c.ID, c.ID)
	case err != nil:
		return err
	}
	// A review once begun binds the decision even when the catalog would not
	// require one: 审核未通过的，不得作出决定.
	if !rv.Passed() {
		return refuse("the legal review %s of case %s is %s on round %d, not approved", rv.ID, c.ID, rv.Status, len(rv.Rounds))
	}
	p := rv.Rounds[len(rv.Rounds)-1].Proposed
	if p == nil {
		return refuse("round %d of %s carries no proposed decision: resubmit with the decision to be made", len(rv.Rounds), rv.ID)
	}
	if p.PenaltyBasis != d.PenaltyBasis || p.Fine != d.Fine || p.Confiscation != d.Confiscation {
		return refuse("the decision (%s, fine %s, confiscation %s) is not the one reviewed in round %d of %s (%s, fine %s, confiscation %s): resubmit it",
			d.PenaltyBasis, yuan(d.Fine), yuan(d.Confiscation), len(rv.Rounds), rv.ID, p.PenaltyBasis, yuan(p.Fine), yuan(p.Confiscation))
	}
	return nil
}
