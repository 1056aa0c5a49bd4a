package records

import (
	"context"
	"fmt"
	"testing"
	"time"
)

// go test -tags ne -run '^$' -bench . ./records/ (PostgreSQL too when ZHIFA_TEST_PG_URL is set)
func BenchmarkCaseCreate(b *testing.B) {
	benchBackends(b, func(b *testing.B, s *Store) {
		ctx := context.Background()
		base := Case{AgencyID: DemoAgencyID, PowerItemID: DemoAgencyID + "-SP-002", OpenedOn: "2026-11-01", OfficerIDs: []string{"demo-of-1", "demo-of-2"},
			Parties: []Party{{Kind: PartyOrganization, Name: "合成公司", CreditCode: demoCredit("MA5888888")}}, Facts: "合成基准数据"}
		b.ResetTimer()
		for i := 0; b.Loop(); i++ {
			c := base
			c.CaseNo = fmt.Sprintf("bench-%d-%d", time.Now().UnixNano(), i)
			if _, err := s.CreateCase(ctx, c, "bench"); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "cases/s")
	})
}

// Steps go to realistic cases: a new case (filed) every 8 steps, created off the clock.
func BenchmarkStepAppend(b *testing.B) {
	benchBackends(b, func(b *testing.B, s *Store) {
		ctx := context.Background()
		newCase := func() string {
			c, err := s.CreateCase(ctx, Case{AgencyID: DemoAgencyID, PowerItemID: DemoAgencyID + "-SP-002", OpenedOn: "2026-11-01", OfficerIDs: []string{"demo-of-1", "demo-of-2"},
				Parties: []Party{{Kind: PartyOrganization, Name: "合成公司", CreditCode: demoCredit("MA5888888")}}}, "bench")
			if err != nil {
				b.Fatal(err)
			}
			if _, _, err := s.AppendStep(ctx, c.ID, StepFiling, parseDay("2026-11-01").Add(time.Hour), nil, "bench"); err != nil {
				b.Fatal(err)
			}
			return c.ID
		}
		at := parseDay("2026-11-02")
		var id string
		n := 0
		for i := 0; b.Loop(); i++ {
			if i%8 == 0 {
				b.StopTimer()
				id = newCase()
				b.StartTimer()
			}
			if _, _, err := s.AppendStep(ctx, id, StepInvestigation, at.Add(time.Duration(i)*time.Second), map[string]int{"n": i}, "bench"); err != nil {
				b.Fatal(err)
			}
			n++
		}
		b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "steps/s")
	})
}

func benchBackends(b *testing.B, f func(b *testing.B, s *Store)) {
	for _, be := range backends(b) {
		b.Run(be.name, func(b *testing.B) {
			url := be.open(b)
			s, err := OpenURL(context.Background(), url, b.TempDir())
			if err != nil {
				b.Fatal(err)
			}
			defer s.Close()
			if err := LoadDemo(context.Background(), s); err != nil {
				b.Fatal(err)
			}
			f(b, s)
		})
	}
}
