package disclosure

import (
	"context"
	"strings"
	"testing"
	"time"

	"zhifa/inspect"
	"zhifa/records"
)

func TestPublicTargetName(t *testing.T) {
	for _, tc := range []struct{ kind, name, want string }{
		{inspect.TargetIndividual, "韩建国", "韩某某"},
		{inspect.TargetIndividual, "韩建国（个体工商户，虚构）", "韩某某（个体工商户，虚构）"},
		{inspect.TargetIndividual, "示例县合成食品店05（个体工商户，虚构）", "示例县合成食品店05（个体工商户，虚构）"},
		{inspect.TargetEnterprise, "示例县合成食品有限公司01（虚构）", "示例县合成食品有限公司01（虚构）"},
	} {
		if got := publicTargetName(tc.kind, tc.name); got != tc.want {
			t.Errorf("%s %q: %q, want %q", tc.kind, tc.name, got, tc.want)
		}
	}
}

func rowOf(body, target string) string {
	for _, l := range strings.Split(body, "\n") {
		if strings.Contains(l, " | "+target+" | ") {
			return l
		}
	}
	return ""
}

// TestPublishDraw draws the demo plan (synthetic registry), enters a result,
// publishes, enters another and publishes again.
func TestPublishDraw(t *testing.T) {
	st := openDemo(t)
	ctx := context.Background()
	drawn := time.Date(2026, 3, 2, 9, 0, 0, 0, cst)
	now = func() time.Time { return drawn }
	t.Cleanup(func() { now = time.Now })
	p, err := inspect.GetPlan(ctx, st, inspect.DemoPlanID)
	if err != nil {
		t.Fatal(err)
	}
	const seed = "合成种子 公开-1"
	res, err := inspect.Run(ctx, st, "officer1", p, seed, drawn)
	if err != nil {
		t.Fatal(err)
	}
	drawID := inspect.DrawID(p.ID, seed)
	rec, err := inspect.GetDraw(ctx, st, drawID)
	if err != nil {
		t.Fatal(err)
	}
	first, second := res.Draws[0], res.Draws[1]
	if _, err := inspect.RecordResult(ctx, st, "officer1", inspect.InspectionResult{DrawID: drawID, Target: first.Target,
		Outcome: "corrected", Date: "2026-03-05", Note: "合成内部备注：负责人电话13900002222"}); err != nil {
		t.Fatal(err)
	}

	s, err := PublishDraw(ctx, st, drawID, "officer1")
	if err != nil {
		t.Fatal(err)
	}
	if s.Category != CategoryInspectionResult || s.AgencyID != records.DemoAgencyID || s.Status != StatusPublished || len(s.History) != 1 {
		t.Fatalf("published: %+v", s)
	}
	if s.ID != DrawStandingID(records.DemoAgencyID, drawID) {
		t.Errorf("id %s", s.ID)
	}
	names := map[string]inspect.Inspector{}
	for _, o := range rec.Lists.Inspectors {
		names[o.ID] = o
	}
	credit := map[string]string{}
	for _, tg := range rec.Lists.Targets {
		credit[tg.ID] = tg.CreditCode
	}
	for _, want := range []string{
		"随机种子（seed）：" + seed,
		"名单摘要（lists_sha256）：" + res.ListsSHA256,
		"zhifa draw --lists 名单文件 --seed '" + seed + "'",
		"zhifa draw --plan demo --seed '" + seed + "'",
		"抽取日期：2026-03-02",
		"抽查计划：" + p.Name,
		"抽查事项：食品经营者监督检查（合成演示）",
		"抽中检查对象 5 户，已录入检查结果 1 户：\n检查对象 | 统一社会信用代码 | 检查人员（执法证号） | 检查结果 | 检查日期\n",
	} {
		if !strings.Contains(s.Body, want) {
			t.Errorf("body lacks %q:\n%s", want, s.Body)
		}
	}
	if n := strings.Count(s.Body, "\n") + 1; n != 9+1+len(res.Draws) {
		t.Errorf("%d lines, want %d:\n%s", n, 10+len(res.Draws), s.Body)
	}
	row := rowOf(s.Body, credit[first.Target])
	for _, id := range first.Inspectors {
		if o := names[id]; o.Name == "" || !strings.Contains(row, o.Name+"（"+o.Certificate+"）") {
			t.Errorf("row %q lacks inspector %s %+v", row, id, o)
		}
	}
	if !strings.HasSuffix(row, " | 发现问题已责令改正 | 2026-03-05") {
		t.Errorf("first row %q", row)
	}
	if row := rowOf(s.Body, credit[second.Target]); !strings.HasSuffix(row, " | 待录入 | —") {
		t.Errorf("second row %q", row)
	}
	for _, secret := range []string{"13900002222", "合成内部备注", "近亲属", "人民路", "demo-of-"} {
		if strings.Contains(s.Body, secret) {
			t.Errorf("published %q:\n%s", secret, s.Body)
		}
	}

	// Nothing new: the item is returned as it is.
	if again, err := PublishDraw(ctx, st, drawID, "officer1"); err != nil || len(again.History) != 1 || again.Body != s.Body {
		t.Errorf("republish unchanged: %v %+v", err, again.History)
	}

	now = func() time.Time { return drawn.AddDate(0, 0, 7) }
	if _, err := inspect.RecordResult(ctx, st, "officer2", inspect.InspectionResult{DrawID: drawID, Target: second.Target,
		Outcome: "未发现问题", Date: "2026-03-09"}); err != nil {
		t.Fatal(err)
	}
	u, err := PublishDraw(ctx, st, drawID, "officer2")
	if err != nil {
		t.Fatal(err)
	}
	if len(u.History) != 2 || u.History[1].Action != "updated" || u.History[1].Reason != ResultReason || u.History[1].Actor != "officer2" {
		t.Fatalf("update history %+v", u.History)
	}
	if u.PublishedOn != "2026-03-02" || u.UpdatedOn != "2026-03-09" || u.History[0].Body != s.Body {
		t.Errorf("dates %s %s, first version kept: %v", u.PublishedOn, u.UpdatedOn, u.History[0].Body == s.Body)
	}
	if row := rowOf(u.Body, credit[second.Target]); !strings.HasSuffix(row, " | 未发现问题 | 2026-03-09") || !strings.Contains(u.Body, "已录入检查结果 2 户") {
		t.Errorf("updated row %q\n%s", row, u.Body)
	}

	// A withdrawn item is not put back by publishing again.
	if _, err := WithdrawStanding(ctx, st, u.ID, "admin1", "合成测试：撤回"); err != nil {
		t.Fatal(err)
	}
	if _, err := inspect.RecordResult(ctx, st, "officer2", inspect.InspectionResult{DrawID: drawID, Target: res.Draws[2].Target,
		Outcome: "no_problem", Date: "2026-03-09"}); err != nil {
		t.Fatal(err)
	}
	if _, err := PublishDraw(ctx, st, drawID, "officer2"); fieldOf(err) != "conflict:status" {
		t.Errorf("republish withdrawn: %v", err)
	}
	if _, err := PublishDraw(ctx, st, "nope", "officer1"); !isNotFound(err) {
		t.Errorf("unknown draw: %v", err)
	}
}

// TestPublishDrawMasksPersonName: a 个体工商户 registered under its
// operator's name (synthetic) is published with the name masked.
func TestPublishDrawMasksPersonName(t *testing.T) {
	st := openDemo(t)
	ctx := context.Background()
	targets := []inspect.Target{
		{ID: "92440705MA0000001X", AgencyID: records.DemoAgencyID, Kind: inspect.TargetIndividual, Name: "韩建国（虚构）", CreditCode: "92440705MA0000001X",
			Address: "示例县河滨路3号（虚构）", Industry: "合成测试业", Risk: "low", Synthetic: true},
		{ID: "92440705MA0000002X", AgencyID: records.DemoAgencyID, Kind: inspect.TargetIndividual, Name: "示例县合成小吃店（个体工商户，虚构）", CreditCode: "92440705MA0000002X",
			Industry: "合成测试业", Risk: "low", Synthetic: true},
	}
	if err := inspect.PutTargets(ctx, st, "officer1", targets); err != nil {
		t.Fatal(err)
	}
	p, err := inspect.PutPlan(ctx, st, "officer1", inspect.Plan{ID: "syn-all", AgencyID: records.DemoAgencyID, Name: "合成测试全部抽查",
		Category: "市场监管", Ratio: 1, Industry: "合成测试业", Synthetic: true})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := inspect.Run(ctx, st, "officer1", p, "s1", time.Now()); err != nil {
		t.Fatal(err)
	}
	s, err := PublishDraw(ctx, st, inspect.DrawID(p.ID, "s1"), "officer1")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"韩某某（虚构） | 92440705MA0000001X", "示例县合成小吃店（个体工商户，虚构） | 92440705MA0000002X", "--seed s1"} {
		if !strings.Contains(s.Body, want) {
			t.Errorf("lacks %q:\n%s", want, s.Body)
		}
	}
	for _, secret := range []string{"韩建国", "河滨路"} {
		if strings.Contains(s.Body, secret) {
			t.Errorf("published %q:\n%s", secret, s.Body)
		}
	}
}
