package records

import (
	"context"
	"errors"
	"testing"
)

// A create never replaces a record: an existing id is a conflict naming id,
// and the record stays as it was.
func TestCreateNeverOverwrites(t *testing.T) {
	eachBackend(t, func(t *testing.T, url, dir string, s *Store) {
		ctx := context.Background()
		demoStore(t, s)
		before, err := s.GetCase(ctx, "demo-case-06", "test")
		if err != nil {
			t.Fatal(err)
		}
		officer := Officer{ID: "demo-of-1", Name: "合成", AgencyID: DemoAgencyID, Certificate: Certificate{Number: "1", ValidFrom: "2022-01-01"}}
		for _, tc := range []struct {
			name   string
			create func() error
		}{
			{"agency", func() error {
				_, err := s.CreateAgency(ctx, Agency{ID: DemoAgencyID, Name: "合成局"}, "test")
				return err
			}},
			{"power item by id", func() error {
				_, err := s.CreatePowerItem(ctx, PowerItem{ID: DemoAgencyID + "-SP-001", AgencyID: DemoAgencyID, Code: "X", Name: "合成", Kind: KindPenalty}, "test")
				return err
			}},
			{"power item by agency and code", func() error {
				_, err := s.CreatePowerItem(ctx, PowerItem{AgencyID: DemoAgencyID, Code: "SP-001", Name: "合成", Kind: KindPenalty}, "test")
				return err
			}},
			{"officer", func() error { _, err := s.CreateOfficer(ctx, officer, "test"); return err }},
			{"case", func() error {
				k := before
				k.Title, k.CaseNo, k.Steps = "合成的覆盖", "", nil
				_, err := s.CreateCase(ctx, k, "test")
				return err
			}},
		} {
			err := tc.create()
			var ce *ConflictError
			if !errors.As(err, &ce) || ce.Field != "id" || ce.Code != "conflict" {
				t.Errorf("%s: %v, want a conflict naming id", tc.name, err)
			}
		}
		after, err := s.GetCase(ctx, "demo-case-06", "test")
		if err != nil || after.Title != before.Title || after.Status != StatusArchived || after.CaseNo != before.CaseNo {
			t.Errorf("case after a refused create: %q %s %s (%v)", after.Title, after.Status, after.CaseNo, err)
		}
		if o, _ := s.GetOfficer(ctx, "demo-of-1"); o.Name == "合成" {
			t.Error("officer replaced by a create")
		}
		// Put still creates or replaces; a new id still creates
		if _, err := s.PutOfficer(ctx, officer, "test"); err != nil {
			t.Errorf("PutOfficer: %v", err)
		}
		if _, err := s.CreateAgency(ctx, Agency{ID: "syn-new", Name: "合成新局"}, "test"); err != nil {
			t.Errorf("CreateAgency of a new id: %v", err)
		}
		if r := s.Verify(ctx); !r.OK {
			t.Errorf("chain: %+v", r)
		}
	})
}

// An update keeps the record's own fields and refuses a closed or archived case.
func TestUpdateCase(t *testing.T) {
	eachBackend(t, func(t *testing.T, url, dir string, s *Store) {
		ctx := context.Background()
		demoStore(t, s)
		get := func(id string) Case {
			c, err := s.GetCase(ctx, id, "test")
			if err != nil {
				t.Fatal(err)
			}
			c.Steps, c.Warnings = nil, nil
			return c
		}
		for _, tc := range []struct {
			name, id string
			edit     func(c *Case)
			conflict bool
			field    string
		}{
			{"title of an open case", "demo-case-10", func(c *Case) { c.Title = "合成的新标题" }, false, ""},
			{"archived", "demo-case-06", func(c *Case) { c.Title = "合成" }, true, "status"},
			{"closed", "demo-case-01", func(c *Case) { c.Facts = "合成" }, true, "status"},
			{"case number", "demo-case-10", func(c *Case) { c.CaseNo = "合成〔2026〕1号" }, false, "case_no"},
			{"status", "demo-case-10", func(c *Case) { c.Status = StatusClosed }, false, "status"},
			{"filing day", "demo-case-10", func(c *Case) { c.OpenedOn = "2026-01-01" }, false, "opened_on"},
			{"procedure after steps", "demo-case-10", func(c *Case) { c.Procedure = ProcedureSimple }, false, "procedure"},
			{"one officer", "demo-case-10", func(c *Case) { c.OfficerIDs = c.OfficerIDs[:1] }, false, "officer_ids"},
			{"party", "demo-case-10", func(c *Case) { c.Parties[0].Kind = "robot" }, false, "parties[0].kind"},
			{"missing", "nope", func(c *Case) { c.ID = "nope"; c.Title = "x" }, false, "notfound"},
		} {
			c := Case{}
			if tc.id != "nope" {
				c = get(tc.id)
			}
			tc.edit(&c)
			got, err := s.UpdateCase(ctx, c, "test")
			var ce *ConflictError
			var fe *FieldError
			var nf *NotFoundError
			switch {
			case tc.conflict:
				if !errors.As(err, &ce) || ce.Field != tc.field {
					t.Errorf("%s: %v, want a conflict naming %s", tc.name, err, tc.field)
				}
			case tc.field == "notfound":
				if !errors.As(err, &nf) {
					t.Errorf("%s: %v, want not found", tc.name, err)
				}
			case tc.field != "":
				if !errors.As(err, &fe) || fe.Field != tc.field {
					t.Errorf("%s: %v, want a field error naming %s", tc.name, err, tc.field)
				}
			default:
				if err != nil {
					t.Errorf("%s: %v", tc.name, err)
					continue
				}
				back := get(tc.id)
				if back.Title != got.Title || back.Status != get(tc.id).Status || back.CaseNo == "" {
					t.Errorf("%s: stored %+v", tc.name, back)
				}
			}
		}
		if get("demo-case-06").Title == "合成" || get("demo-case-01").Facts == "合成" {
			t.Error("a closed or archived case was changed")
		}
		if r := s.Verify(ctx); !r.OK {
			t.Errorf("chain: %+v", r)
		}
	})
}

// A duplicate insert that bypasses the check is still recognised as one, in
// both databases.
func TestUniqueViolationRecognised(t *testing.T) {
	eachBackend(t, func(t *testing.T, url, dir string, s *Store) {
		ctx := context.Background()
		q := s.Rebind(`INSERT INTO agencies(id, name, data) VALUES (?,?,?)`)
		if _, err := s.db.ExecContext(ctx, q, "syn-dup", "合成", "{}"); err != nil {
			t.Fatal(err)
		}
		_, err := s.db.ExecContext(ctx, q, "syn-dup", "合成", "{}")
		if err == nil || !isUniqueViolation(err) {
			t.Errorf("duplicate insert: %v, not recognised as a unique violation", err)
		}
		if isUniqueViolation(errors.New("records: disk full")) {
			t.Error("an unrelated error taken for a unique violation")
		}
	})
}
