package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A court's path: the agency publishes its public key, rotates its key,
// exports a case; zhifa verify --bundle checks it against the published key.
func TestKeysRotateAndBundleAgainstPublishedKey(t *testing.T) {
	t.Setenv("ZHIFA_DATABASE_URL", "")
	t.Setenv("ZHIFA_AUDIT_KEY_FILE", "")
	dir := t.TempDir()
	if code, _, stderr := runRec(t, "", "demo", "--data", dir); code != 0 {
		t.Fatalf("demo: %s", stderr)
	}
	_, published, _ := runRec(t, "", "pubkey", "--data", dir)
	published = strings.TrimSpace(published)
	code, out, stderr := runRec(t, "", "keys", "rotate", "--actor", "admin", "--data", dir)
	var keys struct {
		KeyFile string `json:"key_file"`
		KeyID   string `json:"key_id"`
		Keys    []struct {
			KeyID     string `json:"key_id"`
			PublicKey string `json:"public_key"`
			FromSeq   int64  `json:"from_seq"`
		} `json:"keys"`
	}
	if code != 0 || json.Unmarshal([]byte(out), &keys) != nil || len(keys.Keys) != 2 || keys.Keys[0].PublicKey != published || keys.KeyID != keys.Keys[1].KeyID {
		t.Fatalf("keys rotate: %d %s %s", code, out, stderr)
	}
	if keys.KeyFile != filepath.Join(dir, "audit_ed25519.key") {
		t.Errorf("key file %s", keys.KeyFile)
	}
	if code, out, _ := runRec(t, "", "verify", "--data", dir); code != 0 || !strings.Contains(out, `"checkpoints": 1`) {
		t.Errorf("verify after rotation: %d %.300s", code, out)
	}
	code, out, _ = runRec(t, "", "checkpoint", "--data", dir)
	if code != 0 || !strings.Contains(out, `"root"`) || !strings.Contains(out, keys.KeyID) {
		t.Errorf("checkpoint: %d %s", code, out)
	}
	var cp struct {
		Size int64 `json:"size"`
	}
	_ = json.Unmarshal([]byte(out), &cp)
	held := filepath.Join(t.TempDir(), "checkpoint.json")
	_ = os.WriteFile(held, []byte(out), 0o600)
	bundle := filepath.Join(t.TempDir(), "case.json")
	if code, _, stderr := runRec(t, "", "export", "--case", "demo-case-01", "-o", bundle, "--since", itoa64(cp.Size), "--data", dir); code != 0 {
		t.Fatalf("export: %s", stderr)
	}
	if code, out, stderr := runRec(t, "", "verify", "--bundle", bundle, "--since", held); code != 0 || !strings.Contains(out, `"checkpoints": 2`) {
		t.Errorf("verify --bundle --since (the checkpoint held): %d %s %.300s", code, stderr, out)
	}
	if code, _, stderr := runRec(t, "", "export", "--case", "demo-case-01", "--since", "x", "--data", dir); code != 2 {
		t.Errorf("export --since x: %d %s", code, stderr)
	}
	if code, out, stderr := runRec(t, "", "verify", "--bundle", bundle, "--key", published); code != 0 || !strings.Contains(out, `"checkpoint"`) {
		t.Errorf("verify --bundle --key (the key before the rotation): %d %s", code, stderr)
	}
	if code, _, stderr := runRec(t, "", "verify", "--bundle", bundle, "--key", strings.Repeat("ab", 32)); code == 0 || !strings.Contains(stderr, "trust") {
		t.Errorf("verify --bundle against a key not the agency's: %d %s", code, stderr)
	}
	// an entry taken out of the bundle is named
	raw, _ := os.ReadFile(bundle)
	var b map[string]json.RawMessage
	_ = json.Unmarshal(raw, &b)
	var chain, proofs []json.RawMessage
	_ = json.Unmarshal(b["chain"], &chain)
	_ = json.Unmarshal(b["proofs"], &proofs)
	var gone struct {
		Seq int64 `json:"seq"`
	}
	_ = json.Unmarshal(chain[3], &gone)
	chain = append(chain[:3:3], chain[4:]...)
	proofs = append(proofs[:3:3], proofs[4:]...)
	b["chain"], _ = json.Marshal(chain)
	b["proofs"], _ = json.Marshal(proofs)
	raw, _ = json.Marshal(b)
	_ = os.WriteFile(bundle, raw, 0o600)
	if code, _, stderr := runRec(t, "", "verify", "--bundle", bundle); code == 0 || !strings.Contains(stderr, "missing from the bundle") || !strings.Contains(stderr, "entry "+itoa64(gone.Seq)) {
		t.Errorf("bundle with entry %d removed: %d %s", gone.Seq, code, stderr)
	}
	if code, _, _ := runRec(t, "", "keys", "--data", dir); code != 2 {
		t.Errorf("keys without a subcommand exits %d, want 2", code)
	}
}

func itoa64(n int64) string { b, _ := json.Marshal(n); return string(b) }

// A file that is not a bundle is refused naming the JSON field, not a Go type.
func TestVerifyBundleNotABundle(t *testing.T) {
	for _, tc := range []struct{ body, want string }{
		{`{"format":2}`, "format: expected a string"},
		{`xx`, "malformed JSON"},
	} {
		f := filepath.Join(t.TempDir(), "b.json")
		if err := os.WriteFile(f, []byte(tc.body), 0o644); err != nil {
			t.Fatal(err)
		}
		code, _, stderr := runRec(t, "", "verify", "--bundle", f)
		if code == 0 || !strings.Contains(stderr, tc.want) || strings.Contains(stderr, "Go struct") {
			t.Errorf("%s: exit %d, %q; want non-zero naming %q", tc.body, code, stderr, tc.want)
		}
	}
}
