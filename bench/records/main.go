// Command records-bench fills a store with N signed audit chain entries (bulk,
// signing in parallel) and times a full `Verify` of the chain and the first
// checkpoint (Merkle tree head) over it.
//
//	go run -tags ne ./bench/records -n 1000000 [-data DIR] [-pg URL]
package main

import (
	"context"
	"flag"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"time"

	"zhifa/records"
)

func main() {
	n := flag.Int("n", 1000000, "chain entries to generate")
	dir := flag.String("data", "", "data directory (default: a temporary one, removed afterwards)")
	pg := flag.String("pg", "", "PostgreSQL URL instead of SQLite (use a fresh schema via search_path)")
	flag.Parse()
	ctx := context.Background()
	d := *dir
	if d == "" {
		var err error
		if d, err = os.MkdirTemp("", "zhifa-bench-"); err != nil {
			log.Fatal(err)
		}
		defer os.RemoveAll(d)
	}
	url := "sqlite:" + filepath.Join(d, "zhifa.db")
	if *pg != "" {
		url = *pg
	}
	s, err := records.OpenURL(ctx, url, d)
	if err != nil {
		log.Fatal(err)
	}
	defer s.Close()
	t0 := time.Now()
	if err := generate(ctx, s, *n); err != nil {
		log.Fatal(err)
	}
	gen := time.Since(t0)
	t1 := time.Now()
	r := s.Verify(ctx)
	ver := time.Since(t1)
	fmt.Printf("backend=%s entries=%d cores=%d generate=%s verify=%s ok=%v (%.0f entries/s)\n", s.Dialect(), r.Entries, runtime.GOMAXPROCS(0), gen.Round(time.Millisecond), ver.Round(time.Millisecond), r.OK, float64(r.Entries)/ver.Seconds())
	if !r.OK {
		fmt.Printf("first failure: %+v\n", r)
		os.Exit(1)
	}
	// the first checkpoint of a chain that has none reads every entry's hash
	t2 := time.Now()
	c, err := s.Checkpoint(ctx)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("checkpoint size=%d root=%s time=%s\n", c.Size, c.Root[:16], time.Since(t2).Round(time.Millisecond))
}

// generate appends n synthetic entries after the current head in batches:
// hashes are chained sequentially, signatures computed in parallel.
func generate(ctx context.Context, s *records.Store, n int) error {
	const batch = 50000
	prevHash := ""
	var seq int64
	at := time.Date(2026, 11, 22, 0, 0, 0, 0, time.UTC)
	for done := 0; done < n; {
		k := min(batch, n-done)
		es := make([]records.AuditEntry, k)
		for i := range es {
			seq++
			es[i] = records.AuditEntry{Seq: seq, PrevHash: prevHash, Actor: "bench", At: at.Add(time.Duration(seq) * time.Millisecond),
				Entity: "bench", EntityID: "synthetic", Action: "note", Payload: fmt.Sprintf(`{"n":%d,"note":"合成基准数据"}`, seq)}
			es[i].Hash = records.EntryHash(es[i])
			prevHash = es[i].Hash
		}
		var wg sync.WaitGroup
		w := runtime.GOMAXPROCS(0)
		for g := 0; g < w; g++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := g; i < k; i += w {
					s.Sign(&es[i])
				}
			}()
		}
		wg.Wait()
		tx, err := s.DB().BeginTx(ctx, nil)
		if err != nil {
			return err
		}
		st, err := tx.PrepareContext(ctx, s.Rebind(records.InsertAuditSQL))
		if err != nil {
			tx.Rollback()
			return err
		}
		for _, e := range es {
			if _, err := st.ExecContext(ctx, e.Seq, e.PrevHash, e.Hash, e.Actor, e.At.Format(time.RFC3339Nano), e.Entity, e.EntityID, e.Action, e.Payload, e.Sig); err != nil {
				tx.Rollback()
				return err
			}
		}
		st.Close()
		if err := tx.Commit(); err != nil {
			return err
		}
		done += k
	}
	return nil
}
