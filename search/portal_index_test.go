package search

import (
	"fmt"
	"reflect"
	"testing"
)

// TestPortalSearchOrder: Search (ranked on the score with only the ties
// dated; the newest first from the recent days) returns what sorting every
// hit returns, page by page, on synthetic decisions with standing items and
// expired decisions among them.
func TestPortalSearchOrder(t *testing.T) {
	docs := genPortalDocs(3000, 7)
	for i := range 40 { // standing items, and decisions past their public period
		docs = append(docs, PortalDoc{ID: fmt.Sprintf("std-%03d", i), Type: "standing", AgencyID: "ag-06", Agency: "东城区市场监督管理局",
			Kind: "权责清单", Date: fmt.Sprintf("2026-11-%02d", 1+i%28), Title: "食品销售 行政处罚 权责清单", Text: "食品安全 罚款 示例"})
	}
	for i := range 50 {
		docs[i*7].Expires = "2026-06-30"
	}
	// same score and same date: the order falls to the hit number
	for i := range 30 {
		docs = append(docs, PortalDoc{ID: fmt.Sprintf("tie-%03d", i), Type: "decision", AgencyID: "ag-01", Agency: "示例市市场监督管理局",
			Kind: "行政处罚", Date: []string{"2026-11-30", "2026-11-29"}[i%2], Title: "完全相同", Text: "完全相同的违法事实"})
	}
	// one agency's items all long ago: the recent days hold none of them
	for i := range 500 {
		docs = append(docs, PortalDoc{ID: fmt.Sprintf("old-%03d", i), Type: "decision", AgencyID: "ag-99", Agency: "旧机关",
			Kind: "行政处罚", Date: fmt.Sprintf("2024-01-%02d", 1+i%31), Title: "旧案", Text: "食品 罚款"})
	}
	idx, err := OpenPortalIndex(t.TempDir(), "synthetic", func() ([]PortalDoc, error) { return docs, nil })
	if err != nil {
		t.Fatal(err)
	}
	defer idx.Close()
	defer func(n int) { newestSortAllUpTo = n }(newestSortAllUpTo)
	newestSortAllUpTo = 0 // the recent-days path even on a small index
	var cases []PortalQuery
	for _, m := range portalBenchMix() {
		cases = append(cases, m.q)
	}
	cases = append(cases,
		PortalQuery{Q: "完全相同", Type: "decision", Size: 7},
		PortalQuery{Q: "完全相同", Type: "decision", Size: 7, Offset: 7},
		PortalQuery{Q: "完全相同", Type: "decision", Size: 5, Offset: 25},
		PortalQuery{Q: "食品", Type: "standing", Today: portalGenToday},
		PortalQuery{Type: "standing", Size: 10, Offset: 5},
		PortalQuery{Type: "other"},
		PortalQuery{},
		PortalQuery{Offset: 2990, Size: 100},
		PortalQuery{Offset: 5000},
		PortalQuery{Q: "罚款", Offset: 2900, Size: 100},
		PortalQuery{To: "2024-01-31", Today: portalGenToday, Size: 50, Offset: 30},
		PortalQuery{From: "2026-11-30", Type: "decision"},
		PortalQuery{From: "2030-01-01"},
		PortalQuery{Q: "没有这个词"},
		PortalQuery{AgencyID: "ag-99", Type: "decision", Today: portalGenToday},
	)
	for _, c := range cases {
		for _, page := range []int{0, 1, 3} {
			c := c
			if c.Offset == 0 {
				c.Offset = page * max(c.Size, 20)
			} else if page > 0 {
				continue
			}
			t.Run(fmt.Sprintf("%q %s %s %s-%s +%d", c.Q, c.Type, c.AgencyID+c.Kind, c.From, c.To, c.Offset), func(t *testing.T) {
				got, gotN, err := idx.Search(c)
				if err != nil {
					t.Fatal(err)
				}
				want, wantN, err := idx.searchSorted(c)
				if err != nil {
					t.Fatal(err)
				}
				if gotN != wantN {
					t.Errorf("total %d, sorting all gives %d", gotN, wantN)
				}
				if len(got) == 0 && len(want) == 0 {
					return
				}
				if !reflect.DeepEqual(got, want) {
					t.Errorf("got %d hits, sorting all gives %d", len(got), len(want))
					for i := range max(len(got), len(want)) {
						var g, w string
						if i < len(got) {
							g = fmt.Sprintf("%s %s %.4f", got[i].ID, got[i].Date, got[i].Score)
						}
						if i < len(want) {
							w = fmt.Sprintf("%s %s %.4f", want[i].ID, want[i].Date, want[i].Score)
						}
						if g != w {
							t.Logf("%2d: %-30s want %s", i, g, w)
						}
					}
				}
			})
		}
	}
}
