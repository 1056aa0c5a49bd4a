package rules

import "testing"

// Crafted (synthetic) cases with known dispute points.
func TestDisputePoints(t *testing.T) {
	full := DisputeCase{Facts: "销售过期食品", Evidence: []string{"现场检查笔录", "进货单据证明货值"}, Amounts: map[string]float64{"goods_value": 2000},
		PenaltyBasis: "《中华人民共和国食品安全法》第一百二十四条", ActDate: "2025-03-01", DecisionDate: "2025-05-01",
		Steps: []string{"立案", "调查取证", "告知", "听证", "法制审核", "决定"}, Fine: 50000, HearingOffered: true}
	if got := DisputePoints(full, 10000); len(got) != 0 {
		t.Errorf("complete case: %+v", got)
	}
	for _, tc := range []struct {
		name  string
		mod   func(c *DisputeCase)
		point string
	}{
		{"no evidence", func(c *DisputeCase) { c.Evidence = nil }, "违法事实没有证据支撑"},
		{"goods value not proved", func(c *DisputeCase) { c.Evidence = []string{"现场检查笔录"} }, "货值金额的计算依据未证实"},
		{"no hearing", func(c *DisputeCase) { c.HearingOffered = false; c.Steps = []string{"告知", "法制审核"} }, "较大数额罚款未告知听证权利"},
		{"no notice", func(c *DisputeCase) { c.Steps = []string{"听证", "法制审核"} }, "未见事先告知"},
		{"time limit", func(c *DisputeCase) { c.ActDate = "2021-01-01" }, "可能超过追责时效"},
		{"double penalty", func(c *DisputeCase) { c.PriorPenalties = []string{"2025-02 罚款3000元"} }, "一事不再罚"},
		{"no fault", func(c *DisputeCase) { c.NoFaultClaim = "有合法来源" }, "当事人主张没有主观过错"},
	} {
		c := full
		tc.mod(&c)
		got := DisputePoints(c, 10000)
		found := false
		for _, p := range got {
			if p.Point == tc.point && p.Citation != "" && p.Settle != "" {
				found = true
			}
		}
		if !found {
			t.Errorf("%s: want %q in %+v", tc.name, tc.point, got)
		}
	}
}

// The large-fine points (听证 not offered, no 法制审核) hold from the agency's
// level up, the level itself included, and not at all when no level is given.
func TestDisputeLargeFineLevel(t *testing.T) {
	base := DisputeCase{Facts: "销售过期食品", Evidence: []string{"现场检查笔录"},
		PenaltyBasis: "《中华人民共和国食品安全法》第一百二十四条", Steps: []string{"立案", "告知", "决定"}}
	const hearing, review = "较大数额罚款未告知听证权利", "重大执法决定未经法制审核"
	for _, c := range []struct {
		name       string
		level      float64
		fine       float64
		want       bool
		offered    bool
		hearingRan bool
	}{
		{"person below 10,000", 10000, 9999.99, false, false, false},
		{"person at 10,000", 10000, 10000, true, false, false},
		{"person above 10,000", 10000, 10000.01, true, false, false},
		{"organization below 100,000", 100000, 99999.99, false, false, false},
		{"organization at 100,000", 100000, 100000, true, false, false},
		{"organization above 100,000", 100000, 100000.01, true, false, false},
		{"no level given, no fine", 0, 0, false, false, false},
		{"no level given, a fine", 0, 200000, false, false, false},
	} {
		dc := base
		dc.Fine = c.fine
		pts := points(DisputePoints(dc, c.level))
		if pts[hearing] != c.want || pts[review] != c.want {
			t.Errorf("%s (level %.0f, fine %.2f): 听证 point %v, 法制审核 point %v, want %v", c.name, c.level, c.fine, pts[hearing], pts[review], c.want)
		}
	}
	// offered, or held: no hearing point, the review point stays
	for _, mod := range []func(*DisputeCase){
		func(c *DisputeCase) { c.HearingOffered = true },
		func(c *DisputeCase) { c.Steps = append(c.Steps, "听证") },
	} {
		dc := base
		dc.Fine = 100000
		mod(&dc)
		if pts := points(DisputePoints(dc, 100000)); pts[hearing] || !pts[review] {
			t.Errorf("hearing offered or held: %v", pts)
		}
	}
}

// An amount of 0 is not a base the fine was reckoned on: no proof is asked for it.
func TestDisputeZeroAmount(t *testing.T) {
	dc := DisputeCase{Facts: "销售过期食品", Evidence: []string{"现场检查笔录"}, PenaltyBasis: "第一百二十四条 货值金额十倍",
		Steps: []string{"告知"}, Amounts: map[string]float64{"goods_value": 0, "illegal_income": 0}}
	for p := range points(DisputePoints(dc, 0)) {
		if p == "货值金额的计算依据未证实" || p == "违法所得的计算依据未证实" {
			t.Errorf("amount 0: %q", p)
		}
	}
}

// Points come in the order of 行政诉讼法 第七十条's grounds whatever order they were found in.
func TestDisputeOrder(t *testing.T) {
	dc := DisputeCase{Facts: "销售过期食品", PenaltyBasis: "", NoFaultClaim: "有合法来源", PriorPenalties: []string{"罚款3000元"},
		Fine: 200000, ActDate: "2020-01-01", DecisionDate: "2025-01-01"}
	got := DisputePoints(dc, 100000)
	if len(got) < 5 {
		t.Fatalf("want at least five points, got %+v", got)
	}
	rank := map[string]int{}
	for i, g := range DisputeGrounds {
		rank[g] = i
	}
	for i := 1; i < len(got); i++ {
		if rank[got[i-1].Ground] > rank[got[i].Ground] {
			t.Errorf("point %d (%s) before point %d (%s): not in the order of 第七十条", i-1, got[i-1].Ground, i, got[i].Ground)
		}
	}
	// within a ground, the order found is kept: 没有证据 first, 无过错 after
	var evid []string
	for _, p := range got {
		if p.Ground == "主要证据不足" {
			evid = append(evid, p.Point)
		}
	}
	if len(evid) != 2 || evid[0] != "违法事实没有证据支撑" || evid[1] != "当事人主张没有主观过错" {
		t.Errorf("主要证据不足 points %v", evid)
	}
	// the first ground's only point found last goes to the front
	dc = DisputeCase{Evidence: []string{"现场检查笔录"}, Steps: []string{"告知"}, NoFaultClaim: "有合法来源"}
	got = DisputePoints(dc, 0)
	if len(got) != 2 || got[0].Point != "当事人主张没有主观过错" || got[1].Point != "未写明处罚依据" {
		t.Errorf("no basis, no fault: %+v", got)
	}
}

func points(ps []DisputePoint) map[string]bool {
	out := map[string]bool{}
	for _, p := range ps {
		out[p.Point] = true
	}
	return out
}
