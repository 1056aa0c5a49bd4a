// Package rules holds zhifa's pure decisions: discretion, the general rules of
// 行政处罚法, crime-transfer thresholds. No I/O beyond the embedded corpora: a
// suggestion can always be replayed from the record.
package rules

import (
	"fmt"
	"math"
	"sort"
	"strings"
	"time"
)

// Input is one case as the suggest and transfer contracts take it.
type Input struct {
	PenaltyBasis  string             `json:"penalty_basis"` // 处罚依据, a citation
	Facts         string             `json:"facts"`         // 违法事实
	Party         Party              `json:"party"`         // 当事人
	Amounts       map[string]float64 `json:"amounts"`       // keys: AmountKeys
	Circumstances []string           `json:"circumstances"` // 裁量情节 codes: CircumstanceCodes
	ActDate       string             `json:"act_date"`      // 违法行为发生日 YYYY-MM-DD
	DecisionDate  string             `json:"decision_date"` // 决定日 YYYY-MM-DD

	// Optional inputs of the discretion engine (extensions of the contract).
	Factors       map[string]string `json:"factors,omitempty"`        // 裁量要素 → 违法程度 for a weights benchmark
	Tier          string            `json:"tier,omitempty"`           // 裁量档次 the officer chose in a tier benchmark
	Benchmark     string            `json:"benchmark,omitempty"`      // benchmark entry id when several fit the basis
	OtherBases    []string          `json:"other_bases,omitempty"`    // other provisions the same act violates (一事不再罚)
	ActEndDate    string            `json:"act_end_date,omitempty"`   // end of a continuing act (连续或者继续状态)
	DiscoveryDate string            `json:"discovery_date,omitempty"` // 发现之日; decision_date when absent
	Mitigate      bool              `json:"mitigate,omitempty"`       // choose 减轻 over 从轻 where the law allows either

	// Who decides: a benchmark binds only the agencies its issuer governs.
	Agency string `json:"agency,omitempty"` // 执法机关名称, e.g. 江门市生态环境局
	Region string `json:"region,omitempty"` // 所在地区, e.g. 广东省江门市
	Sector string `json:"sector,omitempty"` // 领域, e.g. 生态环境 (else read from agency)

	versionsCompared bool // the act's and the decision's versions of the basis are weighed (suggest_version.go)
}

// Party is the 当事人 as far as the rules need it.
type Party struct {
	Type string `json:"type"`           // "person" | "organization"
	Kind string `json:"kind,omitempty"` // the case record's name for type (parties[].kind); either is accepted
	Age  int    `json:"age"`            // natural persons; 0 when unknown
}

// AmountAliases and CircumstanceAliases are other spellings of the rules'
// names that case records have held; input in either spelling means the same.
var (
	AmountAliases       = map[string]string{"illegal_income": "illegal_gains"}
	CircumstanceAliases = map[string]string{"first_violation": "first_offense"}
)

// canonical rewrites aliases to the rules' own names, so that a case record's
// vocabulary (party.kind, illegal_income, first_violation) is understood.
func (in *Input) canonical() error {
	switch {
	case in.Party.Type == "":
		in.Party.Type = in.Party.Kind
	case in.Party.Kind != "" && in.Party.Kind != in.Party.Type:
		return fieldErr("party.kind", "%q contradicts party.type %q (kind and type are one field)", in.Party.Kind, in.Party.Type)
	}
	in.Party.Kind = ""
	if len(in.Amounts) > 0 {
		out := make(map[string]float64, len(in.Amounts))
		for k, v := range in.Amounts {
			if a, ok := AmountAliases[k]; ok {
				if _, dup := in.Amounts[a]; dup {
					return fieldErr("amounts."+k, "is another name of amounts.%s, which is also given", a)
				}
				k = a
			}
			out[k] = v
		}
		in.Amounts = out
	}
	if len(in.Circumstances) > 0 {
		out := make([]string, len(in.Circumstances))
		for i, c := range in.Circumstances {
			if a, ok := CircumstanceAliases[c]; ok {
				c = a
			}
			out[i] = c
		}
		in.Circumstances = out
	}
	return nil
}

// AmountKeys are the amounts the rules understand, with their Chinese names.
var AmountKeys = map[string]string{
	"goods_value":             "货值金额",
	"sales_amount":            "销售金额",
	"illegal_gains":           "违法所得",
	"illegal_business_amount": "非法经营数额",
	"ad_cost":                 "广告费用",
	"investment":              "总投资额",
	"blood_alcohol":           "血液酒精含量(mg/100ml)",
	"hazardous_waste_tons":    "危险废物(吨)",
	"exceed_multiple":         "污染物超过排放标准的倍数",
	"farmland_mu":             "耕地(亩)",
	"basic_farmland_mu":       "基本农田(亩)",
	"other_land_mu":           "耕地以外的其他土地(亩)",
	"timber_m3":               "林木(立方米)",
	"saplings":                "幼树(株)",
	"deaths":                  "死亡人数",
	"serious_injuries":        "重伤人数",
	"direct_loss":             "直接经济损失",
	"personal_info_records":   "公民个人信息(条)",
	"trademark_labels":        "注册商标标识(件)",
	"infringing_copies":       "侵权复制品(张、份)",
	"wildlife_value":          "涉案野生动物及其制品价值",
	"tax_evaded":              "逃避缴纳税款数额",
	"tax_due":                 "应纳税额",
	"export_rebate_defrauded": "骗取出口退税款数额",
	"invoice_tax_amount":      "虚开税款数额",
	"invoice_face_amount":     "虚开发票票面金额",
	"invoice_count":           "虚开发票(份)",
	"disposal_cost":           "所需处置费用",
	"inspection_fee":          "检验费用",
	"certification_fee":       "认证费用",
	// bases of fines (statutory ranges read from the law's words)
	"construction_cost": "工程造价",
	"contract_fee":      "合同约定的费用（勘察费、设计费、监理酬金、规划编制费）",
	"contract_price":    "建设工程合同价款",
	"annual_income":     "上一年年收入",
	"annual_sales":      "上一年度销售额",
	"fine_amount":       "罚款数额",
	"income":            "收入（违法收入、所获收入、营业所得）",
	"fees_charged":      "所收费用",
	"defrauded_amount":  "骗取金额",
	"arrears":           "欠缴数额",
	"timber_value":      "林木价值",
	"restoration_cost":  "所需费用（恢复、修复、造林）",
	"premium":           "保险费",
	"property_value":    "财物、产品价值",
	"fee_due":           "应缴费用（倾倒费、水资源费）",
	"transport_fee":     "运输费用",
	"funds_amount":      "违法划拨款项",
	"concealed_wages":   "瞒报工资数额",
	"persons":           "人数（每人计罚）",
	"days":              "日数（按日计罚）",
	// used by benchmark conditions
	"offense_count_2y":         "两年内同类违法次数(含本次)",
	"area_m2":                  "涉及面积(平方米)",
	"noise_excess_db":          "噪声超标(dB(A))",
	"solid_waste_tons":         "一般固体废物(吨)",
	"livestock_pig_equivalent": "存栏量(头猪当量)",
}

// MaxAmount bounds every amount (a hundred trillion): far beyond any case, and
// small enough that twenty times it is still a number a decision can state.
const MaxAmount = 1e14

// CircumstanceCodes are the 裁量情节 the rules understand.
var CircumstanceCodes = map[string]string{
	"first_offense":            "初次违法",
	"minor":                    "违法行为轻微",
	"minor_harm":               "危害后果轻微",
	"promptly_corrected":       "及时改正",
	"no_harm":                  "没有造成危害后果",
	"harm_eliminated":          "主动消除或者减轻违法行为危害后果",
	"coerced":                  "受他人胁迫或者诱骗实施违法行为",
	"confessed":                "主动供述行政机关尚未掌握的违法行为",
	"meritorious":              "配合行政机关查处违法行为有立功表现",
	"no_fault":                 "当事人有证据足以证明没有主观过错",
	"repeat_offense":           "再次违法",
	"health_or_financial_harm": "涉及公民生命健康安全、金融安全且有危害后果",
	"mental_incapacity":        "精神病人、智力残疾人在不能辨认或者不能控制自己行为时有违法行为",
	"limited_mental_capacity":  "尚未完全丧失辨认或者控制自己行为能力的精神病人、智力残疾人",
	"retail":                   "违法零售（货值金额按零售的计算下限）",
	// facts a branch of a penalty provision rests on: given only when established
	"base_incalculable": "计罚基数（违法所得、货值金额、广告费用等）无法计算",
	"base_too_low":      "计罚基数明显偏低",
	"no_base":           "没有违法所得（违法经营额、货值金额等计罚基数）",
	"serious":           "情节严重",
	"not_corrected":     "逾期不改正、拒不改正",
}

// FieldError is bad input in one field of Input.
type FieldError struct {
	Field   string `json:"field"`
	Message string `json:"message"`
}

func (e *FieldError) Error() string { return e.Field + ": " + e.Message }

func fieldErr(field, format string, a ...any) *FieldError {
	return &FieldError{Field: field, Message: fmt.Sprintf(format, a...)}
}

// Validate checks the shape of the input; it does not resolve the citation.
func (in *Input) Validate() error {
	if err := in.canonical(); err != nil {
		return err
	}
	switch in.Party.Type {
	case "", "person", "organization":
	default:
		return fieldErr("party.type", "must be \"person\" or \"organization\", got %q", in.Party.Type)
	}
	if in.Party.Age < 0 || in.Party.Age > 150 {
		return fieldErr("party.age", "%d is not an age", in.Party.Age)
	}
	keys := make([]string, 0, len(in.Amounts))
	for k := range in.Amounts {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if _, ok := AmountKeys[k]; !ok {
			return fieldErr("amounts."+k, "unknown amount key; known keys: %s", strings.Join(sortedKeys(AmountKeys), ", "))
		}
		if v := in.Amounts[k]; v < 0 {
			return fieldErr("amounts."+k, "must not be negative, got %v", v)
		} else if v > MaxAmount || math.IsNaN(v) {
			return fieldErr("amounts."+k, "%v is beyond any case (at most %v)", v, MaxAmount)
		}
	}
	for i, c := range in.Circumstances {
		if _, ok := CircumstanceCodes[c]; !ok {
			return fieldErr(fmt.Sprintf("circumstances[%d]", i), "unknown circumstance code %q; known codes: %s", c, strings.Join(sortedKeys(CircumstanceCodes), ", "))
		}
	}
	if _, err := in.actDate(); err != nil {
		return err
	}
	if _, err := in.decisionDate(); err != nil {
		return err
	}
	if _, err := parseDate("act_end_date", in.ActEndDate); err != nil {
		return err
	}
	if _, err := parseDate("discovery_date", in.DiscoveryDate); err != nil {
		return err
	}
	if in.Sector != "" && sectorWords[in.Sector] == nil {
		return fieldErr("sector", "unknown sector %q; sectors: %s", in.Sector, strings.Join(sectorNames(), ", "))
	}
	for i, b := range in.OtherBases {
		if strings.TrimSpace(b) == "" {
			return fieldErr(fmt.Sprintf("other_bases[%d]", i), "empty citation")
		}
	}
	return nil
}

// HasCircumstance reports whether code is among the input's circumstances.
func (in *Input) HasCircumstance(code string) bool {
	for _, c := range in.Circumstances {
		if c == code {
			return true
		}
	}
	return false
}

func (in *Input) actDate() (time.Time, error) { return parseDate("act_date", in.ActDate) }
func (in *Input) decisionDate() (time.Time, error) {
	return parseDate("decision_date", in.DecisionDate)
}

// parseDate parses YYYY-MM-DD; an empty string is the zero time (unknown).
func parseDate(field, s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		return time.Time{}, fieldErr(field, "%q is not a date in the form YYYY-MM-DD", s)
	}
	return t, nil
}

func sortedKeys(m map[string]string) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
