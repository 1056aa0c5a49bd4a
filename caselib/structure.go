package caselib

// Structure is what import recognises in a decision's text. Sections hold the
// text under each heading found; the rest is extracted from them with nlp.
type Structure struct {
	Party     string    `json:"party,omitempty"`      // 当事人
	Facts     string    `json:"facts,omitempty"`      // 经查 / 违法事实
	Evidence  string    `json:"evidence,omitempty"`   // 证据
	Basis     string    `json:"basis,omitempty"`      // 处罚依据
	Reasons   string    `json:"reasons,omitempty"`    // 裁量理由
	Decision  string    `json:"decision,omitempty"`   // 处罚决定
	Citations []string  `json:"citations,omitempty"`  // articles cited, normalised
	Amounts   []float64 `json:"amounts,omitempty"`    // money amounts in the facts
	PartyType string    `json:"party_type,omitempty"` // person | organization
}
