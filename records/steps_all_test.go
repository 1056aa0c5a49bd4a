package records

import (
	"context"
	"testing"
	"time"
)

// AllSteps returns every case's steps in order, the same as Steps case by
// case; NoticePeriodEnd reads the recorded end or the five-day default.
func TestAllSteps(t *testing.T) {
	eachBackend(t, func(t *testing.T, url, dir string, s *Store) {
		ctx := context.Background()
		demoStore(t, s)
		all, err := s.AllSteps(ctx)
		if err != nil {
			t.Fatal(err)
		}
		cases, _ := s.ListCases(ctx)
		n := 0
		for _, c := range cases {
			one, _ := s.Steps(ctx, c.ID)
			n += len(one)
			if len(one) != len(all[c.ID]) {
				t.Errorf("%s: %d steps alone, %d in AllSteps", c.ID, len(one), len(all[c.ID]))
				continue
			}
			for i := range one {
				if one[i].ID != all[c.ID][i].ID {
					t.Errorf("%s: step %d is %s, AllSteps has %s", c.ID, i, one[i].ID, all[c.ID][i].ID)
				}
			}
		}
		if n == 0 {
			t.Fatal("the demo has no steps")
		}
	})
	at := time.Date(2026, 9, 1, 2, 0, 0, 0, time.UTC)
	if end, rec := NoticePeriodEnd(Step{At: at, Data: []byte(`{"period_end":"2026-09-09"}`)}); end != "2026-09-09" || !rec {
		t.Errorf("recorded end: %s %v", end, rec)
	}
	if end, rec := NoticePeriodEnd(Step{At: at}); end != "2026-09-06" || rec {
		t.Errorf("default end: %s %v", end, rec)
	}
}
