package rules

import (
	"errors"
	"strings"
	"testing"
	"time"
)

// Every threshold the rules decide on, just below, at and just above it. The
// cases are synthetic; the figures are the law's.

// 行政处罚法 第三十条: 不满十四周岁的未成年人有违法行为的，不予行政处罚；已满十四周岁
// 不满十八周岁的未成年人有违法行为的，应当从轻或者减轻行政处罚. The day someone turns
// eighteen they are no longer a minor; the ages are whole years at the time of the act.
func TestAgeBoundaries(t *testing.T) {
	for _, tc := range []struct {
		name    string
		party   Party
		outcome string
		adj     string
		art30   bool // a reason citing 第三十条
	}{
		{"13: 不满十四周岁, no penalty", Party{Type: "person", Age: 13}, "no_penalty", "none", true},
		{"14: 已满十四周岁, lighter", Party{Type: "person", Age: 14}, "penalty", "lighter", true},
		{"15: lighter", Party{Type: "person", Age: 15}, "penalty", "lighter", true},
		{"17: 不满十八周岁, lighter", Party{Type: "person", Age: 17}, "penalty", "lighter", true},
		{"18: an adult, no adjustment", Party{Type: "person", Age: 18}, "penalty", "none", false},
		{"19: an adult", Party{Type: "person", Age: 19}, "penalty", "none", false},
		{"age unknown (0): never taken for a child", Party{Type: "person"}, "penalty", "none", false},
		{"an organization has no age", Party{Type: "organization", Age: 13}, "penalty", "none", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s, err := Suggest(Input{PenaltyBasis: foodAdditive, Party: tc.party, Amounts: map[string]float64{"goods_value": 800}})
			if err != nil {
				t.Fatal(err)
			}
			cites30 := strings.Contains(strings.Join(s.Reasons, " "), "第三十条")
			if s.Outcome != tc.outcome || s.Adjustment != tc.adj || cites30 != tc.art30 {
				t.Errorf("outcome %s adjustment %s cites 第三十条 %v; want %s %s %v; reasons %v", s.Outcome, s.Adjustment, cites30, tc.outcome, tc.adj, tc.art30, s.Reasons)
			}
			switch tc.adj {
			case "lighter": // the lower half of 50,000–100,000
				if s.Suggested.Min != 50000 || s.Suggested.Max != 75000 {
					t.Errorf("lighter fine %+v, want 50000–75000", s.Suggested)
				}
			case "none":
				if tc.outcome == "penalty" && (s.Suggested.Min != 50000 || s.Suggested.Max != 100000) {
					t.Errorf("fine %+v, want the whole 50000–100000", s.Suggested)
				}
			}
			if tc.outcome == "no_penalty" && s.Suggested.Fine != 0 {
				t.Errorf("no penalty but a fine %+v", s.Suggested)
			}
		})
	}
	for _, age := range []int{-1, 151} {
		_, err := Suggest(Input{PenaltyBasis: foodAdditive, Party: Party{Type: "person", Age: age}})
		var fe *FieldError
		if !errors.As(err, &fe) || fe.Field != "party.age" {
			t.Errorf("age %d: %v, want an error naming party.age", age, err)
		}
	}
	if _, err := Suggest(Input{PenaltyBasis: foodAdditive, Party: Party{Type: "person", Age: 150}, Amounts: map[string]float64{"goods_value": 800}}); err != nil {
		t.Errorf("age 150 refused: %v", err)
	}
}

// 第三十六条: 二年内未被发现的，不再给予行政处罚；涉及公民生命健康安全、金融安全且有危害后果的，上述期限延长至五年.
// Discovered on the second anniversary is still within the two years.
func TestLimitationBoundary(t *testing.T) {
	for _, tc := range []struct {
		name, decided string
		health        bool
		barred        bool
	}{
		{"two years less a day", "2023-12-31", false, false},
		{"exactly two years", "2024-01-01", false, false},
		{"two years and a day", "2024-01-02", false, true},
		{"five years where health is harmed: exactly five", "2027-01-01", true, false},
		{"five years and a day", "2027-01-02", true, true},
		{"two years and a day, health harmed: not barred", "2024-01-02", true, false},
	} {
		in := Input{PenaltyBasis: foodAdditive, Amounts: map[string]float64{"goods_value": 800}, ActDate: "2022-01-01", DecisionDate: tc.decided}
		if tc.health {
			in.Circumstances = []string{"health_or_financial_harm"}
		}
		s, err := Suggest(in)
		if err != nil {
			t.Fatal(err)
		}
		if s.TimeBarred != tc.barred || (s.Outcome == "no_penalty") != tc.barred {
			t.Errorf("%s: time_barred %v outcome %s, want barred %v", tc.name, s.TimeBarred, s.Outcome, tc.barred)
		}
	}
	// a discovery date given apart from the decision date is the one that counts
	s, err := Suggest(Input{PenaltyBasis: foodAdditive, Amounts: map[string]float64{"goods_value": 800}, ActDate: "2022-01-01", DiscoveryDate: "2024-01-01", DecisionDate: "2024-06-01"})
	if err != nil || s.TimeBarred {
		t.Errorf("discovered on the last day of the two years: barred %v (%v)", s.TimeBarred, err)
	}
	// a continuing act counts from its end
	s, err = Suggest(Input{PenaltyBasis: foodAdditive, Amounts: map[string]float64{"goods_value": 800}, ActDate: "2021-01-01", ActEndDate: "2022-01-01", DecisionDate: "2024-01-01"})
	if err != nil || s.TimeBarred {
		t.Errorf("continuing act ended two years before: barred %v (%v)", s.TimeBarred, err)
	}
}

// The thresholds inside a statute's fine: 食品安全法 第一百二十四条 (货值金额不足一万元的，
// 并处五万元以上十万元以下罚款；货值金额一万元以上的，并处货值金额十倍以上二十倍以下罚款),
// a floor (不足十万元的按十万元计算) and a cap (最高不超过).
func TestStatutoryThresholdBoundaries(t *testing.T) {
	food := FineRule{Min: 50000, Max: 100000, Base: "goods_value", MinTimes: 10, MaxTimes: 20, Below: 10000, BelowMin: 50000, BelowMax: 100000}
	floor := FineRule{Base: "goods_value", MinTimes: 1, MaxTimes: 3, BaseFloor: 100000}
	capped := FineRule{Base: "illegal_gains", MinTimes: 1, MaxTimes: 5, Cap: 1000000}
	for _, tc := range []struct {
		name     string
		r        FineRule
		base     float64
		min, max float64
		note     string // a word the note must carry
	}{
		{"goods 9,999.99: 不足一万元", food, 9999.99, 50000, 100000, "不足"},
		{"goods 10,000: 一万元以上, multiples", food, 10000, 100000, 200000, "十倍"},
		{"goods 10,001", food, 10001, 100010, 200020, "十倍"},
		{"goods 0 stated: below the threshold", food, 0, 50000, 100000, "不足"},
		{"floor: 99,999 counted as 100,000", floor, 99999, 100000, 300000, "按100000元计算"},
		{"floor: 100,000 as it is", floor, 100000, 100000, 300000, ""},
		{"floor: 100,001 as it is", floor, 100001, 100001, 300003, ""},
		{"cap: gains 199,999, 5× just below 1,000,000", capped, 199999, 199999, 999995, ""},
		{"cap: gains 200,000, 5× exactly the cap", capped, 200000, 200000, 1000000, ""},
		{"cap: gains 200,001, capped", capped, 200001, 200001, 1000000, "最高不超过"},
		{"cap: gains 1,000,000, the lower multiple at the cap", capped, 1000000, 1000000, 1000000, "最高不超过"},
		{"cap: gains 1,000,001, both ends capped", capped, 1000001, 1000000, 1000000, "最高不超过"},
	} {
		lo, hi, note, ok := tc.r.Range(map[string]float64{tc.r.Base: tc.base})
		if !ok || abs(lo-tc.min) > 0.005 || abs(hi-tc.max) > 0.005 || !strings.Contains(note, tc.note) {
			t.Errorf("%s: %v–%v %q (ok %v), want %v–%v with %q", tc.name, lo, hi, note, ok, tc.min, tc.max, tc.note)
		}
		if lo > hi {
			t.Errorf("%s: minimum %v above maximum %v", tc.name, lo, hi)
		}
	}
	// exactly at the cap nothing is said to be capped
	if _, _, note, _ := capped.Range(map[string]float64{"illegal_gains": 200000}); strings.Contains(note, "最高不超过") {
		t.Errorf("5× 200,000 is the cap itself, not capped: %q", note)
	}
	// retail: the floor for 零售 replaces the general one
	drug := FineRule{Base: "goods_value", MinTimes: 10, MaxTimes: 20, BaseFloor: 100000, RetailBaseFloor: 10000}
	if lo, hi, _, _ := drug.Range(map[string]float64{"goods_value": 9999}); lo != 1000000 || hi != 2000000 {
		t.Errorf("drug goods 9,999 (not retail): %v–%v, want the 100,000 floor ×10–20", lo, hi)
	}
}

// The same thresholds of a tier table: 按照直接损失的百分之三十计算罚款，但是最高不超过一百万元
// (江门 4-27, 第4档), and a multiple with a cap.
func TestTierThresholdBoundaries(t *testing.T) {
	rate := TierFine{Kind: "rate", Base: "direct_loss", MinRate: 0.3, MaxRate: 0.3, Cap: 1000000}
	mult := TierFine{Kind: "multiple", Base: "illegal_gains", MinTimes: 2, MaxTimes: 5, Cap: 1000000}
	rng := TierFine{Kind: "range", Min: 20000, Max: 100000, PersonMin: 2000, PersonMax: 10000}
	for _, tc := range []struct {
		name     string
		f        TierFine
		amounts  map[string]float64
		party    string
		min, max float64
		ok       bool
	}{
		{"rate: loss 3,333,330, 30% below the cap", rate, map[string]float64{"direct_loss": 3333330}, "", 999999, 999999, true},
		{"rate: loss 3,400,000, 30% above the cap", rate, map[string]float64{"direct_loss": 3400000}, "", 1000000, 1000000, true},
		{"rate: loss 5,000,000: 1,500,000 capped at both ends", rate, map[string]float64{"direct_loss": 5000000}, "", 1000000, 1000000, true},
		{"rate: no loss given: no range", rate, nil, "", 0, 0, false},
		{"multiple: gains 199,999, 5× below the cap", mult, map[string]float64{"illegal_gains": 199999}, "", 399998, 999995, true},
		{"multiple: gains 200,000, 5× the cap exactly", mult, map[string]float64{"illegal_gains": 200000}, "", 400000, 1000000, true},
		{"multiple: gains 499,999: 2× just under the cap", mult, map[string]float64{"illegal_gains": 499999}, "", 999998, 1000000, true},
		{"multiple: gains 500,000: 2× is the cap", mult, map[string]float64{"illegal_gains": 500000}, "", 1000000, 1000000, true},
		{"multiple: gains 500,001: both ends capped", mult, map[string]float64{"illegal_gains": 500001}, "", 1000000, 1000000, true},
		{"range for an organization", rng, nil, "organization", 20000, 100000, true},
		{"range for a person: 对个人", rng, nil, "person", 2000, 10000, true},
		{"fixed without max: the fixed sum", TierFine{Kind: "fixed", Min: 200000}, nil, "", 200000, 200000, true},
		{"text: not computed", TierFine{Kind: "text"}, nil, "", 0, 0, false},
	} {
		lo, hi, ok := tc.f.rangeFor(tc.amounts, tc.party)
		if ok != tc.ok || abs(lo-tc.min) > 0.005 || abs(hi-tc.max) > 0.005 {
			t.Errorf("%s: %v–%v (%v), want %v–%v (%v)", tc.name, lo, hi, ok, tc.min, tc.max, tc.ok)
		}
	}
}

// An amount is refused above MaxAmount (a hundred trillion) and below zero,
// naming the amount; at the bound and at zero it is taken.
func TestAmountBounds(t *testing.T) {
	for _, tc := range []struct {
		v  float64
		ok bool
	}{{-0.01, false}, {0, true}, {MaxAmount, true}, {MaxAmount * 1.000001, false}} {
		_, err := Suggest(Input{PenaltyBasis: foodAdditive, Amounts: map[string]float64{"goods_value": tc.v}})
		var fe *FieldError
		switch {
		case tc.ok && err != nil:
			t.Errorf("goods_value %v refused: %v", tc.v, err)
		case !tc.ok && (!errors.As(err, &fe) || fe.Field != "amounts.goods_value"):
			t.Errorf("goods_value %v: %v, want an error naming amounts.goods_value", tc.v, err)
		}
	}
}

// An unknown circumstance code is an error naming its place and the code,
// never ignored (an ignored "frist_offense" would silently drop 初次违法).
func TestUnknownCircumstanceIsAnError(t *testing.T) {
	in := Input{PenaltyBasis: foodAdditive, Amounts: map[string]float64{"goods_value": 800}, Circumstances: []string{"minor_harm", "frist_offense", "promptly_corrected"}}
	for name, run := range map[string]func(Input) error{
		"suggest":  func(in Input) error { _, err := Suggest(in); return err },
		"transfer": func(in Input) error { _, err := Transfer(in); return err },
	} {
		err := run(in)
		var fe *FieldError
		if !errors.As(err, &fe) || fe.Field != "circumstances[1]" || !strings.Contains(fe.Message, `"frist_offense"`) || !strings.Contains(fe.Message, "first_offense") {
			t.Errorf("%s: %v; want a field error on circumstances[1] naming the code and the known ones", name, err)
		}
	}
	// the alias a case record uses is not unknown
	in.Circumstances = []string{"first_violation", "minor_harm", "promptly_corrected"}
	s, err := Suggest(in)
	if err != nil || s.Outcome != "discretionary_no_penalty" {
		t.Errorf("first_violation (alias): %v %s", err, s.Outcome)
	}
}

// A tier computed from an amount the input does not give is answered with
// what is missing (needs), never as a provision without a fine; a stated
// amount prices it. 江门 4-27 第4档, a Jiangmen agency while the table was in force.
func TestTierWithoutItsBaseNeedsIt(t *testing.T) {
	in := Input{PenaltyBasis: "《中华人民共和国固体废物污染环境防治法》第八十二条", Agency: "江门市生态环境局（合成）", DecisionDate: "2022-06-01", Tier: "4"}
	s, err := Suggest(in)
	if err != nil {
		t.Fatal(err)
	}
	why := strings.Join(s.Reasons, " ")
	if len(s.Needs) != 1 || s.Needs[0] != "direct_loss" || !strings.Contains(why, "amounts.direct_loss") || strings.Contains(why, "未规定罚款数额") {
		t.Errorf("needs %v, reasons %v; want needs [direct_loss] said in the reasons, not 'no fine'", s.Needs, s.Reasons)
	}
	if s.Suggested.Fine != 0 || s.Suggested.Max != 0 {
		t.Errorf("a fine was suggested without the loss: %+v", s.Suggested)
	}
	in.Amounts = map[string]float64{"direct_loss": 5000000}
	s, err = Suggest(in)
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Needs) != 0 || s.Suggested.Min != 1000000 || s.Suggested.Max != 1000000 || s.Suggested.Fine != 1000000 {
		t.Errorf("loss 5,000,000: needs %v fine %+v, want 1,000,000 at both ends (30%% capped)", s.Needs, s.Suggested)
	}
}

// The last day of a period is inside it: the 陈述申辩 period that ends today
// still runs, the 五日 to ask for a hearing are open on the fifth day, the
// limitation shows on the 60th day before it ends and not on the 61st.
func TestDeadlineLastDays(t *testing.T) {
	now := at("2026-06-10 09:00")
	one := func(w *Warning) []Warning {
		if w == nil {
			return nil
		}
		return []Warning{*w}
	}
	for _, c := range []struct {
		name string
		got  []Warning
		n    int
		due  string
		left int
	}{
		{"statement period ends tomorrow", one(StatementPeriod("2026-06-11", true, false, now)), 1, "2026-06-11", 1},
		{"statement period ends today: still running", one(StatementPeriod("2026-06-10", true, false, now)), 1, "2026-06-10", 0},
		{"statement period ended yesterday", one(StatementPeriod("2026-06-09", true, false, now)), 0, "", 0},
		{"hearing request: fifth day is today", one(HearingRequest("2026-06-05", false, false, now)), 1, "2026-06-10", 0},
		{"hearing request: fifth day was yesterday", one(HearingRequest("2026-06-04", false, false, now)), 0, "", 0},
		{"hearing request: heard", one(HearingRequest("2026-06-08", true, false, now)), 0, "", 0},
		{"hearing notice eight days before", one(HearingNotice("2026-06-20", "2026-06-12", now)), 0, "", 0},
		{"decision on day 90", one(DecisionLimit("2026-03-12", "2026-06-10", now)), 0, "", 0},
		{"decision on day 91", one(DecisionLimit("2026-03-11", "2026-06-10", now)), 1, "2026-06-09", -1},
		{"undecided, day 90 is today", one(DecisionLimit("2026-03-12", "", now)), 1, "2026-06-10", 0},
		{"served on the seventh day", one(ServiceLimit("2026-06-01", "2026-06-08", now)), 0, "", 0},
		{"unserved, seventh day is today", one(ServiceLimit("2026-06-03", "", now)), 1, "2026-06-10", 0},
		{"limitation ends in 60 days", one(Limitation("2024-08-09", false, "", now)), 1, "2026-08-09", 60},
		{"limitation ends in 61 days", one(Limitation("2024-08-10", false, "", now)), 0, "", 0},
		{"discovered on the last day of the limitation", one(Limitation("2024-06-10", false, "2026-06-10", now)), 0, "", 0},
		{"discovered the day after", one(Limitation("2024-06-09", false, "2026-06-10", now)), 1, "2026-06-09", -1},
		{"transfer decided on the third day", TransferDeadlines(TransferFacts{ReportedOn: "2026-06-05", DecidedOn: "2026-06-08"}, now), 0, "", 0},
		{"transfer decided on the fourth day", TransferDeadlines(TransferFacts{ReportedOn: "2026-06-05", DecidedOn: "2026-06-09"}, now), 1, "2026-06-08", -2},
		{"transfer sent exactly 24 hours after approval", TransferDeadlines(TransferFacts{Approved: true, DecidedAt: at("2026-06-08 10:00"), SentAt: at("2026-06-09 10:00")}, now), 0, "", 0},
		{"transfer sent 24 hours and a minute after", TransferDeadlines(TransferFacts{Approved: true, DecidedAt: at("2026-06-08 10:00"), SentAt: at("2026-06-09 10:01")}, now), 1, "2026-06-09", -1},
		{"annual report 31 days ahead", AnnualReport(2025, AnnualReportDates{}, true, false, at("2025-12-31 09:00")), 1, "2026-01-31", 31},
		{"annual report 32 days ahead", AnnualReport(2025, AnnualReportDates{}, true, false, at("2025-12-30 09:00")), 0, "", 0},
		{"annual report 31 days late", AnnualReport(2025, AnnualReportDates{}, true, false, at("2026-03-03 09:00")), 1, "2026-01-31", -31},
		{"annual report 32 days late", AnnualReport(2025, AnnualReportDates{}, true, false, at("2026-03-04 09:00")), 0, "", 0},
		{"annual report, lead 5: 5 days ahead", AnnualReport(2025, AnnualReportDates{LeadDays: 5}, true, false, at("2026-01-26 09:00")), 1, "2026-01-31", 5},
		{"annual report, lead 5: 6 days ahead", AnnualReport(2025, AnnualReportDates{LeadDays: 5}, true, false, at("2026-01-25 09:00")), 0, "", 0},
	} {
		if len(c.got) != c.n {
			t.Errorf("%s: %d warnings, want %d: %+v", c.name, len(c.got), c.n, c.got)
			continue
		}
		if c.n == 1 && (c.got[0].Due != c.due || c.got[0].DaysLeft != c.left) {
			t.Errorf("%s: due %s (%d days left), want %s (%d)", c.name, c.got[0].Due, c.got[0].DaysLeft, c.due, c.left)
		}
	}
}

// DaysBetween counts calendar days in China whatever the clock's zone, and is
// 0 for a day it cannot read.
func TestDaysBetween(t *testing.T) {
	for _, c := range []struct {
		a, b string
		n    int
	}{{"2026-06-10", "2026-06-10", 0}, {"2026-06-10", "2026-06-11", 1}, {"2026-06-11", "2026-06-10", -1}, {"2026-02-28", "2026-03-01", 1}, {"2024-02-28", "2024-03-01", 2}, {"x", "2026-06-10", 0}, {"2026-06-10", "", 0}} {
		if got := DaysBetween(c.a, c.b); got != c.n {
			t.Errorf("DaysBetween(%s, %s) = %d, want %d", c.a, c.b, got, c.n)
		}
	}
	// 23:30 UTC on 9 June is 10 June in China
	if d := Day(time.Date(2026, 6, 9, 23, 30, 0, 0, time.UTC)); d != "2026-06-10" {
		t.Errorf("Day = %s, want 2026-06-10", d)
	}
}
