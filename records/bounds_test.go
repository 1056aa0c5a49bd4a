package records

import (
	"context"
	"errors"
	"testing"
	"time"
)

// Dates outside 1949-10-01 … tomorrow and negative amounts are refused
// naming the field; evidence joins no closed or archived case.
func TestDatesAndAmountsBounded(t *testing.T) {
	eachBackend(t, func(t *testing.T, url, dir string, s *Store) {
		ctx := context.Background()
		demoStore(t, s)
		base, err := s.GetCase(ctx, "demo-case-10", "test")
		if err != nil {
			t.Fatal(err)
		}
		base.Steps, base.Warnings = nil, nil
		newCase := func(edit func(c *Case)) error {
			c := Case{AgencyID: DemoAgencyID, PowerItemID: base.PowerItemID, OfficerIDs: base.OfficerIDs, Parties: base.Parties, OpenedOn: "2026-09-01", Title: "合成"}
			edit(&c)
			_, err := s.CreateCase(ctx, c, "test")
			return err
		}
		open, err := s.CreateCase(ctx, Case{AgencyID: DemoAgencyID, PowerItemID: base.PowerItemID, OfficerIDs: base.OfficerIDs, Parties: base.Parties, OpenedOn: "2026-09-01"}, "test")
		if err != nil {
			t.Fatal(err)
		}
		step := func(kind string, at time.Time, data any) func() error {
			return func() error { _, _, err := s.AppendStep(ctx, open.ID, kind, at, data, "test"); return err }
		}
		evidence := func(caseID, collected string) func() error {
			return func() error {
				_, err := s.AddEvidence(ctx, Evidence{CaseID: caseID, Title: "合成", Collector: "甲", CollectedAt: collected, Place: "某地", Proves: "某事"}, []byte("synthetic"), "test")
				return err
			}
		}
		now := time.Now()
		tomorrow2 := now.Add(49 * time.Hour)
		d := func(s string) time.Time { return parseDay(s).Add(10 * time.Hour) }
		for _, tc := range []struct {
			name     string
			do       func() error
			field    string // "" = accepted
			conflict bool
		}{
			{"opened before 1949-10-01", func() error { return newCase(func(c *Case) { c.OpenedOn = "1949-09-30" }) }, "opened_on", false},
			{"opened in 2100", func() error { return newCase(func(c *Case) { c.OpenedOn = "2100-01-01" }) }, "opened_on", false},
			{"opened the day after tomorrow", func() error { return newCase(func(c *Case) { c.OpenedOn = day(tomorrow2) }) }, "opened_on", false},
			{"negative amount", func() error {
				return newCase(func(c *Case) { c.Amounts = map[string]float64{"goods_value": 10, "illegal_gains": -1} })
			}, "amounts.illegal_gains", false},
			{"absurd amount", func() error { return newCase(func(c *Case) { c.Amounts = map[string]float64{"goods_value": 1e300} }) }, "amounts.goods_value", false},
			{"update with a negative amount", func() error {
				c := base
				c.Amounts = map[string]float64{"goods_value": -5}
				_, err := s.UpdateCase(ctx, c, "test")
				return err
			}, "amounts.goods_value", false},
			{"step in 1900", step(StepFiling, d("1900-01-01"), nil), "at", false},
			{"step two days ahead", step(StepFiling, tomorrow2, nil), "at", false},
			{"step before the case was opened", step(StepFiling, d("2026-08-31"), nil), "at", false},
			{"filing", step(StepFiling, d("2026-09-01"), nil), "", false},
			{"notice period ending before the notice", step(StepNotice, d("2026-09-05"), NoticeData{PeriodEnd: "2026-09-04"}), "data.period_end", false},
			{"hearing in 1800", step(StepHearing, d("2026-09-05"), HearingData{Date: "1800-01-01"}), "data.date", false},
			{"notice", step(StepNotice, d("2026-09-05"), NoticeData{PeriodEnd: "2026-09-10"}), "", false},
			{"negative fine", step(StepDecision, d("2026-09-15"), Decision{PenaltyBasis: "合成", Fine: -1}), "data.fine", false},
			{"negative confiscation", step(StepDecision, d("2026-09-15"), Decision{PenaltyBasis: "合成", Fine: 1, Confiscation: -1}), "data.confiscation", false},
			{"decision dated 1900", step(StepDecision, d("2026-09-15"), Decision{PenaltyBasis: "合成", Fine: 1, Date: "1900-01-01"}), "data.date", false},
			{"decision dated in 2100", step(StepDecision, d("2026-09-15"), Decision{PenaltyBasis: "合成", Fine: 1, Date: "2100-01-01"}), "data.date", false},
			{"evidence collected in 2100", evidence(open.ID, "2100-01-01"), "collected_at", false},
			{"evidence collected 昨天", evidence(open.ID, "昨天"), "collected_at", false},
			{"evidence collected in 1900", evidence(open.ID, "1900-01-01"), "collected_at", false},
			{"evidence", evidence(open.ID, "2026-09-02"), "", false},
			{"evidence for an archived case", evidence("demo-case-06", "2026-09-02"), "status", true},
			{"evidence for a closed case", evidence("demo-case-01", "2026-09-02"), "status", true},
		} {
			err := tc.do()
			var fe *FieldError
			var ce *ConflictError
			switch {
			case tc.field == "":
				if err != nil {
					t.Errorf("%s: %v", tc.name, err)
				}
			case tc.conflict:
				if !errors.As(err, &ce) || ce.Field != tc.field {
					t.Errorf("%s: %v, want a conflict naming %s", tc.name, err, tc.field)
				}
			case !errors.As(err, &fe) || fe.Field != tc.field:
				t.Errorf("%s: %v, want a refusal naming %s", tc.name, err, tc.field)
			}
		}
	})
}
