package rules

import (
	"strings"
	"testing"

	"zhifa/corpora"
)

// One worked example per law with statutory ranges, through the path suggest
// takes (Cite → statutoryRange → Find + FineRule.Range → fineFor). Amounts are
// synthetic; every expected figure is computed by hand from the article text
// quoted in the comment.
func TestStatutoryExamplesPerLaw(t *testing.T) {
	cases := []struct {
		cite     string
		amounts  map[string]float64
		min, max float64
		retail   bool
	}{
		// 违法所得十万元以上的，并处违法所得二倍以上五倍以下；没有违法所得或者违法所得不足十万元的，单处或者并处十万元以上二十万元以下
		// 违法所得 60,000 < 100,000 → 100,000–200,000
		{"《中华人民共和国安全生产法》第一百零三条第一款", map[string]float64{"illegal_gains": 60000}, 100000, 200000, false},
		// 同上, 违法所得 150,000 ≥ 100,000 → 2×150,000 = 300,000 to 5×150,000 = 750,000
		{"《中华人民共和国安全生产法》第一百零三条第一款", map[string]float64{"illegal_gains": 150000}, 300000, 750000, false},
		// 第一百一十四条（二）发生较大事故的，处一百万元以上二百万元以下
		{"《中华人民共和国安全生产法》第一百一十四条第一款第（二）项", nil, 1000000, 2000000, false},
		// 产品质量法第五十二条: 货值金额二倍以下; 货值 40,000 → 0–80,000
		{"《中华人民共和国产品质量法》第五十二条", map[string]float64{"goods_value": 40000}, 0, 80000, false},
		// 道路交通安全法第九十四条第二款: 所收检验费用五倍以上十倍以下; 3,000 → 15,000–30,000
		{"《中华人民共和国道路交通安全法》第九十四条第二款", map[string]float64{"inspection_fee": 3000}, 15000, 30000, false},
		// 大气污染防治法第一百零五条: 货值金额一倍以上三倍以下; 50,000 → 50,000–150,000
		{"《中华人民共和国大气污染防治法》第一百零五条", map[string]float64{"goods_value": 50000}, 50000, 150000, false},
		// 电子商务法第八十二条: 可以处五万元以上五十万元以下
		{"《中华人民共和国电子商务法》第八十二条", nil, 50000, 500000, false},
		// 反不正当竞争法第十八条第一款: 违法经营额五万元以上的，五倍以下; 80,000 → 0–400,000
		{"《中华人民共和国反不正当竞争法》第十八条第一款", map[string]float64{"illegal_business_amount": 80000}, 0, 400000, false},
		// 同上: 违法经营额不足五万元的，可以并处二十五万元以下; 30,000 → 0–250,000
		{"《中华人民共和国反不正当竞争法》第十八条第一款", map[string]float64{"illegal_business_amount": 30000}, 0, 250000, false},
		// 个人信息保护法第六十六条第一款: 拒不改正的，并处一百万元以下 (the unit's fine, not the 1万–10万 on persons);
		// the fine rests on 拒不改正, so the case says so (circumstance not_corrected, below)
		{"《中华人民共和国个人信息保护法》第六十六条第一款", nil, 0, 1000000, false},
		// 广告法第五十八条第一款: 广告费用一倍以上三倍以下; 50,000 → 50,000–150,000
		{"《中华人民共和国广告法》第五十八条第一款", map[string]float64{"ad_cost": 50000}, 50000, 150000, false},
		// 固体废物法第一百一十二条第二款 prices 第一款第（三）项: 所需处置费用三倍以上五倍以下，不足二十万元的，按二十万元计算;
		// 80,000 → floor 200,000 → 600,000–1,000,000
		{"《中华人民共和国固体废物污染环境防治法》第一百一十二条第一款第（三）项", map[string]float64{"disposal_cost": 80000}, 600000, 1000000, false},
		// 第一百零二条第二款: 有前款第一项、第八项行为之一，处五万元以上二十万元以下
		{"《中华人民共和国固体废物污染环境防治法》第一百零二条第一款第（八）项", nil, 50000, 200000, false},
		// 价格法第三十九条: 可以并处违法所得五倍以下; 20,000 → 0–100,000
		{"《中华人民共和国价格法》第三十九条", map[string]float64{"illegal_gains": 20000}, 0, 100000, false},
		// 价格违法行为行政处罚规定第七条: 违法所得5倍以下；没有违法所得的，处5万元以上50万元以下
		{"《价格违法行为行政处罚规定》第七条", map[string]float64{"illegal_gains": 30000}, 0, 150000, false},
		// 商标法第五十二条: 违法经营额五万元以上的，百分之二十以下; 100,000 → 0–20,000
		{"《中华人民共和国商标法》第五十二条", map[string]float64{"illegal_business_amount": 100000}, 0, 20000, false},
		// 商标法第六十条第二款: 违法经营额五倍以下; 200,000 → 0–1,000,000
		{"《中华人民共和国商标法》第六十条第二款", map[string]float64{"illegal_business_amount": 200000}, 0, 1000000, false},
		// 食品安全法第一百三十八条第一款: 检验费用五倍以上十倍以下; 20,000 → 100,000–200,000
		{"《中华人民共和国食品安全法》第一百三十八条第一款", map[string]float64{"inspection_fee": 20000}, 100000, 200000, false},
		// 水污染防治法第八十五条第二款 prices 第一款第（三）项: 处二万元以上二十万元以下
		{"《中华人民共和国水污染防治法》第八十五条第一款第（三）项", nil, 20000, 200000, false},
		// 第（一）项 is in the other group: 处十万元以上一百万元以下
		{"《中华人民共和国水污染防治法》第八十五条第一款第（一）项", nil, 100000, 1000000, false},
		// 特种设备安全法第九十条（二）发生较大事故，处二十万元以上五十万元以下 (cited without a 款)
		{"《中华人民共和国特种设备安全法》第九十条第（二）项", nil, 200000, 500000, false},
		// 消防法第六十条第一款: 单位…处五千元以上五万元以下
		{"《中华人民共和国消防法》第六十条第一款", nil, 5000, 50000, false},
		// 消费者权益保护法第五十六条第一款: 违法所得一倍以上十倍以下; 20,000 → 20,000–200,000
		{"《中华人民共和国消费者权益保护法》第五十六条第一款", map[string]float64{"illegal_gains": 20000}, 20000, 200000, false},
		// 同上: 没有违法所得的，处以五十万元以下
		// 药品管理法第一百一十六条: 货值金额十五倍以上三十倍以下；不足十万元的，按十万元计算;
		// 30,000 → floor 100,000 → 1,500,000–3,000,000
		{"《中华人民共和国药品管理法》第一百一十六条", map[string]float64{"goods_value": 30000}, 1500000, 3000000, false},
		// 药品管理法第一百一十七条第一款 (劣药): 货值金额十倍以上二十倍以下；生产、批发不足十万元的按十万元,
		// 零售不足一万元的按一万元计算; 3,000 wholesale → 1,000,000–2,000,000; retail → 100,000–200,000
		{"《中华人民共和国药品管理法》第一百一十七条第一款", map[string]float64{"goods_value": 3000}, 1000000, 2000000, false},
		{"《中华人民共和国药品管理法》第一百一十七条第一款", map[string]float64{"goods_value": 3000}, 100000, 200000, true},
		// retail 货值 50,000 is above the retail floor → 500,000–1,000,000
		{"《中华人民共和国药品管理法》第一百一十七条第一款", map[string]float64{"goods_value": 50000}, 500000, 1000000, true},
		// 药品管理法第一百二十九条: 二倍以上十倍以下；不足五万元的，按五万元计算; 80,000 → 160,000–800,000
		{"《中华人民共和国药品管理法》第一百二十九条", map[string]float64{"goods_value": 80000}, 160000, 800000, false},
	}
	c := corpora.Default()
	laws := map[string]bool{}
	for _, tc := range cases {
		res, err := c.Cite(tc.cite)
		if err != nil {
			t.Errorf("%s: %v", tc.cite, err)
			continue
		}
		laws[res.Law] = true
		in := Input{}
		if strings.Contains(tc.cite, "个人信息保护法") {
			in.Circumstances = []string{"not_corrected"}
		}
		if tc.retail {
			in.Circumstances = []string{"retail"}
		}
		sr, err := statutoryRange(c, res, tc.amounts, in)
		rng, note := sr.rng, sr.note
		if err != nil || rng == nil {
			t.Errorf("%s: no range (%v, %s)", tc.cite, err, note)
			continue
		}
		if rng.Min != tc.min || rng.Max != tc.max {
			t.Errorf("%s %v: range %v–%v (%s), want %v–%v", tc.cite, tc.amounts, rng.Min, rng.Max, note, tc.min, tc.max)
		}
		// without 情节, suggest takes the middle of the range
		if s := fineFor(rng, rng, ""); s.Fine != round((tc.min+tc.max)/2) {
			t.Errorf("%s: suggested %v, want %v", tc.cite, s.Fine, round((tc.min+tc.max)/2))
		}
	}
	for _, e := range Statutory().All() {
		if !laws[e.Law] {
			t.Errorf("no worked example for %s", e.Law)
			laws[e.Law] = true
		}
	}
}
