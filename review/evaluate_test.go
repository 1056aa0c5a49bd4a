package review

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"zhifa/corpora"
	"zhifa/records"
)

// The shipped 案卷标准: each item's words are in its policy text, and the
// weights add up to 100.
func TestShippedStandard(t *testing.T) {
	std := DefaultStandard()
	pol := corpora.Policies()
	total := 0.0
	for _, it := range std.Items {
		total += it.Max
		if it.Policy == "" || !strings.Contains(pol[it.Policy], it.Quote) {
			t.Errorf("%s: %q not in %s", it.ID, it.Quote, it.Policy)
		}
	}
	if total != 100 {
		t.Errorf("weights add up to %v", total)
	}
	for _, tc := range []struct{ data, want string }{
		{`{"name":"x","items":[{"id":"a","item":"i","max":5,"points":["colour"],"fail":1}]}`, "items[0].points"},
		{`{"name":"x","items":[{"id":"a","item":"i","max":0,"points":["law"],"fail":1}]}`, "items[0].max"},
		{`{"name":"x","items":[{"id":"a","item":"i","max":5,"requires":"seal","fail":1}]}`, "items[0].requires"},
		{`{"name":"x","items":[{"id":"a","item":"i","max":5,"points":["law"],"fail":1,"extra":1}]}`, "unknown field"},
	} {
		if _, err := ParseStandard("s.json", []byte(tc.data)); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: %v", tc.data, err)
		}
	}
}

func TestEvaluateScores(t *testing.T) {
	std := DefaultStandard()
	clean := cleanFile()
	ev := Evaluate(clean, nil, std)
	// the clean file has no 结案/归档 steps: only the archive item loses (2 + 2, floored at 0)
	if ev.Max != 100 || ev.Score != 98 || len(ev.Items) != len(std.Items) {
		t.Fatalf("clean: %+v", ev)
	}
	cf := cleanFile()
	cf.EvidenceBad["t-ev-1"] = "synthetic"
	cf.Proposed.Fine = 5000
	ev = Evaluate(cf, nil, std)
	got := map[string]float64{}
	for _, it := range ev.Items {
		got[it.Item] = it.Score
		if it.Score < it.Max && len(it.Findings) == 0 {
			t.Errorf("%s lost points without a finding", it.Item)
		}
	}
	// the 告知书 no longer states the fine either: documents lose one
	if got["案件事实是否清楚，证据是否合法充分"] != 15 || got["裁量基准运用是否适当"] != 5 || got["行政执法文书是否规范、齐备"] != 4 || ev.Score != 87 {
		t.Errorf("tripped: %v total %v", got, ev.Score)
	}
	// in review scope without a review: the review item fails
	cf = cleanFile()
	cf.Scope = Scope{Required: true}
	if ev := Evaluate(cf, nil, std); ev.Score != 95 {
		t.Errorf("no review: %v", ev.Score)
	}
}

// The same seed draws the same sample; another seed may not; the JSON is the contract's.
func TestSampleReproducible(t *testing.T) {
	st := openDemo(t)
	ctx := context.Background()
	ev, err := EvaluateCase(ctx, st, "demo-case-01", "t", DefaultStandard())
	if err != nil {
		t.Fatal(err)
	}
	b, _ := json.Marshal(ev)
	var m map[string]json.RawMessage
	_ = json.Unmarshal(b, &m)
	var items []map[string]json.RawMessage
	_ = json.Unmarshal(m["items"], &items)
	if len(m) != 3 || m["score"] == nil || m["max"] == nil || len(items) == 0 || len(items[0]) != 4 || items[0]["findings"] == nil {
		t.Errorf("evaluation JSON: %s", b)
	}
	if _, err := EvaluateCase(ctx, st, "demo-case-09", "t", DefaultStandard()); fieldOf(err) != "review_conflict:case" {
		t.Errorf("undecided case scored: %v", err)
	}
	ids := func(seed uint64) []string {
		rep, err := Sample(ctx, st, 2, "2026-01-01", "2026-06-30", seed, "t", DefaultStandard())
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, c := range rep.Cases {
			out = append(out, c.CaseID)
		}
		if rep.Population != 2 { // 01 archived, 02 closed; 03 and 04 are decided but not closed
			t.Errorf("population %d", rep.Population)
		}
		return out
	}
	a, b2 := ids(7), ids(7)
	if !reflect.DeepEqual(a, b2) || len(a) != 2 {
		t.Errorf("seed 7: %v then %v", a, b2)
	}
	one := func(seed uint64) string {
		rep, _ := Sample(ctx, st, 1, "2026-01-01", "2026-12-31", seed, "t", DefaultStandard())
		return rep.Cases[0].CaseID
	}
	seen := map[string]bool{}
	for s := range uint64(20) {
		seen[one(s)] = true
	}
	if len(seen) < 2 {
		t.Errorf("20 seeds drew only %v", seen)
	}
	for _, bad := range []struct {
		n        int
		from, to string
		field    string
	}{{0, "2026-01-01", "2026-06-30", "sample"}, {1, "2026-1-1", "2026-06-30", "from"}, {1, "2026-07-01", "2026-06-30", "from"}} {
		if _, err := Sample(ctx, st, bad.n, bad.from, bad.to, 1, "t", DefaultStandard()); fieldOf(err) != bad.field {
			t.Errorf("%+v: %v", bad, err)
		}
	}
	rep, _ := Sample(ctx, st, 5, "2026-01-01", "2026-12-31", 3, "t", DefaultStandard())
	if len(rep.Agencies) != 1 || rep.Agencies[0].AgencyID != records.DemoAgencyID || rep.Agencies[0].Cases != 3 {
		t.Errorf("agencies: %+v", rep.Agencies)
	}
	x, err := ReportXLSX(rep, DefaultStandard())
	if err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(x), int64(len(x)))
	if err != nil {
		t.Fatal(err)
	}
	var shared string
	for _, f := range zr.File {
		if f.Name == "xl/sharedStrings.xml" {
			rc, _ := f.Open()
			var buf bytes.Buffer
			buf.ReadFrom(rc)
			rc.Close()
			shared = buf.String()
		}
	}
	for _, w := range []string{"机构", "demo-case-01", "行政执法主体是否合法", "合计"} {
		if !strings.Contains(shared, w) {
			t.Errorf("the workbook lacks %q", w)
		}
	}
}
