package rules

import (
	"errors"
	"slices"
	"strings"
	"testing"
)

// A benchmark sets the fine only for the agencies its issuer governs, while
// it is in force; for any other case the statutory range stands and the
// benchmark is listed as a reference with its region and status. The agencies
// are synthetic.
func TestBenchmarkBindsOnlyItsScope(t *testing.T) {
	const water = "《中华人民共和国水污染防治法》第八十三条第（一）项" // guangdong-2.5.1 (weighted), jiangmen too
	const eia = "《中华人民共和国环境影响评价法》第三十一条第三款"    // jiangmen-1-2 only
	cases := []struct {
		name   string
		in     Input
		source string // benchmark.source
		refs   []string
	}{
		{"Guangdong 生态环境 agency: the Guangdong table", Input{PenaltyBasis: water, Agency: "广东省示例市生态环境局（合成）", DecisionDate: "2025-06-01"}, "guangdong", []string{"jiangmen-2-5"}},
		{"a city named alone is in its province", Input{PenaltyBasis: water, Agency: "佛山市生态环境局（合成）", DecisionDate: "2025-06-01"}, "guangdong", nil},
		{"region and sector given apart", Input{PenaltyBasis: water, Region: "广东省韶关市", Sector: "生态环境", DecisionDate: "2025-06-01"}, "guangdong", nil},
		{"Zhejiang case: statutory, Guangdong only a reference", Input{PenaltyBasis: water, Agency: "浙江省示例市生态环境局（合成）", DecisionDate: "2025-06-01"}, "statutory", []string{"guangdong-2.5.1"}},
		{"Guangdong but 市场监管: not bound", Input{PenaltyBasis: water, Agency: "广东省示例市市场监督管理局（合成）", DecisionDate: "2025-06-01"}, "statutory", []string{"guangdong-2.5.1"}},
		{"no agency or region: nothing binds", Input{PenaltyBasis: water, DecisionDate: "2025-06-01"}, "statutory", []string{"guangdong-2.5.1"}},
		{"after 2026-12-31 the Guangdong table has expired", Input{PenaltyBasis: water, Agency: "广东省示例市生态环境局（合成）", DecisionDate: "2027-01-01"}, "statutory", []string{"guangdong-2.5.1"}},
		{"before 2022-01-01 it was not yet in force", Input{PenaltyBasis: water, Agency: "广东省示例市生态环境局（合成）", DecisionDate: "2021-12-31"}, "statutory", []string{"guangdong-2.5.1"}},
		{"Jiangmen agency while the Jiangmen table was in force", Input{PenaltyBasis: eia, Agency: "江门市生态环境局（合成）", DecisionDate: "2022-06-01"}, "jiangmen", nil},
		{"Jiangmen agency after 2023-02-28: expired", Input{PenaltyBasis: eia, Agency: "江门市生态环境局（合成）", DecisionDate: "2023-03-01"}, "statutory", []string{"jiangmen-1-2"}},
		{"Foshan agency, Jiangmen table in force: not its city", Input{PenaltyBasis: eia, Agency: "佛山市生态环境局（合成）", DecisionDate: "2022-06-01"}, "statutory", []string{"jiangmen-1-2"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s, err := Suggest(tc.in)
			if err != nil {
				t.Fatal(err)
			}
			if s.Benchmark["source"] != tc.source {
				t.Errorf("benchmark source %v, want %s: %v", s.Benchmark["source"], tc.source, s.Benchmark)
			}
			refs, _ := s.Benchmark["reference"].([]map[string]any)
			var ids []string
			for _, r := range refs {
				ids = append(ids, r["entry"].(string))
				if r["region"] == "" || r["status"] == "" || r["why"] == "" {
					t.Errorf("reference without region, status or why: %v", r)
				}
			}
			for _, want := range tc.refs {
				if !slices.Contains(ids, want) {
					t.Errorf("references %v, want %s among them", ids, want)
				}
			}
			if tc.source == "statutory" && s.Statutory == nil {
				t.Errorf("no statutory range")
			}
			if tc.source == "statutory" && s.Benchmark["tiers"] != nil {
				t.Errorf("a table that does not bind offered its tiers")
			}
		})
	}
	// the Zhejiang case: the statutory range's middle, not the weighted table's figure
	s, _ := Suggest(Input{PenaltyBasis: water, Agency: "浙江省示例市生态环境局（合成）", DecisionDate: "2025-06-01"})
	if s.Suggested.Fine != 550000 {
		t.Errorf("Zhejiang case fine %v, want 550000 (middle of 十万元以上一百万元以下)", s.Suggested.Fine)
	}
	// choosing a table that does not bind is refused, naming why
	_, err := Suggest(Input{PenaltyBasis: water, Agency: "浙江省示例市生态环境局（合成）", DecisionDate: "2025-06-01", Benchmark: "guangdong-2.5.1"})
	var fe *FieldError
	if !errors.As(err, &fe) || fe.Field != "benchmark" || !strings.Contains(fe.Message, "广东省") {
		t.Errorf("non-binding benchmark chosen: %v", err)
	}
	if _, err := Suggest(Input{PenaltyBasis: water, Sector: "水务局"}); !errors.As(err, &fe) || fe.Field != "sector" {
		t.Errorf("unknown sector: %v", err)
	}
}

// An agency's file must say whom it binds.
func TestBenchmarkFileDeclaresScope(t *testing.T) {
	entry := `"entries": [{"id": "x-1", "model": "tiers", "violation": "某违法行为", "citations": [{"citation": "《中华人民共和国广告法》第五十七条", "law": "中华人民共和国广告法", "article": 57}], "tiers": [{"level": "1", "condition": "一般", "standard": "二十万元", "fine": {"kind": "fixed", "min": 200000, "max": 200000}}]}]`
	for _, tc := range []struct {
		name, file, field string
	}{
		{"no scope", `{"name": "某局基准（合成）", ` + entry + `}`, "scope"},
		{"no region", `{"name": "某局基准（合成）", "scope": {"region": "", "sector": "市场监管"}, ` + entry + `}`, "scope.region"},
		{"unknown sector", `{"name": "某局基准（合成）", "scope": {"region": "浙江省", "sector": "什么都管"}, ` + entry + `}`, "scope.sector"},
		{"unknown scope field", `{"name": "某局基准（合成）", "scope": {"region": "浙江省", "sector": "市场监管", "city": "x"}, ` + entry + `}`, "scope.city"},
	} {
		_, err := LoadBenchmarkFile("agency.json", []byte(tc.file))
		var be *BenchmarkError
		if !errors.As(err, &be) || be.Field != tc.field {
			t.Errorf("%s: %v, want an error naming %s", tc.name, err, tc.field)
		}
	}
	f, err := LoadBenchmarkFile("agency.json", []byte(`{"name": "某局基准（合成）", "scope": {"region": "浙江省", "sector": "市场监管"}, `+entry+`}`))
	if err != nil || f.Scope.Region != "浙江省" {
		t.Fatalf("good file: %v %+v", err, f)
	}
}

// No silent assumptions: a range that depends on a base the input lacks, or
// on a fact the input does not state, is answered with what is missing and
// each branch, never by picking one.
func TestSuggestNeedsWhatItLacks(t *testing.T) {
	const ad = "《中华人民共和国广告法》第五十五条第一款"
	const food = "《中华人民共和国食品安全法》第一百二十四条第一款第（三）项"
	cases := []struct {
		name     string
		in       Input
		needs    []string
		branches []string // when of each branch
		min, max float64  // statutory range when there is one
	}{
		{"ad cost missing: both branches", Input{PenaltyBasis: ad}, []string{"ad_cost"}, []string{"广告费用可计算", "广告费用无法计算或者明显偏低"}, 0, 0},
		{"ad cost 3,200: three to five times, not 20万", Input{PenaltyBasis: ad, Amounts: map[string]float64{"ad_cost": 3200}}, nil, nil, 9600, 16000},
		{"ad cost incalculable, said by code", Input{PenaltyBasis: ad, Circumstances: []string{"base_incalculable"}}, nil, nil, 200000, 1000000},
		{"ad cost obviously low, said by code", Input{PenaltyBasis: ad, Amounts: map[string]float64{"ad_cost": 3200}, Circumstances: []string{"base_too_low"}}, nil, nil, 200000, 1000000},
		{"goods value missing: below and above 一万元", Input{PenaltyBasis: food}, []string{"goods_value"}, []string{"货值金额10000元以上", "货值金额不足10000元"}, 0, 0},
		{"goods value 9,999.99: the 不足一万元 branch", Input{PenaltyBasis: food, Amounts: map[string]float64{"goods_value": 9999.99}}, nil, nil, 50000, 100000},
		{"goods value exactly 10,000: ten to twenty times", Input{PenaltyBasis: food, Amounts: map[string]float64{"goods_value": 10000}}, nil, nil, 100000, 200000},
		{"illegal gains missing (价格违法行为行政处罚规定第七条)", Input{PenaltyBasis: "《价格违法行为行政处罚规定》第七条"}, []string{"illegal_gains"}, []string{"违法所得可计算", "没有违法所得"}, 0, 0},
		{"illegal gains stated as zero: 没有违法所得", Input{PenaltyBasis: "《价格违法行为行政处罚规定》第七条", Amounts: map[string]float64{"illegal_gains": 0}}, nil, nil, 50000, 500000},
		{"no illegal gains by code (消费者权益保护法第五十六条)", Input{PenaltyBasis: "《中华人民共和国消费者权益保护法》第五十六条第一款", Circumstances: []string{"no_base"}}, nil, nil, 0, 500000},
		{"拒不改正 not stated: no fine assumed", Input{PenaltyBasis: "《中华人民共和国个人信息保护法》第六十六条第一款"}, []string{"not_corrected"}, []string{"拒不改正的"}, 0, 0},
		{"拒不改正 stated", Input{PenaltyBasis: "《中华人民共和国个人信息保护法》第六十六条第一款", Circumstances: []string{"not_corrected"}}, nil, nil, 0, 1000000},
		{"广告法第五十八条: 一倍以上三倍以下 without 情节严重", Input{PenaltyBasis: "《中华人民共和国广告法》第五十八条第一款", Amounts: map[string]float64{"ad_cost": 10000}}, nil, nil, 10000, 30000},
		{"情节严重, said by code: 三倍以上五倍以下", Input{PenaltyBasis: "《中华人民共和国广告法》第五十八条第一款", Amounts: map[string]float64{"ad_cost": 10000}, Circumstances: []string{"serious"}}, nil, nil, 30000, 50000},
		{"情节严重 and 无法计算: 二十万元以上一百万元以下", Input{PenaltyBasis: "《中华人民共和国广告法》第五十八条第一款", Circumstances: []string{"serious", "base_incalculable"}}, nil, nil, 200000, 1000000},
		{"每人一千元以上五千元以下 (劳动保障监察条例第二十三条), 4 persons", Input{PenaltyBasis: "《劳动保障监察条例》第二十三条", Amounts: map[string]float64{"persons": 4}}, nil, nil, 4000, 20000},
		{"per person, count missing", Input{PenaltyBasis: "《劳动保障监察条例》第二十三条"}, []string{"persons"}, []string{"按每人计算"}, 0, 0},
		{"上一年年收入百分之四十 (安全生产法第九十五条第（一）项)", Input{PenaltyBasis: "《中华人民共和国安全生产法》第九十五条第（一）项", Amounts: map[string]float64{"annual_income": 200000}}, nil, nil, 80000, 80000},
		{"percent to multiple (产品质量法第五十条)", Input{PenaltyBasis: "《中华人民共和国产品质量法》第五十条", Amounts: map[string]float64{"goods_value": 10000}}, nil, nil, 5000, 30000},
		{"总投资额 percent (环境影响评价法第三十一条第一款)", Input{PenaltyBasis: "《中华人民共和国环境影响评价法》第三十一条第一款", Amounts: map[string]float64{"investment": 2000000}}, nil, nil, 20000, 100000},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s, err := Suggest(tc.in)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(s.Needs, tc.needs) {
				t.Errorf("needs %v, want %v", s.Needs, tc.needs)
			}
			var whens []string
			for _, b := range s.Branches {
				whens = append(whens, b.When)
				if b.Rule == "" {
					t.Errorf("branch %q states no range", b.When)
				}
			}
			for _, w := range tc.branches {
				found := false
				for _, got := range whens {
					found = found || strings.Contains(got, w)
				}
				if !found {
					t.Errorf("branches %v, want one for %q", whens, w)
				}
			}
			if tc.needs != nil {
				if s.Statutory != nil || s.Suggested.Fine != 0 {
					t.Errorf("a range was picked without the fact: %+v %+v", s.Statutory, s.Suggested)
				}
				return
			}
			if s.Statutory == nil || s.Statutory.Min != tc.min || s.Statutory.Max != tc.max {
				t.Errorf("statutory %+v, want %v–%v; reasons %v", s.Statutory, tc.min, tc.max, s.Reasons)
			}
		})
	}
	// the ad branch that rests on 无法计算 names the codes that say so
	s, _ := Suggest(Input{PenaltyBasis: ad})
	if len(s.Branches) != 2 || !slices.Equal(s.Branches[1].Circumstances, []string{"base_incalculable", "base_too_low"}) || *s.Branches[1].FineMin != 200000 || *s.Branches[1].FineMax != 1000000 {
		t.Errorf("fallback branch %+v", s.Branches)
	}
}

// A weighted table never assumes a factor's level: the missing factors are
// listed and the fine is the range their levels allow (粤环发〔2021〕7号 §2.5.1:
// 10% start; 重点管理 15% given; the rest 0–22, 0–11, 0–19, 0–5, 0–18).
func TestWeightsNeedMissingFactors(t *testing.T) {
	s, err := Suggest(gdEco(Input{PenaltyBasis: "《中华人民共和国水污染防治法》第八十三条第（一）项", Factors: map[string]string{"排污许可分类管理类别": "重点管理"}}))
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Needs) != 5 || s.Needs[0] != "factors.排污情况" {
		t.Errorf("needs %v, want the five factors not given", s.Needs)
	}
	// 25% → 250,000; 25 + 22 + 11 + 19 + 5 + 18 = 100% → 1,000,000
	if s.Suggested.Min != 250000 || s.Suggested.Max != 1000000 || s.Suggested.Fine != 0 {
		t.Errorf("suggested %+v, want 250000–1000000 and no single figure", s.Suggested)
	}
}

// A citation of a paragraph or item uses its own figures; an article whose
// paragraphs or items set different fines, cited whole, lists them.
func TestParagraphsAndItems(t *testing.T) {
	cases := []struct {
		name     string
		basis    string
		amounts  map[string]float64
		min, max float64
		alts     []string // citations offered instead of a range
	}{
		{"未批先建 第一款: 总投资额百分之一至五", "《中华人民共和国环境影响评价法》第三十一条第一款", map[string]float64{"investment": 1000000}, 10000, 50000, nil},
		{"第二款 依照前款: the first paragraph's rule", "《中华人民共和国环境影响评价法》第三十一条第二款", map[string]float64{"investment": 1000000}, 10000, 50000, nil},
		{"第三款 登记表: 五万元以下", "《中华人民共和国环境影响评价法》第三十一条第三款", nil, 0, 50000, nil},
		{"第三十一条 cited whole: not guessed", "《中华人民共和国环境影响评价法》第三十一条", map[string]float64{"investment": 1000000}, 0, 0,
			[]string{"第三十一条第一款", "第三十一条第二款", "第三十一条第三款"}},
		{"第九十一条第三款: 五千元, not 第一款's", "《中华人民共和国道路交通安全法》第九十一条第三款", nil, 5000, 5000, nil},
		{"第九十一条第一款", "《中华人民共和国道路交通安全法》第九十一条第一款", nil, 1000, 2000, nil},
		{"第九十一条 cited whole", "《中华人民共和国道路交通安全法》第九十一条", nil, 0, 0, []string{"第九十一条第一款", "第九十一条第三款"}},
		{"items with their own fines, no item cited", "《中华人民共和国安全生产法》第一百一十四条第一款", nil, 0, 0,
			[]string{"第一百一十四条第一款第（一）项", "第一百一十四条第一款第（四）项"}},
		{"one item cited", "《中华人民共和国安全生产法》第一百一十四条第一款第（二）项", nil, 1000000, 2000000, nil},
		{"items priced by their paragraph: one range", "《中华人民共和国食品安全法》第一百二十四条第一款", map[string]float64{"goods_value": 20000}, 200000, 400000, nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s, err := Suggest(Input{PenaltyBasis: tc.basis, Amounts: tc.amounts})
			if err != nil {
				t.Fatal(err)
			}
			if tc.alts != nil {
				var cits []string
				for _, a := range s.Alternatives {
					cits = append(cits, a.Citation)
					if a.Rule == "" {
						t.Errorf("alternative %s states no fine", a.Citation)
					}
				}
				for _, w := range tc.alts {
					if !slices.ContainsFunc(cits, func(c string) bool { return strings.HasSuffix(c, w) }) {
						t.Errorf("alternatives %v, want %s", cits, w)
					}
				}
				if s.Statutory != nil || s.Suggested.Fine != 0 {
					t.Errorf("a paragraph was guessed: %+v %+v", s.Statutory, s.Suggested)
				}
				return
			}
			if len(s.Alternatives) > 0 || s.Statutory == nil || s.Statutory.Min != tc.min || s.Statutory.Max != tc.max {
				t.Errorf("statutory %+v alternatives %d, want %v–%v; reasons %v", s.Statutory, len(s.Alternatives), tc.min, tc.max, s.Reasons)
			}
		})
	}
}

// 最高不超过 caps both ends: a rate of a large base never gives a minimum
// above the maximum (按直接损失的百分之三十计算，最高不超过一百万元).
func TestCapNeverBelowMinimum(t *testing.T) {
	rate := TierFine{Kind: "rate", Base: "direct_loss", MinRate: 0.3, MaxRate: 0.3, Cap: 1000000}
	mult := TierFine{Kind: "multiple", Base: "illegal_gains", MinTimes: 2, MaxTimes: 5, Cap: 1000000}
	for _, tc := range []struct {
		name     string
		f        TierFine
		base     string
		v        float64
		min, max float64
	}{
		{"rate, loss 5,000,000: capped at 1,000,000", rate, "direct_loss", 5000000, 1000000, 1000000},
		{"rate, loss 3,333,333: just below the cap", rate, "direct_loss", 3333333, 999999.9, 999999.9},
		{"rate, loss 3,333,334: just above", rate, "direct_loss", 3333334, 1000000, 1000000},
		{"multiple, gains 300,000: 600,000–1,000,000", mult, "illegal_gains", 300000, 600000, 1000000},
		{"multiple, gains 600,000: min above the cap → capped", mult, "illegal_gains", 600000, 1000000, 1000000},
	} {
		lo, hi, ok := tc.f.rangeFor(map[string]float64{tc.base: tc.v}, "")
		if !ok || lo > hi || abs(lo-tc.min) > 0.01 || abs(hi-tc.max) > 0.01 {
			t.Errorf("%s: %v–%v (%v), want %v–%v", tc.name, lo, hi, ok, tc.min, tc.max)
		}
	}
	// the same in a statute's rule
	r := FineRule{Base: "direct_loss", MinTimes: 0.3, MaxTimes: 0.3, Cap: 1000000}
	if lo, hi, _, ok := r.Range(map[string]float64{"direct_loss": 5000000}); !ok || lo != 1000000 || hi != 1000000 {
		t.Errorf("statute rule with cap: %v–%v", lo, hi)
	}
}

func abs(v float64) float64 {
	if v < 0 {
		return -v
	}
	return v
}

// An article cited whole whose paragraphs set different fines: the facts
// pick the paragraph when they describe its conduct, saying so; facts that
// describe none leave it to the officer (synthetic facts).
func TestParagraphFromFacts(t *testing.T) {
	const eia = "《中华人民共和国环境影响评价法》第三十一条"
	cases := []struct {
		name, facts string
		amounts     map[string]float64
		cit         string // "" = not picked
		min, max    float64
	}{
		{"未批先建 (报告书)", "当事人建设项目环境影响报告书未经批准，擅自开工建设，总投资额100万元。", map[string]float64{"investment": 1000000},
			eia + "第一款", 10000, 50000},
		{"登记表未备案", "当事人未依法备案建设项目环境影响登记表即投入建设。", nil, eia + "第三款", 0, 50000},
		{"facts that describe neither", "当事人违反环境保护规定。", map[string]float64{"investment": 1000000}, "", 0, 0},
		{"facts that match both fines alike", "当事人的建设项目环境影响文件存在问题。", map[string]float64{"investment": 1000000}, "", 0, 0},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s, err := Suggest(Input{PenaltyBasis: eia, Facts: tc.facts, Amounts: tc.amounts})
			if err != nil {
				t.Fatal(err)
			}
			if len(s.Alternatives) != 3 {
				t.Errorf("alternatives %d: the officer must still see the others", len(s.Alternatives))
			}
			if tc.cit == "" {
				if s.Statutory != nil {
					t.Errorf("a paragraph was guessed: %+v %v", s.Statutory, s.Reasons)
				}
				return
			}
			why := strings.Join(s.Reasons, " ")
			if s.Statutory == nil || s.Statutory.Min != tc.min || s.Statutory.Max != tc.max || !strings.Contains(why, tc.cit) || !strings.Contains(why, "事实所述行为") {
				t.Errorf("statutory %+v, reasons %v; want %s %v–%v, saying the facts picked it", s.Statutory, s.Reasons, tc.cit, tc.min, tc.max)
			}
		})
	}
}
