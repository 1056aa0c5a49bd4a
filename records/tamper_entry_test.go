package records

import (
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"strconv"
	"strings"
	"testing"
	"time"
)

// The last chain entry with its actor, time, entity, entity id or action
// changed and its hash put right: the old signature no longer verifies, nor
// does one made with another key, nor one of the right length but forged.
func TestForgedEntryDetected(t *testing.T) {
	_, other, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
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
		sign func(e *AuditEntry, orig string)
	}{
		{"old signature kept", func(e *AuditEntry, orig string) { e.Hash = EntryHash(*e); e.Sig = orig }},
		{"signed with another key", func(e *AuditEntry, _ string) { SignEntry(other, e) }},
		{"a forged signature of the right length", func(e *AuditEntry, orig string) {
			e.Hash = EntryHash(*e)
			e.Sig = strings.Repeat("A", len(orig)-2) + "=="
		}},
	}
	eachBackend(t, func(t *testing.T, url, dir string, s *Store) {
		demoStore(t, s)
		ctx := context.Background()
		var seq int64
		if err := s.db.QueryRowContext(ctx, `SELECT MAX(seq) FROM audit`).Scan(&seq); err != nil {
			t.Fatal(err)
		}
		es, err := s.AuditEntries(ctx, seq, seq)
		if err != nil || len(es) != 1 {
			t.Fatalf("last entry: %v %v", es, err)
		}
		orig := es[0]
		for _, ch := range changes {
			for _, sg := range signs {
				e := orig
				ch.change(&e)
				sg.sign(&e, orig.Sig)
				mustExec(t, s, (`UPDATE audit SET actor = '` + e.Actor + `', at = '` + e.At.UTC().Format(time.RFC3339Nano) + `', entity = '` + e.Entity +
					`', entity_id = '` + e.EntityID + `', action = '` + e.Action + `', hash = '` + e.Hash + `', sig = '` + e.Sig + `' WHERE seq = ` + itoa(seq)))
				if r := s.Verify(ctx); r.OK {
					t.Errorf("%s changed, %s: verify passed", ch.name, sg.name)
				}
				restore := orig
				mustExec(t, s, `UPDATE audit SET actor = '`+restore.Actor+`', at = '`+restore.At.UTC().Format(time.RFC3339Nano)+`', entity = '`+restore.Entity+
					`', entity_id = '`+restore.EntityID+`', action = '`+restore.Action+`', hash = '`+restore.Hash+`', sig = '`+restore.Sig+`' WHERE seq = `+itoa(seq))
			}
		}
		if r := s.Verify(ctx); !r.OK {
			t.Fatalf("restored chain fails: %+v", r)
		}
	})
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
