package records

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"
)

// Writes from two stores over one database (two nodes) appear once each, in
// commit order, in the change stream; a reader from a cursor sees only what
// followed it, filtered by entity.
func TestChanges(t *testing.T) {
	eachBackend(t, func(t *testing.T, url, dir string, a *Store) {
		ctx := context.Background()
		b, err := OpenURL(ctx, url, t.TempDir())
		if err != nil {
			t.Fatal(err)
		}
		defer b.Close()
		head, err := a.ChangeHead(ctx)
		if err != nil || head != 0 {
			t.Fatalf("empty head %d %v", head, err)
		}
		var wg sync.WaitGroup
		for i, s := range []*Store{a, b, a, b} {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for j := range 5 {
					if err := s.PutObjects(ctx, "alice", ObjectWrite{Kind: "probe", ID: fmt.Sprintf("p%d-%d", i, j), Value: j}); err != nil {
						t.Error(err)
					}
				}
			}()
		}
		wg.Wait()
		if err := a.PutObjects(ctx, "alice", ObjectWrite{Kind: "other", ID: "o1", Value: 1}); err != nil {
			t.Fatal(err)
		}
		all, err := b.Changes(ctx, 0, 0, 0, ObjectEntity("probe"))
		if err != nil {
			t.Fatal(err)
		}
		seen := map[string]bool{}
		for i, c := range all {
			if i > 0 && c.Seq <= all[i-1].Seq {
				t.Errorf("seq %d after %d", c.Seq, all[i-1].Seq)
			}
			if c.Entity != ObjectEntity("probe") || seen[c.ID] {
				t.Errorf("change %+v: wrong entity or seen twice", c)
			}
			seen[c.ID] = true
		}
		if len(seen) != 20 {
			t.Errorf("%d probe changes, want 20", len(seen))
		}
		head, _ = a.ChangeHead(ctx)
		after, err := a.Changes(ctx, all[9].Seq, 0, 3)
		if err != nil || len(after) != 3 || after[0].Seq <= all[9].Seq {
			t.Errorf("after cursor: %+v %v", after, err)
		}
		if upto, _ := a.Changes(ctx, all[9].Seq, all[12].Seq, 0); len(upto) != 3 || upto[2].Seq != all[12].Seq {
			t.Errorf("changes up to %d: %+v", all[12].Seq, upto)
		}
		last, _ := a.Changes(ctx, head-1, 0, 0)
		if len(last) != 1 || last[0].ID != "o1" || last[0].Action != "create" {
			t.Errorf("last change %+v, want the create of o1", last)
		}
	})
}

// A store whose key file differs from the one that signed the chain says so.
func TestKeyMatchesChain(t *testing.T) {
	eachBackend(t, func(t *testing.T, url, dir string, a *Store) {
		ctx := context.Background()
		if ok, err := a.KeyMatchesChain(ctx); !ok || err != nil {
			t.Fatalf("empty chain: %v %v", ok, err)
		}
		if err := a.PutObjects(ctx, "alice", ObjectWrite{Kind: "probe", ID: "p", Value: 1}); err != nil {
			t.Fatal(err)
		}
		// a data directory with no key is refused over a chain with entries
		if s, err := OpenURL(ctx, url, t.TempDir()); err == nil || !strings.Contains(err.Error(), "no signing key") {
			if s != nil {
				s.Close()
			}
			t.Fatalf("fresh key over a signed chain: %v, want refused naming the key", err)
		}
		// one holding another key (made over its own empty store) opens, and says so
		otherDir := t.TempDir()
		first, err := OpenURL(ctx, "", otherDir)
		if err != nil {
			t.Fatal(err)
		}
		first.Close()
		other, err := OpenURL(ctx, url, otherDir)
		if err != nil {
			t.Fatal(err)
		}
		defer other.Close()
		if ok, err := a.KeyMatchesChain(ctx); !ok || err != nil {
			t.Errorf("the signer's own store: %v %v", ok, err)
		}
		if ok, err := other.KeyMatchesChain(ctx); ok || err != nil {
			t.Errorf("a store with another key: %v %v, want false", ok, err)
		}
	})
}
