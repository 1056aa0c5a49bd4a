package warnings

import (
	"context"
	"sort"
	"strings"
	"testing"
	"time"

	"zhifa/nlp"
	"zhifa/records"
	"zhifa/rules"
)

var cst = time.FixedZone("CST", 8*3600)

func day(s string) time.Time {
	t, _ := time.ParseInLocation("2006-01-02", s, cst)
	return t.Add(10 * time.Hour)
}

// synStore is a store with one synthetic agency, power item and two officers.
func synStore(t *testing.T) *records.Store {
	t.Helper()
	ctx := context.Background()
	st, err := records.OpenURL(ctx, "sqlite:"+t.TempDir()+"/z.db", t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if _, err := st.PutAgency(ctx, records.Agency{ID: "syn-ag", Name: "合成执法局（synthetic）", Level: "县"}, "t"); err != nil {
		t.Fatal(err)
	}
	if _, err := st.PutPowerItem(ctx, records.PowerItem{AgencyID: "syn-ag", Code: "P1", Name: "合成处罚事项", Kind: records.KindPenalty, Category: "市场监管", LegalBasis: "《中华人民共和国食品安全法》第一百二十二条"}, "t"); err != nil {
		t.Fatal(err)
	}
	for _, id := range []string{"syn-of-1", "syn-of-2"} {
		if _, err := st.PutOfficer(ctx, records.Officer{ID: id, Name: id, AgencyID: "syn-ag", Certificate: records.Certificate{Number: id, Categories: []string{"市场监管"}, ValidFrom: "2020-01-01", ValidUntil: "2030-12-31"}}, "t"); err != nil {
			t.Fatal(err)
		}
	}
	return st
}

type step struct {
	kind, on string
	data     any
}

func addCase(t *testing.T, st *records.Store, id, opened string, steps []step) []string {
	t.Helper()
	ctx := context.Background()
	if _, err := st.CreateCase(ctx, records.Case{ID: id, AgencyID: "syn-ag", PowerItemID: "syn-ag-P1", OpenedOn: opened, OfficerIDs: []string{"syn-of-1", "syn-of-2"},
		Parties: []records.Party{{Kind: records.PartyPerson, Name: "合成当事人", IDNumber: synID()}}, Synthetic: true}, "t"); err != nil {
		t.Fatal(err)
	}
	var last []string
	for _, s := range steps {
		_, w, err := st.AppendStep(ctx, id, s.kind, day(s.on), s.data, "t")
		if err != nil {
			t.Fatalf("%s %s: %v", id, s.kind, err)
		}
		last = w
	}
	return last
}

// synID is a valid synthetic resident ID number.
func synID() string {
	s := "44070519800101123"
	c, _ := nlp.IDCheckDigit(s)
	return s + string(c)
}

var dec = records.Decision{PenaltyBasis: "《中华人民共和国食品安全法》第一百二十二条", Fine: 1000}

// A table of synthetic cases, each built to fire one kind of warning (with
// the decision limit beside it while undecided), and one that fires none.
func TestCaseWarningsTable(t *testing.T) {
	st := synStore(t)
	ctx := context.Background()
	now := day("2026-06-10")
	notice := func(on, end string) step {
		return step{records.StepNotice, on, records.NoticeData{PeriodEnd: end}}
	}
	cases := []struct {
		id, opened string
		steps      []step
		want       map[string]string // kind → due
	}{
		{"none", "2026-03-01", []step{{records.StepFiling, "2026-03-01", nil}, notice("2026-03-05", "2026-03-10"), {records.StepDecision, "2026-03-20", dec}, {records.StepService, "2026-03-22", nil}}, map[string]string{}},
		{"decision", "2026-04-01", []step{{records.StepFiling, "2026-04-01", nil}, {records.StepInvestigation, "2026-04-02", nil}}, map[string]string{"decision_limit": "2026-06-30"}},
		{"service", "2026-05-01", []step{{records.StepFiling, "2026-05-01", nil}, notice("2026-05-02", "2026-05-05"), {records.StepDecision, "2026-06-08", dec}}, map[string]string{"service_limit": "2026-06-15"}},
		{"statement", "2026-06-01", []step{{records.StepFiling, "2026-06-01", nil}, notice("2026-06-08", "2026-06-15")}, map[string]string{"decision_limit": "2026-08-30", "statement_period": "2026-06-15", "hearing_period": "2026-06-13"}},
		{"hearing", "2026-05-01", []step{{records.StepFiling, "2026-05-01", nil}, {records.StepHearing, "2026-05-20", records.HearingData{Date: "2026-05-20", NotifiedOn: "2026-05-16"}}}, map[string]string{"decision_limit": "2026-07-30", "hearing_period": "2026-05-13"}},
		{"transfer", "2026-06-01", []step{{records.StepFiling, "2026-06-01", nil}}, map[string]string{"decision_limit": "2026-08-30", "transfer": "2026-06-12"}},
		{"limitation", "2026-05-01", []step{{records.StepFiling, "2026-05-01", FilingData{ViolationOn: "2024-03-01"}}}, map[string]string{"decision_limit": "2026-07-30", "limitation": "2026-03-01"}},
		// found within the two years though filed after them: discovered_on, not the opening, ends the limitation
		{"found-in-time", "2026-05-01", []step{{records.StepFiling, "2026-05-01", FilingData{ViolationOn: "2024-03-01", DiscoveredOn: "2026-02-20"}}}, map[string]string{"decision_limit": "2026-07-30"}},
		{"late", "2026-01-01", []step{{records.StepFiling, "2026-01-01", nil}, notice("2026-01-05", "2026-01-10"), {records.StepDecision, "2026-04-15", dec}, {records.StepService, "2026-04-30", nil}}, map[string]string{"decision_limit": "2026-04-01", "service_limit": "2026-04-22"}},
	}
	stepWarnings := map[string][]string{}
	for _, c := range cases {
		stepWarnings[c.id] = addCase(t, st, c.id, c.opened, c.steps)
	}
	if err := st.PutObjects(ctx, "t", records.ObjectWrite{Kind: TransferKind, ID: "transfer-1", CaseID: "transfer", Value: Transfer{CaseID: "transfer", ReportedOn: "2026-06-09"}}); err != nil {
		t.Fatal(err)
	}
	all, err := Collect(ctx, st, now, Filter{AgencyID: "syn-ag"})
	if err != nil {
		t.Fatal(err)
	}
	byCase := map[string][]rules.Warning{}
	for _, w := range all {
		byCase[w.CaseID] = append(byCase[w.CaseID], w)
		if w.Citation == "" || w.Due == "" || w.AgencyID != "syn-ag" {
			t.Errorf("warning without citation, due or agency: %+v", w)
		}
		if w.DaysLeft != rules.DaysBetween("2026-06-10", w.Due) {
			t.Errorf("%s %s: days_left %d for due %s on 2026-06-10", w.CaseID, w.Kind, w.DaysLeft, w.Due)
		}
	}
	for _, c := range cases {
		got := map[string]string{}
		for _, w := range byCase[c.id] {
			if prev, dup := got[w.Kind]; dup && prev < w.Due {
				continue
			}
			got[w.Kind] = w.Due
		}
		if len(got) != len(c.want) {
			t.Errorf("%s: warnings %v, want %v", c.id, got, c.want)
			continue
		}
		for k, due := range c.want {
			if got[k] != due {
				t.Errorf("%s: %s due %q, want %q (all: %v)", c.id, k, got[k], due, got)
			}
		}
	}
	// The step's own warnings are the same computation: the late case's last
	// step reported both late limits with their articles.
	late := strings.Join(stepWarnings["late"], "\n")
	if !strings.Contains(late, "第六十条") || !strings.Contains(late, "第六十一条") {
		t.Errorf("late decision and late service should both warn on the step: %v", stepWarnings["late"])
	}
	if len(stepWarnings["none"]) != 0 {
		t.Errorf("the case in time warned on its last step: %v", stepWarnings["none"])
	}
	// Kind filter.
	only, err := Collect(ctx, st, now, Filter{Kind: "transfer"})
	if err != nil || len(only) != 1 || only[0].CaseID != "transfer" {
		t.Errorf("kind=transfer: %+v %v", only, err)
	}
}

// The annual report warns each agency in January, to the justice department
// and to the public, and stops once recorded as done; the days are configurable.
func TestAnnualReportSource(t *testing.T) {
	st := synStore(t)
	ctx := context.Background()
	kinds := func(now time.Time) []string {
		ws, err := Collect(ctx, st, now, Filter{Kind: "annual_report"})
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, w := range ws {
			out = append(out, w.AgencyID+" "+w.Due)
		}
		sort.Strings(out)
		return out
	}
	if got := strings.Join(kinds(day("2027-01-10")), ","); got != "syn-ag 2027-01-15,syn-ag 2027-01-31" {
		t.Errorf("in January: %s", got)
	}
	if got := kinds(day("2026-06-10")); len(got) != 0 {
		t.Errorf("in June: %v", got)
	}
	t.Setenv("ZHIFA_ANNUAL_REPORT_JUSTICE", "01-10")
	if got := strings.Join(kinds(day("2027-01-05")), ","); got != "syn-ag 2027-01-10,syn-ag 2027-01-31" {
		t.Errorf("configured 01-10: %s", got)
	}
	if err := st.PutObjects(ctx, "t", records.ObjectWrite{Kind: AnnualReportKind, ID: "syn-ag/2026", Value: AnnualReport{AgencyID: "syn-ag", Year: 2026, ReportedOn: "2027-01-08"}}); err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(kinds(day("2027-01-09")), ","); got != "syn-ag 2027-01-31" {
		t.Errorf("after reporting: %s", got)
	}
	t.Setenv("ZHIFA_ANNUAL_REPORT_PUBLIC", "02-30")
	if _, err := Collect(ctx, st, day("2027-01-09"), Filter{}); err == nil || !strings.Contains(err.Error(), "ZHIFA_ANNUAL_REPORT_PUBLIC") {
		t.Errorf("a bad configured day should be an error naming the setting: %v", err)
	}
}

// The demo's undecided case opened 2026-08-05 warns about the 90 days on its
// own record (GetCase), as the records test used to check.
func TestDemoCaseWarns(t *testing.T) {
	ctx := context.Background()
	st, err := records.OpenURL(ctx, "sqlite:"+t.TempDir()+"/z.db", t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if err := records.LoadDemo(ctx, st); err != nil {
		t.Fatal(err)
	}
	c, err := st.GetCase(ctx, "demo-case-08", "t")
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Warnings) == 0 || !strings.Contains(c.Warnings[0], "第六十条") {
		t.Errorf("case opened 2026-08-05 without decision should warn about 90 days: %v", c.Warnings)
	}
}
