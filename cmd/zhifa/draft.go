package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"strings"

	"zhifa/drafting"
	"zhifa/records"
)

func init() {
	register(&command{name: "draft", summary: "draft a case document as DOCX (GB/T 9704)", run: runDraft})
}

// draftSummary is what `zhifa draft` prints.
type draftSummary struct {
	DocumentID string   `json:"document_id"`
	Kind       string   `json:"kind"`
	Number     string   `json:"number"`
	SHA256     string   `json:"sha256"`
	Size       int      `json:"size"`
	Output     string   `json:"output"`
	Warnings   []string `json:"warnings"`
}

func runDraft(ctx context.Context, env *cmdEnv, args []string) error {
	fs := newFlagSet("draft")
	kind := fs.String("kind", "", "document kind, e.g. 行政处罚决定书")
	caseID := fs.String("case", "", "case id (see zhifa cases list)")
	out := fs.String("o", "", "output .docx file")
	if _, err := fs.parse(args); err != nil {
		return err
	}
	if *kind == "" || !contains(drafting.Kinds(), *kind) {
		return usagef("--kind: %q is not a document kind; kinds: %s", *kind, strings.Join(drafting.Kinds(), ", "))
	}
	if *caseID == "" {
		return usagef("--case is required")
	}
	if *out == "" {
		return usagef("-o is required")
	}
	s, err := openRecords(ctx, fs)
	if err != nil {
		return err
	}
	defer s.Close()
	c, err := s.GetCase(ctx, *caseID, "zhifa draft")
	if err != nil {
		return recordsErr(err)
	}
	ag, err := s.GetAgency(ctx, c.AgencyID)
	if err != nil {
		return err
	}
	m := caseModel(ctx, s, c, ag)
	year := 2026
	if len(c.OpenedOn) >= 4 {
		fmt.Sscanf(c.OpenedOn[:4], "%d", &year)
	}
	n, err := s.NextDocumentNumber(ctx, c.AgencyID, year, *kind)
	if err != nil {
		return err
	}
	prefix := ag.Profile.DocumentPrefix
	if prefix == "" {
		prefix = ag.Profile.CaseNoPrefix
	}
	m.Number = fmt.Sprintf("%s%s〔%d〕%d号", prefix, drafting.KindCode(*kind), year, n)
	d, err := drafting.Fill(*kind, m)
	if err != nil {
		return err
	}
	b, err := drafting.DOCX(d)
	if err != nil {
		return err
	}
	if err := os.WriteFile(*out, b, 0o640); err != nil {
		return fmt.Errorf("-o: %w", err)
	}
	doc, err := s.AddDocument(ctx, c.ID, *kind, m.Number, b, "zhifa draft")
	if err != nil {
		return err
	}
	sum := sha256.Sum256(b)
	w := d.Warnings
	if w == nil {
		w = []string{}
	}
	return writeJSON(env.stdout, draftSummary{DocumentID: doc.ID, Kind: *kind, Number: m.Number, SHA256: hex.EncodeToString(sum[:]), Size: len(b), Output: *out, Warnings: w})
}

func contains(xs []string, x string) bool {
	for _, v := range xs {
		if v == x {
			return true
		}
	}
	return false
}

// caseModel fills the document model from the record; the date comes from the record so a
// regenerated document is the same.
func caseModel(ctx context.Context, s *records.Store, c records.Case, ag records.Agency) drafting.Model {
	m := drafting.Model{
		Agency: drafting.AgencyProfile{Name: ag.Name, Seal: ag.Profile.SealText, Bank: ag.Profile.BankName, BankAccount: ag.Profile.BankAccount, ReviewBody: ag.Profile.ReviewBody, Court: ag.Profile.Court, Address: ag.Profile.Address},
		Case:   drafting.CaseInfo{ID: c.ID, CaseNo: c.CaseNo, Title: c.Title, FiledOn: c.OpenedOn},
		Facts:  c.Facts,
		Date:   chineseDate(c.OpenedOn),
	}
	if len(c.Parties) > 0 {
		p := c.Parties[0]
		id := p.IDNumber
		if p.Kind == records.PartyOrganization {
			id = p.CreditCode
		}
		m.Party = drafting.Party{Name: p.Name, Kind: p.Kind, IDNumber: id, Address: p.Address, Representative: p.LegalRep, Phone: p.Phone}
	}
	if pi, err := s.GetPowerItem(ctx, c.PowerItemID); err == nil {
		m.Violated = pi.LegalBasis
	}
	if ev, err := s.ListEvidence(ctx, c.ID); err == nil {
		for _, e := range ev {
			m.Evidence = append(m.Evidence, e.Title)
		}
	}
	if d := c.Decision; d != nil {
		m.Basis, m.Fine, m.Confiscate, m.Decision = d.PenaltyBasis, d.Fine, d.Confiscation, d.Summary
		if d.Date != "" {
			m.Date = chineseDate(d.Date)
		}
	}
	return m
}

// chineseDate turns 2026-11-22 into 2026年11月22日.
func chineseDate(iso string) string {
	var y, mo, d int
	if _, err := fmt.Sscanf(iso, "%d-%d-%d", &y, &mo, &d); err != nil {
		return ""
	}
	return fmt.Sprintf("%d年%d月%d日", y, mo, d)
}
