package records

import (
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"
)

// resign writes entry seq back with one field changed, its hash put right
// and signed with key.
func resign(t *testing.T, s *Store, seq int64, key ed25519.PrivateKey) AuditEntry {
	t.Helper()
	es, err := s.AuditEntries(context.Background(), seq, seq)
	if err != nil || len(es) != 1 {
		t.Fatalf("entry %d: %v", seq, err)
	}
	orig := es[0]
	e := orig
	SignEntry(key, &e)
	mustExec(t, s, `UPDATE audit SET hash = '`+e.Hash+`', sig = '`+e.Sig+`' WHERE seq = `+itoa(seq))
	return orig
}

func restoreEntry(t *testing.T, s *Store, e AuditEntry) {
	mustExec(t, s, `UPDATE audit SET hash = '`+e.Hash+`', sig = '`+e.Sig+`' WHERE seq = `+itoa(e.Seq))
}

func lastSeq(t *testing.T, s *Store) int64 {
	var n int64
	if err := s.db.QueryRow(`SELECT MAX(seq) FROM audit`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func TestKeyRotation(t *testing.T) {
	_, foreign, _ := ed25519.GenerateKey(rand.Reader)
	eachBackend(t, func(t *testing.T, url, dir string, s *Store) {
		ctx := context.Background()
		demoStore(t, s)
		k0 := s.key().priv
		before := lastSeq(t, s)
		span1, err := s.RotateKey(ctx, "admin")
		if err != nil {
			t.Fatal(err)
		}
		k1 := s.key().priv
		if span1.FromSeq != before+2 || span1.KeyID != s.KeyID() || KeyID(k0.Public().(ed25519.PublicKey)) == s.KeyID() {
			t.Fatalf("rotation: %+v (chain was %d entries)", span1, before)
		}
		if _, err := s.PutAgency(ctx, Agency{ID: "rot-1", Name: "合成机构一"}, "t"); err != nil {
			t.Fatal(err)
		}
		if _, err := s.RotateKey(ctx, "admin"); err != nil {
			t.Fatal(err)
		}
		if _, err := s.PutAgency(ctx, Agency{ID: "rot-2", Name: "合成机构二"}, "t"); err != nil {
			t.Fatal(err)
		}
		r := s.Verify(ctx)
		if !r.OK || len(r.Keys) != 3 || r.Keys[0].FromSeq != 1 || r.Keys[1].FromSeq != span1.FromSeq || r.Keys[2].ToSeq != 0 {
			t.Fatalf("verify across two rotations: %+v", r)
		}
		// the key file holds the new key; a fresh process verifies too
		s2, err := OpenURL(ctx, url, dir)
		if err != nil {
			t.Fatal(err)
		}
		defer s2.Close()
		if s2.KeyID() != s.KeyID() {
			t.Errorf("reopened store signs with %s, want %s", s2.KeyID(), s.KeyID())
		}
		if r := s2.Verify(ctx); !r.OK {
			t.Errorf("reopened: %+v", r)
		}
		// a bundle spans the rotations
		raw := exportRoundTrip(t, s)
		b := loadBundle(t, raw)
		if r := VerifyBundle(b); !r.OK || len(r.Keys) != 3 {
			t.Fatalf("bundle across rotations: %+v", r)
		}
		if r := VerifyBundleTrusting(b, []string{hexKey(k0.Public().(ed25519.PublicKey))}); !r.OK {
			t.Errorf("bundle trusting the first key: %+v", r)
		}
		// a bundle whose key list drops a rotation fails
		fb := loadBundle(t, raw)
		fb.Keys = fb.Keys[:2]
		if r := VerifyBundle(fb); r.OK {
			t.Error("bundle with a key left out verifies")
		}

		// an entry signed by a key outside its span, or by a key not in the
		// chain, with the hash put right, fails naming the entry
		firstNew := span1.FromSeq
		for _, c := range []struct {
			name string
			seq  int64
			key  ed25519.PrivateKey
		}{
			{"entry after the rotation signed with the old key", firstNew, k0},
			{"entry before the rotation signed with the new key", 3, k1},
			{"the rotation entry signed with the new key", firstNew - 1, k1},
			{"entry signed with a key not in the chain", firstNew + 1, foreign},
			{"first entry signed with a key not in the chain", 1, foreign},
		} {
			orig := resign(t, s, c.seq, c.key)
			r := s.Verify(ctx)
			if r.OK || r.FirstBad != c.seq || !strings.Contains(r.Reason, "signature does not verify") {
				t.Errorf("%s: %+v", c.name, r)
			}
			restoreEntry(t, s, orig)
		}
		if r := s.Verify(ctx); !r.OK {
			t.Fatalf("restored: %+v", r)
		}
	})
}

// A rotation entry that the new key does not endorse, or that claims to
// follow another key, fails even when the old key signed it.
func TestRotationEntryForged(t *testing.T) {
	_, foreign, _ := ed25519.GenerateKey(rand.Reader)
	eachBackend(t, func(t *testing.T, url, dir string, s *Store) {
		ctx := context.Background()
		demoStore(t, s)
		k0 := s.key().priv
		span, err := s.RotateKey(ctx, "admin")
		if err != nil {
			t.Fatal(err)
		}
		seq := span.FromSeq - 1
		es, _ := s.AuditEntries(ctx, seq, seq)
		orig := es[0]
		for name, payload := range map[string]string{
			"endorsed by another key":     strings.Replace(orig.Payload, `"endorsement":"`, `"endorsement":"AA`, 1),
			"says it follows another key": strings.Replace(orig.Payload, `"previous_key_id":"`, `"previous_key_id":"0`, 1),
		} {
			e := orig
			e.Payload = payload
			SignEntry(k0, &e)
			mustExec(t, s, fmt.Sprintf(`UPDATE audit SET payload = '%s', hash = '%s', sig = '%s' WHERE seq = %d`, e.Payload, e.Hash, e.Sig, seq))
			if r := s.Verify(ctx); r.OK || r.FirstBad != seq || !strings.Contains(r.Reason, "key rotation") {
				t.Errorf("rotation %s: %+v", name, r)
			}
		}
		mustExec(t, s, fmt.Sprintf(`UPDATE audit SET payload = '%s', hash = '%s', sig = '%s' WHERE seq = %d`, orig.Payload, orig.Hash, orig.Sig, seq))
		if r := s.Verify(ctx); !r.OK {
			t.Fatalf("restored: %+v", r)
		}
		_ = foreign
	})
}

// A process that opened the store before another rotated the key picks up
// the new key from the file instead of signing with the retired one.
func TestRotationSeenByAnotherProcess(t *testing.T) {
	eachBackend(t, func(t *testing.T, url, dir string, s *Store) {
		ctx := context.Background()
		demoStore(t, s)
		other, err := OpenURL(ctx, url, dir)
		if err != nil {
			t.Fatal(err)
		}
		defer other.Close()
		if _, err := other.RotateKey(ctx, "admin"); err != nil {
			t.Fatal(err)
		}
		if _, err := s.PutAgency(ctx, Agency{ID: "after-rotation", Name: "合成机构"}, "t"); err != nil {
			t.Fatal(err)
		}
		if s.KeyID() != other.KeyID() {
			t.Errorf("stale process signs with %s, the chain's key is %s", s.KeyID(), other.KeyID())
		}
		if r := s.Verify(ctx); !r.OK {
			t.Errorf("verify: %+v", r)
		}
		// a new key file left by a rotation that did not commit is removed
		_, stray, _ := ed25519.GenerateKey(rand.Reader)
		if err := writeKeyExcl(s.keyPath+".next", stray); err != nil {
			t.Fatal(err)
		}
		s3, err := OpenURL(ctx, url, dir)
		if err != nil {
			t.Fatal(err)
		}
		defer s3.Close()
		if _, err := os.Stat(s.keyPath + ".next"); !os.IsNotExist(err) || s3.KeyID() != other.KeyID() {
			t.Errorf("stray new key: stat %v, key %s", err, s3.KeyID())
		}
	})
}

func TestKeyFileFromEnv(t *testing.T) {
	path := t.TempDir() + "/keys/agency.key"
	t.Setenv(KeyEnv, path)
	s, err := OpenURL(context.Background(), "sqlite:"+t.TempDir()+"/z.db", t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	priv, err := readKey(path)
	if err != nil || KeyID(priv.Public().(ed25519.PublicKey)) != s.KeyID() {
		t.Fatalf("key at %s: %v", path, err)
	}
	if fi, _ := os.Stat(path); fi.Mode().Perm() != 0o600 {
		t.Errorf("key file mode %v", fi.Mode().Perm())
	}
}

func TestCheckpoints(t *testing.T) {
	eachBackend(t, func(t *testing.T, url, dir string, s *Store) {
		ctx := context.Background()
		s.checkpointEvery = 7
		demoStore(t, s)
		n := lastSeq(t, s)
		cps, err := s.Checkpoints(ctx)
		if err != nil || int64(len(cps)) != n/7 {
			t.Fatalf("%d checkpoints over %d entries every 7: %v", len(cps), n, err)
		}
		r := s.Verify(ctx)
		if !r.OK || r.Checkpoints != len(cps) {
			t.Fatalf("verify: %+v", r)
		}
		c := cps[len(cps)/2]
		for _, tc := range []struct {
			name, set, want string
		}{
			{"root changed", `root = '` + strings.Repeat("0", 64) + `'`, "does not match the tree head"},
			{"signature forged", `sig = '` + strings.Repeat("A", 86) + `=='`, "signature does not verify"},
			{"time changed", `at = '` + c.At.Add(time.Second).Format(time.RFC3339Nano) + `'`, "signature does not verify"},
			{"signed by another key id", `key_id = '` + strings.Repeat("ab", 32) + `'`, "is signed by key"},
		} {
			mustExec(t, s, `UPDATE checkpoints SET `+tc.set+` WHERE size = `+itoa(c.Size))
			if r := s.Verify(ctx); r.OK || r.FirstBad != c.Size || r.Entity != "checkpoint" || !strings.Contains(r.Reason, tc.want) {
				t.Errorf("checkpoint %s: %+v", tc.name, r)
			}
			mustExec(t, s, `UPDATE checkpoints SET root = '`+c.Root+`', sig = '`+c.Sig+`', at = '`+c.At.Format(time.RFC3339Nano)+`', key_id = '`+c.KeyID+`' WHERE size = `+itoa(c.Size))
		}
		if r := s.Verify(ctx); !r.OK {
			t.Fatalf("restored: %+v", r)
		}
		// the chain's tail cut off behind the last checkpoint: verify and export say so
		last := cps[len(cps)-1].Size
		mustExec(t, s, `DELETE FROM audit WHERE seq >= `+itoa(last))
		if r := s.Verify(ctx); r.OK || !strings.Contains(r.Reason, "were removed") {
			t.Errorf("truncated chain: %+v", r)
		}
		if _, err := s.ExportCase(ctx, "demo-case-02", "t"); err == nil || !strings.Contains(err.Error(), "checkpoint") {
			t.Errorf("export from a truncated chain: %v", err)
		}
	})
}

func TestLostKeyRefused(t *testing.T) {
	eachBackend(t, func(t *testing.T, url, dir string, s *Store) {
		demoStore(t, s)
		if err := os.Remove(s.KeyPath()); err != nil {
			t.Fatal(err)
		}
		if s2, err := OpenURL(context.Background(), url, dir); err == nil || !strings.Contains(err.Error(), "no signing key") {
			if s2 != nil {
				s2.Close()
			}
			t.Fatalf("open without the key of a signed chain: %v", err)
		}
	})
}
