package disclosure

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"zhifa/records"
	"zhifa/warnings"
)

// fakeDue is nine calendar days for every kind: the tests here are about the
// record, not the calendar (rules tests the calendar).
func fakeDue(kind, sector string, decided time.Time) (time.Time, int, error) {
	if decided.Year() == 2025 { // a year this fake calendar has no schedule for
		return time.Time{}, 0, errors.New("no official schedule for " + decided.Format("2006"))
	}
	return decided.AddDate(0, 0, 9), 7, nil
}

func openDemo(t testing.TB) *records.Store {
	t.Helper()
	SetCalendar(fakeDue, func([]string) string { return "" })
	st, err := records.Open(context.Background(), t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if err := records.LoadDemo(context.Background(), st); err != nil {
		t.Fatal(err)
	}
	return st
}

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

// personCase records a synthetic decided case against a natural person whose
// name, ID number and phone appear in the facts, with a witness named too.
func personCase(t *testing.T, st *records.Store, id string, decided time.Time) {
	t.Helper()
	ctx := context.Background()
	opened := decided.AddDate(0, 0, -20)
	_, err := st.CreateCase(ctx, records.Case{ID: id, AgencyID: records.DemoAgencyID, PowerItemID: records.DemoAgencyID + "-SP-001",
		Procedure: records.ProcedureSimple, Title: "韩建国无证经营食品案（虚构）",
		Parties:    []records.Party{{Kind: records.PartyPerson, Name: "韩建国", IDNumber: "430223198709291231", Phone: "13812345678", Address: "示例县河滨路3号"}},
		Facts:      "当事人韩建国（身份证号码：430223198709291231，联系电话：13812345678）未取得食品经营许可，在示例县河滨路3号销售自制卤菜，购买人刘晓梅证实其以20元购买卤菜一份。",
		OfficerIDs: []string{"demo-of-1", "demo-of-2"}, OpenedOn: opened.Format("2006-01-02"), Synthetic: true}, "officer1")
	if err != nil {
		t.Fatal(err)
	}
	steps := []struct {
		kind string
		at   time.Time
		data any
	}{
		{records.StepFiling, opened, nil},
		{records.StepInvestigation, opened.AddDate(0, 0, 2), nil},
		{records.StepNotice, opened.AddDate(0, 0, 5), map[string]string{"period_end": opened.AddDate(0, 0, 8).Format("2006-01-02")}},
		{records.StepDecision, decided, records.Decision{PenaltyBasis: "《中华人民共和国食品安全法》第一百二十二条第一款", Fine: 200,
			Date: decided.Format("2006-01-02"), Number: "示市监罚〔2026〕99号", Summary: "没收违法所得20元，罚款200元"}},
	}
	for _, s := range steps {
		if _, _, err := st.AppendStep(ctx, id, s.kind, s.at, s.data, "officer1"); err != nil {
			t.Fatalf("%s: %v", s.kind, err)
		}
	}
}

func TestDecisionCreatesDisclosure(t *testing.T) {
	st := openDemo(t)
	ctx := context.Background()
	ds, err := List(ctx, st, records.DemoAgencyID, "")
	if err != nil {
		t.Fatal(err)
	}
	if len(ds) != 7 { // demo cases 01–07 are decided
		t.Fatalf("demo disclosures: %d, want 7", len(ds))
	}
	for _, d := range ds {
		want := StatusPublished // the demo publishes 01–05
		if d.CaseID >= "demo-case-06" {
			want = StatusPending
		}
		if d.Status != want || d.Kind != "行政处罚" || d.DueOn == "" || d.WorkingDays != 7 {
			t.Errorf("%s: %+v", d.ID, d)
		}
		// a company stays named; the remark （虚构） is nobody's name
		if v := d.Current(); v != nil && (!strings.HasSuffix(v.Summary.Party, "（虚构）") || strings.Contains(v.Text, "某某某")) {
			t.Errorf("%s: the party was masked: %s", d.ID, v.Summary.Party)
		}
	}
	decided := time.Date(2026, 11, 20, 10, 0, 0, 0, cst)
	personCase(t, st, "syn-dis-1", decided)
	d, err := Get(ctx, st, "syn-dis-1")
	if err != nil {
		t.Fatal(err)
	}
	if d.DecidedOn != "2026-11-20" || d.DueOn != "2026-11-29" {
		t.Errorf("due: %+v", d)
	}
	// the due date is never guessed for a year the calendar lacks
	personCase(t, st, "syn-dis-2025", time.Date(2025, 12, 5, 10, 0, 0, 0, cst))
	if d, _ := Get(ctx, st, "syn-dis-2025"); d.DueOn != "" || !strings.Contains(d.DueError, "2025") {
		t.Errorf("a year without a schedule: %+v", d)
	}
}

func TestPreviewPublishCorrectWithdraw(t *testing.T) {
	st := openDemo(t)
	ctx := context.Background()
	personCase(t, st, "syn-dis-1", time.Now().In(cst).AddDate(0, 0, -3))
	p, err := PreviewOf(ctx, st, "syn-dis-1", "reviewer1")
	if err != nil {
		t.Fatal(err)
	}
	for _, secret := range []string{"韩建国", "430223198709291231", "19870929", "13812345678", "刘晓梅"} {
		if strings.Contains(p.Text, secret) || strings.Contains(p.Masked.Party+p.Masked.Facts+p.Masked.Violation, secret) {
			t.Errorf("masked text shows %q:\n%s", secret, p.Text)
		}
		if !strings.Contains(p.OrigText, secret) {
			t.Errorf("original text lacks %q: the side-by-side would hide what was masked", secret)
		}
	}
	for _, keep := range []string{"示例县市场监督管理局", "示市监罚〔2026〕99号", "《中华人民共和国食品安全法》第一百二十二条第一款", "罚款200元", "韩某"} {
		if !strings.Contains(p.Text, keep) {
			t.Errorf("masked text lost %q:\n%s", keep, p.Text)
		}
	}
	if _, err := Publish(ctx, st, "syn-dis-1", "reviewer1", PublishInput{Text: "当事人韩建国销售卤菜"}); fieldOf(err) != "text" {
		t.Errorf("a text naming the party was published: %v", err)
	}
	d, err := Publish(ctx, st, "syn-dis-1", "reviewer1", PublishInput{})
	if err != nil {
		t.Fatal(err)
	}
	if d.Status != StatusPublished || d.PublishedBy != "reviewer1" || len(d.Versions) != 1 || d.Current().Text != p.Text {
		t.Fatalf("published: %+v", d)
	}
	if _, err := Publish(ctx, st, "syn-dis-1", "reviewer1", PublishInput{}); fieldOf(err) != "conflict:status" {
		t.Errorf("published twice: %v", err)
	}
	if _, err := Correct(ctx, st, d.ID, "reviewer1", CorrectInput{Text: "x"}); fieldOf(err) != "reason" {
		t.Errorf("correction without reason: %v", err)
	}
	fixed := strings.Replace(p.Text, "罚款200元", "罚款200元（更正）", 1)
	d, err = Correct(ctx, st, d.ID, "reviewer1", CorrectInput{Text: fixed, Reason: "处罚内容表述有误"})
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Versions) != 2 || d.Versions[0].Text != p.Text || d.Current().Reason != "处罚内容表述有误" {
		t.Errorf("versions: %+v", d.Versions)
	}
	if _, err := Withdraw(ctx, st, d.ID, "reviewer1", WithdrawInput{Ground: "gone", Reason: "r"}); fieldOf(err) != "ground" {
		t.Errorf("bad ground: %v", err)
	}
	if _, err := Withdraw(ctx, st, d.ID, "reviewer1", WithdrawInput{Ground: "revoked"}); fieldOf(err) != "reason" {
		t.Errorf("no reason: %v", err)
	}
	d, err = Withdraw(ctx, st, d.ID, "reviewer1", WithdrawInput{Ground: "revoked", Reason: "经行政复议撤销"})
	if err != nil {
		t.Fatal(err)
	}
	if d.Status != StatusWithdrawn || d.Withdrawal.Reason != "经行政复议撤销" || d.Public(today()) {
		t.Errorf("withdrawn: %+v", d)
	}
	// every change is in the audit chain, and the chain verifies
	if v := st.Verify(ctx); !v.OK {
		t.Errorf("verify: %+v", v)
	}
}

func TestDisclosureWarnings(t *testing.T) {
	st := openDemo(t)
	ctx := context.Background()
	at := time.Date(2026, 12, 1, 9, 0, 0, 0, cst)
	personCase(t, st, "syn-dis-1", time.Date(2026, 11, 20, 10, 0, 0, 0, cst)) // due 11-29: overdue on 12-01
	personCase(t, st, "syn-dis-2", time.Date(2026, 11, 28, 10, 0, 0, 0, cst)) // due 12-07
	ws, err := warnings.Collect(ctx, st, at, warnings.Filter{AgencyID: records.DemoAgencyID})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, w := range ws {
		if strings.HasPrefix(w.CaseID, "syn-dis-") && strings.HasPrefix(w.Kind, "disclosure") {
			got[w.CaseID] = w.Kind + " " + w.Due
		}
	}
	if got["syn-dis-1"] != "disclosure_overdue 2026-11-29" || got["syn-dis-2"] != "disclosure_due 2026-12-07" {
		t.Errorf("warnings: %v", got)
	}
	// published ones: a 复议 that revoked the decision owes a withdrawal; a
	// public period that ended owes taking it down; a published one with
	// neither fires nothing
	personCase(t, st, "syn-dis-3", time.Date(2026, 10, 20, 10, 0, 0, 0, cst))
	personCase(t, st, "syn-dis-4", time.Date(2026, 10, 20, 10, 0, 0, 0, cst))
	personCase(t, st, "syn-dis-5", time.Date(2026, 10, 20, 10, 0, 0, 0, cst))
	for _, id := range []string{"syn-dis-3", "syn-dis-4", "syn-dis-5"} {
		if _, err := Publish(ctx, st, id, "reviewer1", PublishInput{}); err != nil {
			t.Fatal(err)
		}
	}
	if err := st.PutObjects(ctx, "officer1", records.ObjectWrite{Kind: "appeal", ID: "ap-syn-dis-3-1", CaseID: "syn-dis-3",
		Value: map[string]string{"case_id": "syn-dis-3", "type": "reconsideration", "outcome": "revoked", "decided_on": "2026-11-27"}}); err != nil {
		t.Fatal(err)
	}
	d4, _ := Get(ctx, st, "syn-dis-4")
	d4.ExpiresOn = "2026-11-30"
	if err := put(ctx, st, "test", "update", d4); err != nil {
		t.Fatal(err)
	}
	ws, err = warnings.Collect(ctx, st, at, warnings.Filter{AgencyID: records.DemoAgencyID})
	if err != nil {
		t.Fatal(err)
	}
	got = map[string]string{}
	for _, w := range ws {
		if w.CaseID >= "syn-dis-3" && strings.HasPrefix(w.CaseID, "syn-dis-") && (strings.HasPrefix(w.Kind, "disclosure") || w.Kind == "withdrawal_owed") {
			got[w.CaseID] = w.Kind + " " + w.Due + " " + w.Citation
		}
	}
	if !strings.HasPrefix(got["syn-dis-3"], "withdrawal_owed 2026-11-30 《中华人民共和国行政处罚法》第四十八条第二款") ||
		!strings.HasPrefix(got["syn-dis-4"], "disclosure_expiry 2026-11-30") || got["syn-dis-5"] != "" {
		t.Errorf("published disclosures' warnings: %v", got)
	}
}

func TestStandingHistory(t *testing.T) {
	st := openDemo(t)
	ctx := context.Background()
	// the demo synced the records once; a changed officer is updated, with the reason
	o, _ := st.GetOfficer(ctx, "demo-of-1")
	o.Certificate.Number = "44070599999"
	if _, err := st.PutOfficer(ctx, o, "admin"); err != nil {
		t.Fatal(err)
	}
	n, err := SyncStanding(ctx, st, "admin")
	if err != nil || n != 1 {
		t.Fatalf("sync after a change: %d %v", n, err)
	}
	if again, _ := SyncStanding(ctx, st, "admin"); again != 0 {
		t.Errorf("an unchanged record was republished: %d", again)
	}
	items, _ := ListStanding(ctx, st, records.DemoAgencyID, "officer")
	if len(items) != 1 || !strings.Contains(items[0].Body, "44070599999") || strings.Contains(items[0].Body, "44070500001") ||
		len(items[0].History) != 2 || items[0].History[1].Reason != "记录更新" {
		t.Fatalf("officers: %+v", items)
	}
	rem, _ := ListStanding(ctx, st, records.DemoAgencyID, "remedy")
	if len(rem) != 1 || !strings.Contains(rem[0].Body, "六十日内向示例县人民政府申请行政复议") || !strings.Contains(rem[0].Body, "六个月内向示例县人民法院") {
		t.Errorf("remedies: %+v", rem)
	}
	// 第三十四条: the benchmarks binding an agency are published (a Guangdong 生态环境 bureau, synthetic)
	if _, err := st.PutAgency(ctx, records.Agency{ID: "syn-jm-sthj", Name: "江门市生态环境局", Level: "市", Region: "广东省江门市", Domains: []string{"生态环境"}}, "admin"); err != nil {
		t.Fatal(err)
	}
	if _, err := SyncStanding(ctx, st, "admin"); err != nil {
		t.Fatal(err)
	}
	if bm, _ := ListStanding(ctx, st, "syn-jm-sthj", "benchmark"); len(bm) != 1 || !strings.Contains(bm[0].Body, "粤环") {
		t.Errorf("benchmarks of a Jiangmen bureau: %+v", bm)
	}
	if bm, _ := ListStanding(ctx, st, records.DemoAgencyID, "benchmark"); len(bm) != 0 {
		t.Errorf("a benchmark published for an agency it does not bind: %+v", bm)
	}
	bad := []struct {
		in    StandingInput
		field string
	}{
		{StandingInput{AgencyID: records.DemoAgencyID, Category: "gossip", Title: "t", Body: "b"}, "category"},
		{StandingInput{AgencyID: records.DemoAgencyID, Category: "remedy", Body: "b"}, "title"},
		{StandingInput{AgencyID: "nope", Category: "remedy", Title: "t", Body: "b"}, "agency_id"},
	}
	for _, b := range bad {
		if _, err := PublishStanding(ctx, st, "admin", b.in); fieldOf(err) != b.field {
			t.Errorf("%+v: %v", b.in, err)
		}
	}
	s, err := PublishStanding(ctx, st, "admin", StandingInput{AgencyID: records.DemoAgencyID, Category: "remedy", Title: "救济渠道", Body: "可在六十日内申请行政复议"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := UpdateStanding(ctx, st, s.ID, "admin", StandingInput{Body: "新"}); fieldOf(err) != "reason" {
		t.Errorf("update without reason: %v", err)
	}
	s, _ = UpdateStanding(ctx, st, s.ID, "admin", StandingInput{Body: "可在六十日内申请行政复议，或六个月内提起行政诉讼", Reason: "补充诉讼期限"})
	s, _ = WithdrawStanding(ctx, st, s.ID, "admin", "机构改革")
	if s.Status != StatusWithdrawn || len(s.History) != 3 || s.History[1].Reason != "补充诉讼期限" || s.History[0].Body != "可在六十日内申请行政复议" {
		t.Errorf("history: %+v", s)
	}
}
