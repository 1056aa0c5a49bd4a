package rules

import (
	"errors"
	"strings"
	"testing"
)

const foodAdditive = "《中华人民共和国食品安全法》第一百二十四条第一款第（三）项"

func TestSuggest(t *testing.T) {
	cases := []struct {
		name       string
		in         Input
		outcome    string
		adjustment string
		stat       *FineRange
		fine       float64
		reason     string // a reason must contain this
		barred     bool
	}{
		{"food additive, goods below 10,000: 50,000–100,000",
			Input{PenaltyBasis: foodAdditive, Amounts: map[string]float64{"goods_value": 8000}},
			"penalty", "none", &FineRange{50000, 100000}, 75000, "第一百二十四条", false},
		{"food additive, goods 15,000 from facts: 10–20 times",
			Input{PenaltyBasis: foodAdditive, Facts: "当事人超范围使用食品添加剂，货值金额15000元。"},
			"penalty", "none", &FineRange{150000, 300000}, 225000, "", false},
		{"first offense waiver",
			Input{PenaltyBasis: foodAdditive, Amounts: map[string]float64{"goods_value": 800}, Circumstances: []string{"first_offense", "minor_harm", "promptly_corrected"}},
			"discretionary_no_penalty", "none", &FineRange{50000, 100000}, 0, "可以不予行政处罚", false},
		{"minor, corrected, no harm: no penalty",
			Input{PenaltyBasis: foodAdditive, Amounts: map[string]float64{"goods_value": 800}, Circumstances: []string{"minor", "promptly_corrected", "no_harm"}},
			"no_penalty", "none", &FineRange{50000, 100000}, 0, "第三十三条第一款", false},
		{"under 14",
			Input{PenaltyBasis: foodAdditive, Party: Party{Type: "person", Age: 13}, Amounts: map[string]float64{"goods_value": 800}},
			"no_penalty", "none", &FineRange{50000, 100000}, 0, "不满十四周岁", false},
		{"16-year-old: lighter, lower half",
			Input{PenaltyBasis: foodAdditive, Party: Party{Type: "person", Age: 16}, Amounts: map[string]float64{"goods_value": 800}},
			"penalty", "lighter", &FineRange{50000, 100000}, 62500, "第三十条", false},
		{"mitigated below the minimum, not below zero",
			Input{PenaltyBasis: foodAdditive, Amounts: map[string]float64{"goods_value": 800}, Circumstances: []string{"harm_eliminated"}, Mitigate: true},
			"penalty", "mitigated", &FineRange{50000, 100000}, 25000, "第三十二条", false},
		{"repeat offense: heavier, within the maximum",
			Input{PenaltyBasis: foodAdditive, Amounts: map[string]float64{"goods_value": 800}, Circumstances: []string{"repeat_offense"}},
			"penalty", "heavier", &FineRange{50000, 100000}, 87500, "从重", false},
		{"time barred after two years",
			Input{PenaltyBasis: foodAdditive, Amounts: map[string]float64{"goods_value": 800}, ActDate: "2022-01-01", DecisionDate: "2024-06-01"},
			"no_penalty", "none", &FineRange{50000, 100000}, 0, "第三十六条", true},
		{"five years where health is harmed",
			Input{PenaltyBasis: foodAdditive, Amounts: map[string]float64{"goods_value": 800}, ActDate: "2022-01-01", DecisionDate: "2024-06-01", Circumstances: []string{"health_or_financial_harm"}},
			"penalty", "heavier", &FineRange{50000, 100000}, 87500, "", false},
		{"false advertising: 3–5 times the ad cost",
			Input{PenaltyBasis: "《中华人民共和国广告法》第五十五条第一款", Amounts: map[string]float64{"ad_cost": 10000}},
			"penalty", "none", &FineRange{30000, 50000}, 40000, "", false},
		{"one act, two provisions: the higher fine (第二十九条)",
			Input{PenaltyBasis: "《中华人民共和国广告法》第五十五条第一款", Amounts: map[string]float64{"ad_cost": 10000, "goods_value": 800}, OtherBases: []string{foodAdditive}},
			"penalty", "none", &FineRange{50000, 100000}, 75000, "第二十九条", false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s, err := Suggest(tc.in)
			if err != nil {
				t.Fatal(err)
			}
			if s.Outcome != tc.outcome || s.Adjustment != tc.adjustment || s.TimeBarred != tc.barred {
				t.Errorf("outcome/adjustment/barred = %s/%s/%v, want %s/%s/%v; reasons %v", s.Outcome, s.Adjustment, s.TimeBarred, tc.outcome, tc.adjustment, tc.barred, s.Reasons)
			}
			if tc.stat != nil && (s.Statutory == nil || *s.Statutory != *tc.stat) {
				t.Errorf("statutory = %+v, want %+v", s.Statutory, tc.stat)
			}
			if s.Suggested.Fine != tc.fine {
				t.Errorf("fine = %v, want %v (suggested %+v)", s.Suggested.Fine, tc.fine, s.Suggested)
			}
			if s.Statutory != nil && s.Adjustment != "mitigated" && s.Suggested.Fine != 0 && (s.Suggested.Fine < s.Statutory.Min || s.Suggested.Fine > s.Statutory.Max) {
				t.Errorf("fine %v outside the statutory range %+v", s.Suggested.Fine, s.Statutory)
			}
			if tc.reason != "" && !strings.Contains(strings.Join(s.Reasons, "\n"), tc.reason) {
				t.Errorf("reasons %v lack %q", s.Reasons, tc.reason)
			}
			for _, b := range s.Basis {
				if b.Text == "" {
					t.Errorf("basis %s has no text from the corpus", b.Citation)
				}
			}
		})
	}
}

func TestSuggestBadBasis(t *testing.T) {
	for _, basis := range []string{"", "《中华人民共和国食品安全法》第九百条", "《不存在法》第一条"} {
		_, err := Suggest(Input{PenaltyBasis: basis})
		if err == nil || !strings.Contains(err.Error(), "penalty_basis") {
			t.Errorf("basis %q: err = %v, want one naming penalty_basis", basis, err)
		}
	}
}

func BenchmarkSuggest(b *testing.B) {
	in := Input{PenaltyBasis: foodAdditive, Facts: "当事人超范围使用食品添加剂，货值金额15000元。", Circumstances: []string{"harm_eliminated"}}
	if _, err := Suggest(in); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := Suggest(in); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkTransfer(b *testing.B) {
	in := Input{Facts: "伪劣产品尚未销售，货值金额200000元", Amounts: map[string]float64{"blood_alcohol": 20}}
	for i := 0; i < b.N; i++ {
		if _, err := Transfer(in); err != nil {
			b.Fatal(err)
		}
	}
}

// Worked examples of the Guangdong weighted model, computed by hand from 附件1.
func TestSuggestGuangdongWeights(t *testing.T) {
	cases := []struct {
		name    string
		basis   string
		factors map[string]string
		fine    float64
	}{
		// §2.5.1: 10% + 重点管理 15% + 有毒有害 22% + 敏感区域 11% + 12个月以上 19% + 逾期 5% + 4次以上 18% = 100% × 100万.
		{"water, worst case capped at 100%", "《中华人民共和国水污染防治法》第八十三条第（一）项", map[string]string{
			"排污许可分类管理类别": "重点管理", "排污情况": "排放有毒有害水污染物", "排放口所在区域": "生态环境敏感区域",
			"违法行为持续时间": "12个月以上", "整改情况": "逾期未改正", "近二年同类违法行为情况（含本次）": "4次以上"}, 1000000},
		// §2.5.1: 10% + 重点管理 15% + A类 10% + 3–6个月 4% = 39% × 100万 = 390,000.
		{"water, A-class, 4 months", "《中华人民共和国水污染防治法》第八十三条第（一）项", map[string]string{
			"排污许可分类管理类别": "重点管理", "排污情况": "排放A类水污染物（除有毒有害水污染物）", "违法行为持续时间": "3个月以上6个月以下",
			"排放口所在区域": "生态环境敏感区以外的区域", "整改情况": "限期内改正", "近二年同类违法行为情况（含本次）": "1次"}, 390000},
		// §2.5.1: only the start 10% → 100,000, which is also the statutory minimum.
		{"water, nothing aggravating", "《中华人民共和国水污染防治法》第八十三条第（一）项", map[string]string{
			"排污许可分类管理类别": "简化管理", "排污情况": "排放B类水污染物", "排放口所在区域": "生态环境敏感区以外的区域",
			"违法行为持续时间": "3个月以下", "整改情况": "限期内改正", "近二年同类违法行为情况（含本次）": "1次"}, 100000},
		// §3.2.1: 7% + 简化 0% + VOC 3% + 一般区域 0% + 重污染天气 10% + 未经处理 10% + 2次 2% = 32% → 320,000.
		{"air, VOC during a smog alert", "《中华人民共和国大气污染防治法》第九十九条第（一）项", map[string]string{
			"排污许可分类管理类别": "简化管理", "排污情况": "排放含挥发性有机物废气", "排放口所在区域": "一般区域",
			"大气排放时期敏感度": "重污染天气预警期间", "大气污染物收集处理情况": "未经污染防治设施收集处理", "近二年同类违法行为情况（含本次）": "2次"}, 320000},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s, err := Suggest(gdEco(Input{PenaltyBasis: tc.basis, Party: Party{Type: "organization"}, Factors: tc.factors}))
			if err != nil {
				t.Fatal(err)
			}
			if s.Suggested.Fine != tc.fine {
				t.Errorf("fine = %v, want %v; reasons %v", s.Suggested.Fine, tc.fine, s.Reasons)
			}
			if s.Statutory == nil || s.Statutory.Min != 100000 || s.Statutory.Max != 1000000 {
				t.Errorf("statutory = %+v, want 100000–1000000", s.Statutory)
			}
			if s.Benchmark["source"] != "guangdong" {
				t.Errorf("benchmark = %v, want the Guangdong entry", s.Benchmark)
			}
		})
	}
}

// Without a tier the officer is shown the tiers to choose from; with one, the tier used.
func TestSuggestOffersTiers(t *testing.T) {
	in := gdEco(Input{PenaltyBasis: "《中华人民共和国水污染防治法》第八十五条第一款第（一）项", ActDate: "2024-05-01", DecisionDate: "2024-08-01"})
	s, err := Suggest(in)
	if err != nil {
		t.Fatal(err)
	}
	tiers, ok := s.Benchmark["tiers"].([]Tier)
	if !ok || len(tiers) < 2 || s.Benchmark["tier"] != nil {
		t.Fatalf("no tiers offered: %+v", s.Benchmark)
	}
	in.Tier = tiers[1].Level
	s, err = Suggest(in)
	if err != nil {
		t.Fatal(err)
	}
	if s.Benchmark["tiers"] != nil || s.Benchmark["tier"] == nil || s.Suggested.Min != tiers[1].Fine.Min {
		t.Errorf("tier %s: benchmark %+v, suggested %+v", in.Tier, s.Benchmark, s.Suggested)
	}
}

// The officer's notes stay out of the reasons a decision quotes.
func TestDecisionReasons(t *testing.T) {
	s, err := Suggest(gdEco(Input{PenaltyBasis: "《中华人民共和国水污染防治法》第八十五条第一款第（一）项", ActDate: "2024-05-01", DecisionDate: "2024-08-01"}))
	if err != nil {
		t.Fatal(err)
	}
	all, quoted := strings.Join(s.Reasons, ""), strings.Join(s.DecisionReasons(), "")
	if !strings.Contains(all, "请按裁量情节选择档次") || strings.Contains(quoted, "请按") || !strings.Contains(quoted, "本案法定罚款幅度") {
		t.Errorf("reasons %q; decision reasons %q", s.Reasons, s.DecisionReasons())
	}
	// the decision says 依据<处罚依据>， itself: the quoted reason does not repeat it
	if !strings.HasPrefix(s.Reasons[0], "依据《中华人民共和国水污染防治法》") || !strings.HasPrefix(quoted, "本案法定罚款幅度为") {
		t.Errorf("reasons %q; decision reasons %q", s.Reasons, s.DecisionReasons())
	}
}

// Bad benchmark, tier, factor and amount inputs are errors naming the field,
// never a silent fallback or an unprintable figure.
func TestSuggestBadChoices(t *testing.T) {
	const water = "《中华人民共和国水污染防治法》第八十三条第（一）项"   // priced by guangdong-2.5.1 (weighted)
	const oils = "《中华人民共和国水污染防治法》第八十五条第一款第（一）项" // guangdong-2.12 (tiers)
	for _, tc := range []struct {
		name  string
		in    Input
		field string
	}{
		{"unknown benchmark id", Input{PenaltyBasis: water, Benchmark: "no-such-entry"}, "benchmark"},
		{"another item's table", Input{PenaltyBasis: water, Benchmark: "guangdong-2.8.1"}, "benchmark"},
		{"tier of a weighted table", Input{PenaltyBasis: water, Tier: "1"}, "tier"},
		{"unknown tier", Input{PenaltyBasis: oils, Tier: "99"}, "tier"},
		{"tier without a benchmark", Input{PenaltyBasis: "《中华人民共和国广告法》第五十七条", Tier: "1"}, "tier"},
		{"unknown factor", Input{PenaltyBasis: water, Factors: map[string]string{"不存在的要素": "x"}}, "factors.不存在的要素"},
		{"unknown level", Input{PenaltyBasis: water, Factors: map[string]string{"排污情况": "排放C类"}}, "factors.排污情况"},
		{"amount beyond any case", Input{PenaltyBasis: "《中华人民共和国药品管理法》第一百一十六条", Amounts: map[string]float64{"goods_value": 1e308}}, "amounts.goods_value"},
	} {
		tc.in.ActDate, tc.in.DecisionDate = "2024-05-01", "2024-08-01"
		_, err := Suggest(gdEco(tc.in))
		var fe *FieldError
		if !errors.As(err, &fe) || fe.Field != tc.field {
			t.Errorf("%s: %v, want an error naming %s", tc.name, err, tc.field)
		}
	}
	// the right ones still work
	if _, err := Suggest(gdEco(Input{PenaltyBasis: water, Benchmark: "guangdong-2.5.1", Factors: map[string]string{"排污情况": "排放B类水污染物"}, ActDate: "2024-05-01", DecisionDate: "2024-08-01"})); err != nil {
		t.Errorf("valid choices refused: %v", err)
	}
}
