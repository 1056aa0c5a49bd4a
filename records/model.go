// Package records is the system of record: agencies, their power list, officers,
// cases and their steps, evidence, documents, the access log and the
// tamper-evident audit chain. SQLite by default, PostgreSQL when configured.
package records

import (
	"encoding/json"
	"time"
)

// Power item kinds (权责清单 事项类别).
const (
	KindLicensing     = "licensing"     // 行政许可
	KindPenalty       = "penalty"       // 行政处罚
	KindCoercion      = "coercion"      // 行政强制
	KindInspection    = "inspection"    // 行政检查
	KindExpropriation = "expropriation" // 行政征收征用
	KindConfirmation  = "confirmation"  // 行政确认
	KindOther         = "other"         // 其他
)

// PowerKinds lists the valid PowerItem.Kind values.
var PowerKinds = []string{KindLicensing, KindPenalty, KindCoercion, KindInspection, KindExpropriation, KindConfirmation, KindOther}

// Agency is an enforcement agency (执法主体).
type Agency struct {
	ID      string   `json:"id"`
	Name    string   `json:"name"`
	Level   string   `json:"level"`  // 省/市/县/乡
	Region  string   `json:"region"` // e.g. 示例省示例市示例县
	Domains []string `json:"domains"`
	// Province (浙江) adds that province's law pack to what its officers'
	// law search and citations read (zhifa ingest --pack loads the pack).
	Province string `json:"province,omitempty"`
	// Profile carries what documents need: seal text, bank account, review body …
	Profile AgencyProfile `json:"profile"`
}

// AgencyProfile is the free-form part of an agency used when drafting documents.
type AgencyProfile struct {
	SealText       string `json:"seal_text,omitempty"`
	Address        string `json:"address,omitempty"`
	Phone          string `json:"phone,omitempty"`
	BankName       string `json:"bank_name,omitempty"`
	BankAccount    string `json:"bank_account,omitempty"`
	ReviewBody     string `json:"review_body,omitempty"`     // 复议机关
	Court          string `json:"court,omitempty"`           // 管辖法院
	CaseNoPrefix   string `json:"case_no_prefix,omitempty"`  // e.g. 示市监
	DocumentPrefix string `json:"document_prefix,omitempty"` // 文号 prefix
	Note           string `json:"note,omitempty"`
}

// PowerItem is one item of an agency's power list (权责清单事项).
type PowerItem struct {
	ID         string `json:"id"`
	AgencyID   string `json:"agency_id"`
	Code       string `json:"code"`
	Name       string `json:"name"`
	Kind       string `json:"kind"`        // one of PowerKinds
	Category   string `json:"category"`    // enforcement category an officer's certificate must cover, e.g. 市场监管
	LegalBasis string `json:"legal_basis"` // citation, e.g. 《中华人民共和国食品安全法》第一百二十四条
	TimeLimit  string `json:"time_limit"`  // e.g. 90日
	Department string `json:"department"`  // 承办机构
}

// Certificate is an officer's enforcement certificate (执法证).
type Certificate struct {
	Number     string   `json:"number"`
	Categories []string `json:"categories"`
	Region     string   `json:"region"`
	ValidFrom  string   `json:"valid_from"`  // YYYY-MM-DD
	ValidUntil string   `json:"valid_until"` // YYYY-MM-DD
}

// Covers reports whether the certificate is valid for category on day (YYYY-MM-DD).
func (c Certificate) Covers(category, day string) bool {
	if c.Number == "" || day < c.ValidFrom || (c.ValidUntil != "" && day > c.ValidUntil) {
		return false
	}
	if category == "" {
		return true
	}
	for _, k := range c.Categories {
		if k == category {
			return true
		}
	}
	return false
}

// Officer is an enforcement officer (执法人员).
type Officer struct {
	ID                  string      `json:"id"`
	Name                string      `json:"name"`
	AgencyID            string      `json:"agency_id"`
	Certificate         Certificate `json:"certificate"`
	Reviewer            bool        `json:"reviewer"`              // 法制审核人员
	LegalProfessionQual bool        `json:"legal_profession_qual"` // 国家统一法律职业资格
}

// Party kinds.
const (
	PartyPerson       = "person"
	PartyOrganization = "organization"
)

// Party is a party to a case (当事人).
type Party struct {
	Kind       string `json:"kind"` // person | organization
	Name       string `json:"name"`
	IDNumber   string `json:"id_number,omitempty"`   // person: 居民身份证号码
	CreditCode string `json:"credit_code,omitempty"` // organization: 统一社会信用代码
	LegalRep   string `json:"legal_rep,omitempty"`
	Address    string `json:"address,omitempty"`
	Phone      string `json:"phone,omitempty"`
}

// Case procedures.
const (
	ProcedureSimple = "simple" // 简易程序
	ProcedureNormal = "normal" // 普通程序
)

// Case statuses follow the last step kind; "open" before any step.
const (
	StatusOpen     = "open"
	StatusDecided  = "decided"
	StatusClosed   = "closed"
	StatusArchived = "archived"
)

// Decision is what a 决定 step fixes.
type Decision struct {
	PenaltyBasis string  `json:"penalty_basis"` // citation of the penalty provision
	Fine         float64 `json:"fine"`
	Confiscation float64 `json:"confiscation,omitempty"` // 没收违法所得
	Date         string  `json:"date"`                   // YYYY-MM-DD
	Number       string  `json:"number,omitempty"`       // 决定书文号
	Summary      string  `json:"summary,omitempty"`
}

// Case is an enforcement case (案件).
type Case struct {
	ID            string             `json:"id"`
	CaseNo        string             `json:"case_no"`
	AgencyID      string             `json:"agency_id"`
	PowerItemID   string             `json:"power_item_id"`
	Procedure     string             `json:"procedure"`
	Title         string             `json:"title"`
	Parties       []Party            `json:"parties"`
	Facts         string             `json:"facts"`
	Amounts       map[string]float64 `json:"amounts,omitempty"`       // rules.AmountKeys
	Circumstances []string           `json:"circumstances,omitempty"` // rules.CircumstanceCodes
	OfficerIDs    []string           `json:"officer_ids"`
	OpenedOn      string             `json:"opened_on"` // YYYY-MM-DD (立案)
	Status        string             `json:"status"`
	Decision      *Decision          `json:"decision,omitempty"`
	Synthetic     bool               `json:"synthetic,omitempty"`
	CreatedAt     time.Time          `json:"created_at"`
	UpdatedAt     time.Time          `json:"updated_at"`
	Steps         []Step             `json:"steps,omitempty"`    // filled by GetCase
	Warnings      []string           `json:"warnings,omitempty"` // deadline warnings, filled by GetCase
}

// Step kinds (办案环节).
const (
	StepFiling        = "filing"        // 立案
	StepInvestigation = "investigation" // 调查取证
	StepNotice        = "notice"        // 告知 (data: period_end = end of 陈述申辩 period)
	StepHearing       = "hearing"       // 听证
	StepLegalReview   = "legal_review"  // 法制审核
	StepCollective    = "collective"    // 集体讨论
	StepDecision      = "decision"      // 决定 (data: Decision)
	StepService       = "service"       // 送达
	StepExecution     = "execution"     // 执行
	StepClosing       = "closing"       // 结案
	StepArchiving     = "archiving"     // 归档
)

// StepKinds in their usual order, with their Chinese names.
var StepKinds = []string{StepFiling, StepInvestigation, StepNotice, StepHearing, StepLegalReview, StepCollective, StepDecision, StepService, StepExecution, StepClosing, StepArchiving}

// StepNames maps step kinds to their Chinese names.
var StepNames = map[string]string{StepFiling: "立案", StepInvestigation: "调查取证", StepNotice: "告知", StepHearing: "听证", StepLegalReview: "法制审核", StepCollective: "集体讨论", StepDecision: "决定", StepService: "送达", StepExecution: "执行", StepClosing: "结案", StepArchiving: "归档"}

// Step is one appended, never edited, step of a case.
type Step struct {
	ID     string          `json:"id"`
	CaseID string          `json:"case_id"`
	Seq    int             `json:"seq"`
	Kind   string          `json:"kind"`
	Actor  string          `json:"actor"`
	At     time.Time       `json:"at"`
	Data   json.RawMessage `json:"data,omitempty"`
}

// Evidence is an evidence or audio-video item (证据/音像记录).
type Evidence struct {
	ID          string    `json:"id"`
	CaseID      string    `json:"case_id"`
	CaseNo      string    `json:"case_no"`
	Kind        string    `json:"kind"` // document|physical|av|electronic|…
	Title       string    `json:"title"`
	CollectedAt string    `json:"collected_at"`
	Place       string    `json:"place"`
	Collector   string    `json:"collector"`
	Proves      string    `json:"proves"` // the fact it proves
	FileName    string    `json:"file_name,omitempty"`
	Size        int64     `json:"size"`
	SHA256      string    `json:"sha256"`
	CreatedAt   time.Time `json:"created_at"`
}

// AVRecord is an audio-video item: evidence with Kind "av".
type AVRecord = Evidence

// Document is one version of a case document (文书).
type Document struct {
	ID        string    `json:"id"`
	CaseID    string    `json:"case_id"`
	Kind      string    `json:"kind"`
	Version   int       `json:"version"`
	Number    string    `json:"number"` // 文号
	Size      int64     `json:"size"`
	SHA256    string    `json:"sha256"`
	Actor     string    `json:"actor"`
	CreatedAt time.Time `json:"created_at"`
}

// AccessLog is one read of a case record (调阅记录).
type AccessLog struct {
	ID     int64     `json:"id"`
	CaseID string    `json:"case_id"`
	Actor  string    `json:"actor"`
	Action string    `json:"action"`
	At     time.Time `json:"at"`
}

// AuditEntry is one entry of the append-only audit chain.
type AuditEntry struct {
	Seq      int64     `json:"seq"`
	PrevHash string    `json:"prev_hash"`
	Hash     string    `json:"hash"` // SHA-256 of the canonical entry
	Actor    string    `json:"actor"`
	At       time.Time `json:"at"`
	Entity   string    `json:"entity"` // agency|power_item|officer|case|step|evidence|document|access (a read, 调阅)|obj:<kind>
	EntityID string    `json:"entity_id"`
	Action   string    `json:"action"`  // create|update|append|delete
	Payload  string    `json:"payload"` // canonical JSON of the written record
	Sig      string    `json:"sig"`     // base64 Ed25519 over Hash
}

// FieldError is a validation error naming the field.
type FieldError struct {
	Field   string `json:"field"`
	Message string `json:"message"`
}

func (e *FieldError) Error() string { return e.Field + ": " + e.Message }

// NotFoundError reports a missing record.
type NotFoundError struct{ What, ID string }

func (e *NotFoundError) Error() string { return e.What + " " + e.ID + " not found" }
