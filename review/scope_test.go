package review

import (
	"slices"
	"testing"

	"zhifa/records"
)

// The 较大数额罚款 rules of the shipped catalog (听证, 法制审核): 10,000 yuan for a
// person, 100,000 for an organization, each level included (以上), and each rule
// for its own party type only.
func TestScopeHearingFines(t *testing.T) {
	for _, c := range []struct {
		party string
		fine  float64
		rule  string // "" when no fine rule holds
	}{
		{"person", 9999.99, ""},
		{"person", 10000, "fine_person"},
		{"person", 10000.01, "fine_person"},
		{"person", 100000, "fine_person"},
		{"organization", 10000, ""},
		{"organization", 99999.99, ""},
		{"organization", 100000, "fine_organization"},
		{"organization", 100000.01, "fine_organization"},
	} {
		s := ScopeOf(DefaultCatalog(), ScopeFacts{PartyKind: c.party, Proposed: &records.Decision{Fine: c.fine}, Procedure: "normal"})
		var fineRules []string
		for _, m := range s.Matched {
			if m.Rule == "fine_person" || m.Rule == "fine_organization" {
				fineRules = append(fineRules, m.Rule)
			}
		}
		want := []string{}
		if c.rule != "" {
			want = []string{c.rule}
		}
		if !slices.Equal(append([]string{}, fineRules...), want) {
			t.Errorf("%s fined %.2f: fine rules %v, want %v", c.party, c.fine, fineRules, want)
		}
		if c.rule != "" && !s.Required {
			t.Errorf("%s fined %.2f: %s holds but review is not required", c.party, c.fine, c.rule)
		}
	}
}
