package review

import (
	"context"
	"errors"
	"io/fs"
	"strings"
	"testing"
	"time"

	"zhifa/corpora"
	"zhifa/nlp"
	"zhifa/records"
	"zhifa/stats"
	"zhifa/warnings"
)

const adBasis = "《中华人民共和国广告法》第五十五条第一款"

func fieldOf(err error) string {
	var fe *records.FieldError
	var ce *records.ConflictError
	switch {
	case errors.As(err, &fe):
		return fe.Field
	case errors.As(err, &ce):
		return ce.Code + ":" + ce.Field
	}
	return ""
}

func decide(st *records.Store, caseID string, d records.Decision) error {
	_, _, err := st.AppendStep(context.Background(), caseID, records.StepDecision, time.Time{}, d, "officer")
	return err
}

func TestSubmitChecksTheReviewer(t *testing.T) {
	st := openDemo(t)
	ctx := context.Background()
	p := &records.Decision{PenaltyBasis: adBasis, Fine: 200000, Summary: "罚款200000元"}
	cases := []struct {
		name  string
		req   SubmitRequest
		field string
	}{
		{"no reviewer", SubmitRequest{Proposed: p}, "reviewer"},
		{"unknown officer", SubmitRequest{Reviewer: "nobody", Proposed: p}, "reviewer"},
		{"officer of the case", SubmitRequest{Reviewer: "demo-of-3", Proposed: p}, "reviewer"},
		{"not a reviewer", SubmitRequest{Reviewer: "demo-of-1", Proposed: p}, "reviewer"},
		{"first review without 法律职业资格", SubmitRequest{Reviewer: "demo-of-6", Proposed: p}, "reviewer"},
		{"negative fine", SubmitRequest{Reviewer: "demo-of-5", Proposed: &records.Decision{PenaltyBasis: adBasis, Fine: -1}}, "proposed.fine"},
		{"no basis", SubmitRequest{Reviewer: "demo-of-5", Proposed: &records.Decision{Fine: 1}}, "proposed.penalty_basis"},
		{"bad date", SubmitRequest{Reviewer: "demo-of-5", Proposed: &records.Decision{PenaltyBasis: adBasis, Date: "2026-13-01"}}, "proposed.date"},
	}
	for _, tc := range cases {
		_, err := Submit(ctx, st, "demo-case-09", tc.req, "officer")
		if fieldOf(err) != tc.field {
			t.Errorf("%s: got %v, want field %s", tc.name, err, tc.field)
		}
	}
	if _, err := Submit(ctx, st, "demo-case-01", SubmitRequest{Reviewer: "demo-of-5", Proposed: p}, "officer"); fieldOf(err) != "review_conflict:case" {
		t.Errorf("a decided case was submitted: %v", err)
	}
	if _, err := Submit(ctx, st, "nope", SubmitRequest{Reviewer: "demo-of-5"}, "officer"); !errors.As(err, new(*records.NotFoundError)) {
		t.Errorf("unknown case: %v", err)
	}
	// a reviewer who loses the role between submission and opinion cannot give one
	rv, err := Submit(ctx, st, "demo-case-09", SubmitRequest{Reviewer: "demo-of-5", Proposed: p}, "officer")
	if err != nil {
		t.Fatal(err)
	}
	o, _ := st.GetOfficer(ctx, "demo-of-5")
	o.Reviewer = false
	if _, err := st.PutOfficer(ctx, o, "admin"); err != nil {
		t.Fatal(err)
	}
	if _, err := GiveOpinion(ctx, st, rv.ID, OpinionRequest{Reviewer: "demo-of-5", Result: ReviewReject, Reasons: "r"}, "x"); fieldOf(err) != "reviewer" {
		t.Errorf("opinion by a former reviewer: %v", err)
	}
	if rvs, _ := List(ctx, st, "", ""); len(rvs) != 10 { // the demo's own (cases 01–08 and 12 reached 法制审核) and this one
		t.Errorf("refused submissions were stored: %d reviews", len(rvs))
	}
}

// One case through problems, revision, approval and the decision; the gate
// refusing on the way (synthetic demo data).
func TestRoundsAndGate(t *testing.T) {
	st := openDemo(t)
	ctx := context.Background()
	const cs = "demo-case-09"
	year := time.Now().In(time.FixedZone("CST", 8*3600)).Year()
	before := penaltyTotals(t, st, year)
	p1 := &records.Decision{PenaltyBasis: adBasis, Fine: 200000, Summary: "责令停止发布广告，罚款200000元"}
	if err := decide(st, cs, *p1); fieldOf(err) != "review_required:review" || !strings.Contains(err.Error(), "fine_organization") {
		t.Fatalf("decision with no review: %v", err)
	}
	rv, err := Submit(ctx, st, cs, SubmitRequest{Reviewer: "demo-of-5", Proposed: p1}, "officer")
	if err != nil {
		t.Fatal(err)
	}
	if rv.ID != "rv-"+cs || rv.Status != ReviewPending || len(rv.Rounds[0].Checklist.Points) != len(PointKeys) || !rv.Rounds[0].Scope.Required {
		t.Fatalf("submitted: %+v", rv)
	}
	if _, err := Submit(ctx, st, cs, SubmitRequest{Reviewer: "demo-of-5", Proposed: p1}, "officer"); fieldOf(err) != "review_conflict:review" {
		t.Errorf("resubmitted while pending: %v", err)
	}
	if err := decide(st, cs, *p1); fieldOf(err) != "review_required:review" || !strings.Contains(err.Error(), "pending") {
		t.Errorf("decision while pending: %v", err)
	}
	bad := []struct {
		name  string
		req   OpinionRequest
		field string
	}{
		{"other reviewer", OpinionRequest{Reviewer: "demo-of-6", Result: ReviewProblems, Reasons: "r"}, "reviewer"},
		{"no reasons", OpinionRequest{Reviewer: "demo-of-5", Result: ReviewProblems}, "reasons"},
		{"bad result", OpinionRequest{Reviewer: "demo-of-5", Result: "ok", Reasons: "r"}, "result"},
		{"approve over a failing point", OpinionRequest{Reviewer: "demo-of-5", Result: ReviewApprove, Reasons: "r"}, "points"},
		{"unknown point", OpinionRequest{Reviewer: "demo-of-5", Result: ReviewProblems, Reasons: "r", Points: []PointDecision{{Key: "color", Decision: "confirm"}}}, "points[0].key"},
		{"override without comment", OpinionRequest{Reviewer: "demo-of-5", Result: ReviewProblems, Reasons: "r", Points: []PointDecision{{Key: "law", Decision: "override", Status: "fail"}}}, "points[0].comment"},
		{"override to a bad status", OpinionRequest{Reviewer: "demo-of-5", Result: ReviewProblems, Reasons: "r", Points: []PointDecision{{Key: "law", Decision: "override", Status: "ok", Comment: "c"}}}, "points[0].status"},
	}
	for _, tc := range bad {
		if _, err := GiveOpinion(ctx, st, rv.ID, tc.req, "reviewer"); fieldOf(err) != tc.field {
			t.Errorf("%s: got %v, want %s", tc.name, err, tc.field)
		}
	}
	rv, err = GiveOpinion(ctx, st, rv.ID, OpinionRequest{Reviewer: "demo-of-5", Result: ReviewProblems, Reasons: "罚款超出法定幅度，请核实广告费用（合成）",
		Points: []PointDecision{{Key: "procedure", Decision: "override", Status: StatusFail, Comment: "未见集体讨论安排"}}}, "reviewer")
	if err != nil {
		t.Fatal(err)
	}
	op := rv.Rounds[0].Opinion
	if rv.Status != ReviewProblems || len(op.Points) != len(PointKeys) || op.Points[2].Decision != "override" || op.Points[2].Machine == "" {
		t.Fatalf("opinion: %+v", op)
	}
	if err := decide(st, cs, *p1); fieldOf(err) != "review_required:review" || !strings.Contains(err.Error(), "problems") {
		t.Errorf("decision after problems: %v", err)
	}
	// revise: the officer records the collective discussion and a lower fine
	if _, _, err := st.AppendStep(ctx, cs, records.StepCollective, time.Time{}, records.CollectiveData{Participants: []string{"甲", "乙", "丙"}, Conclusion: "同意"}, "officer"); err != nil {
		t.Fatal(err)
	}
	p2 := &records.Decision{PenaltyBasis: adBasis, Fine: 8000, Summary: "责令停止发布广告，罚款8000元"}
	rv, err = Submit(ctx, st, cs, SubmitRequest{Reviewer: "demo-of-5", Proposed: p2, Note: "按广告费用五百元的十六倍重新裁量（合成）"}, "officer")
	if err != nil {
		t.Fatal(err)
	}
	changed := map[string]bool{}
	for _, c := range rv.Rounds[1].Changes {
		changed[c.Field] = true
	}
	if len(rv.Rounds) != 2 || !changed["proposed.fine"] || !changed["steps"] || !changed["proposed.summary"] || changed["facts"] {
		t.Fatalf("round 2 changes: %+v", rv.Rounds[1].Changes)
	}
	var pts []PointDecision
	for _, p := range rv.Rounds[1].Checklist.Points {
		if p.Status == StatusFail {
			pts = append(pts, PointDecision{Key: p.Key, Decision: "override", Status: StatusWarn, Comment: "合成测试：已人工核对"})
		}
	}
	if rv, err = GiveOpinion(ctx, st, rv.ID, OpinionRequest{Reviewer: "demo-of-5", Result: ReviewApprove, Reasons: "同意（合成）", Points: pts}, "reviewer"); err != nil || !rv.Passed() {
		t.Fatalf("approve: %v %+v", err, rv)
	}
	// the 法制审核意见书 is drafted from this opinion and kept with the case
	doc, _, err := OpinionDocument(ctx, st, rv.ID, "reviewer")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := st.ReadFile(doc.SHA256)
	if txt := records.DocumentText(b); doc.Kind != "法制审核意见书" || !strings.Contains(txt, "审核意见：同意（第2轮）。同意（合成）") || !strings.Contains(txt, "刘洋（虚构）") || !strings.Contains(txt, "8000.00元") {
		t.Errorf("意见书: %s", txt)
	}
	// the decision must be the one approved
	if err := decide(st, cs, *p1); fieldOf(err) != "review_required:review" || !strings.Contains(err.Error(), "not the one reviewed") {
		t.Errorf("a different decision passed: %v", err)
	}
	// an approve of this case is no approve of another, even with the same decision
	other := noticedCase(t, st, "t-other")
	if err := decide(st, other, *p2); err != nil {
		t.Fatalf("below the thresholds, no review needed: %v", err)
	}
	other = noticedCase(t, st, "t-other-2")
	if err := decide(st, other, records.Decision{PenaltyBasis: adBasis, Fine: 8000, Summary: "吊销营业执照（合成）"}); fieldOf(err) != "review_required:review" || !strings.Contains(err.Error(), "has no legal review") {
		t.Errorf("t-other-2 decided on another case's review: %v", err)
	}
	if err := decide(st, cs, *p2); err != nil {
		t.Fatalf("the approved decision: %v", err)
	}
	if _, err := Submit(ctx, st, cs, SubmitRequest{Reviewer: "demo-of-5", Proposed: p2}, "officer"); fieldOf(err) != "review_conflict:case" {
		t.Errorf("submitted after the decision: %v", err)
	}
	// every submission and opinion is in the audit chain, and it verifies
	es, err := st.AuditEntries(ctx, 0, 1<<40)
	if err != nil {
		t.Fatal(err)
	}
	var acts []string
	for _, e := range es {
		if e.Entity == "obj:review" && e.EntityID == "rv-"+cs {
			acts = append(acts, e.Action)
		}
	}
	if strings.Join(acts, ",") != "submit,opinion_problems,submit,opinion_approve" {
		t.Errorf("chain actions: %v", acts)
	}
	// the annual statistics count the case as reviewed, not passed on the first round
	after := penaltyTotals(t, st, year)
	if after.Reviewed != before.Reviewed+1 || after.FirstRoundPassed != before.FirstRoundPassed {
		t.Errorf("statistics: reviewed %d→%d, first round passed %d→%d", before.Reviewed, after.Reviewed, before.FirstRoundPassed, after.FirstRoundPassed)
	}
	if r := st.Verify(ctx); !r.OK {
		t.Errorf("verify: %+v", r)
	}
}

func TestCollectiveDecidesAfterReject(t *testing.T) {
	t.Run("sqlite", func(t *testing.T) { collectiveAfterReject(t, openDemo(t)) })
	if st := openDemoPG(t); st != nil {
		t.Run("postgres", func(t *testing.T) { collectiveAfterReject(t, st) })
	}
}

func collectiveAfterReject(t *testing.T, st *records.Store) {
	ctx := context.Background()
	const cs = "demo-case-12"
	p := &records.Decision{PenaltyBasis: "《中华人民共和国食品安全法》第一百二十四条第一款第（五）项", Fine: 100000, Summary: "罚款100000元"}
	// the demo approved 5000; the officer now proposes 100000 in a new round
	rv, err := Submit(ctx, st, cs, SubmitRequest{Reviewer: "demo-of-5", Proposed: p}, "officer")
	if err != nil || len(rv.Rounds) != 2 {
		t.Fatalf("round 2: %v %+v", err, rv)
	}
	disc := CollectiveRequest{Participants: []string{"局长（合成）", "副局长（合成）", "法制科长（合成）"},
		Opinions:   []ParticipantOpinion{{"局长（合成）", "同意按拟处罚决定作出"}, {"法制科长（合成）", "保留意见"}},
		Conclusion: ReviewApprove, Reasons: "经集体讨论，多数同意（合成）"}
	if _, err := Discuss(ctx, st, rv.ID, disc, "secretary"); fieldOf(err) != "review_conflict:review" {
		t.Errorf("collective while pending: %v", err)
	}
	if _, err := GiveOpinion(ctx, st, rv.ID, OpinionRequest{Reviewer: "demo-of-5", Result: ReviewReject, Reasons: "货值金额不足一万元，罚款过重（合成）"}, "reviewer"); err != nil {
		t.Fatal(err)
	}
	if err := decide(st, cs, *p); fieldOf(err) != "review_required:review" {
		t.Fatalf("decision after reject: %v", err)
	}
	few := disc
	few.Participants = few.Participants[:2]
	if _, err := Discuss(ctx, st, rv.ID, few, "secretary"); fieldOf(err) != "participants" {
		t.Errorf("two participants: %v", err)
	}
	stranger := disc
	stranger.Opinions = []ParticipantOpinion{{"路人", "同意"}}
	if _, err := Discuss(ctx, st, rv.ID, stranger, "secretary"); fieldOf(err) != "opinions[0].participant" {
		t.Errorf("opinion of a non-participant: %v", err)
	}
	if rv, err = Discuss(ctx, st, rv.ID, disc, "secretary"); err != nil || rv.Status != ReviewCollective || !rv.Passed() {
		t.Fatalf("collective: %v %+v", err, rv)
	}
	if err := decide(st, cs, *p); err != nil {
		t.Fatalf("decision after the collective approve: %v", err)
	}
}

func TestOverdueReviewsWarn(t *testing.T) {
	st := openDemo(t)
	ctx := context.Background()
	county, _ := fs.ReadFile(corpora.FS, "review/county-plan-catalog.json")
	if _, err := LoadAgencyCatalog(ctx, st, records.DemoAgencyID, "county.json", county, "t"); err != nil {
		t.Fatal(err)
	}
	at := time.Date(2026, 11, 20, 2, 0, 0, 0, time.UTC)
	if _, err := Submit(ctx, st, "demo-case-09", SubmitRequest{Reviewer: "demo-of-5", At: at, Proposed: &records.Decision{PenaltyBasis: adBasis, Fine: 8000}}, "officer"); err != nil {
		t.Fatal(err)
	}
	ws, err := warnings.Collect(ctx, st, time.Date(2026, 11, 30, 2, 0, 0, 0, time.UTC), warnings.Filter{Kind: "review_overdue"})
	if err != nil {
		t.Fatal(err)
	}
	// demo-case-08's demo round (2026-08) has no due date: it was submitted under the default catalog
	if len(ws) != 1 || ws[0].CaseID != "demo-case-09" || ws[0].Due != "2026-11-27" || ws[0].DaysLeft != -3 || ws[0].Citation == "" {
		t.Fatalf("overdue: %+v", ws)
	}
	if ws, _ := warnings.Collect(ctx, st, time.Date(2026, 11, 26, 2, 0, 0, 0, time.UTC), warnings.Filter{Kind: "review_overdue"}); len(ws) != 0 {
		t.Errorf("not yet due, warned: %+v", ws)
	}
}

func TestStaffing(t *testing.T) {
	st := openDemo(t)
	ctx := context.Background()
	// synthetic: a bureau of 25 officers and one reviewer is at 4%, below 5%
	if _, err := st.PutAgency(ctx, records.Agency{ID: "t-small", Name: "合成测试局", Level: "县", Region: "示例县"}, "t"); err != nil {
		t.Fatal(err)
	}
	for i := range 25 {
		o := records.Officer{ID: "t-o-" + string(rune('a'+i)), Name: "合成", AgencyID: "t-small", Certificate: records.Certificate{Number: "N", ValidFrom: "2022-01-01"}, Reviewer: i == 0}
		if _, err := st.PutOfficer(ctx, o, "t"); err != nil {
			t.Fatal(err)
		}
	}
	r, err := StaffingReport(ctx, st)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]Staffing{}
	for _, s := range r {
		got[s.AgencyID] = s
	}
	if s := got["t-small"]; !s.Below || s.Percent != 4 || s.Reviewers != 1 || s.Officers != 25 || !strings.Contains(s.Citation, "5%") {
		t.Errorf("t-small: %+v", s)
	}
	if s := got[records.DemoAgencyID]; s.Below || s.Reviewers != 2 || s.Qualified != 1 {
		t.Errorf("demo: %+v", s)
	}
}

func penaltyTotals(t *testing.T, st *records.Store, year int) stats.KindStats {
	t.Helper()
	r, err := stats.Year(context.Background(), st, year, "")
	if err != nil {
		t.Fatal(err)
	}
	if k := r.Totals["penalty"]; k != nil {
		return *k
	}
	return stats.KindStats{}
}

// noticedCase creates a synthetic case of the demo bureau with 立案, 调查取证 and
// a 告知 whose period has ended, ready for a decision.
func noticedCase(t *testing.T, st *records.Store, id string) string {
	t.Helper()
	ctx := context.Background()
	c, err := st.CreateCase(ctx, records.Case{ID: id, AgencyID: records.DemoAgencyID, PowerItemID: records.DemoAgencyID + "-GG-001", Procedure: records.ProcedureNormal,
		Title: "合成测试案件", Parties: []records.Party{{Kind: records.PartyPerson, Name: "合成测试人", IDNumber: synthID()}}, Facts: "合成测试数据", OfficerIDs: []string{"demo-of-1", "demo-of-2"},
		OpenedOn: "2026-11-01", Synthetic: true}, "t")
	if err != nil {
		t.Fatal(err)
	}
	at := time.Date(2026, 11, 1, 2, 0, 0, 0, time.UTC)
	for i, k := range []string{records.StepFiling, records.StepInvestigation, records.StepNotice} {
		if _, _, err := st.AppendStep(ctx, c.ID, k, at.AddDate(0, 0, i), nil, "t"); err != nil {
			t.Fatal(err)
		}
	}
	return c.ID
}

// synthID is a valid synthetic resident ID number (region 440705, check digit computed).
func synthID() string {
	s := "44070519900101001"
	c, _ := nlp.IDCheckDigit(s)
	return s + string(c)
}
