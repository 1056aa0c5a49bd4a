package records

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"
)

func TestObjectsSignedAndVerified(t *testing.T) {
	eachBackend(t, func(t *testing.T, url, dir string, s *Store) {
		ctx := context.Background()
		type rv struct {
			Status string `json:"status"`
		}
		if err := s.PutObjects(ctx, "alice", ObjectWrite{Kind: "review", ID: "rv-1", CaseID: "c1", Key: "bob", Value: rv{"pending"}},
			ObjectWrite{Kind: "review", ID: "rv-2", CaseID: "c2", Key: "bob", Value: rv{"approve"}}); err != nil {
			t.Fatal(err)
		}
		if err := s.PutObjects(ctx, "bob", ObjectWrite{Kind: "review", ID: "rv-1", CaseID: "c1", Key: "bob", Value: rv{"problems"}}); err != nil {
			t.Fatal(err)
		}
		var got rv
		if err := s.GetObject(ctx, "review", "rv-1", &got); err != nil || got.Status != "problems" {
			t.Fatalf("get rv-1: %+v %v", got, err)
		}
		var nf *NotFoundError
		if err := s.GetObject(ctx, "review", "nope", &got); !errors.As(err, &nf) {
			t.Fatalf("missing object: %v", err)
		}
		if l, _ := s.ListObjects(ctx, "review", "c2"); len(l) != 1 || l[0].ID != "rv-2" {
			t.Fatalf("list by case: %+v", l)
		}
		if l, _ := s.ListObjectsByKey(ctx, "review", "bob"); len(l) != 2 {
			t.Fatalf("list by key: %+v", l)
		}
		if r := s.Verify(ctx); !r.OK {
			t.Fatalf("verify: %+v", r)
		}
		if _, err := s.DB().Exec(`UPDATE objects SET data = '{"status":"approve"}' WHERE id = 'rv-1'`); err != nil {
			t.Fatal(err)
		}
		if r := s.Verify(ctx); r.OK || r.Entity != "obj:review" || r.EntityID != "rv-1" {
			t.Fatalf("a changed object must be named: %+v", r)
		}
		if _, err := s.DB().Exec(`DELETE FROM objects WHERE id = 'rv-1'`); err != nil {
			t.Fatal(err)
		}
		if r := s.Verify(ctx); r.OK || r.EntityID != "rv-1" || !strings.Contains(r.Reason, "missing") {
			t.Fatalf("a deleted object must be named: %+v", r)
		}
	})
}

func TestStepHookRefusesAtomically(t *testing.T) {
	eachBackend(t, func(t *testing.T, url, dir string, s *Store) {
		ctx := context.Background()
		demoStore(t, s)
		c, err := s.CreateCase(ctx, Case{AgencyID: DemoAgencyID, PowerItemID: DemoAgencyID + "-SP-003", OpenedOn: "2026-09-01", OfficerIDs: []string{"demo-of-1", "demo-of-2"},
			Parties: []Party{{Kind: PartyOrganization, Name: "合成公司", CreditCode: demoCredit("MA5999998")}}}, "t")
		if err != nil {
			t.Fatal(err)
		}
		RegisterStepHook("test-refuse-investigation", func(ctx context.Context, tx *Tx, c Case, prior []Step, next Step) error {
			if next.Kind == StepInvestigation {
				// A write made before the refusal must be rolled back with the step.
				if err := tx.PutObjects(ctx, ObjectWrite{Kind: "probe", ID: c.ID, CaseID: c.ID, Value: 1}); err != nil {
					return err
				}
				return &ConflictError{Code: "refused", Field: "kind", Message: "test hook"}
			}
			if next.Kind == StepFiling {
				return tx.PutObjects(ctx, ObjectWrite{Kind: "probe", ID: c.ID + "-filed", CaseID: c.ID, Value: len(prior)})
			}
			return nil
		})
		t.Cleanup(func() {
			RegisterStepHook("test-refuse-investigation", func(context.Context, *Tx, Case, []Step, Step) error { return nil })
		})
		at := parseDay("2026-09-01").Add(10 * time.Hour)
		if _, _, err := s.AppendStep(ctx, c.ID, StepFiling, at, nil, "officer"); err != nil {
			t.Fatal(err)
		}
		_, _, err = s.AppendStep(ctx, c.ID, StepInvestigation, at, nil, "officer")
		var ce *ConflictError
		if !errors.As(err, &ce) {
			t.Fatalf("want the hook's refusal, got %v", err)
		}
		steps, _ := s.Steps(ctx, c.ID)
		objs, _ := s.ListObjects(ctx, "probe", c.ID)
		if len(steps) != 1 || len(objs) != 1 || objs[0].ID != c.ID+"-filed" {
			t.Fatalf("refused step left writes behind: %d steps, objects %+v", len(steps), objs)
		}
		if r := s.Verify(ctx); !r.OK {
			t.Fatalf("verify: %+v", r)
		}
	})
}
