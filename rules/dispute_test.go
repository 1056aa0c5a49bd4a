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
