package search

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"
)

// cancelAfter is a context whose Err reports it cancelled from its n+1th
// call on, and which notes where each call came from: deterministic, unlike
// a timer.
type cancelAfter struct {
	context.Context
	mu    sync.Mutex
	n     int
	calls int
	from  map[string]int
}

func (c *cancelAfter) Err() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.calls++
	if pc, _, _, ok := runtime.Caller(1); ok {
		name := runtime.FuncForPC(pc).Name()
		c.from[name[strings.LastIndex(name, ".")+1:]]++
	}
	if c.calls > c.n {
		return context.Canceled
	}
	return nil
}

func (c *cancelAfter) Done() <-chan struct{}       { return nil }
func (c *cancelAfter) Deadline() (time.Time, bool) { return time.Time{}, false }

func newCancelAfter(n int) *cancelAfter {
	return &cancelAfter{Context: context.Background(), n: n, from: map[string]int{}}
}

// A synthetic library of 1,500 decisions and a long facts text sharing many
// of their words: the ranking's scoring loops run long enough to be checked.
func cancelLibrary() (*CaseRanker, string) {
	goods := []string{"饼干", "牛奶", "鸭脖", "酸奶", "面包", "香肠", "腊肉", "月饼", "糖果", "果汁"}
	shops := []string{"超市", "便利店", "餐馆", "网店", "摊点", "批发部"}
	docs := make([]CaseDoc, 1500)
	for i := range docs {
		g, s := goods[i%len(goods)], shops[i/len(goods)%len(shops)]
		docs[i] = CaseDoc{ID: fmt.Sprintf("c%04d", i), Title: "销售过期" + g + "案（合成）",
			Text: fmt.Sprintf("经查，当事人在示例县第%d号%s销售超过保质期的%s（合成），货值金额%d元，违法所得%d元。", i, s, g, 100+i%900, 10+i%90)}
		docs[i].Terms = CaseTerms(docs[i].Title, docs[i].Text)
	}
	var facts strings.Builder
	for i := 0; facts.Len() < 4<<10; i += 7 {
		facts.WriteString(docs[i%len(docs)].Text)
	}
	return NewCaseRanker(docs), facts.String()
}

// RankContext looks at its context inside the scoring loops, not only
// between stages, and returns at the first look that finds it ended.
func TestRankContextStops(t *testing.T) {
	r, facts := cancelLibrary()
	for _, q := range []CaseQuery{{Top: 10}, {Only: idsOf(r, 1200), Top: 100}} {
		name := "all"
		if q.Only != nil {
			name = "only"
		}
		// never cancelled: the same hits as Rank, and how often it looked
		ctx := newCancelAfter(1 << 30)
		hits, err := r.RankContext(ctx, facts, q)
		if err != nil || !reflect.DeepEqual(hits, r.Rank(facts, q)) || len(hits) == 0 {
			t.Fatalf("%s: RankContext uncancelled: %d hits, %v; want Rank's", name, len(hits), err)
		}
		looks := ctx.calls
		t.Logf("%s: %d looks at the context (%v)", name, looks, ctx.from)
		if q.Only == nil && ctx.from["accumulate"] < 2 {
			t.Errorf("%s: the postings loop looked at the context %d times", name, ctx.from["accumulate"])
		}
		cand := caseRerankPool
		if q.Only != nil {
			cand = len(q.Only)
		}
		if ctx.from["RankContext"] < cand/64 {
			t.Errorf("%s: the scoring loops looked at the context %d times for %d candidates", name, ctx.from["RankContext"], cand)
		}
		// cancelled at each look in turn: it returns there, with no hits
		for n := 0; n < looks; n++ {
			ctx := newCancelAfter(n)
			hits, err := r.RankContext(ctx, facts, q)
			if !errors.Is(err, context.Canceled) || hits != nil {
				t.Fatalf("%s: cancelled at look %d: %d hits, %v; want none and context.Canceled", name, n+1, len(hits), err)
			}
			if ctx.calls != n+1 {
				t.Fatalf("%s: cancelled at look %d, it looked %d times: it went on after finding the context ended", name, n+1, ctx.calls)
			}
		}
	}
}

func idsOf(r *CaseRanker, n int) []string {
	var ids []string
	for i := range n {
		ids = append(ids, r.docs[i].doc.ID)
	}
	return ids
}
