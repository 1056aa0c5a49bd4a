package records

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"zhifa/corpora"
)

// putJSON upserts a record (id, extra columns, data) and chains it.
func (s *Store) putJSON(ctx context.Context, tx *sql.Tx, table, entity, id string, cols []string, vals []any, rec any, actor string) error {
	data, err := json.Marshal(rec)
	if err != nil {
		return err
	}
	var n int
	if err := tx.QueryRowContext(ctx, s.Rebind(`SELECT COUNT(*) FROM `+table+` WHERE id = ?`), id).Scan(&n); err != nil {
		return fmt.Errorf("records: %s: %w", table, err)
	}
	action := "create"
	if n > 0 {
		action = "update"
		set := make([]string, 0, len(cols)+1)
		for _, c := range cols {
			set = append(set, c+" = ?")
		}
		set = append(set, "data = ?")
		args := append(append(slices.Clone(vals), string(data)), id)
		if _, err := s.exec(ctx, tx, `UPDATE `+table+` SET `+strings.Join(set, ", ")+` WHERE id = ?`, args...); err != nil {
			return fmt.Errorf("records: %s: %w", table, err)
		}
	} else {
		all := append(append([]string{"id"}, cols...), "data")
		args := append(append([]any{id}, vals...), string(data))
		q := `INSERT INTO ` + table + `(` + strings.Join(all, ", ") + `) VALUES (` + strings.TrimSuffix(strings.Repeat("?,", len(all)), ",") + `)`
		if _, err := s.exec(ctx, tx, q, args...); err != nil {
			return fmt.Errorf("records: %s: %w", table, err)
		}
	}
	_, err = s.appendAudit(ctx, tx, actor, entity, id, action, data)
	return err
}

// byIDStmt is getJSON's read of table prepared once per store (nil if that
// failed): every law search reads the officer's agency (its province).
func (s *Store) byIDStmt(ctx context.Context, table string) *sql.Stmt {
	if st, ok := s.byID.Load(table); ok {
		return st.(*sql.Stmt)
	}
	st, err := s.db.PrepareContext(context.WithoutCancel(ctx), s.Rebind(`SELECT data FROM `+table+` WHERE id = ?`))
	if err != nil {
		return nil
	}
	if prev, loaded := s.byID.LoadOrStore(table, st); loaded {
		st.Close()
		return prev.(*sql.Stmt)
	}
	return st
}

func getJSON[T any](ctx context.Context, s *Store, q execer, table, what, id string) (T, error) {
	var v T
	var data string
	var row *sql.Row
	if st := s.byIDStmt(ctx, table); st != nil && q == execer(s.db) {
		row = st.QueryRowContext(ctx, id)
	} else {
		row = q.QueryRowContext(ctx, s.Rebind(`SELECT data FROM `+table+` WHERE id = ?`), id)
	}
	err := row.Scan(&data)
	if errors.Is(err, sql.ErrNoRows) {
		return v, &NotFoundError{What: what, ID: id}
	}
	if err != nil {
		return v, fmt.Errorf("records: %s: %w", table, err)
	}
	return v, json.Unmarshal([]byte(data), &v)
}

func listJSON[T any](ctx context.Context, s *Store, query string, args ...any) ([]T, error) {
	rows, err := s.db.QueryContext(ctx, s.Rebind(query), args...)
	if err != nil {
		return nil, fmt.Errorf("records: list: %w", err)
	}
	defer rows.Close()
	out := []T{}
	for rows.Next() {
		var data string
		if err := rows.Scan(&data); err != nil {
			return nil, err
		}
		var v T
		if err := json.Unmarshal([]byte(data), &v); err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

func need(field, v string) error {
	if strings.TrimSpace(v) == "" {
		return &FieldError{Field: field, Message: "is required"}
	}
	return nil
}

func validDate(field, v string, required bool) error {
	if v == "" && !required {
		return nil
	}
	if _, err := time.Parse("2006-01-02", v); err != nil {
		return &FieldError{Field: field, Message: fmt.Sprintf("%q is not a date YYYY-MM-DD", v)}
	}
	return nil
}

// PutAgency creates or replaces an agency.
func (s *Store) PutAgency(ctx context.Context, a Agency, actor string) (Agency, error) {
	return s.saveAgency(ctx, a, actor, s.putJSON)
}

func (s *Store) saveAgency(ctx context.Context, a Agency, actor string, put writeFunc) (Agency, error) {
	if err := need("name", a.Name); err != nil {
		return a, err
	}
	if a.ID == "" {
		a.ID = newID("ag-")
	}
	if a.Domains == nil {
		a.Domains = []string{}
	}
	if a.Province != "" {
		if corpora.ProvincePack(a.Province) == "" {
			return a, &FieldError{Field: "province", Message: fmt.Sprintf("no law pack for province %q (known: %s)", a.Province, strings.Join(corpora.Provinces, ", "))}
		}
		a.Province = strings.TrimSuffix(strings.TrimSuffix(a.Province, "省"), "市")
	}
	err := s.write(ctx, func(tx *sql.Tx) error {
		return put(ctx, tx, "agencies", "agency", a.ID, []string{"name"}, []any{a.Name}, a, actor)
	})
	return a, err
}

// GetAgency returns an agency.
func (s *Store) GetAgency(ctx context.Context, id string) (Agency, error) {
	return getJSON[Agency](ctx, s, s.db, "agencies", "agency", id)
}

// ListAgencies returns all agencies.
func (s *Store) ListAgencies(ctx context.Context) ([]Agency, error) {
	return listJSON[Agency](ctx, s, `SELECT data FROM agencies ORDER BY id`)
}

// PutPowerItem creates or replaces a power list item.
func (s *Store) PutPowerItem(ctx context.Context, p PowerItem, actor string) (PowerItem, error) {
	return s.savePowerItem(ctx, p, actor, s.putJSON)
}

func (s *Store) savePowerItem(ctx context.Context, p PowerItem, actor string, put writeFunc) (PowerItem, error) {
	for f, v := range map[string]string{"agency_id": p.AgencyID, "code": p.Code, "name": p.Name} {
		if err := need(f, v); err != nil {
			return p, err
		}
	}
	if !slices.Contains(PowerKinds, p.Kind) {
		return p, &FieldError{Field: "kind", Message: fmt.Sprintf("%q is not one of %s", p.Kind, strings.Join(PowerKinds, ", "))}
	}
	if _, err := s.GetAgency(ctx, p.AgencyID); err != nil {
		return p, refError("agency_id", err)
	}
	if p.ID == "" {
		p.ID = p.AgencyID + "-" + p.Code
	}
	err := s.write(ctx, func(tx *sql.Tx) error {
		return put(ctx, tx, "power_items", "power_item", p.ID, []string{"agency_id", "code"}, []any{p.AgencyID, p.Code}, p, actor)
	})
	return p, err
}

// GetPowerItem returns a power item.
func (s *Store) GetPowerItem(ctx context.Context, id string) (PowerItem, error) {
	return getJSON[PowerItem](ctx, s, s.db, "power_items", "power item", id)
}

// ListPowerItems returns an agency's power items (all when agencyID is "").
func (s *Store) ListPowerItems(ctx context.Context, agencyID string) ([]PowerItem, error) {
	if agencyID == "" {
		return listJSON[PowerItem](ctx, s, `SELECT data FROM power_items ORDER BY id`)
	}
	return listJSON[PowerItem](ctx, s, `SELECT data FROM power_items WHERE agency_id = ? ORDER BY id`, agencyID)
}

// PutOfficer creates or replaces an officer.
func (s *Store) PutOfficer(ctx context.Context, o Officer, actor string) (Officer, error) {
	return s.saveOfficer(ctx, o, actor, s.putJSON)
}

func (s *Store) saveOfficer(ctx context.Context, o Officer, actor string, put writeFunc) (Officer, error) {
	for f, v := range map[string]string{"name": o.Name, "agency_id": o.AgencyID, "certificate.number": o.Certificate.Number} {
		if err := need(f, v); err != nil {
			return o, err
		}
	}
	if err := validDate("certificate.valid_from", o.Certificate.ValidFrom, true); err != nil {
		return o, err
	}
	if err := validDate("certificate.valid_until", o.Certificate.ValidUntil, false); err != nil {
		return o, err
	}
	if _, err := s.GetAgency(ctx, o.AgencyID); err != nil {
		return o, refError("agency_id", err)
	}
	if o.Certificate.Categories == nil {
		o.Certificate.Categories = []string{}
	}
	if o.ID == "" {
		o.ID = newID("of-")
	}
	err := s.write(ctx, func(tx *sql.Tx) error {
		return put(ctx, tx, "officers", "officer", o.ID, []string{"agency_id"}, []any{o.AgencyID}, o, actor)
	})
	return o, err
}

// GetOfficer returns an officer.
func (s *Store) GetOfficer(ctx context.Context, id string) (Officer, error) {
	return getJSON[Officer](ctx, s, s.db, "officers", "officer", id)
}

// ListOfficers returns an agency's officers (all when agencyID is "").
func (s *Store) ListOfficers(ctx context.Context, agencyID string) ([]Officer, error) {
	if agencyID == "" {
		return listJSON[Officer](ctx, s, `SELECT data FROM officers ORDER BY id`)
	}
	return listJSON[Officer](ctx, s, `SELECT data FROM officers WHERE agency_id = ? ORDER BY id`, agencyID)
}
