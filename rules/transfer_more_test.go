package rules

import (
	"strings"
	"testing"
)

// Food, drug, wildlife and tax thresholds: for each, a case just below and
// one at the threshold (all facts synthetic).
func TestTransferFoodDrugWildlifeTax(t *testing.T) {
	amt := func(kv ...any) map[string]float64 {
		m := map[string]float64{}
		for i := 0; i < len(kv); i += 2 {
			m[kv[i].(string)] = float64(kv[i+1].(int))
		}
		return m
	}
	const (
		weilie    = "生产、销售伪劣产品罪"
		buhege    = "生产、销售不符合安全标准的食品罪"
		youdu     = "生产、销售有毒、有害食品罪"
		jiayao    = "生产、销售、提供假药罪"
		zhengui   = "危害珍贵、濒危野生动物罪"
		shoulie   = "非法狩猎罪"
		lusheng   = "非法猎捕、收购、运输、出售陆生野生动物罪"
		taoshui   = "逃税罪"
		tuishui   = "骗取出口退税罪"
		zhuanpiao = "虚开增值税专用发票、用于骗取出口退税、抵扣税款发票罪"
		fapiao    = "虚开发票罪"
	)
	cases := []struct {
		name   string
		facts  string
		amts   map[string]float64
		crimes []string
	}{
		// 刑法第一百四十九条: food and drugs below the 140 threshold are no crime by sales alone
		{"food sales below 5万", "当事人销售过期食品", amt("sales_amount", 49999), nil},
		{"food sales at 5万 cites 149", "当事人销售过期食品", amt("sales_amount", 50000), []string{weilie}},
		{"drug sales at 5万 cites 149", "当事人销售劣药", amt("sales_amount", 50000), []string{weilie}},

		// 刑法第一百四十三条, 解释第一条第（二）项: no amount, the kind of meat decides
		{"sick-animal meat", "当事人销售病死猪肉", nil, []string{buhege}},
		{"sick animal not sold as food", "当事人未对病死猪进行无害化处理", nil, nil},
		{"unqualified food, no 第一条 situation", "当事人销售菌落总数超标的糕点", amt("sales_amount", 30000), nil},
		{"banned for disease control", "当事人销售国家明令禁止销售的食品", nil, []string{buhege}},

		// 刑法第一百四十四条, 解释第九条、第十一条
		{"non-food raw material", "当事人在卤肉中掺入有毒、有害的非食品原料", nil, []string{youdu}},
		{"listed non-edible substance", "当事人在火锅底料中添加非食用物质罂粟壳", nil, []string{youdu}},
		{"banned pesticide on vegetables", "当事人种植的韭菜中使用禁用农药甲拌磷", nil, []string{youdu}},
		{"banned pesticide sold as pesticide", "当事人向农户销售禁用农药", nil, nil},
		{"additive over the limit is not 144", "当事人超范围使用食品添加剂", nil, nil},

		// 刑法第一百四十一条: any 生产、销售假药
		{"fake drug", "当事人销售假药", nil, []string{jiayao}},
		{"inferior drug, not fake", "经检验不属于假药，当事人销售劣药", amt("sales_amount", 20000), nil},

		// 刑法第三百四十一条第一款, 解释第六条: 价值二万元以上
		{"protected species below 2万", "当事人非法收购国家二级保护野生动物", amt("wildlife_value", 19999), nil},
		{"protected species at 2万", "当事人非法收购国家二级保护野生动物", amt("wildlife_value", 20000), []string{zhengui}},

		// 刑法第三百四十一条第二款, 解释第七条
		{"hunting in closed season below 1万", "当事人在禁猎期狩猎", amt("wildlife_value", 9999), nil},
		{"hunting in closed season at 1万", "当事人在禁猎期狩猎", amt("wildlife_value", 10000), []string{shoulie}},
		{"hunting without a 禁猎 circumstance", "当事人狩猎野兔", amt("wildlife_value", 10000), nil},
		{"closed area with banned tools", "当事人在禁猎区使用禁用的工具狩猎", nil, []string{shoulie}},
		{"closed area, tools not banned", "当事人在禁猎区狩猎", nil, nil},
		{"closed season with banned tools", "当事人在禁猎期使用禁用工具猎捕野鸡", nil, []string{shoulie}},

		// 刑法第三百四十一条第三款, 解释第八条
		{"三有 animals for food below 1万", "当事人以食用为目的收购三有保护动物", amt("wildlife_value", 9999), nil},
		{"三有 animals for food at 1万", "当事人以食用为目的收购三有保护动物", amt("wildlife_value", 10000), []string{lusheng}},
		{"other animals for food at 1万", "当事人以食用为目的出售野生蛙类", amt("wildlife_value", 10000), nil},
		{"other animals for food below 5万", "当事人以食用为目的出售野生蛙类", amt("wildlife_value", 49999), nil},
		{"other animals for food at 5万", "当事人以食用为目的出售野生蛙类", amt("wildlife_value", 50000), []string{lusheng}},

		// 刑法第二百零一条, 解释第二条: 十万元以上 and 百分之十以上
		{"tax evaded below 10万", "当事人虚假纳税申报", amt("tax_evaded", 99999, "tax_due", 200000), nil},
		{"tax evaded 10万 at 10%", "当事人虚假纳税申报", amt("tax_evaded", 100000, "tax_due", 1000000), []string{taoshui}},
		{"tax evaded 10万 below 10%", "当事人虚假纳税申报", amt("tax_evaded", 100000, "tax_due", 1000001), nil},
		{"tax due unknown", "当事人虚假纳税申报", amt("tax_evaded", 500000), nil},
		// 第四款: paid after the 追缴通知 and penalised → 不予追究刑事责任
		{"tax repaid, unless", "经税务机关下达追缴通知后，当事人已补缴税款、缴纳滞纳金，已受行政处罚", amt("tax_evaded", 300000, "tax_due", 1000000), nil},
		// …除外: 五年内 two earlier administrative penalties
		{"tax repaid, but five-year exception", "经税务机关下达追缴通知后，当事人已补缴税款、缴纳滞纳金，已受行政处罚；当事人五年内因逃避缴纳税款被税务机关给予二次以上行政处罚", amt("tax_evaded", 300000, "tax_due", 1000000), []string{taoshui}},
		{"tax from facts", "当事人逃避缴纳税款人民币12万元，应纳税额人民币80万元。", nil, []string{taoshui}},

		// 刑法第二百零四条, 解释第八条
		{"export rebate below 10万", "", amt("export_rebate_defrauded", 99999), nil},
		{"export rebate at 10万", "", amt("export_rebate_defrauded", 100000), []string{tuishui}},

		// 刑法第二百零五条, 解释第十一条
		{"VAT invoice tax below 10万", "当事人虚开增值税专用发票", amt("invoice_tax_amount", 99999), nil},
		{"VAT invoice tax at 10万", "当事人虚开增值税专用发票", amt("invoice_tax_amount", 100000), []string{zhuanpiao}},

		// 刑法第二百零五条之一, 解释第十三条
		{"ordinary invoices below 50万", "当事人虚开普通发票", amt("invoice_face_amount", 499999, "invoice_count", 10), nil},
		{"ordinary invoices at 50万", "当事人虚开普通发票", amt("invoice_face_amount", 500000, "invoice_count", 10), []string{fapiao}},
		{"99 invoices, 30万", "当事人虚开普通发票", amt("invoice_face_amount", 300000, "invoice_count", 99), nil},
		{"100 invoices, 30万", "当事人虚开普通发票", amt("invoice_face_amount", 300000, "invoice_count", 100), []string{fapiao}},
		{"VAT invoices are not 205之一", "当事人虚开增值税专用发票", amt("invoice_face_amount", 600000), nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			res, err := Transfer(Input{Facts: tc.facts, Amounts: tc.amts})
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, f := range res.Flags {
				got = append(got, f.Crime)
				if f.Reason == "" || f.Value < f.Threshold {
					t.Errorf("flag %+v: no reason or value below threshold", f)
				}
			}
			if strings.Join(got, "|") != strings.Join(tc.crimes, "|") {
				t.Errorf("crimes = %v, want %v", got, tc.crimes)
			}
		})
	}
}

func TestTransferReasons(t *testing.T) {
	res, err := Transfer(Input{Facts: "当事人销售假药", Amounts: map[string]float64{}})
	if err != nil || len(res.Flags) != 1 {
		t.Fatalf("flags = %+v, err = %v", res.Flags, err)
	}
	if f := res.Flags[0]; f.Metric != "" || len(f.Matched) != 1 || f.Matched[0] != "假药" || !strings.Contains(f.Reason, "“假药”") {
		t.Errorf("facts-only flag = %+v", f)
	}
	// a food case reaches 伪劣产品罪 through 刑法第一百四十九条, a plain product through 第一百四十条
	for facts, want := range map[string]string{"当事人销售过期食品": "第一百四十九条第一款", "当事人销售不合格电线": "第一百四十条"} {
		res, _ = Transfer(Input{Facts: facts, Amounts: map[string]float64{"sales_amount": 80000}})
		if len(res.Flags) != 1 || !strings.HasSuffix(res.Flags[0].CriminalBasis, want) {
			t.Errorf("%s: flags = %+v, want one citing %s", facts, res.Flags, want)
		}
	}
	res, _ = Transfer(Input{Amounts: map[string]float64{"tax_evaded": 150000, "tax_due": 1000000}})
	if len(res.Flags) != 1 || !strings.Contains(res.Flags[0].Reason, "占应纳税额的15%") {
		t.Errorf("逃税 reason = %+v", res.Flags)
	}
}

func TestWordGroups(t *testing.T) {
	g := WordGroups{{"a", "b"}, {"c"}}
	if w, ok := g.Match("xbxc"); !ok || strings.Join(w, ",") != "b,c" {
		t.Errorf("Match = %v %v", w, ok)
	}
	if _, ok := g.Match("ab"); ok {
		t.Error("a group without a word in the text must not match")
	}
	if WordGroups(nil).matchesSome("abc") {
		t.Error("an absent exception must not apply")
	}
}

// 环境污染 (2023 解释 第一条): the figure cases just below and at the
// threshold, and the facts cases with and without the words (all synthetic).
func TestTransferPollution(t *testing.T) {
	const crime = "污染环境罪"
	cases := []struct {
		name  string
		facts string
		amts  map[string]float64
		want  int // flags for 污染环境罪
	}{
		{"lead 2.9 times", "当事人排放含铅废水", map[string]float64{"exceed_multiple": 2.9}, 0},
		{"lead 3 times", "当事人排放含铅废水", map[string]float64{"exceed_multiple": 3}, 1},
		{"copper 3 times is not enough", "当事人排放含铜废水", map[string]float64{"exceed_multiple": 3}, 0},
		{"copper 10 times", "当事人排放含铜废水", map[string]float64{"exceed_multiple": 10}, 1},
		{"hidden pipe with toxic matter", "当事人通过私设暗管排放含有毒物质的废水", nil, 1},
		{"hidden pipe, ordinary sewage", "当事人通过私设暗管排放生活污水", nil, 0},
		{"drinking-water protection area", "当事人在饮用水水源保护区内倾倒危险废物", nil, 1},
		{"falsified monitoring data", "当事人系重点排污单位，篡改自动监测数据排放化学需氧量", nil, 1},
		{"loss below 30万", "当事人非法倾倒废液污染农田", map[string]float64{"direct_loss": 299999}, 0},
		{"loss 30万", "当事人非法倾倒废液污染农田", map[string]float64{"direct_loss": 300000}, 1},
		{"gains 30万 without pollution is another matter", "当事人销售假冒商品", map[string]float64{"illegal_gains": 300000}, 0},
	}
	for _, tc := range cases {
		res, err := Transfer(Input{Facts: tc.facts, Amounts: tc.amts})
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		n := 0
		for _, f := range res.Flags {
			if f.Crime == crime {
				n++
				if !strings.Contains(f.StandardBasis, "环境污染刑事案件") {
					t.Errorf("%s: standard %q", tc.name, f.StandardBasis)
				}
			}
		}
		if n != tc.want {
			t.Errorf("%s: %d 污染环境罪 flags, want %d (%+v)", tc.name, n, tc.want, res.Flags)
		}
	}
}

// 知识产权 (2004 解释 第三至五条) beyond 假冒注册商标: just below and at each
// figure (synthetic facts).
func TestTransferIntellectualProperty(t *testing.T) {
	cases := []flagCase{
		{"labels 19999", "当事人擅自制造他人注册商标标识", map[string]float64{"trademark_labels": 19999}, "非法制造、销售非法制造的注册商标标识罪", false},
		{"labels 20000", "当事人擅自制造他人注册商标标识", map[string]float64{"trademark_labels": 20000}, "非法制造、销售非法制造的注册商标标识罪", true},
		{"patent business 199999", "当事人假冒他人专利", map[string]float64{"illegal_business_amount": 199999}, "假冒专利罪", false},
		{"patent business 20万", "当事人假冒他人专利", map[string]float64{"illegal_business_amount": 200000}, "假冒专利罪", true},
		{"patent loss 50万", "当事人假冒他人专利", map[string]float64{"direct_loss": 500000}, "假冒专利罪", true},
		{"patent words needed", "当事人销售商品", map[string]float64{"illegal_business_amount": 300000}, "假冒专利罪", false},
		{"copyright gains 29999", "当事人复制发行盗版图书", map[string]float64{"illegal_gains": 29999}, "侵犯著作权罪", false},
		{"copyright gains 3万", "当事人复制发行盗版图书", map[string]float64{"illegal_gains": 30000}, "侵犯著作权罪", true},
		{"copyright 1000 copies", "当事人复制发行盗版光盘", map[string]float64{"infringing_copies": 1000}, "侵犯著作权罪", true},
	}
	checkFlagged(t, cases)
}

// 个人信息 by kind of information (2017 解释 第五条) and 生产安全 by loss
// (2015 解释 第六条): just below and at each figure (synthetic facts).
func TestTransferPersonalInfoAndSafetyLoss(t *testing.T) {
	cases := []flagCase{
		{"track records 49", "当事人出售他人行踪轨迹信息", map[string]float64{"personal_info_records": 49}, "侵犯公民个人信息罪", false},
		{"track records 50", "当事人出售他人行踪轨迹信息", map[string]float64{"personal_info_records": 50}, "侵犯公民个人信息罪", true},
		{"lodging records 499", "当事人出售酒店住宿信息", map[string]float64{"personal_info_records": 499}, "侵犯公民个人信息罪", false},
		{"lodging records 500", "当事人出售酒店住宿信息", map[string]float64{"personal_info_records": 500}, "侵犯公民个人信息罪", true},
		{"other records 500", "当事人出售客户姓名电话", map[string]float64{"personal_info_records": 500}, "侵犯公民个人信息罪", false},
		{"gains 4999", "当事人出售公民个人信息", map[string]float64{"illegal_gains": 4999}, "侵犯公民个人信息罪", false},
		{"gains 5000", "当事人出售公民个人信息", map[string]float64{"illegal_gains": 5000}, "侵犯公民个人信息罪", true},
		{"accident loss 99万", "当事人生产作业中发生事故", map[string]float64{"direct_loss": 990000}, "重大责任事故罪", false},
		{"accident loss 100万", "当事人生产作业中发生事故", map[string]float64{"direct_loss": 1000000}, "重大责任事故罪", true},
		{"traffic accident loss is not 重大责任事故", "驾驶货车发生交通事故", map[string]float64{"direct_loss": 2000000}, "重大责任事故罪", false},
	}
	checkFlagged(t, cases)
}

// 非法转让、倒卖土地使用权 (2000 解释 第一条), not 非法占用农用地 (synthetic facts).
func TestTransferLandTransfer(t *testing.T) {
	const crime = "非法转让、倒卖土地使用权罪"
	cases := []struct {
		name, facts string
		amts        map[string]float64
		want        []string
	}{
		{"basic farmland 4 mu", "当事人以牟利为目的非法转让土地使用权", map[string]float64{"basic_farmland_mu": 4}, nil},
		{"basic farmland 5 mu", "当事人以牟利为目的非法转让土地使用权", map[string]float64{"basic_farmland_mu": 5}, []string{crime}},
		{"other land 20 mu", "当事人倒卖土地使用权", map[string]float64{"other_land_mu": 20}, []string{crime}},
		{"gains 50万", "当事人倒卖土地使用权", map[string]float64{"illegal_gains": 500000}, []string{crime}},
		{"occupying is the other crime", "当事人非法占用耕地建房", map[string]float64{"farmland_mu": 10}, []string{"非法占用农用地罪"}},
	}
	for _, tc := range cases {
		res, err := Transfer(Input{Facts: tc.facts, Amounts: tc.amts})
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		var got []string
		for _, f := range res.Flags {
			got = append(got, f.Crime)
		}
		if strings.Join(got, "|") != strings.Join(tc.want, "|") {
			t.Errorf("%s: %v, want %v", tc.name, got, tc.want)
		}
	}
}

// flagCase: with these facts and amounts, is crime flagged?
type flagCase struct {
	name, facts string
	amts        map[string]float64
	crime       string
	want        bool
}

func checkFlagged(t *testing.T, cases []flagCase) {
	t.Helper()
	for _, tc := range cases {
		res, err := Transfer(Input{Facts: tc.facts, Amounts: tc.amts})
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		got := false
		for _, f := range res.Flags {
			got = got || f.Crime == tc.crime
		}
		if got != tc.want {
			t.Errorf("%s: flagged %v, want %v (%+v)", tc.name, got, tc.want, res.Flags)
		}
	}
}

// metricWords: the quote of a threshold on a metric names that quantity.
var metricWords = map[string][]string{
	"basic_farmland_mu": {"基本农田"}, "farmland_mu": {"耕地"}, "other_land_mu": {"其他土地"},
	"deaths": {"死亡"}, "serious_injuries": {"重伤"}, "direct_loss": {"损失"}, "exceed_multiple": {"超过"},
	"export_rebate_defrauded": {"出口退税"}, "goods_value": {"货值"}, "hazardous_waste_tons": {"危险废物"},
	"illegal_business_amount": {"非法经营数额"}, "illegal_gains": {"违法所得", "非法获利"}, "infringing_copies": {"复制品"},
	"invoice_face_amount": {"票面金额"}, "invoice_tax_amount": {"税款"}, "personal_info_records": {"信息"},
	"sales_amount": {"销售金额"}, "saplings": {"幼树"}, "tax_evaded": {"逃避缴纳税款"}, "timber_m3": {"立方米"},
	"trademark_labels": {"标识"}, "wildlife_value": {"价值"},
}

// Every threshold flags a case built from its own words at its figure, and
// (on a metric) not just below it; its quote names the metric it counts.
// A threshold added without a word for its metric fails here.
func TestEveryThresholdAtAndBelow(t *testing.T) {
	ths, err := Thresholds()
	if err != nil {
		t.Fatal(err)
	}
	flagged := func(th Threshold, factor float64, withWords bool) bool {
		words := []string{th.Condition}
		for _, g := range th.Require {
			words = append(words, g[0])
		}
		if !withWords {
			words = nil
		}
		in := Input{Facts: "合成案情：" + strings.Join(words, "，"), Amounts: map[string]float64{}}
		if th.Metric != "" {
			in.Amounts[th.Metric] = th.Threshold * factor
		}
		for _, a := range th.Also {
			in.Amounts[a.Metric] = a.Threshold
		}
		if th.RatioOf != "" {
			in.Amounts[th.RatioOf] = th.Threshold / th.MinRatio
		}
		res, err := Transfer(in)
		if err != nil {
			t.Fatalf("%s: %v", th.ID, err)
		}
		for _, f := range res.Flags {
			if f.Crime == th.Crime && f.StandardBasis == th.StandardBasis && f.Metric == th.Metric {
				return true
			}
		}
		return false
	}
	for _, th := range ths {
		if th.Metric != "" && !th.NationalStandard {
			words, ok := metricWords[th.Metric]
			named := false
			for _, w := range words {
				named = named || strings.Contains(th.Quote, w)
			}
			if !ok || !named {
				t.Errorf("%s: quote %q does not name the metric %s", th.ID, th.Quote, th.Metric)
			}
		}
		if !flagged(th, 1, true) {
			t.Errorf("%s: a case at its figure with its own words is not flagged", th.ID)
		}
		if th.Metric != "" && flagged(th, 0.99, true) {
			t.Errorf("%s: flagged below its figure", th.ID)
		}
		if (th.Condition != "" || len(th.Require) > 0) && flagged(th, 1, false) {
			t.Errorf("%s: flagged without the facts its condition requires", th.ID)
		}
	}
}
