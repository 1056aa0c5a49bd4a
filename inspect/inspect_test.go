package inspect

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"zhifa/internal/sqlopen"
	"zhifa/records"
)

// openStore opens a fresh store at url ("" for SQLite in a temp dir).
func openStore(t testing.TB, url string) *records.Store {
	t.Helper()
	dir := t.TempDir()
	if url == "" {
		url = "sqlite:" + filepath.Join(dir, "z.db")
	}
	st, err := records.OpenURL(context.Background(), url, dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

// pgURL gives a fresh PostgreSQL schema when ZHIFA_TEST_PG_URL is set.
func pgURL(t *testing.T) string {
	pg := os.Getenv("ZHIFA_TEST_PG_URL")
	if pg == "" {
		return ""
	}
	db, _, err := sqlopen.Open(context.Background(), pg, "")
	if err != nil {
		t.Logf("PostgreSQL unreachable: %v", err)
		return ""
	}
	t.Cleanup(func() { db.Close() })
	var b [6]byte
	_, _ = rand.Read(b[:])
	schema := "zhifa_test_" + hex.EncodeToString(b[:])
	if _, err := db.Exec(`CREATE SCHEMA ` + schema); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Exec(`DROP SCHEMA ` + schema + ` CASCADE`) })
	sep := "?"
	if strings.Contains(pg, "?") {
		sep = "&"
	}
	return pg + sep + "search_path=" + schema
}

// TestDrawChild is the draw run in a separate process by
// TestDrawReproducible: a fresh store (ZHIFA_DRAW_CHILD_URL, or SQLite),
// the demo, the demo plan drawn from ZHIFA_DRAW_CHILD_SEED, printed.
func TestDrawChild(t *testing.T) {
	seed := os.Getenv("ZHIFA_DRAW_CHILD_SEED")
	if seed == "" {
		t.Skip("run by TestDrawReproducible")
	}
	st := openStore(t, os.Getenv("ZHIFA_DRAW_CHILD_URL"))
	ctx := context.Background()
	if err := records.LoadDemo(ctx, st); err != nil {
		t.Fatal(err)
	}
	p, err := GetPlan(ctx, st, DemoPlanID)
	if err != nil {
		t.Fatal(err)
	}
	res, err := Run(ctx, st, "t", p, seed, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	b, _ := json.Marshal(res)
	fmt.Printf("\nDRAW %s\n", b)
}

func childDraw(t *testing.T, seed, url string) string {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestDrawChild$", "-test.count=1")
	cmd.Env = append(os.Environ(), "ZHIFA_DRAW_CHILD_SEED="+seed, "ZHIFA_DRAW_CHILD_URL="+url)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("child: %v\n%s", err, out)
	}
	for _, line := range strings.Split(string(out), "\n") {
		if strings.HasPrefix(line, "DRAW ") {
			return strings.TrimPrefix(line, "DRAW ")
		}
	}
	t.Fatalf("child printed no draw:\n%s", out)
	return ""
}

// The demo draw re-run in two separate processes, each on a fresh store, and
// on PostgreSQL when configured, gives the same bytes; another seed does not.
func TestDrawReproducible(t *testing.T) {
	a := childDraw(t, "公开摇号-2026-12-02", "")
	b := childDraw(t, "公开摇号-2026-12-02", "")
	if a != b {
		t.Fatalf("two processes drew differently:\n%s\n%s", a, b)
	}
	if pg := pgURL(t); pg != "" {
		if c := childDraw(t, "公开摇号-2026-12-02", pg); c != a {
			t.Fatalf("PostgreSQL drew differently:\n%s\n%s", a, c)
		}
	} else {
		t.Log("ZHIFA_TEST_PG_URL not set: PostgreSQL leg skipped")
	}
	if c := childDraw(t, "another seed", ""); c == a {
		t.Errorf("another seed drew the same: %s", c)
	}
	var r Result
	if err := json.Unmarshal([]byte(a), &r); err != nil || r.Plan != "demo" || len(r.ListsSHA256) != 64 || len(r.Draws) != 5 {
		t.Errorf("demo draw: %+v %v", r, err)
	}
}

// synLists are n synthetic targets per risk level and m inspectors.
func synLists(high, medium, low, m int) Lists {
	l := Lists{Plan: Plan{ID: "syn", AgencyID: "syn-ag", Ratio: 1, InspectorsPerTarget: 2}}
	add := func(n int, risk string) {
		for i := 0; i < n; i++ {
			l.Targets = append(l.Targets, Target{ID: fmt.Sprintf("%s-%03d", risk, i), Risk: risk, Synthetic: true})
		}
	}
	add(high, "high")
	add(medium, "medium")
	add(low, "low")
	for i := 0; i < m; i++ {
		l.Inspectors = append(l.Inspectors, Inspector{ID: fmt.Sprintf("insp-%02d", i)})
	}
	return l
}

// A stratified draw takes ⌈N·r⌉ of each risk level, for every seed.
func TestStratifiedRatios(t *testing.T) {
	l := synLists(10, 21, 33, 6)
	l.Plan.Stratified = true
	l.Plan.RiskRatios = map[string]float64{"high": 0.5, "medium": 0.2, "low": 0.1}
	want := map[string]int{"high": 5, "medium": 5, "low": 4} // 10·0.5, ⌈21·0.2⌉ = ⌈4.2⌉, ⌈33·0.1⌉ = ⌈3.3⌉
	seen := map[string]bool{}
	for s := 0; s < 50; s++ {
		res, err := Draw(l, fmt.Sprint("seed-", s))
		if err != nil {
			t.Fatal(err)
		}
		got := map[string]int{}
		for _, a := range res.Draws {
			got[strings.SplitN(a.Target, "-", 2)[0]]++
			seen[a.Target] = true
			if len(a.Inspectors) != 2 || a.Inspectors[0] == a.Inspectors[1] {
				t.Errorf("seed %d %s: inspectors %v", s, a.Target, a.Inspectors)
			}
		}
		for k, n := range want {
			if got[k] != n {
				t.Errorf("seed %d: %d %s-risk targets drawn, want %d", s, got[k], k, n)
			}
		}
	}
	if len(seen) < 50 {
		t.Errorf("50 draws reached only %d of 64 targets: not random enough", len(seen))
	}
	// Not stratified: one share of all.
	l.Plan.Stratified, l.Plan.Ratio = false, 0.25
	res, _ := Draw(l, "x")
	if len(res.Draws) != 16 {
		t.Errorf("25%% of 64: %d drawn", len(res.Draws))
	}
}

// A recused inspector never meets the target; too few left is an error
// naming the inspectors, never a draw of one.
func TestRecusal(t *testing.T) {
	l := synLists(3, 0, 0, 3)
	l.Plan.Recusals = []Recusal{{Inspector: "insp-00", Target: "high-001", Reason: "synthetic"}}
	met := map[string]bool{}
	for s := 0; s < 200; s++ {
		res, err := Draw(l, fmt.Sprint(s))
		if err != nil {
			t.Fatal(err)
		}
		for _, a := range res.Draws {
			for _, i := range a.Inspectors {
				met[i+" "+a.Target] = true
			}
		}
	}
	if met["insp-00 high-001"] {
		t.Error("a recused inspector was drawn for the target")
	}
	if !met["insp-00 high-000"] || !met["insp-01 high-001"] {
		t.Errorf("the others should meet: %v", met)
	}
	l.Plan.Recusals = append(l.Plan.Recusals, Recusal{Inspector: "insp-01", Target: "high-001"})
	_, err := Draw(l, "s")
	var ce *records.ConflictError
	if !errors.As(err, &ce) || ce.Field != "inspectors" || !strings.Contains(ce.Message, "high-001") {
		t.Errorf("one inspector left for high-001: %v", err)
	}
}

// Against a store: the seed is in the chain before the draw; the next draw
// of the plan gives no target an inspector of the previous one; the same
// seed again returns the recorded draw; results are checked.
func TestRunOnStore(t *testing.T) {
	st := openStore(t, "")
	ctx := context.Background()
	if err := records.LoadDemo(ctx, st); err != nil {
		t.Fatal(err)
	}
	p := DemoPlan()
	p.ID, p.Stratified, p.Ratio, p.Recusals = "syn-all", false, 1, nil // every target, so each meets both draws
	p, err := PutPlan(ctx, st, "t", p)
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 12, 2, 9, 0, 0, 0, time.UTC)
	first, err := Run(ctx, st, "t", p, "", now)
	if err != nil {
		t.Fatal(err)
	}
	if len(first.Seed) != 32 || len(first.Draws) != 20 {
		t.Fatalf("generated seed %q, %d draws", first.Seed, len(first.Draws))
	}
	second, err := Run(ctx, st, "t", p, "second", now)
	if err != nil {
		t.Fatal(err)
	}
	prev := map[string]string{}
	for _, a := range first.Draws {
		prev[a.Target] = strings.Join(a.Inspectors, ",")
	}
	for _, a := range second.Draws {
		for _, i := range a.Inspectors {
			if strings.Contains(prev[a.Target], i) {
				t.Errorf("%s met %s in both draws in a row", i, a.Target)
			}
		}
	}
	again, err := Run(ctx, st, "t", p, "second", now.Add(48*time.Hour))
	if err != nil || fmt.Sprint(again) != fmt.Sprint(second) {
		t.Errorf("the same seed again should return the recorded draw: %v", err)
	}
	entries, err := st.AuditEntries(ctx, 0, 1<<40)
	if err != nil {
		t.Fatal(err)
	}
	seedAt, drawAt := int64(0), int64(0)
	for _, e := range entries {
		if e.EntityID == DrawID("syn-all", "second") {
			switch e.Entity {
			case records.ObjectEntity(KindSeed):
				seedAt = e.Seq
				if !strings.Contains(e.Payload, `"seed":"second"`) || !strings.Contains(e.Payload, second.ListsSHA256) {
					t.Errorf("seed entry lacks seed or lists hash: %s", e.Payload)
				}
			case records.ObjectEntity(KindDraw):
				drawAt = e.Seq
			}
		}
	}
	if seedAt == 0 || drawAt == 0 || seedAt >= drawAt {
		t.Errorf("seed entry %d must come before the draw entry %d", seedAt, drawAt)
	}
	rec, err := GetDraw(ctx, st, DrawID("syn-all", "second"))
	if err != nil {
		t.Fatal(err)
	}
	if r, _ := Draw(rec.Lists, "second"); fmt.Sprint(r) != fmt.Sprint(second) {
		t.Error("the recorded lists do not re-run to the draw")
	}
	target := second.Draws[0].Target
	for _, tc := range []struct {
		r     InspectionResult
		field string
	}{
		{InspectionResult{DrawID: rec.ID, Target: target, Outcome: "未发现问题", Date: "2026-12-03"}, ""},
		{InspectionResult{DrawID: rec.ID, Target: target, Outcome: "fine", Date: "2026-12-03"}, "outcome"},
		{InspectionResult{DrawID: rec.ID, Target: "nope", Outcome: "no_problem", Date: "2026-12-03"}, "target"},
		{InspectionResult{DrawID: rec.ID, Target: target, Outcome: "no_problem", Date: "2026-12-01"}, "date"},
		{InspectionResult{DrawID: rec.ID, Target: target, Outcome: "case_filed", Date: "2026-12-03"}, "case_id"},
	} {
		got, err := RecordResult(ctx, st, "t", tc.r)
		var fe *records.FieldError
		switch {
		case tc.field == "" && (err != nil || got.Outcome != "no_problem" || got.Name != "未发现问题"):
			t.Errorf("%+v: %+v %v", tc.r, got, err)
		case tc.field != "" && (!errors.As(err, &fe) || fe.Field != tc.field):
			t.Errorf("%+v: want field %s, got %v", tc.r, tc.field, err)
		}
	}
	if rs, _ := ListResults(ctx, st, rec.ID); len(rs) != 1 {
		t.Errorf("results: %+v", rs)
	}
	if v := st.Verify(ctx); !v.OK {
		t.Errorf("chain does not verify after draws: %+v", v)
	}
}

// Registries import from CSV and XLSX; every bad line is named, none stored.
func TestImportTargets(t *testing.T) {
	good := DemoTargets()[:2]
	csv := "名称,类型,统一社会信用代码,地址,行业,风险等级\n" +
		good[0].Name + ",企业," + good[0].CreditCode + ",地址1,食品销售,高\n" +
		good[1].Name + ",个体工商户," + good[1].CreditCode + ",地址2,食品销售,低\n"
	ts, err := ReadTargets([]byte(csv), FormatCSV, "syn-ag")
	if err != nil || len(ts) != 2 || ts[0].Risk != "high" || ts[1].Kind != TargetIndividual || ts[0].ID != good[0].CreditCode {
		t.Fatalf("good CSV: %+v %v", ts, err)
	}
	bad := csv + "坏,公司,91440705MA00000010,地址3,食品销售,极高\n,企业," + good[0].CreditCode + ",地址4,食品销售,中\n"
	_, err = ReadTargets([]byte(bad), FormatCSV, "syn-ag")
	var ie *ImportError
	if !errors.As(err, &ie) {
		t.Fatalf("bad CSV: %v", err)
	}
	want := []string{"4 kind", "4 risk", "4 credit_code", "5 name", "5 credit_code"}
	var got []string
	for _, l := range ie.Lines {
		got = append(got, fmt.Sprintf("%d %s", l.Line, l.Field))
	}
	if strings.Join(got, ",") != strings.Join(want, ",") {
		t.Errorf("errors %v, want %v (%v)", got, want, err)
	}
	if _, err := ReadTargets([]byte("名称,地址\nx,y\n"), FormatCSV, "a"); err == nil || !strings.Contains(err.Error(), "line 1: kind") {
		t.Errorf("missing columns: %v", err)
	}
	// XLSX: the same rows in a workbook.
	f := excelize.NewFile()
	for i, row := range strings.Split(strings.TrimSpace(bad), "\n") {
		cells := strings.Split(row, ",")
		vals := make([]any, len(cells))
		for j, c := range cells {
			vals[j] = c
		}
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow("Sheet1", cell, &vals); err != nil {
			t.Fatal(err)
		}
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	if FormatOf("t.xlsx", buf.Bytes()) != FormatXLSX {
		t.Fatal("xlsx not recognised")
	}
	_, err = ReadTargets(buf.Bytes(), FormatXLSX, "syn-ag")
	if !errors.As(err, &ie) || len(ie.Lines) != 5 || ie.Lines[0].Line != 4 {
		t.Errorf("bad XLSX: %v", err)
	}
	if _, err := ReadTargets([]byte("PK\x03\x04junk"), FormatXLSX, "a"); err == nil || !strings.Contains(err.Error(), "XLSX") {
		t.Errorf("broken XLSX: %v", err)
	}
	ms, err := ReadMatters([]byte("编号,抽查事项,抽查依据,抽查主体,抽查对象,抽查比例,抽查频次,抽查方式,抽查内容\nm1,事项,依据,主体,对象,5%,每年,现场,内容\nm2,事项,依据,主体,对象,150%,每年,现场,内容\n"), FormatCSV, "a")
	if err == nil || !strings.Contains(err.Error(), "line 3: ratio") {
		t.Errorf("matters: %+v %v", ms, err)
	}
}
