package web

import (
	"encoding/json"
	"testing"
)

// Assistance for a stored case by its id: the demo case keeps the record's
// vocabulary (illegal_income, first_violation) and still gets a suggestion.
func TestCaseAssist(t *testing.T) {
	s := recordsServer(t)
	code, b := recCall(t, s, "POST", "/api/v1/cases/demo-case-01/assist", "")
	if code != 200 {
		t.Fatalf("assist: %d %s", code, b)
	}
	var ans struct {
		CaseID     string          `json:"case_id"`
		Suggestion *struct{}       `json:"suggestion"`
		SuggestErr json.RawMessage `json:"suggestion_error"`
		Transfer   *struct{}       `json:"transfer"`
		Similar    json.RawMessage `json:"similar"`
		Norms      json.RawMessage `json:"norms"`
		Disputes   json.RawMessage `json:"disputes"`
	}
	if err := json.Unmarshal(b, &ans); err != nil {
		t.Fatal(err)
	}
	if ans.CaseID != "demo-case-01" || ans.Suggestion == nil || ans.Transfer == nil {
		t.Fatalf("assist answer lacks a part: %s", b)
	}
	if code, b := recCall(t, s, "POST", "/api/v1/cases/no-such-case/assist", ""); code != 404 {
		t.Fatalf("unknown case: %d %s", code, b)
	}
	if code, b := recCall(t, s, "POST", "/api/v1/cases/demo-case-01/assist", `{"top":-1}`); code != 422 {
		t.Fatalf("negative top: %d %s", code, b)
	}
}
