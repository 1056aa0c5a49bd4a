package records

import (
	"context"
	"crypto/ed25519"
	"database/sql"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"zhifa/records/merkle"
)

// Checkpoint is a signed tree head of the audit chain, as Certificate
// Transparency logs publish theirs (RFC 6962 §3.5, RFC 9162 §4.10): the
// chain's first Size entries have the Merkle tree hash Root (leaf i =
// SHA-256(0x00 || hash of entry i+1)), signed at At by the key in force
// after entry Size. One is written every checkpointEvery entries, on every
// export and on every key rotation, in the transaction that writes the entry.
type Checkpoint struct {
	Size  int64     `json:"size"`
	Root  string    `json:"root"` // hex
	At    time.Time `json:"at"`
	KeyID string    `json:"key_id"`
	Sig   string    `json:"sig"` // base64 Ed25519 over Message()
}

// CheckpointFormat heads the signed text of a checkpoint.
const CheckpointFormat = "zhifa-checkpoint/1"

// Message is the text the signature covers, one field a line.
func (c Checkpoint) Message() []byte {
	return []byte(CheckpointFormat + "\n" + strconv.FormatInt(c.Size, 10) + "\n" + c.Root + "\n" + c.At.UTC().Format(time.RFC3339Nano) + "\n" + c.KeyID + "\n")
}

// VerifySig checks the checkpoint's signature under pub and that KeyID names pub.
func (c Checkpoint) VerifySig(pub ed25519.PublicKey) string {
	if c.KeyID != KeyID(pub) {
		return fmt.Sprintf("checkpoint of size %d is signed by key %s, not by key %s in force after entry %d", c.Size, short(c.KeyID), short(KeyID(pub)), c.Size)
	}
	sig, err := base64.StdEncoding.DecodeString(c.Sig)
	if err != nil || !ed25519.Verify(pub, c.Message(), sig) {
		return fmt.Sprintf("checkpoint of size %d: signature does not verify under key %s", c.Size, short(c.KeyID))
	}
	return ""
}

// leafOf is the Merkle leaf of an entry: its hash's 32 bytes (a hash that
// is not hex is taken as text, so it still yields a leaf that will not match).
func leafOf(hashHex string) merkle.Hash {
	b, err := hex.DecodeString(hashHex)
	if err != nil || len(b) != 32 {
		b = []byte(hashHex)
	}
	return merkle.Leaf(b)
}

func encodeFrontier(r merkle.Range) string {
	var b strings.Builder
	for _, n := range r.Nodes {
		b.WriteString(hex.EncodeToString(n[:]))
	}
	return b.String()
}

func decodeFrontier(size int64, s string) (merkle.Range, error) {
	r := merkle.Range{Size: size}
	if len(s)%64 != 0 {
		return r, errors.New("frontier is not a list of hashes")
	}
	for i := 0; i < len(s); i += 64 {
		var h merkle.Hash
		if _, err := hex.Decode(h[:], []byte(s[i:i+64])); err != nil {
			return r, fmt.Errorf("frontier: %w", err)
		}
		r.Nodes = append(r.Nodes, h)
	}
	return r, nil
}

const checkpointCols = `size, root, at, key_id, sig, frontier`

func scanCheckpoint(sc interface{ Scan(...any) error }) (Checkpoint, string, error) {
	var c Checkpoint
	var at, frontier string
	if err := sc.Scan(&c.Size, &c.Root, &at, &c.KeyID, &c.Sig, &frontier); err != nil {
		return c, "", err
	}
	t, err := time.Parse(time.RFC3339Nano, at)
	if err != nil {
		return c, "", fmt.Errorf("checkpoint %d: bad time %q", c.Size, at)
	}
	c.At = t
	return c, frontier, nil
}

// checkpointTx writes the signed checkpoint of the chain's first size
// entries inside tx (the caller holds the chain lock), carrying the compact
// range forward from the last checkpoint below it. An existing checkpoint
// of that size is returned as it is.
func (s *Store) checkpointTx(ctx context.Context, tx *sql.Tx, size int64) (Checkpoint, error) {
	row := tx.QueryRowContext(ctx, s.Rebind(`SELECT `+checkpointCols+` FROM checkpoints WHERE size <= ? ORDER BY size DESC LIMIT 1`), size)
	prev, frontier, err := scanCheckpoint(row)
	var rng merkle.Range
	switch {
	case errors.Is(err, sql.ErrNoRows):
	case err != nil:
		return Checkpoint{}, fmt.Errorf("records: last checkpoint: %w", err)
	case prev.Size == size:
		return prev, nil
	default:
		if rng, err = decodeFrontier(prev.Size, frontier); err != nil {
			return Checkpoint{}, fmt.Errorf("records: checkpoint %d: %w", prev.Size, err)
		}
	}
	rows, err := tx.QueryContext(ctx, s.Rebind(`SELECT seq, hash FROM audit WHERE seq > ? AND seq <= ? ORDER BY seq`), rng.Size, size)
	if err != nil {
		return Checkpoint{}, fmt.Errorf("records: checkpoint: %w", err)
	}
	for rows.Next() {
		var seq int64
		var h string
		if err := rows.Scan(&seq, &h); err != nil {
			rows.Close()
			return Checkpoint{}, err
		}
		if seq != rng.Size+1 {
			rows.Close()
			return Checkpoint{}, fmt.Errorf("records: checkpoint: entry %d is missing from the chain", rng.Size+1)
		}
		rng.Append(leafOf(h))
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return Checkpoint{}, err
	}
	if rng.Size != size {
		return Checkpoint{}, fmt.Errorf("records: checkpoint of size %d but the chain has %d entries", size, rng.Size)
	}
	root := rng.Root()
	k := s.key()
	c := Checkpoint{Size: size, Root: hex.EncodeToString(root[:]), At: time.Now().UTC(), KeyID: k.id}
	c.Sig = base64.StdEncoding.EncodeToString(ed25519.Sign(k.priv, c.Message()))
	if _, err := s.exec(ctx, tx, `INSERT INTO checkpoints(`+checkpointCols+`) VALUES (?,?,?,?,?,?)`,
		c.Size, c.Root, c.At.Format(time.RFC3339Nano), c.KeyID, c.Sig, encodeFrontier(rng)); err != nil {
		return Checkpoint{}, fmt.Errorf("records: checkpoint: %w", err)
	}
	return c, nil
}

// Checkpoint writes (or returns) the signed checkpoint of the whole chain
// as it stands, for publishing: a court or a third party that keeps it can
// later check that a bundle's chain extends it.
func (s *Store) Checkpoint(ctx context.Context) (Checkpoint, error) {
	var c Checkpoint
	err := s.write(ctx, func(tx *sql.Tx) error {
		if err := s.ensureCurrentKey(ctx, tx); err != nil {
			return err
		}
		var n sql.NullInt64
		if err := tx.QueryRowContext(ctx, `SELECT MAX(seq) FROM audit`).Scan(&n); err != nil {
			return err
		}
		var err error
		c, err = s.checkpointTx(ctx, tx, n.Int64)
		return err
	})
	return c, err
}

// Checkpoints lists the stored checkpoints by size.
func (s *Store) Checkpoints(ctx context.Context) ([]Checkpoint, error) {
	cs, _, err := s.checkpoints(ctx, s.db)
	return cs, err
}

func (s *Store) checkpoints(ctx context.Context, q execer) ([]Checkpoint, []string, error) {
	rows, err := q.QueryContext(ctx, `SELECT `+checkpointCols+` FROM checkpoints ORDER BY size`)
	if err != nil {
		return nil, nil, err
	}
	defer rows.Close()
	var out []Checkpoint
	var fr []string
	for rows.Next() {
		c, f, err := scanCheckpoint(rows)
		if err != nil {
			return nil, nil, err
		}
		out = append(out, c)
		fr = append(fr, f)
	}
	return out, fr, rows.Err()
}
