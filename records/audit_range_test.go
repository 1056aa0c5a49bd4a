package records

import (
	"context"
	"testing"
)

// AuditEntries(from, to) keeps both ends; to <= 0 reads to the end of the chain.
func TestAuditEntriesRange(t *testing.T) {
	eachBackend(t, func(t *testing.T, url, dir string, s *Store) {
		ctx := context.Background()
		demoStore(t, s)
		all, err := s.AuditEntries(ctx, 1, 1<<40)
		if err != nil || len(all) < 3 {
			t.Fatalf("%d entries, %v", len(all), err)
		}
		last := all[len(all)-1].Seq
		for _, c := range []struct {
			from, to int64
			want     int
		}{
			{1, 0, len(all)},  // 0: to the end
			{1, -1, len(all)}, // negative: to the end too
			{last, 0, 1},      // the last entry alone
			{2, 3, 2},         // both ends kept
			{last + 1, 0, 0},  // past the end
		} {
			es, err := s.AuditEntries(ctx, c.from, c.to)
			if err != nil || len(es) != c.want {
				t.Errorf("AuditEntries(%d, %d): %d entries, %v; want %d", c.from, c.to, len(es), err, c.want)
			}
		}
	})
}
