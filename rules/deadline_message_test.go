package rules

import (
	"strings"
	"testing"
)

// What the decision-limit and annual-report warnings say: an officer reads
// them to know whether the limit was extended and why an extension did not count.
func TestDeadlineMessages(t *testing.T) {
	now := at("2026-02-01 09:00")
	for _, c := range []struct {
		name    string
		w       *Warning
		want    []string
		notWant []string
	}{
		{"no extension", DecisionLimitExtended("2026-01-01", "", nil, now),
			[]string{"the 90-day limit from 立案"}, []string{"extended"}},
		{"extended 30 days", DecisionLimitExtended("2026-01-01", "", []DecisionExtension{{ApprovedOn: "2026-01-20", Days: 30}}, now),
			[]string{"extended by 30 days", "2026-05-01"}, []string{"extends nothing"}},
		{"an extension of no days", DecisionLimitExtended("2026-01-01", "", []DecisionExtension{{ApprovedOn: "2026-01-20", Days: 0}}, now),
			[]string{"approved on 2026-01-20 gives no days and extends nothing"}, []string{"extended by", "came after"}},
		{"an extension after the limit", DecisionLimitExtended("2026-01-01", "2026-05-05", []DecisionExtension{{ApprovedOn: "2026-04-02", Days: 30}}, now),
			[]string{"an extension of 30 days approved on 2026-04-02 came after the limit had run out"}, []string{"gives no days", "extended by"}},
	} {
		if c.w == nil {
			t.Errorf("%s: no warning", c.name)
			continue
		}
		for _, w := range c.want {
			if !strings.Contains(c.w.Message, w) {
				t.Errorf("%s: %q lacks %q", c.name, c.w.Message, w)
			}
		}
		for _, w := range c.notWant {
			if strings.Contains(c.w.Message, w) {
				t.Errorf("%s: %q says %q", c.name, c.w.Message, w)
			}
		}
	}
	// the shipped days are said plainly; configured ones name the cited text
	jan := at("2026-01-12 09:00")
	for _, w := range AnnualReport(2025, AnnualReportDates{}, false, false, jan) {
		if strings.Contains(w.Message, "configured") {
			t.Errorf("shipped dates: %q", w.Message)
		}
	}
	ws := AnnualReport(2025, AnnualReportDates{Justice: 110}, false, false, jan)
	if len(ws) != 2 || !strings.Contains(ws[0].Message, "(configured; the cited text says") || strings.Contains(ws[1].Message, "configured") {
		t.Errorf("justice day configured, public day shipped: %+v", ws)
	}
}
