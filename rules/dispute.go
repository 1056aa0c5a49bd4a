package rules

import (
	"strings"
	"time"
)

// DisputeCase is what the dispute-point hints (争议焦点提示) look at.
type DisputeCase struct {
	Facts          string             `json:"facts"`
	Evidence       []string           `json:"evidence"`        // what each item proves or is
	Amounts        map[string]float64 `json:"amounts"`         // goods_value, illegal_income …
	PenaltyBasis   string             `json:"penalty_basis"`   // citation of the penalty provision
	ActDate        string             `json:"act_date"`        // YYYY-MM-DD of the violation
	DecisionDate   string             `json:"decision_date"`   // YYYY-MM-DD
	DiscoveredDate string             `json:"discovered_date"` // YYYY-MM-DD
	Steps          []string           `json:"steps"`           // 立案, 调查取证, 告知, 听证, 法制审核, 决定 …
	Fine           float64            `json:"fine"`
	PartyKind      string             `json:"party_kind"` // person | organisation
	HearingOffered bool               `json:"hearing_offered"`
	PriorPenalties []string           `json:"prior_penalties"` // earlier penalties for the same act
	NoFaultClaim   string             `json:"no_fault_claim"`  // the party's no-fault defence, if any
	LawRevised     string             `json:"law_revised"`     // YYYY-MM-DD the applied law was last revised
}

// DisputePoint is one point a party is likely to contest.
type DisputePoint struct {
	Ground   string `json:"ground"` // 行政诉讼法第七十条 ground
	Point    string `json:"point"`
	Reason   string `json:"reason"`
	Settle   string `json:"settle"` // what would settle it
	Citation string `json:"citation"`
}

// Grounds of 《中华人民共和国行政诉讼法》第七十条, in the article's order.
var DisputeGrounds = []string{"主要证据不足", "适用法律、法规错误", "违反法定程序", "超越职权", "滥用职权", "明显不当"}

func hasStep(steps []string, s string) bool {
	for _, x := range steps {
		if strings.Contains(x, s) {
			return true
		}
	}
	return false
}

func disputeDate(s string) (time.Time, bool) {
	t, err := time.Parse("2006-01-02", s)
	return t, err == nil
}

// DisputePoints derives dispute points from gaps in facts, evidence,
// amounts, law version and procedure, ordered by the grounds of 第七十条.
// Large-fine thresholds for hearings differ by region; largeFine is the one
// in force for the agency (0 = not checked).
func DisputePoints(c DisputeCase, largeFine float64) []DisputePoint {
	var out []DisputePoint
	add := func(g, p, r, s, cit string) {
		out = append(out, DisputePoint{Ground: g, Point: p, Reason: r, Settle: s, Citation: cit})
	}
	const evid = "《中华人民共和国行政诉讼法》第七十条第（一）项"
	if strings.TrimSpace(c.Facts) != "" && len(c.Evidence) == 0 {
		add("主要证据不足", "违法事实没有证据支撑", "案件记载了违法事实，但证据清单为空", "补充现场检查笔录、询问笔录、书证物证等证明每一项事实的证据", evid)
	}
	for _, k := range []string{"goods_value", "illegal_income"} {
		if strings.Contains(c.PenaltyBasis, "倍") || c.Amounts != nil {
			if v, ok := c.Amounts[k]; ok && v > 0 && !evidenceMentions(c.Evidence, k) {
				name := map[string]string{"goods_value": "货值金额", "illegal_income": "违法所得"}[k]
				add("主要证据不足", name+"的计算依据未证实", "罚款以"+name+"为基数，但证据中没有其计算依据", "收集进货单据、销售记录、价格认定等证明"+name+"的证据", evid)
			}
		}
	}
	if strings.TrimSpace(c.PenaltyBasis) == "" {
		add("适用法律、法规错误", "未写明处罚依据", "处罚决定须载明依据的法律条款", "写明违反的条款和处罚的条款，并核对特别规定优先", "《中华人民共和国行政处罚法》第五十九条")
	}
	if a, ok := disputeDate(c.ActDate); ok {
		if r, ok2 := disputeDate(c.LawRevised); ok2 && a.Before(r) {
			add("适用法律、法规错误", "违法行为发生在所适用法律修订之前", "从旧兼从轻：行为时的规定与修订后的规定须比较", "按行为时的规定处理，新规定处罚较轻或不认为违法的适用新规定", "《中华人民共和国行政处罚法》第三十七条")
		}
		end := c.DiscoveredDate
		if end == "" {
			end = c.DecisionDate
		}
		if d, ok2 := disputeDate(end); ok2 && d.After(a.AddDate(2, 0, 0)) {
			add("违反法定程序", "可能超过追责时效", "违法行为在二年内未被发现的，不再给予行政处罚", "查明行为是否有连续或者继续状态及发现日期", "《中华人民共和国行政处罚法》第三十六条")
		}
	}
	if !hasStep(c.Steps, "告知") {
		add("违反法定程序", "未见事先告知", "作出处罚决定前应告知拟处罚的内容及事实、理由、依据和陈述申辩权", "补做并送达行政处罚事先告知书", "《中华人民共和国行政处罚法》第四十四条")
	}
	if largeFine > 0 && c.Fine >= largeFine && !c.HearingOffered && !hasStep(c.Steps, "听证") {
		add("违反法定程序", "较大数额罚款未告知听证权利", "罚款达到较大数额，当事人有权要求听证", "送达听证告知书，当事人申请的组织听证", "《中华人民共和国行政处罚法》第六十三条")
	}
	if largeFine > 0 && c.Fine >= largeFine && !hasStep(c.Steps, "法制审核") {
		add("违反法定程序", "重大执法决定未经法制审核", "涉及重大权益的处罚决定须经法制审核", "由法制审核人员审核并出具意见", "《中华人民共和国行政处罚法》第五十八条")
	}
	if len(c.PriorPenalties) > 0 {
		add("适用法律、法规错误", "一事不再罚", "同一违法行为已受过罚款处罚："+strings.Join(c.PriorPenalties, "；"), "查明是否为同一违法行为；不得给予两次以上罚款", "《中华人民共和国行政处罚法》第二十九条")
	}
	if strings.TrimSpace(c.NoFaultClaim) != "" {
		add("主要证据不足", "当事人主张没有主观过错", c.NoFaultClaim, "审查当事人提供的无过错证据；足以证明的不予处罚", "《中华人民共和国行政处罚法》第三十三条第二款")
	}
	// keep the order of 第七十条
	rank := map[string]int{}
	for i, g := range DisputeGrounds {
		rank[g] = i
	}
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && rank[out[j].Ground] < rank[out[j-1].Ground]; j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	if out == nil {
		out = []DisputePoint{}
	}
	return out
}

func evidenceMentions(ev []string, key string) bool {
	words := map[string][]string{"goods_value": {"货值", "进货", "销售记录", "价格"}, "illegal_income": {"违法所得", "销售", "收入", "账"}}[key]
	for _, e := range ev {
		for _, w := range words {
			if strings.Contains(e, w) {
				return true
			}
		}
	}
	return false
}
