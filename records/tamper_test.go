package records

import (
	"context"
	"encoding/json"
	"os"
	"strings"
	"testing"
)

// Each tampering done directly on the database or the files must be detected.
func TestTamperDetected(t *testing.T) {
	cases := []struct {
		name, want string
		do         func(t *testing.T, s *Store)
	}{
		{"change a record field", "differs", func(t *testing.T, s *Store) {
			mustExec(t, s, `UPDATE cases SET data = REPLACE(data, '"fine":60000', '"fine":600') WHERE id = 'demo-case-01'`)
		}},
		{"change an audit payload", "hash", func(t *testing.T, s *Store) {
			mustExec(t, s, `UPDATE audit SET payload = REPLACE(payload, '60000', '600') WHERE entity = 'step' AND payload LIKE '%60000%'`)
		}},
		{"delete a record row", "missing", func(t *testing.T, s *Store) {
			mustExec(t, s, `DELETE FROM steps WHERE id = 'demo-case-02/3'`)
		}},
		{"delete an audit row", "missing or out of order", func(t *testing.T, s *Store) {
			mustExec(t, s, `DELETE FROM audit WHERE seq = 40`)
		}},
		{"reorder audit rows", "", func(t *testing.T, s *Store) {
			mustExec(t, s, `UPDATE audit SET seq = -1 WHERE seq = 30`)
			mustExec(t, s, `UPDATE audit SET seq = 30 WHERE seq = 31`)
			mustExec(t, s, `UPDATE audit SET seq = 31 WHERE seq = -1`)
		}},
		{"insert a record", "no audit chain entry", func(t *testing.T, s *Store) {
			mustExec(t, s, `INSERT INTO evidence(id, case_id, data) VALUES ('ev-forged', 'demo-case-01', '{"id":"ev-forged"}')`)
		}},
		{"insert an audit entry", "", func(t *testing.T, s *Store) {
			mustExec(t, s, `INSERT INTO audit(seq, prev_hash, hash, actor, at, entity, entity_id, action, payload, sig) SELECT seq+1, hash, hash, 'x', at, 'case', 'x', 'create', '{}', sig FROM audit ORDER BY seq DESC LIMIT 1`)
		}},
		{"swap a file", "does not match", func(t *testing.T, s *Store) {
			ev, err := s.ListEvidence(context.Background(), "demo-case-01")
			if err != nil || len(ev) == 0 {
				t.Fatal(ev, err)
			}
			if err := os.WriteFile(s.filePath(ev[0].SHA256), []byte("forged"), 0o600); err != nil {
				t.Fatal(err)
			}
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			eachBackend(t, func(t *testing.T, url, dir string, s *Store) {
				demoStore(t, s)
				if r := s.Verify(context.Background()); !r.OK {
					t.Fatalf("untouched store fails: %+v", r)
				}
				tc.do(t, s)
				r := s.Verify(context.Background())
				if r.OK {
					t.Fatalf("tampering not detected")
				}
				if !strings.Contains(r.Reason, tc.want) {
					t.Errorf("reason %q, want it to mention %q", r.Reason, tc.want)
				}
				if r.Entity == "" && r.FirstBad == 0 {
					t.Errorf("result names no entry: %+v", r)
				}
			})
		})
	}
}

func mustExec(t *testing.T, s *Store, q string) {
	t.Helper()
	if _, err := s.DB().Exec(q); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
}

func TestBundleVerifiesOfflineAndDetectsTampering(t *testing.T) {
	eachBackend(t, func(t *testing.T, url, dir string, s *Store) {
		ctx := context.Background()
		demoStore(t, s)
		if _, err := s.AddDocument(ctx, "demo-case-01", "decision", "示县市监处罚〔2026〕1号", []byte("决定书（合成）"), "drafter"); err != nil {
			t.Fatal(err)
		}
		b, err := s.ExportCase(ctx, "demo-case-01", "exporter")
		if err != nil {
			t.Fatal(err)
		}
		raw, _ := json.Marshal(b)
		var back Bundle
		if err := json.Unmarshal(raw, &back); err != nil {
			t.Fatal(err)
		}
		if r := VerifyBundle(&back); !r.OK || r.Files < 3 || r.Records < 10 {
			t.Fatalf("bundle: %+v", r)
		}
		forged := strings.Replace(string(raw), `\"fine\":60000`, `\"fine\":600`, 1)
		forged = strings.Replace(forged, `"fine":60000`, `"fine":600`, 1)
		var fb Bundle
		_ = json.Unmarshal([]byte(forged), &fb)
		if r := VerifyBundle(&fb); r.OK {
			t.Error("bundle with a changed fine verifies")
		}
		for k := range back.Files {
			back.Files[k] = []byte("forged")
			break
		}
		if r := VerifyBundle(&back); r.OK {
			t.Error("bundle with a swapped file verifies")
		}
	})
}
