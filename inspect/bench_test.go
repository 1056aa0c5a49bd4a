package inspect

import (
	"fmt"
	"testing"
)

// BenchmarkDraw: one stratified draw over 10,000 synthetic targets and 50
// inspectors, two per target, with 500 recusals.
//
//	go test -tags ne -run '^$' -bench BenchmarkDraw -benchmem ./inspect/
func BenchmarkDraw(b *testing.B) {
	l := synLists(2000, 3000, 5000, 50)
	l.Plan.Stratified = true
	l.Plan.RiskRatios = map[string]float64{"high": 0.3, "medium": 0.1, "low": 0.03}
	for i := 0; i < 500; i++ {
		l.Plan.Recusals = append(l.Plan.Recusals, Recusal{Inspector: fmt.Sprintf("insp-%02d", i%50), Target: l.Targets[i*7].ID})
	}
	var n int
	for b.Loop() {
		res, err := Draw(l, "bench")
		if err != nil {
			b.Fatal(err)
		}
		n = len(res.Draws)
	}
	b.ReportMetric(float64(n), "targets-drawn")
}
