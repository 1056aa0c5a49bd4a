package review

import (
	"context"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"zhifa/records"
)

// generated is n synthetic case files (合成测试数据), varied from the clean one:
// fines across the range and beyond, missing steps, bad evidence, expired
// certificates, old acts, and 50 decided cases to compare with.
func generated(n int) []CaseFile {
	r := rand.New(rand.NewPCG(1, 2))
	out := make([]CaseFile, n)
	for i := range out {
		cf := cleanFile()
		cf.Proposed.Fine = float64(1000 * (1 + r.IntN(200)))
		cf.Case.Amounts["goods_value"] = float64(100 * (1 + r.IntN(2000)))
		switch r.IntN(6) {
		case 0:
			cf.Case.Steps = cf.Case.Steps[:2]
		case 1:
			cf.EvidenceBad["t-ev-1"] = "synthetic"
		case 2:
			o := cf.Officers["t-of-2"]
			o.Certificate.ValidUntil = "2026-01-01"
			cf.Officers["t-of-2"] = o
		case 3:
			cf.Case.Facts = "2023年1月1日，当事人销售超过保质期的食品。（合成测试数据）"
		case 4:
			cf.Case.Parties[0].Kind = records.PartyPerson
		}
		for j := range 50 {
			cf.Similar = append(cf.Similar, ruleFine(j, cf.Proposed.PenaltyBasis, float64(50000+1000*r.IntN(50))))
		}
		cf.Scope = ScopeOf(DefaultCatalog(), FactsOf(cf.Case, cf.Case.Steps, cf.Proposed))
		out[i] = cf
	}
	return out
}

// percentiles times f once per item and reports p50 and p99 per case.
func percentiles(b *testing.B, n int, f func(i int)) {
	ds := make([]time.Duration, 0, n)
	for b.Loop() {
		ds = ds[:0]
		for i := range n {
			t0 := time.Now()
			f(i)
			ds = append(ds, time.Since(t0))
		}
	}
	slices.Sort(ds)
	b.ReportMetric(float64(ds[len(ds)/2].Microseconds()), "p50-µs/case")
	b.ReportMetric(float64(ds[len(ds)*99/100].Microseconds()), "p99-µs/case")
	b.ReportMetric(0, "ns/op")
}

// BenchmarkChecklistGenerated: Check on 10,000 generated case files (no I/O).
func BenchmarkChecklistGenerated(b *testing.B) {
	cfs := generated(10000)
	Check(cfs[0]) // load the embedded laws, benchmarks and thresholds once, as a server does
	percentiles(b, len(cfs), func(i int) { Check(cfs[i]) })
}

// BenchmarkChecklistDemo: the checklist of each demo case as the API serves
// it — read from the store (files re-hashed, documents read) and checked.
func BenchmarkChecklistDemo(b *testing.B) {
	st := openDemo(b)
	ctx := context.Background()
	cases, err := st.ListCases(ctx)
	if err != nil {
		b.Fatal(err)
	}
	if _, err := CaseChecklist(ctx, st, cases[0].ID, "bench", time.Now()); err != nil {
		b.Fatal(err)
	}
	percentiles(b, len(cases), func(i int) {
		if _, err := CaseChecklist(ctx, st, cases[i].ID, "bench", time.Now()); err != nil {
			b.Fatal(err)
		}
	})
}
