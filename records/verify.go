package records

import (
	"context"
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"zhifa/records/merkle"
)

// VerifyResult is the outcome of re-checking the chain, the records and files.
type VerifyResult struct {
	OK        bool   `json:"ok"`
	Entries   int64  `json:"entries"`
	Records   int    `json:"records"`
	Files     int    `json:"files"`
	FirstBad  int64  `json:"first_bad_seq,omitempty"` // sequence of the first failing entry (0: none or not an entry)
	Entity    string `json:"entity,omitempty"`
	EntityID  string `json:"entity_id,omitempty"`
	Reason    string `json:"reason,omitempty"`
	PublicKey string `json:"public_key"`
	// the signing keys along the chain, oldest first, and the checkpoints checked
	Keys        []KeySpan   `json:"keys,omitempty"`
	Checkpoints int         `json:"checkpoints,omitempty"`
	Checkpoint  *Checkpoint `json:"checkpoint,omitempty"` // a bundle's: the tree head its proofs lead to
}

func (r *VerifyResult) fail(seq int64, entity, id, reason string) {
	if !r.OK {
		return
	}
	r.OK, r.FirstBad, r.Entity, r.EntityID, r.Reason = false, seq, entity, id, reason
}

// checkBatch checks hashes and signatures in parallel, entry i under
// keys[i], filling bad[i] where it is still empty; returns the index of the
// first bad entry (or -1) and why.
func checkBatch(keys []ed25519.PublicKey, es []AuditEntry, bad []string) (int, string) {
	workers := runtime.GOMAXPROCS(0)
	var wg sync.WaitGroup
	chunk := (len(es) + workers - 1) / workers
	for w := 0; w < workers; w++ {
		lo, hi := w*chunk, min((w+1)*chunk, len(es))
		if lo >= hi {
			break
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := lo; i < hi; i++ {
				if bad[i] == "" {
					bad[i] = entryFault(keys[i], es[i])
				}
			}
		}()
	}
	wg.Wait()
	for i, b := range bad {
		if b != "" {
			return i, b
		}
	}
	return -1, ""
}

// entryFault says what is wrong with an entry's hash or signature under pub.
func entryFault(pub ed25519.PublicKey, e AuditEntry) string {
	if EntryHash(e) != e.Hash {
		return "entry hash does not match its content"
	}
	if !verifySig(pub, e) {
		return "signature does not verify under key " + short(KeyID(pub)) + ", the key in force at this entry"
	}
	return ""
}

func verifySig(pub ed25519.PublicKey, e AuditEntry) bool {
	return CheckEntry(pub, e, e.Seq-1, e.PrevHash) == ""
}

type entityKey struct{ entity, id string }

// chainHead is the last chain entry of a record: its sequence, payload hash and whether it is live.
type chainHead struct {
	seq  int64
	sum  [32]byte
	live bool
}

// recordEntities are the chain entities backed by a table row.
var recordEntities = map[string]bool{"agency": true, "power_item": true, "officer": true, "case": true, "step": true, "evidence": true, "document": true}

// Verify re-checks the whole chain (sequence, links, hashes, signatures), that
// every record equals its last chain entry, and every stored file's hash.
func (s *Store) Verify(ctx context.Context) VerifyResult {
	pub := ed25519.PublicKey(s.PublicKey())
	r := VerifyResult{OK: true, PublicKey: hex.EncodeToString(pub)}
	genesis, err := s.genesisKey(ctx, s.db)
	if err != nil {
		r.fail(0, "key", "", "read keys: "+err.Error())
		return r
	}
	keys := newKeyWalk(genesis)
	cps, frontiers, err := s.checkpoints(ctx, s.db)
	if err != nil {
		r.fail(0, "checkpoint", "", "read checkpoints: "+err.Error())
		return r
	}
	var tree merkle.Range
	ci := 0 // the next checkpoint to check
	// checkCheckpoints checks those of the tree's size, signed by after.
	checkCheckpoints := func(after ed25519.PublicKey) {
		for ; r.OK && ci < len(cps) && cps[ci].Size == tree.Size; ci++ {
			c := cps[ci]
			root := tree.Root()
			id := strconv.FormatInt(c.Size, 10)
			switch {
			case c.Root != hex.EncodeToString(root[:]):
				r.fail(c.Size, "checkpoint", id, fmt.Sprintf("checkpoint of size %d signed %s does not match the tree head of the chain's first %d entries (entries changed, removed or reordered)", c.Size, c.At.Format(time.RFC3339), c.Size))
			case frontiers[ci] != encodeFrontier(tree):
				r.fail(c.Size, "checkpoint", id, fmt.Sprintf("checkpoint of size %d: stored compact range does not match the chain", c.Size))
			default:
				if why := c.VerifySig(after); why != "" {
					r.fail(c.Size, "checkpoint", id, why)
				}
			}
			r.Checkpoints++
		}
	}
	checkCheckpoints(genesis)
	latest := map[entityKey]chainHead{}
	var prevSeq int64
	prevHash := ""
	const batch = 20000
	type chunk struct {
		es  []AuditEntry
		err error
	}
	// A reader streams batches while the previous one is checked in parallel.
	ch := make(chan chunk, 2)
	rctx, cancel := context.WithCancel(ctx)
	defer cancel()
	go func() {
		defer close(ch)
		var from int64
		for {
			rows, err := s.db.QueryContext(rctx, s.Rebind(`SELECT `+auditCols+` FROM audit WHERE seq > ? ORDER BY seq LIMIT `+fmt.Sprint(batch)), from)
			if err != nil {
				ch <- chunk{err: err}
				return
			}
			es := make([]AuditEntry, 0, batch)
			for rows.Next() {
				e, err := scanAudit(rows)
				if err != nil {
					rows.Close()
					ch <- chunk{err: err}
					return
				}
				es = append(es, e)
			}
			err = rows.Err()
			rows.Close()
			if err != nil {
				ch <- chunk{err: err}
				return
			}
			if len(es) == 0 {
				return
			}
			select {
			case ch <- chunk{es: es}:
			case <-rctx.Done():
				return
			}
			from = es[len(es)-1].Seq
			if len(es) < batch {
				return
			}
		}
	}()
	for c := range ch {
		if c.err != nil {
			r.fail(prevSeq+1, "", "", "read chain: "+c.err.Error())
			return r
		}
		es := c.es
		// keys in order (a rotation entry hands over to the next key), then
		// hashes and signatures in parallel
		signers, after, bad := make([]ed25519.PublicKey, len(es)), make([]ed25519.PublicKey, len(es)), make([]string, len(es))
		for i, e := range es {
			signers[i] = keys.cur
			bad[i] = keys.step(e)
			after[i] = keys.cur
		}
		bi, why := checkBatch(signers, es, bad)
		for i, e := range es {
			if e.Seq != prevSeq+1 {
				r.fail(prevSeq+1, e.Entity, e.EntityID, fmt.Sprintf("entry %d is missing or out of order (found %d after %d)", prevSeq+1, e.Seq, prevSeq))
				break
			}
			if e.PrevHash != prevHash {
				r.fail(e.Seq, e.Entity, e.EntityID, "previous hash does not match the entry before")
				break
			}
			if i == bi {
				r.fail(e.Seq, e.Entity, e.EntityID, why)
				break
			}
			prevSeq, prevHash = e.Seq, e.Hash
			tree.Append(leafOf(e.Hash))
			if checkCheckpoints(after[i]); !r.OK {
				break
			}
			if recordEntities[e.Entity] || strings.HasPrefix(e.Entity, "obj:") {
				latest[entityKey{e.Entity, e.EntityID}] = chainHead{e.Seq, sha256.Sum256([]byte(e.Payload)), e.Action != "delete"}
			}
		}
		r.Entries = prevSeq
		if !r.OK {
			return r
		}
	}
	if !r.OK {
		return r
	}
	r.Keys = keys.spans
	if ci < len(cps) {
		c := cps[ci]
		r.fail(c.Size, "checkpoint", strconv.FormatInt(c.Size, 10), fmt.Sprintf("checkpoint of size %d signed %s but the chain ends at entry %d: entries after %d were removed", c.Size, c.At.Format(time.RFC3339), prevSeq, prevSeq))
		return r
	}
	if keys.curID() != s.key().id {
		r.fail(0, "key", keys.curID(), fmt.Sprintf("the chain's key in force is %s but the store signs with %s (%s)", short(keys.curID()), short(s.key().id), s.keyPath))
		return r
	}
	// Records against the chain.
	type badRec struct {
		seq             int64
		entity, id, why string
	}
	var bads []badRec
	seen := map[entityKey]bool{}
	var files []string
	for _, t := range []struct{ table, entity string }{{"agencies", "agency"}, {"power_items", "power_item"}, {"officers", "officer"}, {"cases", "case"}, {"steps", "step"}, {"evidence", "evidence"}, {"documents", "document"}} {
		rows, err := s.db.QueryContext(ctx, `SELECT id, data FROM `+t.table)
		if err != nil {
			r.fail(0, t.entity, "", "read records: "+err.Error())
			return r
		}
		for rows.Next() {
			var id, data string
			if err := rows.Scan(&id, &data); err != nil {
				rows.Close()
				r.fail(0, t.entity, "", err.Error())
				return r
			}
			r.Records++
			k := entityKey{t.entity, id}
			seen[k] = true
			l, ok := latest[k]
			switch {
			case !ok:
				bads = append(bads, badRec{1 << 62, t.entity, id, "record has no audit chain entry (inserted outside the system)"})
			case l.sum != sha256.Sum256([]byte(data)):
				bads = append(bads, badRec{l.seq, t.entity, id, "record differs from its last audit chain entry (changed outside the system)"})
			}
			if t.entity == "evidence" || t.entity == "document" {
				if sum := fileSum(data); sum != "" {
					files = append(files, sum+"\x00"+t.entity+"\x00"+id+"\x00"+fmt.Sprint(l.seq))
				}
			}
		}
		rows.Close()
	}
	if err := s.verifyColumns(ctx, func(entity, id, why string) {
		seq := int64(1 << 62)
		if l, ok := latest[entityKey{entity, id}]; ok {
			seq = l.seq
		}
		bads = append(bads, badRec{seq, entity, id, why})
	}); err != nil {
		r.fail(0, "records", "", "read records: "+err.Error())
		return r
	}
	if err := s.verifyObjects(ctx, &r, latest, seen, func(seq int64, entity, id, why string) {
		bads = append(bads, badRec{seq, entity, id, why})
	}); err != nil {
		r.fail(0, "objects", "", "read records: "+err.Error())
		return r
	}
	for k, l := range latest {
		if l.live && !seen[k] && (recordEntities[k.entity] || strings.HasPrefix(k.entity, "obj:")) {
			bads = append(bads, badRec{l.seq, k.entity, k.id, "record named by the chain is missing (deleted outside the system)"})
		}
	}
	for _, f := range files {
		var sum, entity, id string
		var seq int64
		parts := splitOn(f, 0)
		sum, entity, id = parts[0], parts[1], parts[2]
		fmt.Sscan(parts[3], &seq)
		r.Files++
		b, err := os.ReadFile(s.filePath(sum))
		if err != nil {
			bads = append(bads, badRec{seq, entity, id, "file " + sum + " is missing"})
			continue
		}
		if h := sha256.Sum256(b); hex.EncodeToString(h[:]) != sum {
			bads = append(bads, badRec{seq, entity, id, "file " + sum + " does not match its SHA-256"})
		}
	}
	if len(bads) > 0 {
		sort.Slice(bads, func(i, j int) bool { return bads[i].seq < bads[j].seq })
		b := bads[0]
		seq := b.seq
		if seq == 1<<62 {
			seq = 0
		}
		r.fail(seq, b.entity, b.id, b.why)
	}
	return r
}

// verifyObjects checks every workflow object against its last chain entry.
func (s *Store) verifyObjects(ctx context.Context, r *VerifyResult, latest map[entityKey]chainHead, seen map[entityKey]bool, bad func(seq int64, entity, id, why string)) error {
	rows, err := s.db.QueryContext(ctx, `SELECT kind, id, data FROM objects`)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var kind, id, data string
		if err := rows.Scan(&kind, &id, &data); err != nil {
			return err
		}
		r.Records++
		k := entityKey{ObjectEntity(kind), id}
		seen[k] = true
		l, ok := latest[k]
		switch {
		case !ok || !l.live:
			bad(1<<62, k.entity, id, "record has no audit chain entry (inserted outside the system)")
		case l.sum != sha256.Sum256([]byte(data)):
			bad(l.seq, k.entity, id, "record differs from its last audit chain entry (changed outside the system)")
		}
	}
	return rows.Err()
}
