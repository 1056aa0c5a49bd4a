package records

import (
	"context"
	"encoding/json"
)

// AllSteps returns every case's steps, keyed by case id and in order, in one
// query: the annual statistics read a whole year of cases at once.
func (s *Store) AllSteps(ctx context.Context) (map[string][]Step, error) {
	steps, err := listJSON[Step](ctx, s, `SELECT data FROM steps ORDER BY case_id, seq`)
	if err != nil {
		return nil, err
	}
	out := map[string][]Step{}
	for _, st := range steps {
		out[st.CaseID] = append(out[st.CaseID], st)
	}
	return out, nil
}

// NoticePeriodEnd is the last day of the 陈述申辩 period of a 告知 step, as
// the step rules read it, and whether the notice recorded it (else five days
// after the notice).
func NoticePeriodEnd(nt Step) (string, bool) {
	var n NoticeData
	_ = json.Unmarshal(nt.Data, &n)
	return noticeEnd(nt), n.PeriodEnd != ""
}
