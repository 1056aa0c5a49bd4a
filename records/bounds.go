package records

import (
	"fmt"
	"sort"
	"time"
)

// earliestDay is the earliest date a record may carry: the founding of the
// People's Republic (1949-10-01). An older date is a typing error, as is one
// more than futureSlack ahead of now (clocks and time zones differ by less).
const (
	earliestDay = "1949-10-01"
	futureSlack = 24 * time.Hour
)

// maxAmount bounds an amount in yuan: far above any fine, below the point
// where float64 loses whole yuan.
const maxAmount = 1e14

// latestDay is the latest date (YYYY-MM-DD, China time) a past event may carry.
func latestDay(now time.Time) string { return day(now.Add(futureSlack)) }

// checkDay checks a date (YYYY-MM-DD, already well-formed) is not before
// earliestDay and, when past is set, not after latestDay.
func checkDay(field, v string, past bool) error {
	if v == "" {
		return nil
	}
	if v < earliestDay {
		return &FieldError{Field: field, Message: fmt.Sprintf("%s is before %s", v, earliestDay)}
	}
	if past {
		if last := latestDay(time.Now()); v > last {
			return &FieldError{Field: field, Message: fmt.Sprintf("%s is in the future (at most %s)", v, last)}
		}
	}
	return nil
}

// pastDate is validDate and checkDay(past) together.
func pastDate(field, v string, required bool) error {
	if err := validDate(field, v, required); err != nil {
		return err
	}
	return checkDay(field, v, true)
}

// checkTime checks a moment lies between earliestDay and now+futureSlack.
func checkTime(field string, t time.Time) error {
	if day(t) < earliestDay {
		return &FieldError{Field: field, Message: fmt.Sprintf("%s is before %s", t.Format(time.RFC3339), earliestDay)}
	}
	if limit := time.Now().Add(futureSlack); t.After(limit) {
		return &FieldError{Field: field, Message: fmt.Sprintf("%s is in the future (at most %s)", t.Format(time.RFC3339), limit.UTC().Format(time.RFC3339))}
	}
	return nil
}

// checkAmount refuses a negative or absurd amount of yuan.
func checkAmount(field string, v float64) error {
	if v < 0 {
		return &FieldError{Field: field, Message: fmt.Sprintf("must not be negative, got %v", v)}
	}
	if v > maxAmount {
		return &FieldError{Field: field, Message: fmt.Sprintf("%v is beyond any amount of yuan a case can hold", v)}
	}
	return nil
}

// validateAmounts checks a case's amounts (amounts.KEY), in key order so
// the same input always names the same field.
func validateAmounts(m map[string]float64) error {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if err := checkAmount("amounts."+k, m[k]); err != nil {
			return err
		}
	}
	return nil
}
