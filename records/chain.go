package records

import (
	"context"
	"crypto/ed25519"
	"crypto/sha256"
	"database/sql"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"time"
)

// key is the key the store signs with now.
func (s *Store) key() *signer { return s.signer.Load() }

// PublicKey is the agency's Ed25519 public key in force.
func (s *Store) PublicKey() []byte { return []byte(s.key().pub()) }

// KeyID is the id of the key in force (hex SHA-256 of the public key).
func (s *Store) KeyID() string { return s.key().id }

// PublicKeyHex is the public key as hex text, for export.
func (s *Store) PublicKeyHex() string { return hex.EncodeToString(s.PublicKey()) }

// canonical is the byte string hashed for an entry: every field but hash and sig.
func canonical(e AuditEntry) []byte {
	b, _ := json.Marshal([]string{strconv.FormatInt(e.Seq, 10), e.PrevHash, e.Actor, e.At.UTC().Format(time.RFC3339Nano), e.Entity, e.EntityID, e.Action, e.Payload})
	return b
}

// EntryHash is the SHA-256 (hex) of the canonical entry.
func EntryHash(e AuditEntry) string {
	h := sha256.Sum256(canonical(e))
	return hex.EncodeToString(h[:])
}

// SignEntry fills Hash and Sig.
func SignEntry(key ed25519.PrivateKey, e *AuditEntry) {
	e.Hash = EntryHash(*e)
	e.Sig = base64.StdEncoding.EncodeToString(ed25519.Sign(key, []byte(e.Hash)))
}

// CheckEntry checks an entry's hash and signature and its link to prev.
func CheckEntry(pub ed25519.PublicKey, e AuditEntry, prevSeq int64, prevHash string) string {
	if e.Seq != prevSeq+1 {
		return fmt.Sprintf("sequence %d follows %d", e.Seq, prevSeq)
	}
	if e.PrevHash != prevHash {
		return "previous hash does not match the entry before"
	}
	if EntryHash(e) != e.Hash {
		return "entry hash does not match its content"
	}
	sig, err := base64.StdEncoding.DecodeString(e.Sig)
	if err != nil || !ed25519.Verify(pub, []byte(e.Hash), sig) {
		return "signature does not verify"
	}
	return ""
}

// appendAudit appends one signed entry inside tx. The caller holds the chain lock.
func (s *Store) appendAudit(ctx context.Context, tx *sql.Tx, actor, entity, id, action string, payload []byte) (AuditEntry, error) {
	return s.appendAuditFn(ctx, tx, actor, entity, id, action, func(int64) ([]byte, error) { return payload, nil })
}

// appendAuditFn is appendAudit with a payload that depends on the entry's
// sequence number. Every checkpointEvery-th entry is followed by a signed
// checkpoint in the same transaction.
func (s *Store) appendAuditFn(ctx context.Context, tx *sql.Tx, actor, entity, id, action string, payloadFor func(seq int64) ([]byte, error)) (AuditEntry, error) {
	e := AuditEntry{Actor: actor, At: time.Now().UTC(), Entity: entity, EntityID: id, Action: action}
	if err := s.ensureCurrentKey(ctx, tx); err != nil {
		return e, err
	}
	var seq sql.NullInt64
	var prev sql.NullString
	err := tx.QueryRowContext(ctx, `SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1`).Scan(&seq, &prev)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return e, fmt.Errorf("records: audit head: %w", err)
	}
	e.Seq = seq.Int64 + 1
	e.PrevHash = prev.String
	payload, err := payloadFor(e.Seq)
	if err != nil {
		return e, err
	}
	e.Payload = string(payload)
	SignEntry(s.key().priv, &e)
	_, err = s.exec(ctx, tx, `INSERT INTO audit(seq, prev_hash, hash, actor, at, entity, entity_id, action, payload, sig) VALUES (?,?,?,?,?,?,?,?,?,?)`,
		e.Seq, e.PrevHash, e.Hash, e.Actor, e.At.Format(time.RFC3339Nano), e.Entity, e.EntityID, e.Action, e.Payload, e.Sig)
	if err != nil {
		return e, fmt.Errorf("records: audit append: %w", err)
	}
	if s.checkpointEvery > 0 && e.Seq%s.checkpointEvery == 0 {
		if _, err := s.checkpointTx(ctx, tx, e.Seq); err != nil {
			return e, err
		}
	}
	return e, nil
}

// write runs f and appends the audit entry in one transaction, so a record and
// its chain entry are committed together or not at all.
func (s *Store) write(ctx context.Context, f func(tx *sql.Tx) error) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("records: begin: %w", err)
	}
	defer tx.Rollback()
	if s.dialect == "postgres" {
		// One chain: appends from every node are serialised.
		if _, err := tx.ExecContext(ctx, `SELECT pg_advisory_xact_lock(7210002)`); err != nil {
			return fmt.Errorf("records: chain lock: %w", err)
		}
	}
	if err := f(tx); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("records: commit: %w", err)
	}
	return nil
}

func scanAudit(rows *sql.Rows) (AuditEntry, error) {
	var e AuditEntry
	var at string
	if err := rows.Scan(&e.Seq, &e.PrevHash, &e.Hash, &e.Actor, &at, &e.Entity, &e.EntityID, &e.Action, &e.Payload, &e.Sig); err != nil {
		return e, err
	}
	t, err := time.Parse(time.RFC3339Nano, at)
	if err != nil {
		return e, fmt.Errorf("entry %d: bad time %q", e.Seq, at)
	}
	e.At = t
	return e, nil
}

const auditCols = `seq, prev_hash, hash, actor, at, entity, entity_id, action, payload, sig`

// AuditEntries returns entries with seq in [from, to] (to <= 0: to the end).
func (s *Store) AuditEntries(ctx context.Context, from, to int64) ([]AuditEntry, error) {
	if to <= 0 {
		to = 1 << 62
	}
	rows, err := s.db.QueryContext(ctx, s.Rebind(`SELECT `+auditCols+` FROM audit WHERE seq >= ? AND seq <= ? ORDER BY seq`), from, to)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []AuditEntry
	for rows.Next() {
		e, err := scanAudit(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

// Sign fills an entry's Hash and Sig with the agency key (bulk loaders, benchmarks).
func (s *Store) Sign(e *AuditEntry) { SignEntry(s.key().priv, e) }

// InsertAuditSQL inserts one audit row; arguments in auditCols order.
const InsertAuditSQL = `INSERT INTO audit(seq, prev_hash, hash, actor, at, entity, entity_id, action, payload, sig) VALUES (?,?,?,?,?,?,?,?,?,?)`
