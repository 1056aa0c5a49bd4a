package rules

import (
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
	// Without the goods value the range of the lowest branch is shown, and the reason says which branch.
	s, err := Suggest(Input{PenaltyBasis: foodAdditive})
	if err != nil || s.Statutory == nil || !strings.Contains(strings.Join(s.Reasons, ""), "元至") {
		t.Errorf("no goods value: %v %+v", err, s)
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
