package rules

import (
	"math"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// Worked examples of the Guangdong weighted table (粤环发〔2021〕7号 附件1),
// one or more per transcribed entry. Each figure was computed by hand from
// the published table — 裁量起点 + the weight of the chosen level of every
// factor, at most 100%, times the maximum the 备注 names, never below the
// statutory minimum — not by running the code.
func TestGuangdongWorkedExamples(t *testing.T) {
	const (
		water83 = "《中华人民共和国水污染防治法》第八十三条"
		air99   = "《中华人民共和国大气污染防治法》第九十九条"
		air100  = "《中华人民共和国大气污染防治法》第一百条"
	)
	cases := []struct {
		entry   string
		basis   string
		factors map[string]string
		min     float64 // statutory range the suggestion reports
		max     float64
		fine    float64
	}{
		// §2.3: 10 + 未安装 30 + 6个月以上 20 + 有同类违法行为 20 + 逾期未改正 20 = 100% × 20万 = 200,000 (the whole range).
		{"guangdong-2.3", "《中华人民共和国水污染防治法》第八十二条第（二）项", map[string]string{
			"行为表现形式": "未安装", "违法行为持续时间": "6个月以上", "近一年同类违法行为": "有同类违法行为", "整改情况": "逾期未改正"},
			20000, 200000, 200000},
		// §2.3: 10 + 已联网但未正常使用 10 + 1个月以上3个月以下 5 + 0 + 0 = 25% × 20万 = 50,000.
		{"guangdong-2.3", "《中华人民共和国水污染防治法》第八十二条第（二）项", map[string]string{
			"行为表现形式": "已联网但未正常使用", "违法行为持续时间": "1个月以上3个月以下", "近一年同类违法行为": "无同类违法行为", "整改情况": "限期内改正"},
			20000, 200000, 50000},
		// §2.5.1: 10 + 简化管理 0 + B类 0 + 生态环境敏感区域 11 + 6个月以上12个月以下 9 + 限期内改正 0 + 3次 6 = 36% × 100万 = 360,000.
		{"guangdong-2.5.1", water83 + "第（一）项", map[string]string{
			"排污许可分类管理类别": "简化管理", "排污情况": "排放B类水污染物", "排放口所在区域": "生态环境敏感区域",
			"违法行为持续时间": "6个月以上12个月以下", "整改情况": "限期内改正", "近二年同类违法行为情况（含本次）": "3次"},
			100000, 1000000, 360000},
		// §2.7.1: 7 + 1个 0 + B类 0 + 一般区域 0 + 50吨以下 0 + 仅pH值超标（2<pH<5或10<pH<11） 0 + 1次 0 = 7% × 100万 = 70,000,
		// below the statutory minimum of 第八十三条, so 100,000.
		{"guangdong-2.7.1", water83 + "第（二）项", map[string]string{
			"超标因子数目": "1个", "排污情况": "排放B类水污染物", "排放口所在区域": "一般区域", "废水日排放量": "50吨以下",
			"超标情况": "仅pH值超标（2<pH<5或10<pH<11）", "近二年同类违法行为情况（含本次）": "1次"},
			100000, 1000000, 100000},
		// §2.7.1: 7 + 2个 2 + A类 10 + 限批区或人居环境敏感区 3 + 50吨以上200吨以下 3 + 超标3倍以下 5 + 2次 3 = 33% × 100万 = 330,000.
		{"guangdong-2.7.1", water83 + "第（二）项", map[string]string{
			"超标因子数目": "2个", "排污情况": "排放A类水污染物（除有毒有害水污染物）", "排放口所在区域": "限批区或人居环境敏感区",
			"废水日排放量": "50吨以上200吨以下", "超标情况": "超标3倍以下或超量30%以下", "近二年同类违法行为情况（含本次）": "2次"},
			100000, 1000000, 330000},
		// §2.8.1: 10 + 偷排 20 + 有毒有害 19 + 饮用水水源一级保护区 15 + 逾期未改正 5 + 15天以上 15 + 4次以上 16 = 100% × 100万 = 1,000,000.
		{"guangdong-2.8.1", water83 + "第（三）项", map[string]string{
			"行为表现形式": "偷排", "排污情况": "有毒有害污染物", "排放口所在区域": "饮用水水源一级保护区",
			"整改情况": "逾期未改正", "违法行为持续时间": "15天以上", "近二年同类违法行为情况": "4次以上"},
			100000, 1000000, 1000000},
		// §2.8.1: 10 + 整体不正常运行 10 + 其他污染物 0 + 生态环境敏感区（除一级保护区） 8 + 限期内改正 0 + 1天以上5天以下 2 + 1次 0 = 30% × 100万 = 300,000.
		{"guangdong-2.8.1", water83 + "第（三）项", map[string]string{
			"行为表现形式": "整体污染防治设施不正常运行", "排污情况": "除有毒有害污染物以外的其他污染物",
			"排放口所在区域": "生态环境敏感区（除饮用水水源一级保护区）", "整改情况": "限期内改正",
			"违法行为持续时间": "1天以上5天以下", "近二年同类违法行为情况": "1次"},
			100000, 1000000, 300000},
		// §2.27: 10 + 台账不如实记录 20 + 限期内改正 0 + 10天以上20天以下 15 + A类 20 = 65% × 20万 = 130,000.
		{"guangdong-2.27", "《广东省环境保护条例》第六十七条第一款", map[string]string{
			"是否建立台账": "台账不如实记录", "整改情况": "限期内改正违法行为", "违法行为持续时间": "10天以上20天以下", "排污情况": "排放A类污染物"},
			20000, 200000, 130000},
		// §2.27: 10 + 已建立台账但不符合要求 0 + 0 + 10天以内 0 + B类 0 = 10% × 20万 = 20,000, the statutory minimum.
		{"guangdong-2.27", "《广东省环境保护条例》第六十七条第一款", map[string]string{
			"是否建立台账": "已建立台账，但不符合要求", "整改情况": "限期内改正违法行为", "违法行为持续时间": "10天以内", "排污情况": "排放B类污染物"},
			20000, 200000, 20000},
		// §2.30: 50 + 不如实公开 0 + 限期内改正 0 + 1次 0 + B类 0 = 50% × 20万 = 100,000, the statutory minimum.
		{"guangdong-2.30", "《广东省环境保护条例》第六十八条", map[string]string{
			"行为表现形式": "不如实公开", "整改情况": "限期内改正", "近二年同类违法行为情况": "1次", "污染物类别": "B类污染物"},
			100000, 200000, 100000},
		// §2.30: 50 + 不公开 10 + 逾期未改正 15 + 3次以下 8 + A类 10 = 93% × 20万 = 186,000.
		{"guangdong-2.30", "《广东省环境保护条例》第六十八条", map[string]string{
			"行为表现形式": "不公开", "整改情况": "逾期未改正", "近二年同类违法行为情况": "3次以下", "污染物类别": "A类污染物"},
			100000, 200000, 186000},
		// §3.2.1: 7 + 重点管理 15 + A类 25 + 生态环境敏感区 15 + 一般期间 0 + 已经处理 0 + 1次 0 = 62% × 100万 = 620,000.
		{"guangdong-3.2.1", air99 + "第（一）项", map[string]string{
			"排污许可分类管理类别": "重点管理", "排污情况": "排放A类大气污染物", "排放口所在区域": "生态环境敏感区",
			"大气排放时期敏感度": "一般期间", "大气污染物收集处理情况": "已经污染防治设施收集处理", "近二年同类违法行为情况（含本次）": "1次"},
			100000, 1000000, 620000},
		// §3.4.1: 10 + 3个以上 5 + A类 25 + 生态环境敏感区 15 + 重污染天气预警期间 10 + 超标20倍以上 21 + 4次以上 14 = 100% × 100万 = 1,000,000.
		{"guangdong-3.4.1", air99 + "第（二）项", map[string]string{
			"超标因子数目": "3个以上", "排污情况": "排放A类大气污染物", "排放口所在区域": "生态环境敏感区",
			"大气超标排放时期敏感程度": "重污染天气预警期间", "超标情况": "超标20倍以上或超量80%以上", "近二年同类违法行为情况（含本次）": "4次以上"},
			100000, 1000000, 1000000},
		// §3.4.1: 10 + 1个 0 + 含挥发性有机物废气 3 + 一般区域 0 + 一般期间 0 + 超标3倍以下 2 + 1次 0 = 15% × 100万 = 150,000.
		{"guangdong-3.4.1", air99 + "第（二）项", map[string]string{
			"超标因子数目": "1个", "排污情况": "排放含挥发性有机物废气", "排放口所在区域": "一般区域",
			"大气超标排放时期敏感程度": "一般期间", "超标情况": "超标3倍以下或超量30%以下", "近二年同类违法行为情况（含本次）": "1次"},
			100000, 1000000, 150000},
		// §3.5.1: 10 + 篡改、伪造监测数据 20 + 其他污染物 0 + 限批区或人居环境敏感区 3 + 5天以上15天以下 8 + 2次 2 + 不配合调查 5 = 48% × 100万 = 480,000.
		{"guangdong-3.5.1", air99 + "第（三）项", map[string]string{
			"行为表现形式": "篡改、伪造监测数据", "排污情况": "除有毒有害污染物以外的其他污染物", "排放口所在区域": "限批区或人居环境敏感区",
			"违法行为持续时间": "5天以上15天以下", "近二年同类违法行为情况（含本次）": "2次", "配合调查情况": "不配合调查"},
			100000, 1000000, 480000},
		// §3.8: 10 + 已联网但未使用 20 + 3个月以上6个月以下 10 + 无同类 0 + 逾期未改正 20 = 60% × 20万 = 120,000.
		{"guangdong-3.8", air100 + "第（三）项", map[string]string{
			"行为表现形式": "已联网但未使用", "违法行为持续时间": "3个月以上6个月以下", "近一年同类违法行为": "无同类违法行为", "整改情况": "逾期未改正"},
			20000, 200000, 120000},
		// §3.9: 10 + 不公开 20 + 逾期未改正 30 + 5次以上10次以下 10 + A类 20 = 90% × 20万 = 180,000.
		{"guangdong-3.9", air100 + "第（四）项", map[string]string{
			"行为表现形式": "不公开", "整改情况": "逾期未改正", "近二年同类违法行为情况": "5次以上10次以下", "排污情况": "A类污染物"},
			20000, 200000, 180000},
		// §3.10: 10 + 环境敏感区或限批区 30 + A类 30 + 3个及以上 30 = 100% × 20万 = 200,000.
		{"guangdong-3.10", air100 + "第（五）项", map[string]string{
			"排放口所在区域": "环境敏感区或限批区", "排污情况": "A类污染物", "不符合规定的污染物排放口数量": "3个及以上"},
			20000, 200000, 200000},
		// §3.10: 10 + 0 + B类 0 + 2个 15 = 25% × 20万 = 50,000.
		{"guangdong-3.10", air100 + "第（五）项", map[string]string{
			"排放口所在区域": "环境敏感区或限批区以外的区域", "排污情况": "B类污染物", "不符合规定的污染物排放口数量": "2个"},
			20000, 200000, 50000},
	}
	for _, tc := range cases {
		t.Run(tc.entry, func(t *testing.T) {
			s, err := Suggest(gdEco(Input{PenaltyBasis: tc.basis, Party: Party{Type: "organization"}, Factors: tc.factors}))
			if err != nil {
				t.Fatal(err)
			}
			if s.Benchmark["entry"] != tc.entry {
				t.Fatalf("benchmark entry = %v, want %s (the entry for the cited item)", s.Benchmark["entry"], tc.entry)
			}
			for _, r := range s.Reasons {
				if strings.HasPrefix(r, "注意：裁量要素") || strings.HasPrefix(r, "注意：未提供裁量要素") {
					t.Errorf("a factor level was not matched: %s", r)
				}
			}
			if s.Suggested.Fine != tc.fine {
				t.Errorf("fine = %v, want %v; reasons %v", s.Suggested.Fine, tc.fine, s.Reasons)
			}
			if s.Statutory == nil || s.Statutory.Min != tc.min || s.Statutory.Max != tc.max {
				t.Errorf("statutory = %+v, want %v–%v", s.Statutory, tc.min, tc.max)
			}
		})
	}
}

// Worked examples of the range tables (档次) of the same chapters: the officer
// picks the row (tier) whose circumstances fit, and without other
// circumstances the suggestion is the middle of its range, computed by hand.
func TestGuangdongTierExamples(t *testing.T) {
	const (
		water = "《中华人民共和国水污染防治法》"
		air   = "《中华人民共和国大气污染防治法》"
		gdep  = "《广东省环境保护条例》"
		gdair = "《广东省大气污染防治条例》"
	)
	cases := []struct {
		entry   string
		basis   string
		bench   string // set when two entries share the provision
		party   string
		tier    string
		amounts map[string]float64 // the base of a multiple-priced tier
		fine    float64
	}{
		// §2.1 tier 4 在接受监督检查时弄虚作假、近一年有同类违法行为: 8万–11万, middle (8+11)/2 = 9.5万.
		{"guangdong-2.1", water + "第八十一条", "", "", "4", nil, 95000},
		// §2.2 tier 5 未按照规定自行监测、简化管理: 12万–16万 → 14万.
		{"guangdong-2.2", water + "第八十二条第（一）项", "", "", "5", nil, 140000},
		// §2.4 tier 5 造成重大生态环境影响或者不良社会影响的: 20万 (fixed).
		{"guangdong-2.4", water + "第八十二条第（三）项", "", "", "5", nil, 200000},
		// §2.9 tier 3 超标1倍以上5倍以下、100吨以下: 20万–30万 → 25万.
		{"guangdong-2.9", water + "第八十三条第（四）项", "", "", "3", nil, 250000},
		// §2.10 tier 8 逾期不拆除、准保护区、有排污: 55万–60万 → 57.5万.
		{"guangdong-2.10", water + "第八十四条第一款", "", "", "8", nil, 575000},
		// §2.11 tier 2 限期内拆除、一般区域、有排污: 4万–6万 → 5万.
		{"guangdong-2.11", water + "第八十四条第二款", "", "", "2", nil, 50000},
		// §2.12 tier 4 风景名胜区等水体、未采取措施: 45万–60万 → 52.5万.
		{"guangdong-2.12", water + "第八十五条第一款第（一）项", "", "", "4", nil, 525000},
		// §2.13 tier 8 剧毒废渣直接埋入地下、未采取措施: 80万–100万 → 90万.
		{"guangdong-2.13", water + "第八十五条第一款第（二）项", "", "", "8", nil, 900000},
		// §2.14 tier 1 江河、水库、湖泊、地下水、已采取措施: 2万–5万 → 3.5万.
		{"guangdong-2.14", water + "第八十五条第一款第（三）项", "", "", "1", nil, 35000},
		// §2.15 tier 10 滩地、岸坡堆放危险废物、未采取措施: 15万–20万 → 17.5万.
		{"guangdong-2.15", water + "第八十五条第一款第（四）项", "", "", "10", nil, 175000},
		// §2.16 tier 6 生活饮用水水源保护区、未采取措施: 80万–100万 → 90万.
		{"guangdong-2.16", water + "第八十五条第一款第（五）项", "", "", "6", nil, 900000},
		// §2.17 tier 3 风景名胜区等水体、已采取措施: 8万–11万 → 9.5万.
		{"guangdong-2.17", water + "第八十五条第一款第（六）项", "", "", "3", nil, 95000},
		// §2.18 tier 2 未建设地下水水质监测井、未采取措施: 6万–10万 → 8万.
		{"guangdong-2.18", water + "第八十五条第一款第（七）项", "", "", "2", nil, 80000},
		// §2.19 tier 3 未使用双层罐等、已采取措施: 10万–15万 → 12.5万.
		{"guangdong-2.19", water + "第八十五条第一款第（八）项", "", "", "3", nil, 125000},
		// §2.20 tier 6 含有毒污染物的废水、配合调查、未采取措施: 60万–70万 → 65万.
		{"guangdong-2.20", water + "第八十五条第一款第（九）项", "", "", "6", nil, 650000},
		// §2.21 tier 5 一级保护区、限期内停止: 30万–40万 → 35万 (the entry covers all three items of 第一款).
		{"guangdong-2.21", water + "第九十一条第一款第（一）项", "", "", "5", nil, 350000},
		// §2.22 tier 6 网箱养殖、近一年有同类: 8万–10万 → 9万.
		{"guangdong-2.22", water + "第九十一条第二款", "", "", "6", nil, 90000},
		// §2.23 tier 2 个人未立即停止: 200元–500元 → 350元.
		{"guangdong-2.23", water + "第九十一条第二款", "guangdong-2.23", "person", "2", nil, 350},
		// §2.24 tier 3 不配合调查、近二年无同类: 10万–15万 → 12.5万.
		{"guangdong-2.24", gdep + "第六十四条第一款", "", "", "3", nil, 125000},
		// §2.28 tier 3 弄虚作假、限期内改正: 7万–8.5万 → 7.75万.
		{"guangdong-2.28", gdep + "第六十七条第三款", "", "", "3", nil, 77500},
		// §2.31 tier 2 标志牌不符合规定、不配合调查: 2.5万–3万 → 2.75万.
		{"guangdong-2.31", gdep + "第六十九条第一款", "", "", "2", nil, 27500},
		// §2.32 tier 4 近二年有同类、不配合调查: 15万–20万 → 17.5万.
		{"guangdong-2.32", gdep + "第七十条", "", "", "4", nil, 175000},
		// §2.33 tier 1 无同类、配合调查: 5万–6万 → 5.5万.
		{"guangdong-2.33", gdep + "第七十一条第二款", "", "", "1", nil, 55000},
		// §2.34 tier 2 未制定应急方案: 7万–10万 → 8.5万.
		{"guangdong-2.34", water + "第九十三条第（一）项", "", "", "2", nil, 85000},
		// §2.35 tier 3 限批区或环境敏感区、已采取措施: 7.5万–8.5万 → 8万.
		{"guangdong-2.35", water + "第九十三条第（二）项", "", "", "3", nil, 80000},
		// §3.1 tier 7 消极暴力方式阻挠、近一年无同类: 15万–17万 → 16万.
		{"guangdong-3.1", air + "第九十八条", "", "", "7", nil, 160000},
		// §3.6 tier 3 侵占、损毁，敏感区或限批区以外: 10万–15万 → 12.5万.
		{"guangdong-3.6", air + "第一百条第（一）项", "", "", "3", nil, 125000},
		// §3.7 tier 2 有监测但未保存原始记录、有毒有害大气污染物: 5万–10万 → 7.5万.
		{"guangdong-3.7", air + "第一百条第（二）项", "", "", "2", nil, 75000},
		// §3.11 tier 2 1吨以上3吨以下: 货值10万 × 1.5–2倍 = 15万–20万 → 17.5万.
		{"guangdong-3.11", air + "第一百零五条", "", "", "2", map[string]float64{"goods_value": 100000}, 175000},
		// §3.12 tier 4 近二年2次、环境敏感区或限批区: 12万–16万 → 14万.
		{"guangdong-3.12", air + "第一百零七条第一款", "", "", "4", nil, 140000},
		// §3.13 tier 6 近二年3次以上、环境敏感区或限批区: 20万 (fixed).
		{"guangdong-3.13", air + "第一百零七条第二款", "", "", "6", nil, 200000},
		// §3.14 tier 5 已密闭但未按规定安装使用设施、敏感区以外: 10万–13万 → 11.5万.
		{"guangdong-3.14", air + "第一百零八条第（一）项", "", "", "5", nil, 115000},
		// §3.15 tier 1: 2万–5万 → 3.5万.
		{"guangdong-3.15", air + "第一百零八条第（二）项", "", "", "1", nil, 35000},
		// §3.16 tier 2: 5万–8万 → 6.5万.
		{"guangdong-3.16", air + "第一百零八条第（三）项", "", "", "2", nil, 65000},
		// §3.17 tier 3: 8万–12万 → 10万.
		{"guangdong-3.17", air + "第一百零八条第（四）项", "", "", "3", nil, 100000},
		// §3.18 tier 5: 16万–20万 → 18万.
		{"guangdong-3.18", air + "第一百零八条第（五）项", "", "", "5", nil, 180000},
		// §3.19 tier 4: 12万–16万 → 14万.
		{"guangdong-3.19", air + "第一百零八条第（六）项", "", "", "4", nil, 140000},
		// §3.20 tier 3 货值300万–500万: 货值400万 × 2.5–3倍 = 1000万–1200万 → 1100万.
		{"guangdong-3.20", air + "第一百零九条第一款", "", "", "3", map[string]float64{"goods_value": 4000000}, 11000000},
		// §3.21 tier 1 货值100万以下: 货值50万 × 1–2倍 = 50万–100万 → 75万.
		{"guangdong-3.21", air + "第一百零九条第二款", "", "", "1", map[string]float64{"goods_value": 500000}, 750000},
		// §3.22 tier 2 近二年2次以下、逾期未改正: 10万–20万 → 15万.
		{"guangdong-3.22", air + "第一百一十一条第一款", "", "", "2", nil, 150000},
		// §3.23 tier 3 3项以上5项以下、无同类: 25万–30万 → 27.5万.
		{"guangdong-3.23", air + "第一百一十二条第一款", "", "", "3", nil, 275000},
		// §3.24–§3.31 (第一百一十七条): 2次以下 1万–5万 → 3万; 2次 5万–10万 → 7.5万; 3次以上 10万.
		{"guangdong-3.24", air + "第一百一十七条第（一）项", "", "", "1", nil, 30000},
		{"guangdong-3.25", air + "第一百一十七条第（二）项", "", "", "2", nil, 75000},
		{"guangdong-3.26", air + "第一百一十七条第（三）项", "", "", "3", nil, 100000},
		{"guangdong-3.27", air + "第一百一十七条第（四）项", "", "", "1", nil, 30000},
		{"guangdong-3.28", air + "第一百一十七条第（五）项", "", "", "2", nil, 75000},
		{"guangdong-3.29", air + "第一百一十七条第（六）项", "", "", "3", nil, 100000},
		{"guangdong-3.30", air + "第一百一十七条第（七）项", "", "", "1", nil, 30000},
		{"guangdong-3.31", air + "第一百一十七条第（八）项", "", "", "2", nil, 75000},
		// §3.32 tier 2 特殊或重大活动期间: 1.5万–2万 → 1.75万.
		{"guangdong-3.32", air + "第一百二十条", "", "", "2", nil, 17500},
		// §3.33 tier 5 较大事故、未主动赔偿但限期治理: 直接损失100万 × 2–3倍 = 200万–300万 → 250万.
		{"guangdong-3.33", air + "第一百二十二条", "", "", "5", map[string]float64{"direct_loss": 1000000}, 2500000},
		// §3.34 tier 4 环境敏感区或限批区、3个月以上: 15万–20万 → 17.5万.
		{"guangdong-3.34", gdep + "第六十七条第二款", "", "", "4", nil, 175000},
		// §3.35 tier 6 超过超低排放要求2倍以上3倍以下、A类: 40万–50万 → 45万.
		{"guangdong-3.35", gdair + "第六十九条", "", "", "6", nil, 450000},
		// §3.36 tier 3 5蒸吨以上10蒸吨以下、敏感区以外: 14万–16万 → 15万.
		{"guangdong-3.36", gdair + "第七十条", "", "", "3", nil, 150000},
		// §3.37 tier 7 10蒸吨以上、敏感区以外: 15万–20万 → 17.5万.
		{"guangdong-3.37", gdair + "第七十二条第三款", "", "", "7", nil, 175000},
		// §3.38 tier 1 限期内改正、敏感区以外: 5000元–1.5万 → 1万.
		{"guangdong-3.38", gdair + "第七十四条第一款", "", "", "1", nil, 10000},
		// §3.39 tier 9 10项以上、敏感区以外: 18万–20万 → 19万.
		{"guangdong-3.39", gdair + "第七十四条第二款", "", "", "9", nil, 190000},
		// §3.40 tier 5 3次以上、敏感区以外: 16万–20万 → 18万.
		{"guangdong-3.40", gdair + "第七十五条", "", "", "5", nil, 180000},
		// §3.41 tier 2 2次以下、敏感区: 5万–8万 → 6.5万.
		{"guangdong-3.41", gdair + "第七十六条", "", "", "2", nil, 65000},
		// §3.42 tier 4 近二年2次、逾期未改正: 4万–5万 → 4.5万.
		{"guangdong-3.42", gdair + "第七十七条", "", "", "4", nil, 45000},
		// §3.43 tier 2 近一年同类1次: 800元 (fixed).
		{"guangdong-3.43", gdair + "第七十九条", "", "person", "2", nil, 800},
	}
	for _, tc := range cases {
		t.Run(tc.entry, func(t *testing.T) {
			party := Party{Type: "organization"}
			if tc.party != "" {
				party.Type = tc.party
			}
			in := gdEco(Input{PenaltyBasis: tc.basis, Party: party, Tier: tc.tier, Benchmark: tc.bench, Amounts: tc.amounts})
			if tc.entry == "guangdong-2.31" {
				// 广东省环境保护条例第六十九条第一款 fines only 逾期不改正的: the case says so
				in.Circumstances = []string{"not_corrected"}
			}
			s, err := Suggest(in)
			if err != nil {
				t.Fatal(err)
			}
			if s.Benchmark["entry"] != tc.entry {
				t.Fatalf("benchmark entry = %v, want %s", s.Benchmark["entry"], tc.entry)
			}
			if s.Suggested.Fine != tc.fine {
				t.Errorf("fine = %v, want %v; reasons %v", s.Suggested.Fine, tc.fine, s.Reasons)
			}
		})
	}
}

var (
	reTierStd  = regexp.MustCompile(`^(?:(货值金额|直接经济损失)的?\s*)?([\d.]+)\s*(万元|元|倍)(?:以上\s*([\d.]+)\s*(万元|元|倍)以[下上])?$`)
	reTierUpTo = regexp.MustCompile(`^([\d.]+)\s*(万元|元)以下$`)
)

// Every range tier's fine is the table's own 裁量标准 read again: a bound
// moved by a transcription slip fails here, whichever tier it is in.
func TestGuangdongTierStandards(t *testing.T) {
	set, err := DefaultBenchmarks()
	if err != nil {
		t.Fatal(err)
	}
	scale := map[string]float64{"万元": 1e4, "元": 1, "倍": 1}
	base := map[string]string{"货值金额": "goods_value", "直接经济损失": "direct_loss"}
	n := 0
	for _, se := range set.byID {
		if se.entry.Source != "guangdong" {
			continue
		}
		for _, tr := range se.entry.Tiers {
			std := strings.TrimSpace(strings.SplitN(tr.Standard, "；", 2)[0]) // the part on the unit, not on persons
			var lo, hi float64
			var unit, b string
			if m := reTierUpTo.FindStringSubmatch(std); m != nil {
				hi, _ = strconv.ParseFloat(m[1], 64)
				unit, hi = m[2], hi*scale[m[2]]
			} else if m := reTierStd.FindStringSubmatch(std); m != nil {
				b, unit = m[1], m[3]
				lo, _ = strconv.ParseFloat(m[2], 64)
				lo *= scale[unit]
				hi = lo
				if m[4] != "" {
					hi, _ = strconv.ParseFloat(m[4], 64)
					hi *= scale[m[5]]
				}
			} else {
				t.Errorf("%s tier %s: standard %q not read", se.entry.ID, tr.Level, tr.Standard)
				continue
			}
			n++
			f := tr.Fine
			switch {
			case unit == "倍":
				if f.Kind != "multiple" || f.Base != base[b] || f.MinTimes != lo || f.MaxTimes != hi {
					t.Errorf("%s tier %s: %q but fine %+v", se.entry.ID, tr.Level, tr.Standard, f)
				}
			case f.Kind == "fixed":
				if f.Min != lo || (f.Max != 0 && f.Max != hi) {
					t.Errorf("%s tier %s: %q but fine %+v", se.entry.ID, tr.Level, tr.Standard, f)
				}
			default:
				if f.Min != lo || f.Max != hi {
					t.Errorf("%s tier %s: %q but fine %v–%v", se.entry.ID, tr.Level, tr.Standard, f.Min, f.Max)
				}
			}
		}
	}
	if n < 350 {
		t.Errorf("only %d Guangdong tiers read", n)
	}
}

// In every weighted table 裁量起点 plus the highest weight of each factor is
// exactly 100% (a check on the transcription, SOURCES.md).
func TestGuangdongWeightsReachHundred(t *testing.T) {
	set, err := DefaultBenchmarks()
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, se := range set.byID {
		w := se.entry.Weights
		if se.entry.Source != "guangdong" || w == nil {
			continue
		}
		sum := w.Start
		for _, fa := range w.Factors {
			top := 0.0
			for _, l := range fa.Levels {
				top = math.Max(top, l.Weight)
			}
			sum += top
		}
		if sum != 100 {
			t.Errorf("%s: 裁量起点 + top weights = %v%%, want 100%%", se.entry.ID, sum)
		}
		n++
	}
	if n != 12 {
		t.Errorf("%d weighted Guangdong tables, SOURCES.md says 12", n)
	}
}
