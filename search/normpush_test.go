package search

import (
	"strings"
	"testing"
)

func testNormPush(t *testing.T, ix *LawIndex) {
	rk := NewCaseRanker(syntheticCases())
	bm := func(law string, article int) []NormBenchmark {
		if law == "中华人民共和国食品安全法" && article == 124 {
			return []NormBenchmark{{ID: "synthetic-124", Source: "synthetic", Violation: "经营超过保质期的食品", Citation: "《中华人民共和国食品安全法》第一百二十四条"}}
		}
		return nil
	}
	type want struct {
		role, law string
		article   int
		why       string
	}
	tests := []struct {
		name  string
		q     NormQuery
		wants []want
		not   []want
	}{
		{"food with fine and similar cases",
			NormQuery{Facts: "当事人经营超过保质期的食品饼干，货值金额八千元", Fine: 50000, Cases: rk, Benchmarks: bm},
			[]want{
				{RolePenalty, "中华人民共和国食品安全法", 124, "相似案例"},
				{RoleBenchmark, "中华人民共和国食品安全法", 124, "裁量基准"},
				{RoleProcedure, apl, 44, "告知"},
				{RoleProcedure, apl, 63, "听证"},
			},
			[]want{{RolePenalty, "无证无照经营查处办法", 13, ""}}},
		{"no fine, no cases: no hearing rule",
			NormQuery{Facts: "当事人经营超过保质期的食品"},
			[]want{{RolePenalty, "中华人民共和国食品安全法", 124, "匹配"}},
			[]want{{RoleProcedure, apl, 63, ""}, {RoleBenchmark, "中华人民共和国食品安全法", 124, ""}}},
		{"a 罚则 listing many obligations pushes the item the facts speak of",
			NormQuery{Facts: "当事人在其经营的网店发布广告，宣称其销售的普通食品具有治疗糖尿病的功效，广告费用3000元。"},
			[]want{{RoleViolated, "中华人民共和国广告法", 17, "罚则第五十八条所指的义务条款，与事实共有：治疗"}},
			[]want{{RoleViolated, "中华人民共和国广告法", 26, ""}, {RoleViolated, "中华人民共和国广告法", 9, ""}}},
		{"过期食品, the officers' word for 超过保质期的食品",
			NormQuery{Facts: "当事人在超市销售过期食品（合成）"},
			[]want{{RolePenalty, "中华人民共和国食品安全法", 124, "匹配"}, {RoleViolated, "中华人民共和国食品安全法", 54, "匹配"}},
			nil},
		{"obligation and 罚则 told apart",
			NormQuery{Facts: "未依法取得排污许可证排放水污染物", Top: 3},
			[]want{{RoleViolated, "中华人民共和国水污染防治法", 21, "排污许可证"}, {RolePenalty, "中华人民共和国水污染防治法", 83, "排污许可"}},
			nil},
	}
	for _, tc := range tests {
		norms, err := PushNorms(ix, tc.q)
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		find := func(w want) *Norm {
			for i := range norms {
				if n := &norms[i]; n.Role == w.role && n.Law == w.law && n.Article == w.article {
					return n
				}
			}
			return nil
		}
		for _, w := range tc.wants {
			if n := find(w); n == nil || !strings.Contains(n.Why, w.why) {
				t.Errorf("%s: want %s %s 第%d条 (why ~ %q), got %+v", tc.name, w.role, w.law, w.article, w.why, n)
			}
		}
		for _, w := range tc.not {
			if n := find(w); n != nil {
				t.Errorf("%s: %s %s 第%d条 should not be pushed: %+v", tc.name, w.role, w.law, w.article, n)
			}
		}
		violated := 0
		for _, n := range norms {
			if n.Role == RoleViolated {
				violated++
			}
		}
		if top := max(tc.q.Top, 5); violated > top+top*maxObligations {
			t.Errorf("%s: %d violated provisions pushed", tc.name, violated)
		}
		// roles in order violated, penalty, benchmark, procedure; every norm says why
		rank := map[string]int{RoleViolated: 0, RolePenalty: 1, RoleBenchmark: 2, RoleProcedure: 3}
		for i, n := range norms {
			if n.Why == "" {
				t.Errorf("%s: %s 第%d条 has no reason", tc.name, n.Law, n.Article)
			}
			if i > 0 && rank[norms[i-1].Role] > rank[n.Role] {
				t.Errorf("%s: %s listed after %s", tc.name, n.Role, norms[i-1].Role)
			}
		}
	}
	if _, err := PushNorms(ix, NormQuery{Facts: "  "}); err == nil {
		t.Error("empty facts accepted")
	}
}

// Similar cases of another sector (expired drugs, cosmetics, devices: 超过有效期
// reads like 超过保质期) do not push their laws on facts about food.
func testNormPushSector(t *testing.T, ix *LawIndex) {
	docs := syntheticCases()
	for _, d := range []CaseDoc{
		{ID: "d1", Title: "销售过期药品案（合成）", Text: "经查，当事人销售超过有效期的药品，货值金额三千元。（合成）", Kind: "行政处罚",
			Citations: []string{"《中华人民共和国药品管理法》第133条"}},
		{ID: "d2", Title: "经营过期医疗器械案（合成）", Text: "经查，当事人经营超过有效期的医疗器械。（合成）", Kind: "行政处罚",
			Citations: []string{"《医疗器械监督管理条例》第83条"}},
		{ID: "d3", Title: "销售过期化妆品案（合成）", Text: "经查，当事人销售超过使用期限的化妆品。（合成）", Kind: "行政处罚",
			Citations: []string{"《化妆品监督管理条例》第64条"}},
	} {
		d.Terms = CaseTerms(d.Title, d.Text)
		docs = append(docs, d)
	}
	rk := NewCaseRanker(docs)
	for _, facts := range []string{"销售超过保质期的食品（合成）", "经查，当事人销售超过保质期的食品，货值金额三千元。（合成）",
		// the officer's page: penalty articles of other sectors matched only on 违法所得, 货值金额, 经营
		"经查，当事人在其经营的便利店货架上摆放超过保质期的酸奶10盒、面包6袋待售，货值金额320元，无违法所得（合成测试数据）。"} {
		norms, err := PushNorms(ix, NormQuery{Facts: facts, Cases: rk, Top: 8})
		if err != nil {
			t.Fatal(err)
		}
		food := false
		for _, n := range norms {
			switch n.Law {
			case "中华人民共和国药品管理法", "医疗器械监督管理条例", "化妆品监督管理条例":
				t.Errorf("%s: %s %s pushed (%s): another sector than the facts'", facts, n.Law, n.Label, n.Why)
			case "中华人民共和国食品安全法":
				food = true
			}
		}
		if !food {
			t.Errorf("%s: no 食品安全法 article pushed: %+v", facts, norms)
		}
	}
}
