package disclosure

import (
	"time"

	"zhifa/records"
	"zhifa/rules"
)

// The official calendar the due dates are counted on: the library's
// schedule, with an operator's file for a year it lacks (serve --holidays).
var calendar *rules.Calendar

// UseCalendar sets the calendar (nil: the library's schedule alone).
func UseCalendar(c *rules.Calendar) { calendar = c }

func init() {
	SetCalendar(func(kind, sector string, decided time.Time) (time.Time, int, error) {
		return rules.DisclosureDue(kind, sector, decided, calendar)
	}, sectorOf)
	SetExpiry(sectorExpiry)
	sectorCitation = func(sector string) string {
		if r, ok := sectorRule(sector, "public_period"); ok {
			return r.Citation
		}
		return sector
	}
}

// sectorOf is the first of an agency's domains that has its own disclosure rules.
func sectorOf(domains []string) string {
	rs, err := rules.Disclosure()
	if err != nil {
		return ""
	}
	for _, d := range domains {
		if s, ok := rs.Sector(d); ok {
			return s.Name
		}
	}
	return ""
}

func sectorRule(sector, id string) (rules.DisclosureRule, bool) {
	rs, err := rules.Disclosure()
	if err != nil || sector == "" {
		return rules.DisclosureRule{}, false
	}
	s, ok := rs.Sector(sector)
	if !ok {
		return rules.DisclosureRule{}, false
	}
	return s.Rule(id, "行政处罚")
}

// sectorExpiry is when a sector's public period ends. 市场监管 第十三条: three
// months for 通报批评 or a 较低数额罚款 alone — a figure each province sets,
// which zhifa does not hold, so for a fine alone the end is left open and
// the record says why — and three years for any other penalty.
func sectorExpiry(sector string, d Disclosure, c records.Case, published time.Time) (string, string) {
	long, ok := sectorRule(sector, "public_period")
	if !ok || c.Decision == nil {
		return "", ""
	}
	dec := c.Decision
	if dec.Confiscation > 0 || dec.Fine == 0 {
		return published.AddDate(long.Value, 0, 0).Format("2006-01-02"), ""
	}
	short, _ := sectorRule(sector, "public_period_short")
	return "", "the public period depends on whether a fine of " + yuan(dec.Fine) + " yuan is a 较低数额罚款 as the provincial authority sets it (" +
		short.Citation + ": three months if so, otherwise three years); that figure is not recorded, so no end date is set"
}

// withdrawalDue is when a withdrawal is owed: the sector's working days
// where it has a rule, else 第四十八条第二款's 三日.
func withdrawalDue(sector string, occurred time.Time) string {
	if r, ok := sectorRule(sector, "withdrawal"); ok && r.Unit == "working_day" {
		if t, err := calendar.AddWorkingDays(occurred, r.Value); err == nil {
			return t.Format("2006-01-02")
		}
	}
	return occurred.AddDate(0, 0, withdrawDays).Format("2006-01-02")
}
