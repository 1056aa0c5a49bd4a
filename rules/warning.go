package rules

// Warning is one deadline the system knows about (预警): every source — the
// case's own limits, legal review, disclosure, transfer, limitation, the
// annual report — reports in this one shape so officers and supervisors see
// one list.
type Warning struct {
	Kind     string `json:"kind"` // decision_limit, statement_period, hearing_period, review_overdue, disclosure_due, disclosure_overdue, withdrawal_owed, disclosure_expiry, transfer, limitation, annual_report, …
	AgencyID string `json:"agency_id,omitempty"`
	CaseID   string `json:"case_id,omitempty"`
	Due      string `json:"due"`       // YYYY-MM-DD
	DaysLeft int    `json:"days_left"` // negative when overdue
	Citation string `json:"citation"`  // the rule behind the deadline, e.g. 《中华人民共和国行政处罚法》第六十条
	Message  string `json:"message"`
}
