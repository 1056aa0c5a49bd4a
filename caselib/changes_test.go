package caselib

import (
	"context"
	"strings"
	"sync"
	"testing"
)

// Every committed write advances the library's change head by one row, so
// another node sees that its ranking is stale; a failed write advances nothing.
func TestChangeHead(t *testing.T) {
	eachBackend(t, func(t *testing.T, dir string) {
		ctx := context.Background()
		l := mustOpen(t, dir)
		h0, err := l.ChangeHead(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := l.ImportJSONL(strings.NewReader(synthLib), "培训", nil); err != nil {
			t.Fatal(err)
		}
		if err := l.Save(); err != nil {
			t.Fatal(err)
		}
		h1, _ := l.ChangeHead(ctx)
		if h1 <= h0 {
			t.Fatalf("an import left the head at %d (was %d)", h1, h0)
		}
		if _, err := l.AddTags(ctx, "nope", "x"); err == nil {
			t.Fatal("tagged an unknown case")
		}
		if h, _ := l.ChangeHead(ctx); h != h1 {
			t.Errorf("a refused write moved the head %d → %d", h1, h)
		}
		var wg sync.WaitGroup
		for _, tag := range []string{"a", "b", "c", "d", "e", "f"} {
			wg.Add(1)
			go func() {
				defer wg.Done()
				if _, err := l.AddTags(ctx, "s1", tag); err != nil {
					t.Error(err)
				}
			}()
		}
		wg.Wait()
		if h, _ := l.ChangeHead(ctx); h != h1+6 {
			t.Errorf("six tag writes: head %d, want %d", h, h1+6)
		}
	})
}
