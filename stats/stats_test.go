package stats

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"sort"
	"strconv"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"zhifa/inspect"
	"zhifa/nlp"
	"zhifa/records"
)

func at(day string) time.Time {
	t, _ := time.ParseInLocation("2006-01-02", day, cst)
	return t.Add(10 * time.Hour)
}

func addDays(day string, n int) string { return at(day).AddDate(0, 0, n).Format("2006-01-02") }

func synID(n int) string {
	s := fmt.Sprintf("44070519800101%03d", n)
	c, _ := nlp.IDCheckDigit(s)
	return s + string(c)
}

// expected is the tally the generator keeps of what it wrote, by agency and
// kind, computed without reading anything back.
type expected map[string]map[string]map[string]float64

func (e expected) add(agency, kind, field string, v float64) {
	if e[agency] == nil {
		e[agency] = map[string]map[string]float64{}
	}
	if e[agency][kind] == nil {
		e[agency][kind] = map[string]float64{}
	}
	e[agency][kind][field] += v
}

func median(v []float64) float64 {
	if len(v) == 0 {
		return 0
	}
	s := append([]float64(nil), v...)
	sort.Float64s(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return float64(int64((s[len(s)/2-1]+s[len(s)/2])*50+0.5)) / 100
}

// Statistics over generated synthetic records equal the counts the
// generator kept while writing them.
func TestYearOnGeneratedRecords(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	st, err := records.OpenURL(ctx, "sqlite:"+filepath.Join(dir, "z.db"), dir)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	kinds := []string{"penalty", "licensing", "coercion", "inspection"}
	agencies := []string{"syn-a", "syn-b"}
	for _, a := range agencies {
		if _, err := st.PutAgency(ctx, records.Agency{ID: a, Name: a + "（synthetic）"}, "t"); err != nil {
			t.Fatal(err)
		}
		for _, k := range kinds {
			if _, err := st.PutPowerItem(ctx, records.PowerItem{AgencyID: a, Code: k, Name: k, Kind: k, Category: "综合"}, "t"); err != nil {
				t.Fatal(err)
			}
		}
		for i := 1; i <= 4; i++ {
			if _, err := st.PutOfficer(ctx, records.Officer{ID: fmt.Sprintf("%s-of-%d", a, i), Name: "合成", AgencyID: a,
				Certificate: records.Certificate{Number: fmt.Sprint(i), Categories: []string{"综合"}, ValidFrom: "2020-01-01", ValidUntil: "2099-12-31"}}, "t"); err != nil {
				t.Fatal(err)
			}
		}
	}
	rng := rand.New(rand.NewPCG(1, 2))
	exp := expected{}
	fines := map[string][]float64{} // "agency/kind" → fines of 2026 decisions
	var objs []records.ObjectWrite
	for n := 0; n < 60; n++ {
		a, k := agencies[rng.IntN(2)], kinds[rng.IntN(len(kinds))]
		year := 2025 + rng.IntN(2)
		// January to September: the steps (up to a month later) stay in the past, as records requires
		opened := fmt.Sprintf("%d-%02d-%02d", year, 1+rng.IntN(9), 1+rng.IntN(28))
		id := fmt.Sprintf("syn-%02d", n)
		if _, err := st.CreateCase(ctx, records.Case{ID: id, AgencyID: a, PowerItemID: a + "-" + k, OpenedOn: opened, OfficerIDs: []string{a + "-of-1", a + "-of-2"},
			Parties: []records.Party{{Kind: records.PartyPerson, Name: "合成", IDNumber: synID(n)}}, Synthetic: true}, "t"); err != nil {
			t.Fatal(err)
		}
		if year == 2026 {
			exp.add(a, k, "cases", 1)
		}
		step := func(kind, day string, data any) {
			if _, _, err := st.AppendStep(ctx, id, kind, at(day), data, "t"); err != nil {
				t.Fatalf("%s %s: %v", id, kind, err)
			}
		}
		step(records.StepFiling, opened, nil)
		if rng.IntN(4) == 0 {
			continue // left open
		}
		day := addDays(opened, 10)
		step(records.StepNotice, day, records.NoticeData{PeriodEnd: addDays(day, 5)})
		day = addDays(day, 10)
		if rng.IntN(3) == 0 {
			step(records.StepHearing, day, nil)
			if day[:4] == "2026" {
				exp.add(a, k, "hearings", 1)
			}
		}
		if rng.IntN(2) == 0 {
			step(records.StepLegalReview, day, nil)
			if day[:4] == "2026" {
				exp.add(a, k, "legal_reviews", 1)
			}
			pass := rng.IntN(2) == 0
			op := map[bool]string{true: "approve", false: "problems"}[pass]
			// A review in the shape package review writes (review's own test checks
			// the statistics read its objects): the first round's opinion, then (on
			// problems) a second round that passes, which is no first-round pass.
			round := func(n int, result string) map[string]any {
				return map[string]any{"n": n, "opinion": map[string]any{"result": result, "at": at(day)}}
			}
			rounds := []any{round(1, op)}
			if !pass {
				rounds = append(rounds, round(2, "approve"))
			}
			val := map[string]any{"id": "rv-" + id, "case_id": id, "rounds": rounds}
			objs = append(objs, records.ObjectWrite{Kind: KindReview, ID: "rv-" + id, CaseID: id, Value: val})
			if day[:4] == "2026" {
				exp.add(a, k, "reviewed", 1)
				if pass {
					exp.add(a, k, "first_round_passed", 1)
				}
			}
		}
		day = addDays(day, 3)
		fine := float64(rng.IntN(5)) * 1234.5
		conf := float64(rng.IntN(3)) * 100.25
		step(records.StepDecision, day, records.Decision{PenaltyBasis: "合成依据", Fine: fine, Confiscation: conf})
		if day[:4] == "2026" {
			exp.add(a, k, "decided", 1)
			exp.add(a, k, "fines", fine)
			exp.add(a, k, "confiscations", conf)
			if fine > 0 {
				fines[a+"/"+k] = append(fines[a+"/"+k], fine)
			}
			switch rng.IntN(3) {
			case 0:
				objs = append(objs, records.ObjectWrite{Kind: KindDisclosure, ID: id, CaseID: id, Value: Disclosure{CaseID: id, DueOn: addDays(day, 9), PublishedOn: addDays(day, 2)}})
				exp.add(a, k, "disclosure_on_time", 1)
			case 1:
				objs = append(objs, records.ObjectWrite{Kind: KindDisclosure, ID: id, CaseID: id, Value: Disclosure{CaseID: id, DueOn: addDays(day, 9), PublishedOn: addDays(day, 12)}})
				exp.add(a, k, "disclosure_late", 1)
			default:
				exp.add(a, k, "disclosure_missing", 1)
			}
			if rng.IntN(3) == 0 {
				out := []string{"upheld", "revoked", "changed", "confirmed_illegal"}[rng.IntN(4)]
				objs = append(objs, records.ObjectWrite{Kind: KindAppeal, ID: id, CaseID: id, Value: Appeal{CaseID: id, Type: "reconsideration", Outcome: out, DecidedOn: "2026-12-31"}})
				exp.add(a, k, "reconsiderations", 1)
				exp.add(a, k, "reconsideration_"+out, 1)
			}
			if rng.IntN(5) == 0 {
				objs = append(objs, records.ObjectWrite{Kind: KindTransfer, ID: id, CaseID: id, Value: Transfer{CaseID: id, ReportedOn: day}})
				exp.add(a, k, "transfers", 1)
			}
		}
	}
	if err := st.PutObjects(ctx, "t", objs...); err != nil {
		t.Fatal(err)
	}
	// One 双随机 draw of syn-a with two results.
	var targets []inspect.Target
	for i := 0; i < 6; i++ {
		s := fmt.Sprintf("91440705MA%07d", 500+i)
		c, _ := nlp.CreditCodeCheckChar(s)
		targets = append(targets, inspect.Target{ID: s + string(c), AgencyID: "syn-a", Kind: "enterprise", Name: "合成", CreditCode: s + string(c), Risk: "low", Synthetic: true})
	}
	if err := inspect.PutTargets(ctx, st, "t", targets); err != nil {
		t.Fatal(err)
	}
	plan := inspect.Plan{ID: "syn-plan", AgencyID: "syn-a", Category: "综合", Ratio: 0.5}
	res, err := inspect.Run(ctx, st, "t", plan, "s", at("2026-05-01"))
	if err != nil {
		t.Fatal(err)
	}
	for _, o := range []string{"no_problem", "case_filed"} {
		r := inspect.InspectionResult{DrawID: inspect.DrawID("syn-plan", "s"), Target: res.Draws[1].Target, Outcome: o, Date: "2026-05-03"}
		if o == "case_filed" {
			r.Target, r.CaseID = res.Draws[0].Target, "syn-00"
		}
		if _, err := inspect.RecordResult(ctx, st, "t", r); err != nil {
			t.Fatal(err)
		}
	}
	exp.add("syn-a", "inspection", "draws", 1)
	exp.add("syn-a", "inspection", "targets_drawn", 3)
	exp.add("syn-a", "inspection", "results", 2)
	exp.add("syn-a", "inspection", "result_no_problem", 1)
	exp.add("syn-a", "inspection", "result_case_filed", 1)
	for key, fs := range fines {
		var a, k string
		fmt.Sscanf(key, "%5s/%s", &a, &k)
		exp.add(a, k, "fine_median", median(fs))
	}

	rep, err := Year(ctx, st, 2026, "")
	if err != nil {
		t.Fatal(err)
	}
	totals := map[string]map[string]float64{}
	for _, a := range agencies {
		got := asMaps(t, rep, a)
		for _, k := range records.PowerKinds {
			for _, c := range Columns() {
				want := exp[a][k][c]
				if c == "confiscation_median" {
					continue // checked through the sums; medians are checked on fines
				}
				if c != "fine_median" {
					if totals[k] == nil {
						totals[k] = map[string]float64{}
					}
					totals[k][c] += want
				}
				if got[k][c] != round2(want) {
					t.Errorf("%s %s %s: %v, want %v", a, k, c, got[k][c], round2(want))
				}
			}
		}
	}
	b, _ := json.Marshal(rep.Totals)
	var gotTotals map[string]map[string]float64
	_ = json.Unmarshal(b, &gotTotals)
	for k, cols := range totals {
		for c, v := range cols {
			if gotTotals[k][c] != round2(v) {
				t.Errorf("totals %s %s: %v, want %v", k, c, gotTotals[k][c], round2(v))
			}
		}
	}
	if len(rep.NotRecorded) != 0 {
		t.Errorf("everything is recorded here, not_recorded says %v", rep.NotRecorded)
	}
	// One agency only.
	one, err := Year(ctx, st, 2026, "syn-b")
	if err != nil || len(one.Agencies) != 1 || one.Totals["penalty"].Cases != int(exp["syn-b"]["penalty"]["cases"]) {
		t.Errorf("agency syn-b: %+v %v", one.Totals["penalty"], err)
	}
	var fe *records.FieldError
	if _, err := Year(ctx, st, 2026, "nope"); !errors.As(err, &fe) || fe.Field != "agency" {
		t.Errorf("unknown agency: %v", err)
	}
	if _, err := Year(ctx, st, 99, ""); !errors.As(err, &fe) || fe.Field != "year" {
		t.Errorf("year 99: %v", err)
	}
	checkXLSX(t, rep)
}

func round2(v float64) float64 { return float64(int64(v*100+0.5)) / 100 }

func asMaps(t *testing.T, r Report, agency string) map[string]map[string]float64 {
	for _, a := range r.Agencies {
		if a.AgencyID == agency {
			b, _ := json.Marshal(a.Kinds)
			var m map[string]map[string]float64
			if err := json.Unmarshal(b, &m); err != nil {
				t.Fatal(err)
			}
			return m
		}
	}
	t.Fatalf("no agency %s in the report", agency)
	return nil
}

// checkXLSX writes the workbook, opens it again, and finds the JSON's totals
// in its totals sheet, headers frozen and numbers formatted.
func checkXLSX(t *testing.T, r Report) {
	t.Helper()
	var buf bytes.Buffer
	if err := WriteXLSX(&buf, r); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got := f.GetSheetList(); fmt.Sprint(got) != "[totals agencies notes]" {
		t.Errorf("sheets %v", got)
	}
	b, _ := json.Marshal(r.Totals)
	var totals map[string]map[string]float64
	_ = json.Unmarshal(b, &totals)
	rows, err := f.GetRows(SheetTotals, excelize.Options{RawCellValue: true})
	if err != nil || len(rows) != 2+len(records.PowerKinds) {
		t.Fatalf("totals rows: %d %v", len(rows), err)
	}
	header := rows[1]
	seen := 0
	for _, row := range rows[2:] {
		kind := row[0]
		for j, key := range header[2:] {
			v, err := strconv.ParseFloat(row[j+2], 64)
			if err != nil {
				t.Fatalf("%s %s: %q", kind, key, row[j+2])
			}
			if v != totals[kind][key] {
				t.Errorf("xlsx totals %s %s = %v, JSON %v", kind, key, v, totals[kind][key])
			}
			seen++
		}
	}
	if seen != len(records.PowerKinds)*len(Columns()) {
		t.Errorf("compared %d cells", seen)
	}
	for _, sheet := range []string{SheetTotals, SheetAgencies} {
		p, err := f.GetPanes(sheet)
		if err != nil || !p.Freeze || p.YSplit != 2 {
			t.Errorf("%s: headers not frozen: %+v %v", sheet, p, err)
		}
	}
	for cell, fmtID := range map[string]int{"E3": 4, "C3": 3} { // fines (money), cases (count)
		id, _ := f.GetCellStyle(SheetTotals, cell)
		st, err := f.GetStyle(id)
		if err != nil || st.NumFmt != fmtID {
			t.Errorf("%s number format %v, want %d", cell, st, fmtID)
		}
	}
}

// With no workflow objects at all, their columns are reported as not recorded.
func TestNotRecorded(t *testing.T) {
	r := Compute(Input{Agencies: []records.Agency{{ID: "a"}}, Recorded: map[string]bool{}}, 2026, "")
	if fmt.Sprint(r.NotRecorded) != "[review disclosure appeal transfer]" || r.Totals["penalty"] == nil {
		t.Errorf("not recorded: %v", r.NotRecorded)
	}
	if medianFen([]int64{100, 201}) != 151 || medianFen([]int64{5, 1, 3}) != 3 {
		t.Error("median")
	}
}
