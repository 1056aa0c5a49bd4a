package stats

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"testing"
	"time"

	"zhifa/records"
)

// fillYear writes n synthetic cases of 2026 (filed; three in four noticed and
// decided with a fine; one in three with a hearing) straight into the
// tables, in one transaction: a fixture for measuring, not a way to write
// records (it bypasses the audit chain).
func fillYear(tb testing.TB, st *records.Store, n int) {
	tb.Helper()
	ctx := context.Background()
	if _, err := st.PutAgency(ctx, records.Agency{ID: "bench-ag", Name: "合成基准局"}, "bench"); err != nil {
		tb.Fatal(err)
	}
	for _, k := range records.PowerKinds {
		if _, err := st.PutPowerItem(ctx, records.PowerItem{AgencyID: "bench-ag", Code: k, Name: k, Kind: k}, "bench"); err != nil {
			tb.Fatal(err)
		}
	}
	tx, err := st.DB().BeginTx(ctx, nil)
	if err != nil {
		tb.Fatal(err)
	}
	defer tx.Rollback()
	insCase, err := tx.Prepare(st.Rebind(`INSERT INTO cases(id, case_no, agency_id, status, decided_at, data) VALUES (?,?,?,?,?,?)`))
	if err != nil {
		tb.Fatal(err)
	}
	insStep, err := tx.Prepare(st.Rebind(`INSERT INTO steps(id, case_id, seq, data) VALUES (?,?,?,?)`))
	if err != nil {
		tb.Fatal(err)
	}
	base := time.Date(2026, 1, 1, 2, 0, 0, 0, time.UTC)
	for i := 0; i < n; i++ {
		id := "bench-" + strconv.Itoa(i)
		kind := records.PowerKinds[i%len(records.PowerKinds)]
		opened := base.AddDate(0, 0, i%300)
		c := records.Case{ID: id, CaseNo: id, AgencyID: "bench-ag", PowerItemID: "bench-ag-" + kind, Procedure: records.ProcedureNormal, Title: "合成基准案件",
			Parties: []records.Party{{Kind: records.PartyPerson, Name: "合成"}}, Facts: "合成基准数据（synthetic benchmark data）", OfficerIDs: []string{"a", "b"},
			OpenedOn: opened.Format("2006-01-02"), Status: records.StatusOpen, Synthetic: true, CreatedAt: opened, UpdatedAt: opened}
		steps := []records.Step{{Kind: records.StepFiling, At: opened}}
		if i%4 != 0 {
			steps = append(steps, records.Step{Kind: records.StepNotice, At: opened.AddDate(0, 0, 5)})
			if i%3 == 0 {
				steps = append(steps, records.Step{Kind: records.StepHearing, At: opened.AddDate(0, 0, 15)})
			}
			d := opened.AddDate(0, 0, 20)
			c.Decision = &records.Decision{PenaltyBasis: "合成依据", Fine: float64(100 * (i % 500)), Confiscation: float64(i % 7), Date: d.Format("2006-01-02")}
			c.Status = records.StatusDecided
			steps = append(steps, records.Step{Kind: records.StepDecision, At: d})
		}
		data, _ := json.Marshal(c)
		decided := ""
		if c.Decision != nil {
			decided = steps[len(steps)-1].At.Format(time.RFC3339Nano)
		}
		if _, err := insCase.Exec(id, id, c.AgencyID, c.Status, decided, string(data)); err != nil {
			tb.Fatal(err)
		}
		for j, s := range steps {
			s.ID, s.CaseID, s.Seq, s.Actor = fmt.Sprintf("%s/%d", id, j+1), id, j+1, "bench"
			sd, _ := json.Marshal(s)
			if _, err := insStep.Exec(s.ID, id, s.Seq, string(sd)); err != nil {
				tb.Fatal(err)
			}
		}
	}
	if err := tx.Commit(); err != nil {
		tb.Fatal(err)
	}
}

// BenchmarkYear100k: the statistics of a year of 100,000 cases, read from
// SQLite and computed. ZHIFA_BENCH_CASES changes the count;
// ZHIFA_BENCH_DIR keeps the data directory (for timing `zhifa stats` on it).
//
//	go test -tags ne -run '^$' -bench BenchmarkYear100k -benchtime 3x -benchmem ./stats/
func BenchmarkYear100k(b *testing.B) {
	n := 100000
	if v, err := strconv.Atoi(os.Getenv("ZHIFA_BENCH_CASES")); err == nil && v > 0 {
		n = v
	}
	dir := os.Getenv("ZHIFA_BENCH_DIR")
	if dir == "" {
		dir = b.TempDir()
	}
	ctx := context.Background()
	st, err := records.OpenURL(ctx, "sqlite:"+filepath.Join(dir, "zhifa.db"), dir)
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	if cs, _ := st.ListCases(ctx); len(cs) == 0 {
		fillYear(b, st, n)
	}
	runtime.GC()
	var peak uint64
	done := make(chan struct{})
	go func() {
		var m runtime.MemStats
		for {
			select {
			case <-done:
				return
			case <-time.After(20 * time.Millisecond):
				runtime.ReadMemStats(&m)
				peak = max(peak, m.HeapAlloc)
			}
		}
	}()
	var rep Report
	for b.Loop() {
		if rep, err = Year(ctx, st, 2026, ""); err != nil {
			b.Fatal(err)
		}
	}
	close(done)
	if rep.Totals["penalty"].Cases == 0 {
		b.Fatal("no cases counted")
	}
	b.ReportMetric(float64(n), "cases")
	b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MiB")
}
