package search

import (
	"context"
	"errors"
	"os"
	"runtime"
	"strings"
	"testing"
	"time"

	"zhifa/corpora"
)

// longFacts is n bytes of synthetic facts: article texts of the corpus one
// after another, so the words are many and varied, as in a long finding.
func longFacts(c *corpora.Corpus, n int) string {
	var b strings.Builder
	for b.Len() < n {
		for _, l := range c.Laws() {
			for _, a := range l.Articles {
				b.WriteString("经查，")
				b.WriteString(a.Text)
				if b.Len() >= n {
					return b.String()[:n]
				}
			}
		}
	}
	return b.String()
}

// TestNormPushCostReport prints the time and memory of PushNorms on long
// facts (ZHIFA_NORMPUSH_COST=1; BENCHMARKS.md has the command).
func TestNormPushCostReport(t *testing.T) {
	if os.Getenv("ZHIFA_NORMPUSH_COST") == "" {
		t.Skip("set ZHIFA_NORMPUSH_COST=1")
	}
	c := corpora.Default()
	ix, err := OpenLawIndex(t.TempDir(), c)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	rk := NewCaseRanker(syntheticCases())
	ix.docFreq() // built once per index, on first use; not part of a request
	sizes := []int{2 << 10, 16 << 10, 64 << 10, 1 << 20}
	if os.Getenv("ZHIFA_NORMPUSH_SIZE") == "2k" {
		sizes = []int{2 << 10, 2 << 10}
	}
	for _, n := range sizes {
		facts := longFacts(c, n)
		facts = strings.ToValidUTF8(facts, "")
		runtime.GC()
		var before runtime.MemStats
		runtime.ReadMemStats(&before)
		start := time.Now()
		norms, err := PushNorms(ix, NormQuery{Facts: facts, Cases: rk})
		took := time.Since(start)
		var after runtime.MemStats
		runtime.ReadMemStats(&after)
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("%7d bytes: %8.2fs, %6d MB allocated, heap %d MB, %d norms", n, took.Seconds(), (after.TotalAlloc-before.TotalAlloc)>>20, after.HeapSys>>20, len(norms))
		if took > 60*time.Second {
			t.Logf("stopping: too slow to go on")
			return
		}
	}
}

// Long facts reach the index as a bounded query: the words at most
// maxQueryTerms, the articles they cite kept, and the push of a megabyte
// takes about what segmenting it takes (it once took minutes and gigabytes).
func testNormPushLong(t *testing.T, ix *LawIndex) {
	c := ix.Corpus()
	// a finding that keeps returning to one violation, amid a megabyte of other text
	cite := "当事人经营超过保质期的食品，违反《中华人民共和国食品安全法》第一百二十四条。"
	facts := strings.Repeat(cite, 3) + strings.Repeat("当事人经营超过保质期的食品饼干，货值金额八千元。", 2000) + strings.ToValidUTF8(longFacts(c, 1<<20), "")
	q := ix.boundQuery(facts)
	if words := strings.Fields(q[strings.LastIndex(q, "；")+len("；"):]); len(words) > maxQueryTerms || len(words) < maxQueryTerms/2 {
		t.Errorf("bounded query has %d words, want at most %d", len(words), maxQueryTerms)
	}
	if !strings.Contains(q, "《中华人民共和国食品安全法》第一百二十四条；") {
		t.Errorf("the cited article was lost: %.200s", q)
	}
	if short := "当事人经营超过保质期的食品"; ix.boundQuery(short) != short {
		t.Error("short facts were rewritten")
	}
	start := time.Now()
	norms, err := PushNorms(ix, NormQuery{Facts: facts})
	if err != nil {
		t.Fatal(err)
	}
	if took := time.Since(start); took > 30*time.Second {
		t.Errorf("1 MB of facts took %v", took)
	}
	found := false
	for _, n := range norms {
		found = found || n.Law == "中华人民共和国食品安全法" && n.Article == 124
	}
	if !found {
		t.Errorf("the cited article is not pushed: %+v", norms)
	}
}

// A push whose context has ended does no more work and says why.
func testNormPushCancelled(t *testing.T, ix *LawIndex) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	start := time.Now()
	_, err := PushNorms(ix, NormQuery{Ctx: ctx, Facts: strings.ToValidUTF8(longFacts(ix.Corpus(), 64<<10), "")})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want the cancellation", err)
	}
	if took := time.Since(start); took > 5*time.Second {
		t.Errorf("a cancelled push took %v", took)
	}
}
