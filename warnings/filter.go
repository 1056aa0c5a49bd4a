package warnings

import (
	"context"
	"strings"
	"time"

	"zhifa/records"
	"zhifa/rules"
)

// ParseRequest checks what a caller asked for — an agency that exists, a
// kind written as kinds are, a day to look from (YYYY-MM-DD; "" is now) —
// and returns the filter and the moment, or a *records.FieldError naming the
// field.
func ParseRequest(ctx context.Context, st *records.Store, agency, kind, asOf string) (Filter, time.Time, error) {
	f := Filter{AgencyID: strings.TrimSpace(agency), Kind: strings.TrimSpace(kind)}
	now := time.Now()
	if f.Kind != "" && strings.Trim(f.Kind, "abcdefghijklmnopqrstuvwxyz_") != "" {
		return f, now, &records.FieldError{Field: "kind", Message: "a warning kind is lower-case letters and _ (e.g. decision_limit, transfer, annual_report)"}
	}
	if f.AgencyID != "" {
		if _, err := st.GetAgency(ctx, f.AgencyID); err != nil {
			return f, now, &records.FieldError{Field: "agency", Message: "no agency " + f.AgencyID}
		}
	}
	if asOf != "" {
		t, ok := rules.ParseDay(asOf)
		if !ok {
			return f, now, &records.FieldError{Field: "as_of", Message: "expected a date YYYY-MM-DD, got " + asOf}
		}
		now = t.Add(12 * time.Hour) // noon, China time: the day itself
	}
	return f, now, nil
}
