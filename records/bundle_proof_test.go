package records

import (
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"strings"
	"testing"
	"time"
)

// exportRoundTrip exports demo-case-01 after a read by another officer (an
// access entry, 调阅) and returns the bundle as a court would read it.
func exportRoundTrip(t *testing.T, s *Store) []byte {
	t.Helper()
	ctx := context.Background()
	if _, err := s.AddDocument(ctx, "demo-case-01", "decision", "示县市监处罚〔2026〕1号", []byte("决定书（合成）"), "drafter"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.GetCase(ctx, "demo-case-01", "reader-from-elsewhere"); err != nil {
		t.Fatal(err)
	}
	b, err := s.ExportCase(ctx, "demo-case-01", "exporter")
	if err != nil {
		t.Fatal(err)
	}
	raw, err := json.Marshal(b)
	if err != nil {
		t.Fatal(err)
	}
	return raw
}

func loadBundle(t *testing.T, raw []byte) *Bundle {
	t.Helper()
	var b Bundle
	if err := json.Unmarshal(raw, &b); err != nil {
		t.Fatal(err)
	}
	return &b
}

func TestBundleProofs(t *testing.T) {
	eachBackend(t, func(t *testing.T, url, dir string, s *Store) {
		ctx := context.Background()
		demoStore(t, s)
		raw := exportRoundTrip(t, s)
		b := loadBundle(t, raw)
		r := VerifyBundle(b)
		if !r.OK || r.Checkpoint == nil || r.Files < 3 || r.Records < 10 {
			t.Fatalf("bundle: %+v", r)
		}
		var n int64
		if err := s.db.QueryRowContext(ctx, `SELECT MAX(seq) FROM audit`).Scan(&n); err != nil {
			t.Fatal(err)
		}
		if b.Checkpoint.Size != n {
			t.Errorf("checkpoint of %d entries, the chain has %d", b.Checkpoint.Size, n)
		}
		last := b.Chain[len(b.Chain)-1]
		if last.Entity != "access" || last.Action != "export" || last.Actor != "exporter" || last.Seq != n {
			t.Errorf("last bundled entry %+v, want the export's", last)
		}
		var reads []string
		for _, e := range b.Chain {
			if e.Entity == "access" {
				reads = append(reads, e.Actor+" "+e.Action)
			}
		}
		if strings.Join(reads, ",") != "reader-from-elsewhere read,exporter export" {
			t.Errorf("access entries in the bundle: %v", reads)
		}
		if r := VerifyBundleTrusting(b, []string{s.PublicKeyHex()}); !r.OK {
			t.Errorf("trusting the agency key: %+v", r)
		}
		other, _, _ := ed25519.GenerateKey(rand.Reader)
		if r := VerifyBundleTrusting(b, []string{hexKey(other)}); r.OK {
			t.Error("a bundle verifies against a key the court does not trust")
		}
		// the store still verifies, and checked the export's checkpoint
		if r := s.Verify(ctx); !r.OK || r.Checkpoints < 1 {
			t.Errorf("store after export: %+v", r)
		}

		// each of these must fail naming the entry (or checkpoint) changed
		mid := len(b.Chain) / 2
		cases := []struct {
			name   string
			change func(b *Bundle) int64 // the sequence number the failure must name
		}{
			{"first entry removed", func(b *Bundle) int64 { return removeEntry(b, 0) }},
			{"middle entry removed", func(b *Bundle) int64 { return removeEntry(b, mid) }},
			{"the read (调阅) removed", func(b *Bundle) int64 { return removeEntry(b, indexOf(b, "access", "read")) }},
			{"entries reordered", func(b *Bundle) int64 {
				b.Chain[mid], b.Chain[mid+1] = b.Chain[mid+1], b.Chain[mid]
				b.Proofs[mid], b.Proofs[mid+1] = b.Proofs[mid+1], b.Proofs[mid]
				return b.Chain[mid+1].Seq
			}},
			{"payload altered, hash put right, signed with the agency key", func(b *Bundle) int64 {
				e := &b.Chain[mid]
				e.Payload = strings.Replace(e.Payload, `"`, `" `, 1)
				SignEntry(s.key().priv, e)
				return e.Seq
			}},
			{"a proof hash changed", func(b *Bundle) int64 {
				p := []byte(b.Proofs[mid].Path[0])
				p[0] ^= 1
				b.Proofs[mid].Path[0] = string(p)
				return b.Chain[mid].Seq
			}},
			{"a proof for another entry", func(b *Bundle) int64 {
				b.Proofs[mid] = b.Proofs[mid+1]
				return b.Chain[mid].Seq
			}},
		}
		for _, c := range cases {
			fb := loadBundle(t, raw)
			seq := c.change(fb)
			r := VerifyBundle(fb)
			if r.OK {
				t.Errorf("%s: bundle verifies", c.name)
				continue
			}
			if r.FirstBad != seq || !strings.Contains(r.Reason, "entry "+itoa(seq)) {
				t.Errorf("%s: failure names entry %d (%q), want %d", c.name, r.FirstBad, r.Reason, seq)
			}
		}
	})
}

// Every entry's actor, time, entity or action changed with the hash put
// right and signed four ways — old signature kept, another key, a forged
// signature, the agency's own key — fails in the bundle, naming the entry:
// the first three on the signature, the last on its inclusion proof.
func TestBundleEntryForgeries(t *testing.T) {
	_, other, _ := ed25519.GenerateKey(rand.Reader)
	eachBackend(t, func(t *testing.T, url, dir string, s *Store) {
		demoStore(t, s)
		raw := exportRoundTrip(t, s)
		changes := []struct {
			name   string
			change func(e *AuditEntry)
		}{
			{"actor", func(e *AuditEntry) { e.Actor = "someone-else" }},
			{"time", func(e *AuditEntry) { e.At = e.At.Add(-24 * time.Hour) }},
			{"entity", func(e *AuditEntry) { e.Entity = "officer" }},
			{"entity id", func(e *AuditEntry) { e.EntityID = "demo-case-99" }},
			{"action", func(e *AuditEntry) { e.Action = "delete" }},
		}
		signs := []struct {
			name string
			sign func(e *AuditEntry)
		}{
			{"old signature kept", func(e *AuditEntry) { e.Hash = EntryHash(*e) }},
			{"signed with another key", func(e *AuditEntry) { SignEntry(other, e) }},
			{"a forged signature", func(e *AuditEntry) {
				e.Hash = EntryHash(*e)
				e.Sig = base64.StdEncoding.EncodeToString(make([]byte, ed25519.SignatureSize))
			}},
			{"signed with the agency key", func(e *AuditEntry) { SignEntry(s.key().priv, e) }},
		}
		n := len(loadBundle(t, raw).Chain)
		for _, i := range []int{0, n / 2, n - 1} {
			for _, ch := range changes {
				for _, sg := range signs {
					b := loadBundle(t, raw)
					seq := b.Chain[i].Seq
					ch.change(&b.Chain[i])
					sg.sign(&b.Chain[i])
					r := VerifyBundle(b)
					if r.OK || r.FirstBad != seq || !strings.Contains(r.Reason, "entry "+itoa(seq)) {
						t.Errorf("entry %d, %s changed, %s: %+v", seq, ch.name, sg.name, r)
					}
				}
			}
		}
	})
}

func TestBundleCheckpointForgeries(t *testing.T) {
	_, other, _ := ed25519.GenerateKey(rand.Reader)
	eachBackend(t, func(t *testing.T, url, dir string, s *Store) {
		demoStore(t, s)
		raw := exportRoundTrip(t, s)
		cases := []struct {
			name   string
			change func(b *Bundle)
		}{
			{"signature forged", func(b *Bundle) {
				b.Checkpoint.Sig = base64.StdEncoding.EncodeToString(make([]byte, ed25519.SignatureSize))
			}},
			{"signed by another key under the agency's key id", func(b *Bundle) {
				b.Checkpoint.Sig = base64.StdEncoding.EncodeToString(ed25519.Sign(other, b.Checkpoint.Message()))
			}},
			{"signed by another key under its own id", func(b *Bundle) {
				b.Checkpoint.KeyID = KeyID(other.Public().(ed25519.PublicKey))
				b.Checkpoint.Sig = base64.StdEncoding.EncodeToString(ed25519.Sign(other, b.Checkpoint.Message()))
			}},
			{"time changed", func(b *Bundle) { b.Checkpoint.At = b.Checkpoint.At.Add(time.Hour) }},
			{"no checkpoint", func(b *Bundle) { b.Checkpoint = nil }},
			{"export entry and checkpoint cut off, root recomputed but not re-signed", func(b *Bundle) {
				b.Checkpoint.Size--
			}},
		}
		for _, c := range cases {
			b := loadBundle(t, raw)
			c.change(b)
			if r := VerifyBundle(b); r.OK {
				t.Errorf("%s: bundle verifies", c.name)
			} else if c.name != "no checkpoint" && !strings.Contains(r.Reason, "checkpoint") {
				t.Errorf("%s: reason %q does not name the checkpoint", c.name, r.Reason)
			}
		}
	})
}

func removeEntry(b *Bundle, i int) int64 {
	seq := b.Chain[i].Seq
	b.Chain = append(b.Chain[:i:i], b.Chain[i+1:]...)
	b.Proofs = append(b.Proofs[:i:i], b.Proofs[i+1:]...)
	return seq
}

func indexOf(b *Bundle, entity, action string) int {
	for i, e := range b.Chain {
		if e.Entity == entity && e.Action == action {
			return i
		}
	}
	panic("no " + entity + " " + action + " entry")
}

func hexKey(pub ed25519.PublicKey) string { return hex.EncodeToString(pub) }

// A court that holds a checkpoint from before (published, or from an
// earlier bundle) checks that the bundle's chain extends it.
func TestBundleExtendsEarlierCheckpoint(t *testing.T) {
	eachBackend(t, func(t *testing.T, url, dir string, s *Store) {
		ctx := context.Background()
		demoStore(t, s)
		held, err := s.Checkpoint(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.GetCase(ctx, "demo-case-01", "reader-from-elsewhere"); err != nil {
			t.Fatal(err)
		}
		b, err := s.ExportCaseSince(ctx, "demo-case-01", "exporter", []int64{held.Size})
		if err != nil {
			t.Fatal(err)
		}
		raw, _ := json.Marshal(b)
		if r := VerifyBundleWith(loadBundle(t, raw), BundleCheck{Since: []Checkpoint{held}}); !r.OK || r.Checkpoints != 2 {
			t.Fatalf("bundle extending the held checkpoint: %+v", r)
		}
		// not asked for at export: the court is told to ask
		plain, _ := s.ExportCase(ctx, "demo-case-01", "exporter")
		if r := VerifyBundleWith(plain, BundleCheck{Since: []Checkpoint{held}}); r.OK || !strings.Contains(r.Reason, "--since") {
			t.Errorf("bundle without the proof: %+v", r)
		}
		// a checkpoint of the same size from another chain (the chain rewritten since)
		other, err := OpenURL(ctx, "sqlite:"+t.TempDir()+"/o.db", t.TempDir())
		if err != nil {
			t.Fatal(err)
		}
		defer other.Close()
		demoStore(t, other)
		foreign, err := other.Checkpoint(ctx)
		if err != nil || foreign.Size != held.Size {
			t.Fatalf("other chain's checkpoint %+v %v", foreign, err)
		}
		if r := VerifyBundleWith(loadBundle(t, raw), BundleCheck{Since: []Checkpoint{foreign}}); r.OK {
			t.Error("bundle verifies as extending another chain's checkpoint")
		}
		for name, change := range map[string]func(b *Bundle){
			"consistency path changed": func(b *Bundle) {
				p := []byte(b.Extends[0].Path[0])
				p[1] ^= 1
				b.Extends[0].Path[0] = string(p)
			},
			"earlier root replaced, re-signed with the agency key": func(b *Bundle) {
				c := &b.Extends[0].Checkpoint
				c.Root = foreign.Root
				c.Sig = base64.StdEncoding.EncodeToString(ed25519.Sign(s.key().priv, c.Message()))
			},
			"earlier checkpoint's signature forged": func(b *Bundle) {
				b.Extends[0].Checkpoint.Sig = base64.StdEncoding.EncodeToString(make([]byte, ed25519.SignatureSize))
			},
		} {
			fb := loadBundle(t, raw)
			change(fb)
			if r := VerifyBundle(fb); r.OK || r.FirstBad != held.Size || r.Entity != "checkpoint" {
				t.Errorf("%s: %+v", name, r)
			}
		}
		if _, err := s.ExportCaseSince(ctx, "demo-case-01", "exporter", []int64{held.Size + 1}); err == nil || !strings.Contains(err.Error(), "since") {
			t.Errorf("since a size with no checkpoint: %v", err)
		}
	})
}
