package review

import (
	"context"
	"fmt"
	"time"

	"zhifa/records"
	"zhifa/rules"
	"zhifa/warnings"
)

func init() {
	warnings.Register("review", overdue)
}

// overdue lists rounds that wait for an opinion past the agency's review time limit.
func overdue(ctx context.Context, st *records.Store, now time.Time) ([]rules.Warning, error) {
	rvs, err := List(ctx, st, "", ReviewPending)
	if err != nil {
		return nil, err
	}
	today := parseDay(now.In(cst).Format("2006-01-02"))
	var out []rules.Warning
	for _, rv := range rvs {
		r := rv.Rounds[len(rv.Rounds)-1]
		if r.Due == "" {
			continue
		}
		left := int(parseDay(r.Due).Sub(today).Hours() / 24)
		if left >= 0 {
			continue
		}
		cat, err := CatalogFor(ctx, st, rv.AgencyID)
		if err != nil {
			return nil, err
		}
		out = append(out, rules.Warning{Kind: "review_overdue", AgencyID: rv.AgencyID, CaseID: rv.CaseID, Due: r.Due, DaysLeft: left,
			Citation: cat.ReviewDaysCitation,
			Message:  fmt.Sprintf("法制审核 %s round %d (reviewer %s) was due %s: %d day(s) overdue", rv.ID, r.N, r.Reviewer, r.Due, -left)})
	}
	return out, nil
}
