// Package inspect is 双随机、一公开: the registries of inspection targets and
// of 随机抽查事项, plans, seeded draws that anyone can re-run from the
// published seed and lists, and the result entered for each drawn target.
// Everything is kept as records objects, signed into the audit chain.
package inspect

// Object kinds owned by this package.
const (
	KindTarget = "inspect_target" // 检查对象, key: agency id
	KindMatter = "inspect_matter" // 随机抽查事项, key: agency id
	KindPlan   = "inspect_plan"   // 抽查计划, key: agency id
	KindSeed   = "inspect_seed"   // a draw's seed, written before its result; key: plan id
	KindDraw   = "inspect_draw"   // 抽取结果, key: plan id
	KindResult = "inspect_result" // 检查结果, key: draw id
)

// Target kinds.
const (
	TargetEnterprise = "enterprise" // 企业
	TargetIndividual = "individual" // 个体工商户
)

// Risk levels (风险等级), in the order strata are drawn.
var RiskLevels = []string{"high", "medium", "low"}

// Target is one inspection target (检查对象) of an agency's registry.
type Target struct {
	ID         string `json:"id"` // the credit code
	AgencyID   string `json:"agency_id"`
	Kind       string `json:"kind"` // enterprise | individual
	Name       string `json:"name"`
	CreditCode string `json:"credit_code"` // 统一社会信用代码
	Address    string `json:"address"`
	Industry   string `json:"industry"`
	Risk       string `json:"risk"` // high | medium | low
	Synthetic  bool   `json:"synthetic,omitempty"`
}

// Matter is one item of the 随机抽查事项清单.
type Matter struct {
	ID        string  `json:"id"`
	AgencyID  string  `json:"agency_id"`
	Name      string  `json:"name"`      // 抽查事项
	Basis     string  `json:"basis"`     // 抽查依据
	Subject   string  `json:"subject"`   // 抽查主体
	Object    string  `json:"object"`    // 抽查对象
	Ratio     float64 `json:"ratio"`     // 抽查比例, 0 < ratio ≤ 1
	Frequency string  `json:"frequency"` // 抽查频次
	Method    string  `json:"method"`    // 抽查方式
	Content   string  `json:"content"`   // 抽查内容
	Category  string  `json:"category"`  // certificate category inspectors must hold, e.g. 市场监管
}

// Recusal keeps an inspector away from a target (回避: kinship, interest, …).
type Recusal struct {
	Inspector string `json:"inspector"` // officer id
	Target    string `json:"target"`    // target id
	Reason    string `json:"reason,omitempty"`
}

// Plan is one 抽查计划: which targets, by what share, by whom.
type Plan struct {
	ID       string `json:"id"`
	AgencyID string `json:"agency_id"`
	MatterID string `json:"matter_id,omitempty"`
	Name     string `json:"name"`
	// Category is the certificate category inspectors need; the matter's when empty.
	Category string `json:"category,omitempty"`
	// Ratio is the share of targets drawn; the matter's when 0.
	Ratio float64 `json:"ratio,omitempty"`
	// Stratified draws each risk level by its own share in RiskRatios.
	Stratified bool               `json:"stratified,omitempty"`
	RiskRatios map[string]float64 `json:"risk_ratios,omitempty"`
	// Industry limits the targets to one industry ("" for all).
	Industry string `json:"industry,omitempty"`
	// InspectorsPerTarget is at least 2 (行政处罚法 第四十二条: 执法人员不得少于两人); 2 when 0.
	InspectorsPerTarget int       `json:"inspectors_per_target,omitempty"`
	Recusals            []Recusal `json:"recusals,omitempty"`
	Synthetic           bool      `json:"synthetic,omitempty"`
}

// Inspector is an officer eligible for a draw: a certificate valid for the
// plan's category on the day of the draw.
type Inspector struct {
	ID          string `json:"id"`
	Name        string `json:"name"`
	Certificate string `json:"certificate"`
}

// Assignment is one drawn target and its inspectors.
type Assignment struct {
	Target     string   `json:"target"`
	Inspectors []string `json:"inspectors"`
}

// Lists is everything a draw depends on besides its seed. Its canonical form
// is its encoding/json encoding (fields in this order, map keys sorted, lists
// sorted by id); lists_sha256 is the SHA-256 of that.
type Lists struct {
	Plan       Plan         `json:"plan"`
	Targets    []Target     `json:"targets"`
	Inspectors []Inspector  `json:"inspectors"`
	Previous   []Assignment `json:"previous"` // the plan's previous draw, so no inspector meets the same target twice in a row
}

// Result is the published draw, exactly as printed.
type Result struct {
	Plan        string       `json:"plan"`
	Seed        string       `json:"seed"`
	ListsSHA256 string       `json:"lists_sha256"`
	Draws       []Assignment `json:"draws"`
}

// Outcomes of an inspection (检查结果).
var Outcomes = map[string]string{
	"no_problem":  "未发现问题",
	"corrected":   "发现问题已责令改正",
	"case_filed":  "立案查处",
	"transferred": "移送有关部门处理",
	"unreachable": "未发现经营场所（通过登记的住所或经营场所无法联系）",
}

// OutcomeCodes in the order shown.
var OutcomeCodes = []string{"no_problem", "corrected", "case_filed", "transferred", "unreachable"}

// InspectionResult is the result entered for one drawn target.
type InspectionResult struct {
	ID      string `json:"id"` // draw id + "/" + target id
	DrawID  string `json:"draw_id"`
	Target  string `json:"target"`
	Outcome string `json:"outcome"`      // one of OutcomeCodes
	Name    string `json:"outcome_name"` // its Chinese name
	Date    string `json:"date"`         // YYYY-MM-DD inspected
	CaseID  string `json:"case_id,omitempty"`
	Note    string `json:"note,omitempty"`
}

// DrawRecord is a draw as stored: the result, the lists it came from, and when.
type DrawRecord struct {
	ID      string `json:"id"`
	Result  Result `json:"result"`
	Lists   Lists  `json:"lists"`
	Day     string `json:"day"`      // YYYY-MM-DD the certificates were checked on
	DrawnAt string `json:"drawn_at"` // RFC 3339
	Actor   string `json:"actor"`
}
