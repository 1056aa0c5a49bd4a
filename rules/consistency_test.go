package rules

import "testing"

// Synthetic decided cases with known answers.
func TestCheckFine(t *testing.T) {
	sim := []DecidedFine{
		{ID: "a", Basis: "B1", Fine: 5000, Similarity: 0.9},
		{ID: "b", Basis: "B1", Fine: 6000, Similarity: 0.8},
		{ID: "c", Basis: "B1", Fine: 7000, Similarity: 0.7},
		{ID: "d", Basis: "B1", Fine: 8000, Similarity: 0.6},
		{ID: "x", Basis: "B2", Fine: 90000, Similarity: 0.95},
	}
	for _, tc := range []struct {
		name     string
		proposed float64
		outlier  bool
		because  int
		median   float64
	}{
		{"in line", 6500, false, 0, 6500},
		{"far above", 50000, true, 4, 6500},
		{"far below", 1000, true, 4, 6500},
	} {
		r := CheckFine(tc.proposed, "B1", sim, ConsistencyOptions{})
		if r.Cases != 4 || r.Median != tc.median || r.Outlier != tc.outlier || len(r.Because) != tc.because {
			t.Errorf("%s: %+v", tc.name, r)
		}
		if tc.outlier && r.Because[0].ID != "a" {
			t.Errorf("%s: most similar first, got %s", tc.name, r.Because[0].ID)
		}
	}
	if r := CheckFine(6500, "B1", sim, ConsistencyOptions{}); r.Percentile != 50 || r.Min != 5000 || r.Max != 8000 {
		t.Errorf("percentile/range: %+v", r)
	}
	if r := CheckFine(6500, "B3", sim, ConsistencyOptions{}); r.Cases != 0 || r.Warning == "" {
		t.Errorf("no comparable cases must say so: %+v", r)
	}
}

func TestUnequalPenalties(t *testing.T) {
	fines := map[string]DecidedFine{
		"1": {ID: "1", Fine: 2000}, "2": {ID: "2", Fine: 20000}, "3": {ID: "3", Fine: 2500}, "4": {ID: "4", Fine: 0},
	}
	pairs := []SimilarPair{{"1", "2", 0.9}, {"2", "1", 0.9}, {"1", "3", 0.95}, {"3", "2", 0.5}, {"4", "1", 0.92}}
	got := UnequalPenalties(fines, pairs, 0.8, 3)
	if len(got) != 2 || got[0].A.ID != "1" || got[0].B.ID != "4" || got[1].B.ID != "2" || got[1].Ratio != 10 {
		t.Fatalf("got %+v", got)
	}
}
