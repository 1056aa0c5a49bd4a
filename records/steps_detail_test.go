package records

import (
	"encoding/json"
	"errors"
	"testing"
	"time"
)

func TestCheckDetailData(t *testing.T) {
	for _, tc := range []struct {
		kind, data, field string // field "" = accepted
	}{
		{StepLegalReview, `{"opinion":"同意","reviewer":"甲（合成）","date":"2026-05-05"}`, ""},
		{StepLegalReview, `{"note":"其他字段照存"}`, ""},
		{StepLegalReview, ``, ""},
		{StepLegalReview, `{"date":"5月5日"}`, "data.date"},
		{StepLegalReview, `{"reviewer":1}`, "data.reviewer"},
		{StepHearing, `{"date":"2026-05-20","time":"09:30","host":"乙（合成）"}`, ""},
		{StepHearing, `{"time":"9点半"}`, "data.time"},
		{StepHearing, `{"notified_on":"2026/05/12"}`, "data.notified_on"},
		{StepCollective, `{"participants":["丙（合成）"],"conclusion":"同意"}`, ""},
		{StepCollective, `{"participants":"丙"}`, "data.participants"},
		{StepHearing, `{"date":"2026-12-20","notified_on":"2026-12-25"}`, "data.notified_on"},
		{StepHearing, `{"date":"2026-12-20","notified_on":"2026-12-19"}`, ""}, // recorded; Deadlines warns
		{StepHearing, `{"date":"2026-12-20","requested_on":"2026-12-01"}`, ""},
		{StepHearing, `{"requested_on":"12月1日"}`, "data.requested_on"},
		{StepHearing, `{"date":"2026-12-20","requested_on":"2026-12-21"}`, "data.requested_on"},
		{StepExecution, `{"note":"已缴清"}`, ""},
		{StepExecution, `{"note":5}`, "data.note"},
	} {
		err := checkDetailData(tc.kind, json.RawMessage(tc.data))
		var fe *FieldError
		switch {
		case tc.field == "" && err != nil:
			t.Errorf("%s %s: %v", tc.kind, tc.data, err)
		case tc.field != "" && (!errors.As(err, &fe) || fe.Field != tc.field):
			t.Errorf("%s %s: want field %s, got %v", tc.kind, tc.data, tc.field, err)
		}
	}
}

// The 立案 step's dates: discovered_on is a date and not after the 立案.
func TestCheckFilingData(t *testing.T) {
	c := Case{ID: "t-case", OpenedOn: "2026-03-01", Procedure: ProcedureNormal} // synthetic
	at := time.Date(2026, 3, 5, 9, 0, 0, 0, cst)
	for _, tc := range []struct{ data, field string }{
		{``, ""},
		{`{"discovered_on":"2026-03-02","violation_on":"2026-02-20"}`, ""},
		{`{"discovered_on":"2026-03-05"}`, ""},
		{`{"discovered_on":"2026-03-06"}`, "data.discovered_on"},
		{`{"discovered_on":"3月2日"}`, "data.discovered_on"},
		{`{"violation_on":"2026/02/20"}`, "data.violation_on"},
		{`{"discovered_on":5}`, "data.discovered_on"},
	} {
		err := checkStep(c, nil, StepFiling, at, json.RawMessage(tc.data))
		var fe *FieldError
		switch {
		case tc.field == "" && err != nil:
			t.Errorf("%s: %v", tc.data, err)
		case tc.field != "" && (!errors.As(err, &fe) || fe.Field != tc.field):
			t.Errorf("%s: want field %s, got %v", tc.data, tc.field, err)
		}
	}
}

func TestLatestStep(t *testing.T) {
	steps := []Step{{Seq: 1, Kind: StepLegalReview}, {Seq: 2, Kind: StepCollective}, {Seq: 3, Kind: StepLegalReview}}
	if s, ok := LatestStep(steps, StepLegalReview); !ok || s.Seq != 3 {
		t.Errorf("got %+v %v", s, ok)
	}
	if _, ok := LatestStep(steps, StepHearing); ok {
		t.Error("found a hearing")
	}
}
