package followup

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"zhifa/nlp"
	"zhifa/records"
	"zhifa/stats"
	"zhifa/warnings"
)

func at(s string) time.Time {
	t, _ := time.ParseInLocation("2006-01-02", s, cst)
	return t.Add(10 * time.Hour)
}

// synStore: one synthetic agency with a decided case "dec" and an undecided
// case "open" (both opened 2026-03-01); now is 2026-06-10.
func synStore(t *testing.T) *records.Store {
	t.Helper()
	now = func() time.Time { return at("2026-06-10") }
	t.Cleanup(func() { now = time.Now })
	ctx := context.Background()
	st, err := records.OpenURL(ctx, "sqlite:"+t.TempDir()+"/z.db", t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	must := func(_ any, err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(st.PutAgency(ctx, records.Agency{ID: "syn-ag", Name: "合成执法局（synthetic）", Level: "县"}, "t"))
	must(st.PutPowerItem(ctx, records.PowerItem{AgencyID: "syn-ag", Code: "P1", Name: "合成处罚事项", Kind: records.KindPenalty, Category: "市场监管", LegalBasis: "《中华人民共和国食品安全法》第一百二十二条"}, "t"))
	for _, id := range []string{"syn-of-1", "syn-of-2"} {
		must(st.PutOfficer(ctx, records.Officer{ID: id, Name: id, AgencyID: "syn-ag", Certificate: records.Certificate{Number: id, Categories: []string{"市场监管"}, ValidFrom: "2020-01-01", ValidUntil: "2030-12-31"}}, "t"))
	}
	idn := "44070519800101123"
	c, _ := nlp.IDCheckDigit(idn)
	for _, id := range []string{"dec", "open"} {
		must(st.CreateCase(ctx, records.Case{ID: id, AgencyID: "syn-ag", PowerItemID: "syn-ag-P1", OpenedOn: "2026-03-01", OfficerIDs: []string{"syn-of-1", "syn-of-2"},
			Parties: []records.Party{{Kind: records.PartyPerson, Name: "合成当事人", IDNumber: idn + string(c)}}, Synthetic: true}, "t"))
		_, _, err := st.AppendStep(ctx, id, records.StepFiling, at("2026-03-01"), nil, "t")
		must(nil, err)
	}
	_, _, err = st.AppendStep(ctx, "dec", records.StepNotice, at("2026-03-10"), records.NoticeData{PeriodEnd: "2026-03-13"}, "t")
	must(nil, err)
	_, _, err = st.AppendStep(ctx, "dec", records.StepDecision, at("2026-04-01"), records.Decision{PenaltyBasis: "《中华人民共和国食品安全法》第一百二十二条", Fine: 1000}, "t")
	must(nil, err)
	return st
}

func fieldOf(err error) string {
	var fe *records.FieldError
	var ce *records.ConflictError
	var nf *records.NotFoundError
	switch {
	case errors.As(err, &fe):
		return fe.Field
	case errors.As(err, &ce):
		return ce.Field
	case errors.As(err, &nf):
		return "not_found"
	case err != nil:
		return err.Error()
	}
	return ""
}

func TestAppealBadInput(t *testing.T) {
	st := synStore(t)
	ctx := context.Background()
	ok := Appeal{Type: "reconsideration", Outcome: "upheld", DecidedOn: "2026-05-20"}
	tests := []struct {
		name, caseID string
		edit         func(*Appeal)
		field        string
	}{
		{"type", "dec", func(a *Appeal) { a.Type = "复议" }, "type"},
		{"outcome", "dec", func(a *Appeal) { a.Outcome = "" }, "outcome"},
		{"no date", "dec", func(a *Appeal) { a.DecidedOn = "" }, "decided_on"},
		{"bad date", "dec", func(a *Appeal) { a.DecidedOn = "2026/05/20" }, "decided_on"},
		{"future", "dec", func(a *Appeal) { a.DecidedOn = "2026-07-01" }, "decided_on"},
		{"before decision", "dec", func(a *Appeal) { a.DecidedOn = "2026-03-31" }, "decided_on"},
		{"undecided case", "open", func(*Appeal) {}, "case_id"},
		{"no case", "nope", func(*Appeal) {}, "not_found"},
	}
	for _, tc := range tests {
		a := ok
		tc.edit(&a)
		if _, err := RecordAppeal(ctx, st, "t", tc.caseID, a); fieldOf(err) != tc.field {
			t.Errorf("%s: error %v, want field %s", tc.name, err, tc.field)
		}
	}
	if objs, _ := st.ListObjects(ctx, AppealKind, ""); len(objs) != 0 {
		t.Errorf("refused appeals were written: %d", len(objs))
	}
}

// A recorded appeal is counted in the year's statistics by type and outcome.
func TestAppealCounted(t *testing.T) {
	st := synStore(t)
	ctx := context.Background()
	for _, a := range []Appeal{
		{Type: "reconsideration", Outcome: "changed", DecidedOn: "2026-05-20", Authority: "合成市人民政府"},
		{Type: "litigation", Outcome: "upheld", DecidedOn: "2026-06-01"},
	} {
		got, err := RecordAppeal(ctx, st, "t", "dec", a)
		if err != nil {
			t.Fatal(err)
		}
		if got.ID == "" || got.CaseID != "dec" {
			t.Errorf("recorded %+v", got)
		}
	}
	r, err := stats.Year(ctx, st, 2026, "")
	if err != nil {
		t.Fatal(err)
	}
	k := r.Totals["penalty"]
	if k == nil || k.Reconsiderations != 1 || k.ReconsiderationChange != 1 || k.Litigations != 1 || k.LitigationUpheld != 1 {
		t.Errorf("penalty totals: %+v", k)
	}
	if v := st.Verify(ctx); !v.OK {
		t.Errorf("verify: %+v", v)
	}
}

func transferWarnings(t *testing.T, st *records.Store) []string {
	t.Helper()
	ws, err := warnings.Collect(context.Background(), st, at("2026-06-10"), warnings.Filter{Kind: "transfer"})
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, w := range ws {
		out = append(out, w.CaseID+" "+w.Due)
	}
	return out
}

// The transfer record drives the transfer warning: reported → 3 days to
// decide; approved → 24 hours to send; sent → no warning.
func TestTransferWarnings(t *testing.T) {
	st := synStore(t)
	ctx := context.Background()
	if _, err := RecordTransfer(ctx, st, "t", "open", warnings.Transfer{ReportedOn: "2026-06-09"}); err != nil {
		t.Fatal(err)
	}
	if got := transferWarnings(t, st); len(got) != 1 || got[0] != "open 2026-06-12" {
		t.Errorf("after report: %v", got)
	}
	decided := at("2026-06-10").Add(-2 * time.Hour)
	tr := warnings.Transfer{ReportedOn: "2026-06-09", DecidedOn: "2026-06-10", Approved: true, DecidedAt: decided}
	if _, err := RecordTransfer(ctx, st, "t", "open", tr); err != nil {
		t.Fatal(err)
	}
	if got := transferWarnings(t, st); len(got) != 1 || got[0] != "open 2026-06-11" {
		t.Errorf("after approval: %v", got)
	}
	tr.SentAt = decided.Add(time.Hour)
	if _, err := RecordTransfer(ctx, st, "t", "open", tr); err != nil {
		t.Fatal(err)
	}
	if got := transferWarnings(t, st); len(got) != 0 {
		t.Errorf("after sending: %v", got)
	}
	if objs, _ := st.ListObjects(ctx, warnings.TransferKind, "open"); len(objs) != 1 {
		t.Errorf("one transfer record per case, got %d", len(objs))
	}
}

func TestTransferBadInput(t *testing.T) {
	st := synStore(t)
	ctx := context.Background()
	dAt := at("2026-06-10").Add(-2 * time.Hour)
	tests := []struct {
		name  string
		tr    warnings.Transfer
		field string
	}{
		{"no report", warnings.Transfer{}, "reported_on"},
		{"future report", warnings.Transfer{ReportedOn: "2026-06-11"}, "reported_on"},
		{"before opening", warnings.Transfer{ReportedOn: "2026-02-01"}, "reported_on"},
		{"decided before report", warnings.Transfer{ReportedOn: "2026-06-09", DecidedOn: "2026-06-08"}, "decided_on"},
		{"approved undated", warnings.Transfer{ReportedOn: "2026-06-09", Approved: true}, "decided_on"},
		{"decided_at off day", warnings.Transfer{ReportedOn: "2026-06-09", DecidedOn: "2026-06-09", Approved: true, DecidedAt: dAt}, "decided_at"},
		{"sent unapproved", warnings.Transfer{ReportedOn: "2026-06-09", DecidedOn: "2026-06-10", DecidedAt: dAt, SentAt: dAt.Add(time.Hour)}, "sent_at"},
		{"sent before decision", warnings.Transfer{ReportedOn: "2026-06-09", DecidedOn: "2026-06-10", Approved: true, DecidedAt: dAt, SentAt: dAt.Add(-time.Hour)}, "sent_at"},
	}
	for _, tc := range tests {
		if _, err := RecordTransfer(ctx, st, "t", "open", tc.tr); fieldOf(err) != tc.field {
			t.Errorf("%s: error %v, want field %s", tc.name, err, tc.field)
		}
	}
	if objs, _ := st.ListObjects(ctx, warnings.TransferKind, ""); len(objs) != 0 {
		t.Errorf("refused transfers were written: %d", len(objs))
	}
}

// Recording the report and then the publication stops the annual-report
// warnings for that year; bad input names its field.
func TestAnnualReport(t *testing.T) {
	st := synStore(t)
	ctx := context.Background()
	now = func() time.Time { return at("2027-01-20") }
	count := func() int {
		ws, err := warnings.Collect(ctx, st, at("2027-01-20"), warnings.Filter{Kind: "annual_report"})
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for _, w := range ws {
			if w.Due < "2027-02-01" {
				n++
			}
		}
		return n
	}
	before := count()
	if before == 0 {
		t.Fatal("no annual-report warning for 2026 on 2027-01-20")
	}
	if _, err := RecordAnnualReport(ctx, st, "t", warnings.AnnualReport{AgencyID: "syn-ag", Year: 2026, ReportedOn: "2027-01-14"}); err != nil {
		t.Fatal(err)
	}
	r, err := RecordAnnualReport(ctx, st, "t", warnings.AnnualReport{AgencyID: "syn-ag", Year: 2026, PublishedOn: "2027-01-19"})
	if err != nil {
		t.Fatal(err)
	}
	if r.ReportedOn != "2027-01-14" {
		t.Errorf("publication lost the report day: %+v", r)
	}
	if after := count(); after != 0 {
		t.Errorf("annual-report warnings after reporting and publishing: %d (before %d)", after, before)
	}
	bad := []struct {
		r     warnings.AnnualReport
		field string
	}{
		{warnings.AnnualReport{Year: 2026, ReportedOn: "2027-01-14"}, "agency_id"},
		{warnings.AnnualReport{AgencyID: "nope", Year: 2026, ReportedOn: "2027-01-14"}, "agency_id"},
		{warnings.AnnualReport{AgencyID: "syn-ag", Year: 2028, ReportedOn: "2027-01-14"}, "year"},
		{warnings.AnnualReport{AgencyID: "syn-ag", Year: 2026}, "reported_on"},
		{warnings.AnnualReport{AgencyID: "syn-ag", Year: 2026, ReportedOn: "2026-12-30"}, "reported_on"},
		{warnings.AnnualReport{AgencyID: "syn-ag", Year: 2026, PublishedOn: "2027-02-30"}, "published_on"},
	}
	for _, b := range bad {
		if _, err := RecordAnnualReport(ctx, st, "t", b.r); fieldOf(err) != b.field {
			t.Errorf("%+v: error %v, want field %s", b.r, err, b.field)
		}
	}
}

func TestExtensionBadInput(t *testing.T) {
	st := synStore(t)
	ctx := context.Background()
	ok := warnings.Extension{ApprovedOn: "2026-05-20", ApprovedBy: "合成局长（synthetic）", Days: 30, Reason: "案情复杂，需补充鉴定（合成）"}
	tests := []struct {
		name, caseID string
		edit         func(*warnings.Extension)
		field        string
	}{
		{"no date", "open", func(e *warnings.Extension) { e.ApprovedOn = "" }, "approved_on"},
		{"bad date", "open", func(e *warnings.Extension) { e.ApprovedOn = "5月20日" }, "approved_on"},
		{"future", "open", func(e *warnings.Extension) { e.ApprovedOn = "2026-07-01" }, "approved_on"},
		{"before filing", "open", func(e *warnings.Extension) { e.ApprovedOn = "2026-02-28" }, "approved_on"},
		{"after decision", "dec", func(e *warnings.Extension) { e.ApprovedOn = "2026-04-02" }, "approved_on"},
		{"no approver", "open", func(e *warnings.Extension) { e.ApprovedBy = " " }, "approved_by"},
		{"no days", "open", func(e *warnings.Extension) { e.Days = 0 }, "days"},
		{"too many days", "open", func(e *warnings.Extension) { e.Days = 400 }, "days"},
		{"no reason", "open", func(e *warnings.Extension) { e.Reason = "" }, "reason"},
		{"no case", "nope", func(*warnings.Extension) {}, "not_found"},
	}
	for _, tc := range tests {
		e := ok
		tc.edit(&e)
		if _, err := RecordExtension(ctx, st, "t", tc.caseID, e); fieldOf(err) != tc.field {
			t.Errorf("%s: error %v, want field %s", tc.name, err, tc.field)
		}
	}
	if objs, _ := st.ListObjects(ctx, warnings.ExtensionKind, ""); len(objs) != 0 {
		t.Errorf("refused extensions were written: %d", len(objs))
	}
}

// The 九十日 of case "open" (立案 2026-03-01) ran out on 2026-05-30: an
// extension approved before then moves the decision_limit warning, on the
// warnings list and on the case itself; one approved after extends nothing.
func TestExtensionMovesDecisionLimit(t *testing.T) {
	cases := []struct {
		name, approved, due, words string
	}{
		{"none", "", "2026-05-30", "no 决定 within the 90-day limit"},
		{"in time", "2026-05-20", "2026-06-29", "extended by 30 days"},
		{"on the last day", "2026-05-30", "2026-06-29", "extended by 30 days"},
		{"too late", "2026-06-01", "2026-05-30", "came after the limit had run out"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			st := synStore(t)
			ctx := context.Background()
			if tc.approved != "" {
				e, err := RecordExtension(ctx, st, "t", "open", warnings.Extension{ApprovedOn: tc.approved, ApprovedBy: "合成局长（synthetic）", Days: 30, Reason: "需补充鉴定（合成）"})
				if err != nil || e.ID != "ext-open-1" {
					t.Fatalf("%+v %v", e, err)
				}
			}
			ws, err := warnings.Collect(ctx, st, at("2026-06-10"), warnings.Filter{Kind: "decision_limit"})
			if err != nil {
				t.Fatal(err)
			}
			found := false
			for _, w := range ws {
				if w.CaseID != "open" {
					continue
				}
				found = true
				if w.Due != tc.due || !strings.Contains(w.Message, tc.words) {
					t.Errorf("warning %+v, want due %s saying %q", w, tc.due, tc.words)
				}
			}
			if !found {
				t.Error("no decision_limit warning for the open case")
			}
			c, err := st.GetCase(ctx, "open", "t")
			if err != nil {
				t.Fatal(err)
			}
			if !slices.ContainsFunc(c.Warnings, func(s string) bool { return strings.Contains(s, tc.words) }) {
				t.Errorf("the case's own warnings %v do not say %q", c.Warnings, tc.words)
			}
			if v := st.Verify(ctx); !v.OK {
				t.Errorf("verify: %+v", v)
			}
		})
	}
}
