package records

import (
	"context"
	"encoding/json"
	"errors"
	"testing"
	"time"
)

// The last day of the 陈述申辩 period belongs to the party: a decision on that
// day is refused naming the field, one on the next day is taken (行政处罚法
// 第四十四条、第四十五条). Without a recorded period_end the period is five days
// from the notice. A synthetic case.
func TestDecisionAfterTheStatementPeriodsLastDay(t *testing.T) {
	c := Case{ID: "t-case", OpenedOn: "2026-09-01", Procedure: ProcedureNormal}
	at := func(day string, hour int) time.Time { return parseDay(day).Add(time.Duration(hour) * time.Hour) }
	filing := Step{Kind: StepFiling, At: at("2026-09-01", 9)}
	dec, _ := json.Marshal(Decision{PenaltyBasis: "《中华人民共和国食品安全法》第一百二十四条", Fine: 50000})
	for _, tc := range []struct {
		name   string
		notice string // data of the 告知
		day    string
		hour   int
		ok     bool
	}{
		{"period_end 09-10: decided on 09-09", `{"period_end":"2026-09-10"}`, "2026-09-09", 10, false},
		{"period_end 09-10: decided on its last day, in the evening", `{"period_end":"2026-09-10"}`, "2026-09-10", 23, false},
		{"period_end 09-10: decided on 09-11 just after midnight", `{"period_end":"2026-09-10"}`, "2026-09-11", 0, true},
		{"no period_end, notice 09-05: 09-10 is the fifth day", `{}`, "2026-09-10", 15, false},
		{"no period_end, notice 09-05: 09-11 is after it", `{}`, "2026-09-11", 9, true},
	} {
		notice := Step{Kind: StepNotice, At: at("2026-09-05", 10), Data: json.RawMessage(tc.notice)}
		err := checkStep(c, []Step{filing, notice}, StepDecision, at(tc.day, tc.hour), dec)
		var fe *FieldError
		switch {
		case tc.ok && err != nil:
			t.Errorf("%s: refused: %v", tc.name, err)
		case !tc.ok && (!errors.As(err, &fe) || fe.Field != "at"):
			t.Errorf("%s: %v, want a refusal naming at", tc.name, err)
		}
	}
	// a period that ends on the day of the notice is allowed; one that ends before it is not
	for _, tc := range []struct {
		end string
		ok  bool
	}{{"2026-09-05", true}, {"2026-09-04", false}} {
		data, _ := json.Marshal(NoticeData{PeriodEnd: tc.end})
		err := checkStep(c, []Step{filing}, StepNotice, at("2026-09-05", 10), data)
		var fe *FieldError
		if tc.ok != (err == nil) || (!tc.ok && (!errors.As(err, &fe) || fe.Field != "data.period_end")) {
			t.Errorf("period_end %s on a notice of 2026-09-05: %v", tc.end, err)
		}
	}
}

// ListDecidedCases(since) holds a case decided at since exactly, and at any
// later instant of the same second (a time with a fraction is after the
// whole second it starts from).
func TestListDecidedCasesSinceInclusive(t *testing.T) {
	eachBackend(t, func(t *testing.T, url, dir string, s *Store) {
		ctx := context.Background()
		demoStore(t, s)
		c, err := s.CreateCase(ctx, Case{AgencyID: DemoAgencyID, PowerItemID: DemoAgencyID + "-SP-003", OpenedOn: "2026-09-01", OfficerIDs: []string{"demo-of-1", "demo-of-2"},
			Parties: []Party{{Kind: PartyOrganization, Name: "合成公司", CreditCode: demoCredit("MA5999998")}}}, "t")
		if err != nil {
			t.Fatal(err)
		}
		decidedAt := time.Date(2026, 10, 15, 2, 0, 0, 500e6, time.UTC) // 10:00:00.5 in China
		for _, st := range []struct {
			kind string
			at   time.Time
			data any
		}{
			{StepFiling, time.Date(2026, 9, 1, 2, 0, 0, 0, time.UTC), nil},
			{StepNotice, time.Date(2026, 9, 5, 2, 0, 0, 0, time.UTC), NoticeData{PeriodEnd: "2026-09-10"}},
			{StepDecision, decidedAt, Decision{PenaltyBasis: "《中华人民共和国食品安全法》第一百二十四条", Fine: 50000}},
		} {
			if _, _, err := s.AppendStep(ctx, c.ID, st.kind, st.at, st.data, "officer"); err != nil {
				t.Fatalf("%s: %v", st.kind, err)
			}
		}
		has := func(since time.Time) bool {
			cs, err := s.ListDecidedCases(ctx, since)
			if err != nil {
				t.Fatal(err)
			}
			for _, x := range cs {
				if x.ID == c.ID {
					return true
				}
			}
			return false
		}
		for _, tc := range []struct {
			name  string
			since time.Time
			want  bool
		}{
			{"the whole second before", decidedAt.Truncate(time.Second), true},
			{"exactly then", decidedAt, true},
			{"the same instant in China's zone", decidedAt.In(time.FixedZone("CST", 8*3600)), true},
			{"a millisecond later", decidedAt.Add(time.Millisecond), false},
			{"the next second", decidedAt.Truncate(time.Second).Add(time.Second), false},
			{"the day before", decidedAt.AddDate(0, 0, -1), true},
		} {
			if got := has(tc.since); got != tc.want {
				t.Errorf("since %s (%s): listed %v, want %v", tc.since.Format(time.RFC3339Nano), tc.name, got, tc.want)
			}
		}
	})
}
