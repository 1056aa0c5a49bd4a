package records

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// Registry is the agencies, officers and power list as held in spreadsheets.
type Registry struct {
	Agencies   []Agency    `json:"agencies"`
	Officers   []Officer   `json:"officers"`
	PowerItems []PowerItem `json:"power_items"`
}

// Registry kinds for CSV import/export.
const (
	RegAgencies   = "agencies"
	RegOfficers   = "officers"
	RegPowerItems = "power-items"
)

var csvHeaders = map[string][]string{
	RegAgencies:   {"id", "name", "level", "region", "domains"},
	RegOfficers:   {"id", "name", "agency_id", "certificate_number", "categories", "region", "valid_from", "valid_until", "reviewer", "legal_profession_qual"},
	RegPowerItems: {"id", "agency_id", "code", "name", "kind", "category", "legal_basis", "time_limit", "department"},
}

// ExportRegistry returns the whole registry.
func (s *Store) ExportRegistry(ctx context.Context) (Registry, error) {
	var r Registry
	var err error
	if r.Agencies, err = s.ListAgencies(ctx); err != nil {
		return r, err
	}
	if r.Officers, err = s.ListOfficers(ctx, ""); err != nil {
		return r, err
	}
	r.PowerItems, err = s.ListPowerItems(ctx, "")
	return r, err
}

// ImportRegistry stores agencies first, then power items and officers.
// It returns how many records were written.
func (s *Store) ImportRegistry(ctx context.Context, r Registry, actor string) (int, error) {
	n := 0
	for i, a := range r.Agencies {
		if _, err := s.PutAgency(ctx, a, actor); err != nil {
			return n, fmt.Errorf("agencies[%d]: %w", i, err)
		}
		n++
	}
	for i, p := range r.PowerItems {
		if _, err := s.PutPowerItem(ctx, p, actor); err != nil {
			return n, fmt.Errorf("power_items[%d]: %w", i, err)
		}
		n++
	}
	for i, o := range r.Officers {
		if _, err := s.PutOfficer(ctx, o, actor); err != nil {
			return n, fmt.Errorf("officers[%d]: %w", i, err)
		}
		n++
	}
	return n, nil
}

// WriteCSV writes one registry kind as CSV (lists joined with ";").
func WriteCSV(w io.Writer, kind string, r Registry) error {
	h, ok := csvHeaders[kind]
	if !ok {
		return &FieldError{Field: "kind", Message: fmt.Sprintf("%q is not agencies, officers or power-items", kind)}
	}
	cw := csv.NewWriter(w)
	cw.Write(h)
	switch kind {
	case RegAgencies:
		for _, a := range r.Agencies {
			cw.Write([]string{a.ID, a.Name, a.Level, a.Region, strings.Join(a.Domains, ";")})
		}
	case RegOfficers:
		for _, o := range r.Officers {
			c := o.Certificate
			cw.Write([]string{o.ID, o.Name, o.AgencyID, c.Number, strings.Join(c.Categories, ";"), c.Region, c.ValidFrom, c.ValidUntil, strconv.FormatBool(o.Reviewer), strconv.FormatBool(o.LegalProfessionQual)})
		}
	case RegPowerItems:
		for _, p := range r.PowerItems {
			cw.Write([]string{p.ID, p.AgencyID, p.Code, p.Name, p.Kind, p.Category, p.LegalBasis, p.TimeLimit, p.Department})
		}
	}
	cw.Flush()
	return cw.Error()
}

// ReadCSV parses one registry kind from CSV with a header row (columns by name,
// any order; a UTF-8 BOM from spreadsheets is accepted).
func ReadCSV(data []byte, kind string) (Registry, error) {
	var r Registry
	if _, ok := csvHeaders[kind]; !ok {
		return r, &FieldError{Field: "kind", Message: fmt.Sprintf("%q is not agencies, officers or power-items", kind)}
	}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	rows, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
	if err != nil {
		return r, &FieldError{Field: "csv", Message: err.Error()}
	}
	if len(rows) == 0 {
		return r, &FieldError{Field: "csv", Message: "empty file: a header row is required"}
	}
	col := map[string]int{}
	for i, h := range rows[0] {
		col[strings.TrimSpace(h)] = i
	}
	for _, need := range []string{"name"} {
		if _, ok := col[need]; !ok {
			return r, &FieldError{Field: "csv", Message: "missing column " + need}
		}
	}
	for li, row := range rows[1:] {
		get := func(k string) string {
			if i, ok := col[k]; ok && i < len(row) {
				return strings.TrimSpace(row[i])
			}
			return ""
		}
		list := func(k string) []string {
			v := get(k)
			if v == "" {
				return []string{}
			}
			return strings.FieldsFunc(v, func(r rune) bool { return r == ';' || r == '；' || r == '、' })
		}
		flag := func(k string) (bool, error) {
			switch get(k) {
			case "", "false", "否", "0":
				return false, nil
			case "true", "是", "1":
				return true, nil
			}
			return false, &FieldError{Field: fmt.Sprintf("line %d: %s", li+2, k), Message: "expected true/false or 是/否"}
		}
		switch kind {
		case RegAgencies:
			r.Agencies = append(r.Agencies, Agency{ID: get("id"), Name: get("name"), Level: get("level"), Region: get("region"), Domains: list("domains")})
		case RegOfficers:
			rev, err := flag("reviewer")
			if err != nil {
				return r, err
			}
			lq, err := flag("legal_profession_qual")
			if err != nil {
				return r, err
			}
			r.Officers = append(r.Officers, Officer{ID: get("id"), Name: get("name"), AgencyID: get("agency_id"), Reviewer: rev, LegalProfessionQual: lq,
				Certificate: Certificate{Number: get("certificate_number"), Categories: list("categories"), Region: get("region"), ValidFrom: get("valid_from"), ValidUntil: get("valid_until")}})
		case RegPowerItems:
			r.PowerItems = append(r.PowerItems, PowerItem{ID: get("id"), AgencyID: get("agency_id"), Code: get("code"), Name: get("name"), Kind: get("kind"), Category: get("category"),
				LegalBasis: get("legal_basis"), TimeLimit: get("time_limit"), Department: get("department")})
		}
	}
	return r, nil
}

// ReadRegistryJSON parses a registry JSON object strictly.
func ReadRegistryJSON(data []byte) (Registry, error) {
	var r Registry
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&r); err != nil {
		return r, &FieldError{Field: "json", Message: err.Error()}
	}
	return r, nil
}
