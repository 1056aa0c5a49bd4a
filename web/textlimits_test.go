package web

import (
	"errors"
	"strings"
	"testing"
)

// Each bound holds exactly at its figure and refuses one byte more, naming
// the member by its JSON path (synthetic values).
func TestFieldLimitsAtTheirBounds(t *testing.T) {
	type party struct {
		Name     string `json:"name"`
		AgencyID string `json:"agency_id"`
	}
	type body struct {
		Facts   string   `json:"facts"`
		Parties []party  `json:"parties"`
		Tags    []string `json:"tags"`
	}
	ok := body{Facts: strings.Repeat("x", maxFieldBytes), Parties: []party{{Name: strings.Repeat("x", 1024), AgencyID: strings.Repeat("x", 256)}}}
	if err := checkLimits(&ok); err != nil {
		t.Fatalf("every field at its bound: %v", err)
	}
	for _, tc := range []struct {
		b     body
		field string
	}{
		{body{Facts: strings.Repeat("x", 64<<10+1)}, "facts"},
		{body{Parties: []party{{}, {Name: strings.Repeat("x", 1025)}}}, "parties[1].name"},
		{body{Parties: []party{{AgencyID: strings.Repeat("x", 257)}}}, "parties[0].agency_id"},
		{body{Tags: make([]string, 10001)}, "tags"},
	} {
		err := checkLimits(&tc.b)
		var ae *APIError
		if !errors.As(err, &ae) || ae.Field != tc.field || ae.Status != 422 {
			t.Errorf("over the bound of %s: %v, want a 422 naming it", tc.field, err)
		}
	}
}
