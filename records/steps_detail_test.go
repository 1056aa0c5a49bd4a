package records

import (
	"encoding/json"
	"errors"
	"testing"
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

func TestLatestStep(t *testing.T) {
	steps := []Step{{Seq: 1, Kind: StepLegalReview}, {Seq: 2, Kind: StepCollective}, {Seq: 3, Kind: StepLegalReview}}
	if s, ok := LatestStep(steps, StepLegalReview); !ok || s.Seq != 3 {
		t.Errorf("got %+v %v", s, ok)
	}
	if _, ok := LatestStep(steps, StepHearing); ok {
		t.Error("found a hearing")
	}
}
