package records_test

import (
	"context"
	"path/filepath"
	"testing"

	"zhifa/corpora"
	"zhifa/records"
)

// Every legal basis in the demo data is a real article of the embedded law corpus.
func TestDemoLegalBasesExist(t *testing.T) {
	dir := t.TempDir()
	s, err := records.OpenURL(context.Background(), "sqlite:"+filepath.Join(dir, "z.db"), dir)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if err := records.LoadDemo(context.Background(), s); err != nil {
		t.Fatal(err)
	}
	c := corpora.Default()
	items, _ := s.ListPowerItems(context.Background(), records.DemoAgencyID)
	var bases []string
	for _, p := range items {
		bases = append(bases, p.LegalBasis)
	}
	cases, _ := s.ListCases(context.Background())
	for _, k := range cases {
		if k.Decision != nil {
			bases = append(bases, k.Decision.PenaltyBasis)
		}
	}
	if len(bases) < 14 {
		t.Fatalf("only %d legal bases in the demo", len(bases))
	}
	for _, b := range bases {
		if r, err := c.Cite(b); err != nil || !r.Valid {
			t.Errorf("demo legal basis %s does not resolve: %v %+v", b, err, r)
		}
	}
}
