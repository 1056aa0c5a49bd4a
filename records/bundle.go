package records

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"sort"
	"strconv"
	"time"

	"zhifa/records/merkle"
)

// BundleFormat names the case-file format; BundleFormatV1 files (no
// checkpoint, one key) are still read.
const (
	BundleFormat   = "zhifa-case-bundle/2"
	BundleFormatV1 = "zhifa-case-bundle/1"
)

// Bundle is a self-contained case file: the records, their files, the chain
// entries that wrote them, who read the case (调阅), and — so that a court
// can see that nothing before, between or after them was taken out — each
// entry's inclusion proof into a signed checkpoint of the whole chain taken
// at the export, the export's own entry naming every entry bundled, and the
// signing keys with the rotation entries that hand one to the next. It is
// verified offline (VerifyBundle, zhifa verify --bundle).
type Bundle struct {
	Format    string            `json:"format"`
	PublicKey string            `json:"public_key"` // hex Ed25519, the key in force at the checkpoint
	Agency    json.RawMessage   `json:"agency"`
	Case      json.RawMessage   `json:"case"`
	Steps     []json.RawMessage `json:"steps"`
	Evidence  []json.RawMessage `json:"evidence"`
	Documents []json.RawMessage `json:"documents"`
	Files     map[string][]byte `json:"files"` // sha256 → content (base64 in JSON)
	// Chain: every entry for these records, the case's access entries, the
	// key rotations, and last the export's entry; by sequence
	Chain      []AuditEntry `json:"chain"`
	Proofs     []Proof      `json:"proofs,omitempty"` // one per Chain entry, same order
	Checkpoint *Checkpoint  `json:"checkpoint,omitempty"`
	Keys       []KeySpan    `json:"keys,omitempty"`
	// Extends: for earlier checkpoints asked for at export (ones published
	// or handed to the court before), the proof that the bundle's
	// checkpoint extends each: nothing in the chain up to it was changed
	Extends []Extension `json:"extends,omitempty"`
}

// Extension proves that the bundle's checkpoint extends an earlier one
// (RFC 9162 §2.1.4 consistency proof).
type Extension struct {
	Checkpoint Checkpoint `json:"checkpoint"`
	Path       []string   `json:"path"`
}

// Proof is the inclusion proof of entry Seq (leaf Seq-1) in the checkpoint's tree.
type Proof struct {
	Seq  int64    `json:"seq"`
	Path []string `json:"path"` // hex hashes, leaf side first (RFC 9162 §2.1.3)
}

// ExportCase builds the bundle for one case. The export's access entry,
// the checkpoint and the proofs are written and taken in one transaction,
// so the bundle shows the chain exactly as it stood.
func (s *Store) ExportCase(ctx context.Context, caseID, actor string) (*Bundle, error) {
	return s.ExportCaseSince(ctx, caseID, actor, nil)
}

// ExportCaseSince is ExportCase with, for each stored checkpoint size in
// since, the proof that the bundle's checkpoint extends it.
func (s *Store) ExportCaseSince(ctx context.Context, caseID, actor string, since []int64) (*Bundle, error) {
	b := &Bundle{Format: BundleFormat, Files: map[string][]byte{}}
	err := s.write(ctx, func(tx *sql.Tx) error {
		if err := s.ensureCurrentKey(ctx, tx); err != nil {
			return err
		}
		if err := s.bundleRecords(ctx, tx, b, caseID); err != nil {
			return err
		}
		refs := make([]EntryRef, len(b.Chain))
		for i, e := range b.Chain {
			refs[i] = EntryRef{e.Seq, e.Entity, e.EntityID}
		}
		ex, err := s.logAccessTx(ctx, tx, caseID, actor, "export", refs)
		if err != nil {
			return fmt.Errorf("records: access log: %w", err)
		}
		b.Chain = append(b.Chain, ex)
		cp, err := s.checkpointTx(ctx, tx, ex.Seq)
		if err != nil {
			return err
		}
		tree, err := s.treeTx(ctx, tx, cp.Size)
		if err != nil {
			return err
		}
		if err := s.checkTreeAgainstCheckpoints(ctx, tx, tree); err != nil {
			return err
		}
		for _, e := range b.Chain {
			p, err := tree.InclusionProof(e.Seq-1, cp.Size)
			if err != nil {
				return err
			}
			b.Proofs = append(b.Proofs, Proof{Seq: e.Seq, Path: hexPath(p)})
		}
		if b.Keys, err = s.keySpans(ctx, tx); err != nil {
			return err
		}
		for _, m := range since {
			row := tx.QueryRowContext(ctx, s.Rebind(`SELECT `+checkpointCols+` FROM checkpoints WHERE size = ?`), m)
			old, _, err := scanCheckpoint(row)
			if err != nil {
				return &FieldError{Field: "since", Message: fmt.Sprintf("no checkpoint of size %d", m)}
			}
			p, err := tree.ConsistencyProof(m, cp.Size)
			if err != nil {
				return &FieldError{Field: "since", Message: err.Error()}
			}
			b.Extends = append(b.Extends, Extension{Checkpoint: old, Path: hexPath(p)})
		}
		b.Checkpoint = &cp
		b.PublicKey = s.PublicKeyHex()
		return nil
	})
	if err != nil {
		return nil, err
	}
	return b, nil
}

// bundleRecords reads the case's records, files and chain entries (with
// the case's access entries and every key rotation) into b.
func (s *Store) bundleRecords(ctx context.Context, tx *sql.Tx, b *Bundle, caseID string) error {
	var caseData, agencyID string
	err := tx.QueryRowContext(ctx, s.Rebind(`SELECT data, agency_id FROM cases WHERE id = ?`), caseID).Scan(&caseData, &agencyID)
	if err != nil {
		return &NotFoundError{What: "case", ID: caseID}
	}
	b.Case = json.RawMessage(caseData)
	var ag string
	if err := tx.QueryRowContext(ctx, s.Rebind(`SELECT data FROM agencies WHERE id = ?`), agencyID).Scan(&ag); err == nil {
		b.Agency = json.RawMessage(ag)
	}
	keys := []entityKey{{"case", caseID}, {"agency", agencyID}, {"access", caseID}}
	for _, t := range []struct {
		table, entity string
		dst           *[]json.RawMessage
	}{{"steps", "step", &b.Steps}, {"evidence", "evidence", &b.Evidence}, {"documents", "document", &b.Documents}} {
		rows, err := tx.QueryContext(ctx, s.Rebind(`SELECT id, data FROM `+t.table+` WHERE case_id = ? ORDER BY id`), caseID)
		if err != nil {
			return err
		}
		var sums []string
		for rows.Next() {
			var id, data string
			if err := rows.Scan(&id, &data); err != nil {
				rows.Close()
				return err
			}
			*t.dst = append(*t.dst, json.RawMessage(data))
			keys = append(keys, entityKey{t.entity, id})
			if sum := fileSum(data); sum != "" {
				sums = append(sums, sum)
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		for _, sum := range sums {
			c, err := s.ReadFile(sum)
			if err != nil {
				return err
			}
			b.Files[sum] = c
		}
	}
	read := func(q string, args ...any) error {
		rows, err := tx.QueryContext(ctx, s.Rebind(q), args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			e, err := scanAudit(rows)
			if err != nil {
				return err
			}
			b.Chain = append(b.Chain, e)
		}
		return rows.Err()
	}
	for _, k := range keys {
		if err := read(`SELECT `+auditCols+` FROM audit WHERE entity = ? AND entity_id = ? ORDER BY seq`, k.entity, k.id); err != nil {
			return err
		}
	}
	if err := read(`SELECT ` + auditCols + ` FROM audit WHERE entity = 'key' ORDER BY seq`); err != nil {
		return err
	}
	sort.Slice(b.Chain, func(i, j int) bool { return b.Chain[i].Seq < b.Chain[j].Seq })
	return nil
}

// treeTx builds the Merkle tree over the chain's first size entries.
func (s *Store) treeTx(ctx context.Context, tx *sql.Tx, size int64) (*merkle.Tree, error) {
	rows, err := tx.QueryContext(ctx, s.Rebind(`SELECT seq, hash FROM audit WHERE seq <= ? ORDER BY seq`), size)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	leaves := make([]merkle.Hash, 0, size)
	for rows.Next() {
		var seq int64
		var h string
		if err := rows.Scan(&seq, &h); err != nil {
			return nil, err
		}
		if seq != int64(len(leaves))+1 {
			return nil, fmt.Errorf("records: entry %d is missing from the chain", len(leaves)+1)
		}
		leaves = append(leaves, leafOf(h))
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if int64(len(leaves)) != size {
		return nil, fmt.Errorf("records: the chain has %d entries, not %d", len(leaves), size)
	}
	return merkle.New(leaves), nil
}

// checkTreeAgainstCheckpoints refuses to prove anything from a chain that
// no longer has the tree head of every checkpoint signed before.
func (s *Store) checkTreeAgainstCheckpoints(ctx context.Context, tx *sql.Tx, tree *merkle.Tree) error {
	cps, _, err := s.checkpoints(ctx, tx)
	if err != nil {
		return err
	}
	for _, c := range cps {
		if c.Size > tree.Size() {
			return fmt.Errorf("records: checkpoint of size %d but the chain has %d entries: entries were removed (run zhifa verify)", c.Size, tree.Size())
		}
		if r := tree.RootAt(c.Size); hex.EncodeToString(r[:]) != c.Root {
			return fmt.Errorf("records: the chain's first %d entries no longer match their checkpoint (run zhifa verify)", c.Size)
		}
	}
	return nil
}

func hexPath(p []merkle.Hash) []string {
	out := make([]string, len(p))
	for i, h := range p {
		out[i] = hex.EncodeToString(h[:])
	}
	return out
}

func parseHash(s string) (merkle.Hash, bool) {
	var h merkle.Hash
	b, err := hex.DecodeString(s)
	if err != nil || len(b) != len(h) {
		return h, false
	}
	copy(h[:], b)
	return h, true
}

// VerifyBundle checks a bundle offline; see VerifyBundleWith.
func VerifyBundle(b *Bundle) VerifyResult { return VerifyBundleWith(b, BundleCheck{}) }

// VerifyBundleTrusting checks a bundle offline against trusted keys; see VerifyBundleWith.
func VerifyBundleTrusting(b *Bundle, trusted []string) VerifyResult {
	return VerifyBundleWith(b, BundleCheck{TrustedKeys: trusted})
}

// BundleCheck is what the court brings to a bundle's verification.
type BundleCheck struct {
	TrustedKeys []string     // hex public keys or key ids the agency published
	Since       []Checkpoint // checkpoints held from before: the bundle must prove it extends each
}

// VerifyBundleWith checks a bundle offline, needing no database: the
// keys and their rotations; every chain entry's hash, its signature under
// the key in force at it, and its inclusion proof into the checkpoint; the
// checkpoint's signature; that the export's entry, the checkpoint's last,
// names exactly the entries bundled; every record equal to its last chain
// entry; every file's hash; every consistency proof to an earlier
// checkpoint. With trusted keys (hex public keys the court got from the
// agency, e.g. zhifa pubkey), one of the bundle's keys must be one of them:
// a rotation is signed by the old key and endorsed by the new, so one
// trusted key vouches for the sequence. With checkpoints held from before,
// the bundle must prove that its checkpoint extends each.
func VerifyBundleWith(b *Bundle, opt BundleCheck) VerifyResult {
	trusted := opt.TrustedKeys
	r := VerifyResult{OK: true, PublicKey: b.PublicKey}
	switch b.Format {
	case BundleFormat:
	case BundleFormatV1:
		return verifyBundleV1(b, r)
	default:
		r.fail(0, "", "", fmt.Sprintf("not a case bundle (format %q)", b.Format))
		return r
	}
	cp := b.Checkpoint
	if cp == nil {
		r.fail(0, "checkpoint", "", "bundle holds no checkpoint")
		return r
	}
	r.Checkpoint = cp
	root, ok := parseHash(cp.Root)
	if !ok {
		r.fail(cp.Size, "checkpoint", "", "checkpoint root is not a SHA-256 hash")
		return r
	}
	// keys: spans must follow each other, ids name their public keys
	pubs := make([]ed25519.PublicKey, len(b.Keys))
	for i, k := range b.Keys {
		pk, err := hex.DecodeString(k.PublicKey)
		if err != nil || len(pk) != ed25519.PublicKeySize || KeyID(pk) != k.KeyID {
			r.fail(0, "key", k.KeyID, fmt.Sprintf("key %d of the bundle: bad public key or its id is not its hash", i+1))
			return r
		}
		pubs[i] = pk
	}
	if len(pubs) == 0 || b.Keys[0].FromSeq != 1 {
		r.fail(0, "key", "", "bundle names no key that signed entry 1")
		return r
	}
	if len(trusted) > 0 && !anyTrusted(b.Keys, trusted) {
		r.fail(0, "key", "", "none of the bundle's keys is one you trust: the chain may have been re-signed")
		return r
	}
	keyAt := func(seq int64) int { // index of the key in force at entry seq
		i := sort.Search(len(b.Keys), func(i int) bool { return b.Keys[i].FromSeq > seq }) - 1
		return max(i, 0)
	}
	walk := newKeyWalk(pubs[0])
	if len(b.Proofs) != len(b.Chain) {
		r.fail(0, "", "", fmt.Sprintf("bundle has %d chain entries but %d proofs", len(b.Chain), len(b.Proofs)))
		return r
	}
	inBundle := map[int64]bool{}
	latest := map[entityKey]AuditEntry{}
	var last int64
	for i, e := range b.Chain {
		r.Entries++
		if e.Seq <= last {
			r.fail(e.Seq, e.Entity, e.EntityID, fmt.Sprintf("entry %d (%s %s) is out of order: it follows entry %d", e.Seq, e.Entity, e.EntityID, last))
			return r
		}
		last = e.Seq
		if e.Seq > cp.Size {
			r.fail(e.Seq, e.Entity, e.EntityID, fmt.Sprintf("entry %d (%s %s) is past the checkpoint of %d entries", e.Seq, e.Entity, e.EntityID, cp.Size))
			return r
		}
		// the key in force: the walk's, which must be the span's the bundle claims
		ki := keyAt(e.Seq)
		if KeyID(walk.cur) != b.Keys[ki].KeyID {
			r.fail(e.Seq, e.Entity, e.EntityID, fmt.Sprintf("entry %d (%s %s): key %s is said to be in force but no rotation entry in the bundle hands over to it", e.Seq, e.Entity, e.EntityID, short(b.Keys[ki].KeyID)))
			return r
		}
		if why := entryFault(walk.cur, e); why != "" {
			r.fail(e.Seq, e.Entity, e.EntityID, fmt.Sprintf("entry %d (%s %s): %s", e.Seq, e.Entity, e.EntityID, why))
			return r
		}
		if why := walk.step(e); why != "" {
			r.fail(e.Seq, e.Entity, e.EntityID, fmt.Sprintf("entry %d (%s %s): %s", e.Seq, e.Entity, e.EntityID, why))
			return r
		}
		if e.Entity == "key" && (ki+1 >= len(b.Keys) || b.Keys[ki+1].KeyID != walk.curID() || b.Keys[ki+1].FromSeq != e.Seq+1) {
			r.fail(e.Seq, e.Entity, e.EntityID, fmt.Sprintf("entry %d rotates to key %s, which the bundle's key list does not have from entry %d", e.Seq, short(walk.curID()), e.Seq+1))
			return r
		}
		p := b.Proofs[i]
		path := make([]merkle.Hash, len(p.Path))
		okPath := p.Seq == e.Seq
		for j, h := range p.Path {
			path[j], ok = parseHash(h)
			okPath = okPath && ok
		}
		if !okPath || merkle.VerifyInclusion(e.Seq-1, cp.Size, leafOf(e.Hash), path, root) != nil {
			r.fail(e.Seq, e.Entity, e.EntityID, fmt.Sprintf("entry %d (%s %s) is not in the signed checkpoint of %d entries: its inclusion proof fails", e.Seq, e.Entity, e.EntityID, cp.Size))
			return r
		}
		inBundle[e.Seq] = true
		latest[entityKey{e.Entity, e.EntityID}] = e
	}
	r.Keys = b.Keys
	if len(walk.spans) != len(b.Keys) {
		r.fail(0, "key", b.Keys[len(walk.spans)].KeyID, fmt.Sprintf("key %s is listed but no rotation entry in the bundle hands over to it", short(b.Keys[len(walk.spans)].KeyID)))
		return r
	}
	if why := cp.VerifySig(pubs[keyAt(cp.Size+1)]); why != "" {
		r.fail(cp.Size, "checkpoint", strconv.FormatInt(cp.Size, 10), why)
		return r
	}
	r.Checkpoints = 1
	// earlier checkpoints: signed by the key then in force, and extended
	for _, x := range b.Extends {
		old := x.Checkpoint
		oldRoot, ok := parseHash(old.Root)
		path := make([]merkle.Hash, len(x.Path))
		for j, h := range x.Path {
			var okj bool
			path[j], okj = parseHash(h)
			ok = ok && okj
		}
		if !ok || old.Size > cp.Size {
			r.fail(old.Size, "checkpoint", strconv.FormatInt(old.Size, 10), fmt.Sprintf("earlier checkpoint of size %d is malformed", old.Size))
			return r
		}
		if why := old.VerifySig(pubs[keyAt(old.Size+1)]); why != "" {
			r.fail(old.Size, "checkpoint", strconv.FormatInt(old.Size, 10), "earlier "+why)
			return r
		}
		if merkle.VerifyConsistency(old.Size, cp.Size, oldRoot, root, path) != nil {
			r.fail(old.Size, "checkpoint", strconv.FormatInt(old.Size, 10), fmt.Sprintf("the chain of the bundle's checkpoint (%d entries) does not extend the checkpoint of size %d signed %s: entries up to it were changed or removed", cp.Size, old.Size, old.At.Format(time.RFC3339)))
			return r
		}
		r.Checkpoints++
	}
	for _, held := range opt.Since {
		found := false
		for _, x := range b.Extends {
			found = found || (x.Checkpoint.Size == held.Size && x.Checkpoint.Root == held.Root && x.Checkpoint.Sig == held.Sig)
		}
		if !found {
			r.fail(held.Size, "checkpoint", strconv.FormatInt(held.Size, 10), fmt.Sprintf("the bundle does not prove that it extends the checkpoint of size %d you hold (export it with --since %d)", held.Size, held.Size))
			return r
		}
	}
	if len(b.Chain) == 0 || b.Chain[len(b.Chain)-1].Seq != cp.Size {
		r.fail(cp.Size, "checkpoint", "", fmt.Sprintf("the checkpoint's last entry %d, the export's, is not in the bundle", cp.Size))
		return r
	}
	// the export's entry names every entry the bundle holds: none removed
	ex := b.Chain[len(b.Chain)-1]
	var exp accessPayload
	if ex.Entity != "access" || ex.Action != "export" || json.Unmarshal([]byte(ex.Payload), &exp) != nil {
		r.fail(ex.Seq, ex.Entity, ex.EntityID, fmt.Sprintf("entry %d, the checkpoint's last, is not the export of this bundle", ex.Seq))
		return r
	}
	named := map[int64]bool{ex.Seq: true}
	for _, ref := range exp.Entries {
		named[ref.Seq] = true
		if !inBundle[ref.Seq] {
			r.fail(ref.Seq, ref.Entity, ref.EntityID, fmt.Sprintf("entry %d (%s %s), named by the export's entry %d, is missing from the bundle", ref.Seq, ref.Entity, ref.EntityID, ex.Seq))
			return r
		}
	}
	for _, e := range b.Chain {
		if !named[e.Seq] {
			r.fail(e.Seq, e.Entity, e.EntityID, fmt.Sprintf("entry %d (%s %s) is not named by the export's entry %d", e.Seq, e.Entity, e.EntityID, ex.Seq))
			return r
		}
	}
	checkRecords(b, &r, latest)
	if r.OK {
		var c struct {
			ID string `json:"id"`
		}
		_ = json.Unmarshal(b.Case, &c)
		if c.ID != ex.EntityID {
			r.fail(ex.Seq, "case", c.ID, fmt.Sprintf("the bundle's case %s is not the case %s the export names", c.ID, ex.EntityID))
		}
	}
	return r
}

func anyTrusted(keys []KeySpan, trusted []string) bool {
	for _, k := range keys {
		for _, t := range trusted {
			if t == k.PublicKey || t == k.KeyID {
				return true
			}
		}
	}
	return false
}

// verifyBundleV1 checks a bundle of the first format: one key, no checkpoint.
func verifyBundleV1(b *Bundle, r VerifyResult) VerifyResult {
	pk, err := hex.DecodeString(b.PublicKey)
	if err != nil || len(pk) != ed25519.PublicKeySize {
		r.fail(0, "", "", "bad public key")
		return r
	}
	latest := map[entityKey]AuditEntry{}
	var last int64
	for _, e := range b.Chain {
		r.Entries++
		if e.Seq <= last {
			r.fail(e.Seq, e.Entity, e.EntityID, "chain entries out of order")
			return r
		}
		last = e.Seq
		if EntryHash(e) != e.Hash {
			r.fail(e.Seq, e.Entity, e.EntityID, "entry hash does not match its content")
			return r
		}
		if !verifySig(pk, e) {
			r.fail(e.Seq, e.Entity, e.EntityID, "signature does not verify")
			return r
		}
		latest[entityKey{e.Entity, e.EntityID}] = e
	}
	checkRecords(b, &r, latest)
	return r
}

// checkRecords checks every bundled record against its last chain entry
// and every file against its hash.
func checkRecords(b *Bundle, r *VerifyResult, latest map[entityKey]AuditEntry) {
	seen := map[entityKey]bool{}
	check := func(entity string, data json.RawMessage) {
		if !r.OK || len(data) == 0 {
			return
		}
		var v struct {
			ID     string `json:"id"`
			SHA256 string `json:"sha256"`
		}
		_ = json.Unmarshal(data, &v)
		r.Records++
		seen[entityKey{entity, v.ID}] = true
		e, ok := latest[entityKey{entity, v.ID}]
		if !ok {
			r.fail(0, entity, v.ID, "record has no chain entry in the bundle")
			return
		}
		var cb bytes.Buffer
		if err := json.Compact(&cb, data); err != nil || cb.String() != e.Payload {
			r.fail(e.Seq, entity, v.ID, "record differs from its signed chain entry")
			return
		}
		if v.SHA256 != "" {
			r.Files++
			c, ok := b.Files[v.SHA256]
			h := sha256.Sum256(c)
			if !ok || hex.EncodeToString(h[:]) != v.SHA256 {
				r.fail(e.Seq, entity, v.ID, "file "+v.SHA256+" is missing or does not match its SHA-256")
			}
		}
	}
	check("agency", b.Agency)
	check("case", b.Case)
	for _, d := range b.Steps {
		check("step", d)
	}
	for _, d := range b.Evidence {
		check("evidence", d)
	}
	for _, d := range b.Documents {
		check("document", d)
	}
	if r.OK && len(b.Case) == 0 {
		r.fail(0, "case", "", "bundle holds no case")
	}
	if !r.OK || b.Format == BundleFormatV1 {
		return
	}
	var missing []AuditEntry
	for k, e := range latest {
		if recordEntities[k.entity] && k.entity != "power_item" && k.entity != "officer" && e.Action != "delete" && !seen[k] {
			missing = append(missing, e)
		}
	}
	if len(missing) > 0 {
		sort.Slice(missing, func(i, j int) bool { return missing[i].Seq < missing[j].Seq })
		e := missing[0]
		r.fail(e.Seq, e.Entity, e.EntityID, fmt.Sprintf("record %s %s, written by entry %d, is missing from the bundle", e.Entity, e.EntityID, e.Seq))
	}
}
