package records

import (
	"context"
	"errors"
	"testing"
)

// A record named by a field that the store fails to read (the database
// restarting mid-request; here its row made unreadable) is the store's
// error, not the caller's: no FieldError, so the API answers 503 rather
// than 422 blaming agency_id, power_item_id or officer_ids. A name that is
// not there stays a FieldError.
func TestRefErrorIsNotFieldError(t *testing.T) {
	eachBackend(t, func(t *testing.T, url, dir string, s *Store) {
		ctx := context.Background()
		demoStore(t, s)
		c := Case{AgencyID: DemoAgencyID, PowerItemID: DemoAgencyID + "-SP-001", Procedure: ProcedureSimple, Title: "合成",
			Parties: []Party{{Kind: "person", Name: "合成人", IDNumber: "110101199003077774"}}, OfficerIDs: []string{"demo-of-1", "demo-of-2"}, Synthetic: true}
		var fe *FieldError
		missing := c
		missing.AgencyID = "syn-no-such-agency"
		if _, err := s.CreateCase(ctx, missing, "test"); !errors.As(err, &fe) || fe.Field != "agency_id" {
			t.Errorf("unknown agency: %v, want a FieldError naming agency_id", err)
		}
		for _, tc := range []struct{ table, id string }{
			{"officers", "demo-of-2"},
			{"power_items", DemoAgencyID + "-SP-001"},
			{"agencies", DemoAgencyID},
		} {
			if _, err := s.DB().ExecContext(ctx, s.Rebind(`UPDATE `+tc.table+` SET data = '{' WHERE id = ?`), tc.id); err != nil {
				t.Fatal(err)
			}
			_, err := s.CreateCase(ctx, c, "test")
			if err == nil || errors.As(err, &fe) {
				t.Errorf("%s %s unreadable: %v, want the store's error, not a FieldError", tc.table, tc.id, err)
			}
		}
	})
}
