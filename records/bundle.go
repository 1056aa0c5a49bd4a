package records

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"sort"
)

// BundleFormat names the case-file format.
const BundleFormat = "zhifa-case-bundle/1"

// Bundle is a self-contained case file: the records, their files, the chain
// entries that wrote them and the public key, verifiable offline.
type Bundle struct {
	Format    string            `json:"format"`
	PublicKey string            `json:"public_key"` // hex Ed25519
	Agency    json.RawMessage   `json:"agency"`
	Case      json.RawMessage   `json:"case"`
	Steps     []json.RawMessage `json:"steps"`
	Evidence  []json.RawMessage `json:"evidence"`
	Documents []json.RawMessage `json:"documents"`
	Files     map[string][]byte `json:"files"` // sha256 → content (base64 in JSON)
	Chain     []AuditEntry      `json:"chain"` // every entry for these records, by sequence
}

// ExportCase builds the bundle for one case; the read is logged.
func (s *Store) ExportCase(ctx context.Context, caseID, actor string) (*Bundle, error) {
	b := &Bundle{Format: BundleFormat, PublicKey: s.PublicKeyHex(), Files: map[string][]byte{}}
	var caseData, agencyID string
	err := s.db.QueryRowContext(ctx, s.Rebind(`SELECT data, agency_id FROM cases WHERE id = ?`), caseID).Scan(&caseData, &agencyID)
	if err != nil {
		return nil, &NotFoundError{What: "case", ID: caseID}
	}
	b.Case = json.RawMessage(caseData)
	var ag string
	if err := s.db.QueryRowContext(ctx, s.Rebind(`SELECT data FROM agencies WHERE id = ?`), agencyID).Scan(&ag); err == nil {
		b.Agency = json.RawMessage(ag)
	}
	keys := []entityKey{{"case", caseID}, {"agency", agencyID}}
	for _, t := range []struct {
		table, entity string
		dst           *[]json.RawMessage
	}{{"steps", "step", &b.Steps}, {"evidence", "evidence", &b.Evidence}, {"documents", "document", &b.Documents}} {
		rows, err := s.db.QueryContext(ctx, s.Rebind(`SELECT id, data FROM `+t.table+` WHERE case_id = ? ORDER BY id`), caseID)
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			var id, data string
			if err := rows.Scan(&id, &data); err != nil {
				rows.Close()
				return nil, err
			}
			*t.dst = append(*t.dst, json.RawMessage(data))
			keys = append(keys, entityKey{t.entity, id})
			if sum := fileSum(data); sum != "" {
				c, err := s.ReadFile(sum)
				if err != nil {
					rows.Close()
					return nil, err
				}
				b.Files[sum] = c
			}
		}
		rows.Close()
	}
	for _, k := range keys {
		rows, err := s.db.QueryContext(ctx, s.Rebind(`SELECT `+auditCols+` FROM audit WHERE entity = ? AND entity_id = ? ORDER BY seq`), k.entity, k.id)
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			e, err := scanAudit(rows)
			if err != nil {
				rows.Close()
				return nil, err
			}
			b.Chain = append(b.Chain, e)
		}
		rows.Close()
	}
	sort.Slice(b.Chain, func(i, j int) bool { return b.Chain[i].Seq < b.Chain[j].Seq })
	return b, s.LogAccess(ctx, caseID, actor, "export")
}

// VerifyBundle checks a bundle offline: every chain entry's hash and signature
// under the bundled key, every record equal to its last chain entry, every file's hash.
func VerifyBundle(b *Bundle) VerifyResult {
	r := VerifyResult{OK: true, PublicKey: b.PublicKey}
	if b.Format != BundleFormat {
		r.fail(0, "", "", fmt.Sprintf("not a case bundle (format %q)", b.Format))
		return r
	}
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
	return r
}
