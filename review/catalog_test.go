package review

import (
	"context"
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"strings"
	"testing"

	"zhifa/corpora"
	"zhifa/nlp"
)

// Every catalog shipped in corpora/review: each rule's law citation resolves
// and its text holds the rule's words; a policy source holds its quote; the
// amounts are the hearing thresholds drafting uses.
func TestShippedCatalogsCiteTheirText(t *testing.T) {
	var hearing struct {
		PersonMin       float64 `json:"person_min"`
		OrganizationMin float64 `json:"organization_min"`
	}
	b, err := os.ReadFile("../drafting/templates/hearing.json")
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &hearing); err != nil {
		t.Fatal(err)
	}
	names, _ := fs.Glob(corpora.FS, "review/*catalog.json")
	if len(names) < 2 {
		t.Fatalf("catalogs shipped: %v", names)
	}
	law, pol := corpora.Default(), corpora.Policies()
	for _, name := range names {
		c, err := embeddedCatalog(name)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		for _, r := range c.Rules {
			if strings.HasPrefix(r.Citation, "《") {
				res, err := law.Cite(r.Citation)
				if err != nil {
					t.Errorf("%s %s: %v", name, r.ID, err)
					continue
				}
				if r.Quote == "" || !strings.Contains(res.Text, r.Quote) {
					t.Errorf("%s %s: %s does not contain %q (text %q)", name, r.ID, r.Citation, r.Quote, res.Text)
				}
			} else if r.Policy == "" {
				t.Errorf("%s %s: citation %q is neither a law citation nor backed by a policy text", name, r.ID, r.Citation)
			}
			if r.Policy != "" && !strings.Contains(pol[r.Policy], nlp.Normalize(r.PolicyQuote)) {
				t.Errorf("%s %s: %s does not contain %q", name, r.ID, r.Policy, r.PolicyQuote)
			}
			if f := r.When.FineAtLeast; f != nil {
				want := map[string]float64{"person": hearing.PersonMin, "organization": hearing.OrganizationMin}[r.When.Party]
				if *f != want || !strings.Contains(r.FigureSource, map[float64]string{10000: "一万元", 100000: "十万元"}[*f]) {
					t.Errorf("%s %s: fine_at_least %v for %q, the hearing threshold is %v and the figure source must say it (%q)", name, r.ID, *f, r.When.Party, want, r.FigureSource)
				}
			}
		}
		for _, q := range []struct{ policy, quote, cite string }{{c.StaffingPolicy, c.StaffingQuote, c.StaffingCitation}, {c.ReviewDaysPolicy, c.ReviewDaysQuote, c.ReviewDaysCitation}} {
			if q.policy == "" {
				continue
			}
			if !strings.Contains(pol[q.policy], nlp.Normalize(q.quote)) || !strings.Contains(q.cite, q.quote) {
				t.Errorf("%s: %q is not in %s, or not in its citation %q", name, q.quote, q.policy, q.cite)
			}
		}
		if c.StaffingMinPercent > 0 && !strings.Contains(c.StaffingQuote, "5%") {
			t.Errorf("%s: staffing figure %v not in its quote %q", name, c.StaffingMinPercent, c.StaffingQuote)
		}
		if c.FilingDays > 0 {
			// the law says 及时立案; a figure names whose choice it is
			if res, err := law.Cite(c.FilingDaysCitation); err != nil || c.FilingDaysQuote == "" || !strings.Contains(res.Text, c.FilingDaysQuote) {
				t.Errorf("%s: filing_days citation %q does not hold %q (%v)", name, c.FilingDaysCitation, c.FilingDaysQuote, err)
			}
			if c.FilingDaysSource == "" {
				t.Errorf("%s: filing_days %d without filing_days_source (the law sets no number)", name, c.FilingDays)
			}
		}
		if c.ReviewDays > 0 && c.ReviewDaysPolicy == "" {
			t.Errorf("%s: review_days without the text that asks agencies to set it", name)
		}
	}
	// 第五十八条's three cases and 第六十三条's four kinds are all in the default.
	ids := map[string]bool{}
	for _, r := range DefaultCatalog().Rules {
		ids[r.ID] = true
	}
	for _, id := range []string{"fine_person", "fine_organization", "revoke_license", "suspend_business", "order_closure", "restrict_practice", "hearing_held", "major_public_interest", "major_rights_hearing", "complex_case"} {
		if !ids[id] {
			t.Errorf("default catalog lacks %s", id)
		}
	}
}

func TestCatalogErrorsNameLineAndField(t *testing.T) {
	head := "{\n  \"name\": \"合成测试目录\",\n  \"rules\": [\n"
	rule := func(s string) string { return head + s + "\n  ]\n}\n" }
	ok := `    {"id": "a", "name": "n", "when": {"step": "hearing"}, "citation": "c"}`
	cases := []struct {
		name, data, field string
		line              int
	}{
		{"not an object", `[1]`, "file", 1},
		{"unknown top field", "{\n  \"nme\": 1\n}", "nme", 2},
		{"no name", "{\n  \"rules\": [\n" + ok + "\n  ]\n}", "name", 1},
		{"no rules", "{\"name\": \"x\", \"rules\": []}", "rules", 1},
		{"rule without citation", rule(`    {"id": "a", "name": "n", "when": {"step": "hearing"}}`), "rules[0].citation", 4},
		{"second rule bad party", rule(ok + ",\n    {\"id\": \"b\", \"name\": \"n\", \"when\": {\"party\": \"company\"}, \"citation\": \"c\"}"), "rules[1].when.party", 5},
		{"negative fine", rule(`    {"id": "a", "name": "n", "when": {"fine_at_least": -1}, "citation": "c"}`), "rules[0].when.fine_at_least", 4},
		{"no condition", rule(`    {"id": "a", "name": "n", "when": {}, "citation": "c"}`), "rules[0].when", 4},
		{"unknown step", rule(`    {"id": "a", "name": "n", "when": {"step": "appeal"}, "citation": "c"}`), "rules[0].when.step", 4},
		{"duplicate id", rule(ok + ",\n" + ok), "rules[1].id", 5},
		{"wrong type", rule(`    {"id": "a", "name": "n", "when": {"fine_at_least": "many"}, "citation": "c"}`), "rules[0].when.fine_at_least", 4},
		{"unknown rule field", rule(`    {"id": "a", "name": "n", "when": {"step": "hearing"}, "citation": "c", "extra": 1}`), "rules[0].extra", 4},
		{"unknown policy", rule(`    {"id": "a", "name": "n", "when": {"step": "hearing"}, "citation": "c", "policy": "nope.txt", "policy_quote": "q"}`), "rules[0].policy", 4},
		{"review days without citation", "{\"name\": \"x\", \"review_days\": 5, \"rules\": [\n" + ok + "\n]}", "review_days_citation", 1},
		{"filing days without citation", "{\"name\": \"x\", \"filing_days\": 15, \"rules\": [\n" + ok + "\n]}", "filing_days_citation", 1},
		{"filing days bad unit", "{\"name\": \"x\", \"filing_days\": 15, \"filing_days_citation\": \"c\", \"filing_days_unit\": \"week\", \"rules\": [\n" + ok + "\n]}", "filing_days_unit", 1},
		{"truncated", head + ok, "rules", 4},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ParseCatalog("agency.json", []byte(tc.data))
			var ce *CatalogError
			if !errors.As(err, &ce) {
				t.Fatalf("want a CatalogError, got %v", err)
			}
			if ce.Field != tc.field || ce.Line != tc.line || !strings.HasPrefix(err.Error(), "agency.json:") {
				t.Errorf("got %s (field %q line %d), want field %q line %d", err, ce.Field, ce.Line, tc.field, tc.line)
			}
		})
	}
	if _, err := ParseCatalog("ok.json", []byte(rule(ok))); err != nil {
		t.Errorf("a good catalog: %v", err)
	}
}

// A bad file leaves the agency's catalog as it was; a good one replaces it.
func TestAgencyCatalogLoad(t *testing.T) {
	st := openDemo(t)
	ctx := context.Background()
	good, _ := fs.ReadFile(corpora.FS, "review/county-plan-catalog.json")
	if _, err := LoadAgencyCatalog(ctx, st, "demo-scjgj", "county.json", good, "t"); err != nil {
		t.Fatal(err)
	}
	bad := []byte("{\n \"name\": \"x\",\n \"rules\": [ {\"id\": \"a\"} ]\n}")
	_, err := LoadAgencyCatalog(ctx, st, "demo-scjgj", "bad.json", bad, "t")
	if err == nil || !strings.HasPrefix(err.Error(), "bad.json:3: rules[0].name") {
		t.Fatalf("bad file: %v", err)
	}
	c, err := CatalogFor(ctx, st, "demo-scjgj")
	if err != nil || c.Rules[0].ID != "every_normal_procedure" || c.ReviewDays != 7 || c.FilingDays != 15 || c.FilingDaysUnit != FilingUnitWorkday {
		t.Fatalf("the running catalog changed: %+v %v", c, err)
	}
	if _, err := LoadAgencyCatalog(ctx, st, "no-such-agency", "county.json", good, "t"); err == nil {
		t.Error("a catalog for an unknown agency was stored")
	}
	// other agencies keep the default
	if c, _ := CatalogFor(ctx, st, "demo-sjscjgj"); c != DefaultCatalog() {
		t.Error("another agency lost the default catalog")
	}
	// the county plan puts every normal-procedure case in scope, hearing or not
	sc, err := CaseScope(ctx, st, "demo-case-09", "t")
	if err != nil || !sc.Required || sc.Matched[0].Rule != "every_normal_procedure" {
		t.Errorf("county scope of demo-case-09: %+v %v", sc, err)
	}
}
