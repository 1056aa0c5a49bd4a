package search

import (
	"fmt"
	"slices"
	"testing"
)

// A date filter keeps both of its ends: from 2026-03-01 to 2026-03-31 holds
// a case dated 1 March and one dated 31 March (at any hour), and neither 28
// February nor 1 April. Synthetic cases.
func TestSimilarCaseDateFilterInclusive(t *testing.T) {
	const text = "当事人销售超过保质期的食品（合成案例）。"
	terms := CaseTerms("", text)
	var docs []CaseDoc
	for _, d := range []string{"2026-02-28", "2026-03-01", "2026-03-15", "2026-03-31T23:59:59+08:00", "2026-04-01", ""} {
		docs = append(docs, CaseDoc{ID: "case-" + d, Title: "合成", Text: text, Terms: terms, Date: d})
	}
	r := NewCaseRanker(docs)
	ids := func(q CaseQuery) []string {
		var out []string
		for _, h := range r.Rank(text, q) {
			out = append(out, h.ID)
		}
		slices.Sort(out)
		return out
	}
	for _, tc := range []struct {
		name     string
		from, to string
		want     []string
	}{
		{"both ends", "2026-03-01", "2026-03-31", []string{"case-2026-03-01", "case-2026-03-15", "case-2026-03-31T23:59:59+08:00"}},
		{"one day", "2026-03-01", "2026-03-01", []string{"case-2026-03-01"}},
		{"from only", "2026-03-31", "", []string{"case-2026-03-31T23:59:59+08:00", "case-2026-04-01"}},
		{"to only", "", "2026-03-01", []string{"case-2026-02-28", "case-2026-03-01"}},
	} {
		q := CaseQuery{From: tc.from, To: tc.to, Top: 10}
		if err := q.CheckDates(); err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		if got := ids(q); !slices.Equal(got, tc.want) {
			t.Errorf("%s %s–%s: %v, want %v", tc.name, tc.from, tc.to, got, tc.want)
		}
		// the same with Only (the ids given): the filter still applies
		q.Only = []string{"case-2026-02-28", "case-2026-03-01", "case-2026-03-15", "case-2026-03-31T23:59:59+08:00", "case-2026-04-01", "case-"}
		if got := ids(q); !slices.Equal(got, tc.want) {
			t.Errorf("%s with only: %v, want %v", tc.name, got, tc.want)
		}
	}
	// without a filter the undated case is there too
	if got := ids(CaseQuery{Top: 10}); len(got) != 6 {
		t.Errorf("no filter: %v", got)
	}
	// from after to is an error naming from; the same day twice is not
	for _, tc := range []struct {
		from, to, field string
	}{{"2026-03-02", "2026-03-01", "from"}, {"2026-03-01", "2026-03-01", ""}, {"2026-3-1", "", "from"}, {"", "2026-02-30", "to"}} {
		err := (&CaseQuery{From: tc.from, To: tc.to}).CheckDates()
		de, _ := err.(*DateError)
		if (tc.field == "") != (err == nil) || (de != nil && de.Field != tc.field) {
			t.Errorf("CheckDates(%q, %q) = %v, want field %q", tc.from, tc.to, err, tc.field)
		}
	}
}

// The portal's date filter keeps both ends, on the sorted path and on the
// newest-first path over the recent days. Synthetic decisions.
func TestPortalDateFilterInclusive(t *testing.T) {
	var docs []PortalDoc
	for _, d := range []string{"2026-02-28", "2026-03-01", "2026-03-15", "2026-03-31", "2026-04-01"} {
		for i := range 3 {
			docs = append(docs, PortalDoc{ID: fmt.Sprintf("%s-%d", d, i), Type: "decision", AgencyID: "ag-01", Agency: "示例市市场监督管理局（合成）",
				Kind: "行政处罚", Date: d, Title: "销售过期食品案（合成）", Text: "食品 罚款"})
		}
	}
	idx, err := OpenPortalIndex(t.TempDir(), "synthetic-dates", func() ([]PortalDoc, error) { return docs, nil })
	if err != nil {
		t.Fatal(err)
	}
	defer idx.Close()
	defer func(n int) { newestSortAllUpTo = n }(newestSortAllUpTo)
	for _, limit := range []int{5000, 0} { // sorted, then the recent-days path
		newestSortAllUpTo = limit
		for _, tc := range []struct {
			q        string
			from, to string
			days     []string
		}{
			{"", "2026-03-01", "2026-03-31", []string{"2026-03-01", "2026-03-15", "2026-03-31"}},
			{"食品", "2026-03-01", "2026-03-31", []string{"2026-03-01", "2026-03-15", "2026-03-31"}},
			{"", "2026-03-31", "2026-03-31", []string{"2026-03-31"}},
			{"", "2026-03-31", "", []string{"2026-03-31", "2026-04-01"}},
			{"食品", "", "2026-03-01", []string{"2026-02-28", "2026-03-01"}},
		} {
			hits, total, err := idx.Search(PortalQuery{Q: tc.q, From: tc.from, To: tc.to, Size: 50})
			if err != nil {
				t.Fatal(err)
			}
			var days []string
			for _, h := range hits {
				if !slices.Contains(days, h.Date) {
					days = append(days, h.Date)
				}
			}
			slices.Sort(days)
			if !slices.Equal(days, tc.days) || total != 3*len(tc.days) || len(hits) != total {
				t.Errorf("limit %d, %q %s–%s: days %v (%d hits, total %d), want %v (%d)", limit, tc.q, tc.from, tc.to, days, len(hits), total, tc.days, 3*len(tc.days))
			}
		}
	}
}
