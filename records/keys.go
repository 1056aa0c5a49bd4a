package records

import (
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strconv"
)

// The agency signing key is an Ed25519 seed, hex, in one file readable by
// the service alone: ZHIFA_AUDIT_KEY_FILE, else DATA/audit_ed25519.key. It
// is created on first start. Every process writing the chain (each node of a
// PostgreSQL deployment, the CLI) must read the same file.
const keyFile = "audit_ed25519.key"

// KeyEnv names the variable that overrides the key file's path.
const KeyEnv = "ZHIFA_AUDIT_KEY_FILE"

func keyPathFor(dataDir string) string {
	if p := os.Getenv(KeyEnv); p != "" {
		return p
	}
	return filepath.Join(dataDir, keyFile)
}

// signer is the key the store signs with now.
type signer struct {
	priv ed25519.PrivateKey
	id   string
}

func newSigner(priv ed25519.PrivateKey) *signer {
	return &signer{priv: priv, id: KeyID(priv.Public().(ed25519.PublicKey))}
}

func (k *signer) pub() ed25519.PublicKey { return k.priv.Public().(ed25519.PublicKey) }

// KeyID names a public key: the hex SHA-256 of its 32 bytes.
func KeyID(pub ed25519.PublicKey) string {
	h := sha256.Sum256(pub)
	return hex.EncodeToString(h[:])
}

func readKey(path string) (ed25519.PrivateKey, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	seed, err := hex.DecodeString(string(b))
	if err != nil || len(seed) != ed25519.SeedSize {
		return nil, fmt.Errorf("records: key file %s is corrupt", path)
	}
	return ed25519.NewKeyFromSeed(seed), nil
}

// writeKeyExcl writes a new key file; it fails if the file exists.
func writeKeyExcl(path string, priv ed25519.PrivateKey) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	if _, err := f.WriteString(hex.EncodeToString(priv.Seed())); err != nil {
		f.Close()
		os.Remove(path)
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		os.Remove(path)
		return err
	}
	return f.Close()
}

// loadKey reads the agency signing key, generating it on first start.
func loadKey(path string) (ed25519.PrivateKey, error) {
	priv, err := readKey(path)
	if err == nil || !errors.Is(err, os.ErrNotExist) {
		return priv, err
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o750); err != nil {
		return nil, fmt.Errorf("records: key: %w", err)
	}
	_, priv, err = ed25519.GenerateKey(rand.Reader)
	if err != nil {
		return nil, err
	}
	tmp := path + ".tmp"
	os.Remove(tmp)
	if err := writeKeyExcl(tmp, priv); err != nil {
		return nil, fmt.Errorf("records: key: %w", err)
	}
	// Link fails if another process created the key first; then use theirs.
	if err := os.Link(tmp, path); err != nil {
		os.Remove(tmp)
		return readKey(path)
	}
	os.Remove(tmp)
	return priv, nil
}

// KeyRotation is the payload of a rotation entry (entity "key", id the new
// key's id, action "rotate"). The entry is signed by the previous key; the
// new key endorses it, so neither key alone can name a successor.
type KeyRotation struct {
	PublicKey         string `json:"public_key"` // hex Ed25519
	KeyID             string `json:"key_id"`
	PreviousPublicKey string `json:"previous_public_key"`
	PreviousKeyID     string `json:"previous_key_id"`
	Endorsement       string `json:"endorsement"` // base64 Ed25519 by the new key over endorsementMessage
}

func endorsementMessage(seq int64, prevID, newID string) []byte {
	return []byte("zhifa-key-rotation/1\n" + strconv.FormatInt(seq, 10) + "\n" + prevID + "\n" + newID + "\n")
}

// KeySpan is one signing key and the entries it signed: from FromSeq to
// ToSeq (0: still in force).
type KeySpan struct {
	KeyID     string `json:"key_id"`
	PublicKey string `json:"public_key"` // hex
	FromSeq   int64  `json:"from_seq"`
	ToSeq     int64  `json:"to_seq,omitempty"`
}

// keyWalk follows the keys along the chain: which key signs the next entry.
type keyWalk struct {
	cur   ed25519.PublicKey
	spans []KeySpan
}

func newKeyWalk(genesis ed25519.PublicKey) *keyWalk {
	return &keyWalk{cur: genesis, spans: []KeySpan{{KeyID: KeyID(genesis), PublicKey: hex.EncodeToString(genesis), FromSeq: 1}}}
}

func (w *keyWalk) curID() string { return w.spans[len(w.spans)-1].KeyID }

// step takes entry e (already checked against w.cur); a rotation entry
// moves to the key it names. It returns why a rotation entry is not valid.
func (w *keyWalk) step(e AuditEntry) string {
	if e.Entity != "key" {
		return ""
	}
	var k KeyRotation
	if err := json.Unmarshal([]byte(e.Payload), &k); err != nil {
		return "key rotation entry is not a key rotation: " + err.Error()
	}
	pub, err := hex.DecodeString(k.PublicKey)
	if err != nil || len(pub) != ed25519.PublicKeySize {
		return "key rotation names no valid public key"
	}
	if k.PreviousKeyID != w.curID() || k.PreviousPublicKey != hex.EncodeToString(w.cur) {
		return fmt.Sprintf("key rotation says it follows key %s but key %s is in force", short(k.PreviousKeyID), short(w.curID()))
	}
	id := KeyID(pub)
	if k.KeyID != id || e.EntityID != id {
		return "key rotation's key id is not the hash of its public key"
	}
	sig, err := base64.StdEncoding.DecodeString(k.Endorsement)
	if err != nil || !ed25519.Verify(pub, endorsementMessage(e.Seq, k.PreviousKeyID, id), sig) {
		return "key rotation is not endorsed by the new key"
	}
	w.spans[len(w.spans)-1].ToSeq = e.Seq
	w.spans = append(w.spans, KeySpan{KeyID: id, PublicKey: k.PublicKey, FromSeq: e.Seq + 1})
	w.cur = pub
	return ""
}

func short(id string) string { return id[:min(len(id), 16)] }

// genesisKey is the key that signed entry 1: the previous key of the first
// rotation, or, before any rotation, the key the store holds.
func (s *Store) genesisKey(ctx context.Context, q execer) (ed25519.PublicKey, error) {
	var payload string
	err := q.QueryRowContext(ctx, `SELECT payload FROM audit WHERE entity = 'key' ORDER BY seq LIMIT 1`).Scan(&payload)
	if errors.Is(err, sql.ErrNoRows) {
		return s.key().pub(), nil
	}
	if err != nil {
		return nil, err
	}
	var k KeyRotation
	if err := json.Unmarshal([]byte(payload), &k); err != nil {
		return nil, fmt.Errorf("first key rotation entry: %w", err)
	}
	pub, err := hex.DecodeString(k.PreviousPublicKey)
	if err != nil || len(pub) != ed25519.PublicKeySize {
		return nil, fmt.Errorf("first key rotation entry names no previous key")
	}
	return pub, nil
}

// KeySpans lists the chain's signing keys, oldest first.
func (s *Store) KeySpans(ctx context.Context) ([]KeySpan, error) {
	return s.keySpans(ctx, s.db)
}

func (s *Store) keySpans(ctx context.Context, q execer) ([]KeySpan, error) {
	g, err := s.genesisKey(ctx, q)
	if err != nil {
		return nil, err
	}
	w := newKeyWalk(g)
	rows, err := q.QueryContext(ctx, `SELECT `+auditCols+` FROM audit WHERE entity = 'key' ORDER BY seq`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		e, err := scanAudit(rows)
		if err != nil {
			return nil, err
		}
		if why := w.step(e); why != "" {
			return nil, fmt.Errorf("entry %d: %s", e.Seq, why)
		}
	}
	return w.spans, rows.Err()
}

// ensureCurrentKey makes sure this process signs with the key the chain has
// in force: another process (zhifa keys rotate, another node) may have
// rotated it. The caller holds the chain lock.
func (s *Store) ensureCurrentKey(ctx context.Context, tx *sql.Tx) error {
	var id string
	err := tx.QueryRowContext(ctx, `SELECT entity_id FROM audit WHERE entity = 'key' ORDER BY seq DESC LIMIT 1`).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) || (err == nil && id == s.key().id) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("records: key in force: %w", err)
	}
	// the rotating process renames KEY.next to KEY after its commit
	for _, p := range []string{s.keyPath, s.keyPath + ".next"} {
		if priv, err := readKey(p); err == nil && KeyID(priv.Public().(ed25519.PublicKey)) == id {
			s.signer.Store(newSigner(priv))
			return nil
		}
	}
	return fmt.Errorf("records: the audit key was rotated to %s; this process holds %s and %s does not hold the new key", short(id), short(s.key().id), s.keyPath)
}

// finishRotation completes a rotation interrupted between its commit and
// the rename of KEY.next: the new key replaces the old if the chain names
// it, else the unused new key is removed.
func (s *Store) finishRotation(ctx context.Context) error {
	next := s.keyPath + ".next"
	priv, err := readKey(next)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	var id string
	qerr := s.db.QueryRowContext(ctx, `SELECT entity_id FROM audit WHERE entity = 'key' ORDER BY seq DESC LIMIT 1`).Scan(&id)
	if qerr != nil && !errors.Is(qerr, sql.ErrNoRows) {
		return fmt.Errorf("records: key in force: %w", qerr)
	}
	if err == nil && id == KeyID(priv.Public().(ed25519.PublicKey)) {
		if err := os.Rename(next, s.keyPath); err != nil {
			return fmt.Errorf("records: finish key rotation: %w", err)
		}
		slog.Info("records: finished an interrupted key rotation", "key_id", short(id))
		return nil
	}
	slog.Warn("records: removing a new key whose rotation did not commit", "file", next)
	return os.Remove(next)
}

// RotateKey replaces the signing key: a chain entry signed by the old key
// and endorsed by the new one names the new public key, a checkpoint signed
// by the new key follows in the same transaction, then the new key replaces
// the old in the key file (the old private key is gone; its public key
// stays in the chain, so everything it signed still verifies).
func (s *Store) RotateKey(ctx context.Context, actor string) (KeySpan, error) {
	_, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		return KeySpan{}, err
	}
	next := newSigner(priv)
	nextPath := s.keyPath + ".next"
	if err := writeKeyExcl(nextPath, priv); err != nil {
		return KeySpan{}, fmt.Errorf("records: new key: %w", err)
	}
	var span KeySpan
	var old *signer
	err = s.write(ctx, func(tx *sql.Tx) error {
		if err := s.ensureCurrentKey(ctx, tx); err != nil {
			return err
		}
		old = s.key()
		e, err := s.appendAuditFn(ctx, tx, actor, "key", next.id, "rotate", func(seq int64) ([]byte, error) {
			return json.Marshal(KeyRotation{PublicKey: hex.EncodeToString(next.pub()), KeyID: next.id,
				PreviousPublicKey: hex.EncodeToString(old.pub()), PreviousKeyID: old.id,
				Endorsement: base64.StdEncoding.EncodeToString(ed25519.Sign(priv, endorsementMessage(seq, old.id, next.id)))})
		})
		if err != nil {
			return err
		}
		s.signer.Store(next)
		if _, err := s.checkpointTx(ctx, tx, e.Seq); err != nil {
			s.signer.Store(old)
			return err
		}
		span = KeySpan{KeyID: next.id, PublicKey: hex.EncodeToString(next.pub()), FromSeq: e.Seq + 1}
		return nil
	})
	if err != nil {
		if old != nil {
			s.signer.Store(old)
		}
		os.Remove(nextPath)
		return KeySpan{}, fmt.Errorf("records: rotate key: %w", err)
	}
	if err := os.Rename(nextPath, s.keyPath); err != nil {
		// committed: the next start finishes the rename (finishRotation)
		return span, fmt.Errorf("records: rotate key: committed, but the key file was not replaced: %w", err)
	}
	return span, nil
}

// KeyPath is the file the signing key is read from.
func (s *Store) KeyPath() string { return s.keyPath }
