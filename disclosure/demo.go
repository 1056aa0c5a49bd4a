package disclosure

import (
	"context"

	"zhifa/records"
)

func init() { records.RegisterDemo("disclosure", demo) }

// demo publishes the demo bureau's standing information and the disclosures
// of its decided cases (demo-case-01 … 05; 06 and 07 stay pending, so the
// reviewer's page and the warnings have something to show), keeping what is
// already there.
func demo(ctx context.Context, st *records.Store) error {
	if _, err := SyncStanding(ctx, st, "demo-loader"); err != nil {
		return err
	}
	ds, err := List(ctx, st, records.DemoAgencyID, StatusPending)
	if err != nil {
		return err
	}
	for _, d := range ds {
		if d.CaseID > "demo-case-05" || d.CaseID < "demo-case-01" {
			continue
		}
		if _, err := Publish(ctx, st, d.ID, "demo-loader", PublishInput{}); err != nil {
			return err
		}
	}
	return nil
}
