package records

import (
	"context"
	"database/sql"
	"fmt"
	"testing"
	"time"
)

// bulkEntries appends n signed synthetic entries straight to the chain.
func bulkEntries(b *testing.B, s *Store, n int) {
	b.Helper()
	ctx := context.Background()
	err := s.write(ctx, func(tx *sql.Tx) error {
		var seq sql.NullInt64
		var prev sql.NullString
		if err := tx.QueryRowContext(ctx, `SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1`).Scan(&seq, &prev); err != nil {
			return err
		}
		at := time.Now().UTC()
		for i := 0; i < n; i++ {
			e := AuditEntry{Seq: seq.Int64 + 1, PrevHash: prev.String, Actor: "bench", At: at, Entity: "obj:bench", EntityID: fmt.Sprint(seq.Int64 + 1), Action: "create", Payload: `{"synthetic":true}`}
			s.Sign(&e)
			if _, err := s.exec(ctx, tx, InsertAuditSQL, e.Seq, e.PrevHash, e.Hash, e.Actor, e.At.Format(time.RFC3339Nano), e.Entity, e.EntityID, e.Action, e.Payload, e.Sig); err != nil {
				return err
			}
			seq.Int64, prev.String = e.Seq, e.Hash
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
}

// The checkpoint written every DefaultCheckpointEvery entries: carried
// forward from the last one over that many new entries, signed, stored.
// go test -tags ne -run '^$' -bench 'Checkpoint|ExportProofs' -benchtime 20x ./records/
func BenchmarkCheckpoint(b *testing.B) {
	benchBackends(b, func(b *testing.B, s *Store) {
		ctx := context.Background()
		for b.Loop() {
			b.StopTimer()
			bulkEntries(b, s, DefaultCheckpointEvery)
			b.StartTimer()
			if _, err := s.Checkpoint(ctx); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// An export over a chain of n entries: the export entry, its checkpoint,
// the tree over the whole chain and the case's proofs.
func BenchmarkExportProofs(b *testing.B) {
	for _, n := range []int{10_000, 100_000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			benchBackends(b, func(b *testing.B, s *Store) {
				ctx := context.Background()
				bulkEntries(b, s, n)
				var size int
				for b.Loop() {
					bu, err := s.ExportCase(ctx, "demo-case-01", "bench")
					if err != nil {
						b.Fatal(err)
					}
					size = len(bu.Proofs)
				}
				b.ReportMetric(float64(size), "proofs")
			})
		})
	}
}
