// Package review is the 法制审核 workflow: which decisions need legal review
// (the catalog and scope), the checklist the machine fills in, the rounds of
// submission and opinion, collective discussion, the gate that refuses a
// decision without an approval, and 案卷评查.
package review

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"slices"
	"strings"
	"sync"

	"zhifa/corpora"
	"zhifa/internal/jsonpath"
	"zhifa/records"
)

// Catalog is a 重大执法决定法制审核目录清单: the rules that put a decision in
// review scope, and the agency's review settings.
type Catalog struct {
	AgencyID string `json:"agency_id,omitempty"` // "" for the default catalog
	Name     string `json:"name"`
	// ReviewDays is the agency's time limit for one review round, in days
	// (0: none set; the plans leave the figure to each agency).
	ReviewDays         int    `json:"review_days,omitempty"`
	ReviewDaysCitation string `json:"review_days_citation,omitempty"`
	ReviewDaysPolicy   string `json:"review_days_policy,omitempty"`
	ReviewDaysQuote    string `json:"review_days_quote,omitempty"`
	// FilingDays is the agency's time for 立案 from the day a clue is found
	// (0: none set; 行政处罚法 第五十四条第二款 says 及时立案 and sets no
	// number, so the figure is the agency's or its sector's rule).
	// FilingDaysUnit is "day" (calendar days, the default) or "workday".
	FilingDays         int    `json:"filing_days,omitempty"`
	FilingDaysUnit     string `json:"filing_days_unit,omitempty"`
	FilingDaysCitation string `json:"filing_days_citation,omitempty"`
	FilingDaysQuote    string `json:"filing_days_quote,omitempty"`
	FilingDaysPolicy   string `json:"filing_days_policy,omitempty"`
	FilingDaysSource   string `json:"filing_days_source,omitempty"` // whose figure it is when not the cited text's
	// StaffingMinPercent is the least share of reviewers among officers (the plans' 5%).
	StaffingMinPercent float64 `json:"staffing_min_percent,omitempty"`
	StaffingCitation   string  `json:"staffing_citation,omitempty"`
	StaffingPolicy     string  `json:"staffing_policy,omitempty"`
	StaffingQuote      string  `json:"staffing_quote,omitempty"`
	Rules              []Rule  `json:"rules"`
}

// Units of FilingDays.
const (
	FilingUnitDay     = "day"
	FilingUnitWorkday = "workday" // 工作日, by the official working calendar (rules.AddWorkingDays)
)

// Rule is one line of the catalog: a condition over the case and the text behind it.
type Rule struct {
	ID       string    `json:"id"`
	Name     string    `json:"name"`
	When     Condition `json:"when"`
	Citation string    `json:"citation"`
	// Quote is the words of the cited law text that carry the rule (checked
	// against the embedded laws when Citation is a law citation).
	Quote        string `json:"quote,omitempty"`
	FigureSource string `json:"figure_source,omitempty"` // where an amount comes from when not the cited text
	Policy       string `json:"policy,omitempty"`        // policy file under corpora/policy
	PolicyQuote  string `json:"policy_quote,omitempty"`  // words of that policy text
}

// Condition holds when every field that is set holds.
type Condition struct {
	Party               string   `json:"party,omitempty"`                 // person | organization
	FineAtLeast         *float64 `json:"fine_at_least,omitempty"`         // proposed fine ≥ this (yuan)
	ConfiscationAtLeast *float64 `json:"confiscation_at_least,omitempty"` // 没收违法所得 ≥ this (yuan)
	DecisionWords       []string `json:"decision_words,omitempty"`        // any of these in the proposed decision
	Step                string   `json:"step,omitempty"`                  // the case has a step of this kind (hearing)
	Circumstance        string   `json:"circumstance,omitempty"`          // the case records this circumstance code
	NotCircumstance     string   `json:"not_circumstance,omitempty"`      // the code that records the answer "no"
	Procedure           string   `json:"procedure,omitempty"`             // simple | normal
}

// CatalogError is a bad catalog file: the line and the field at fault.
type CatalogError struct {
	File    string `json:"file"`
	Line    int    `json:"line"`
	Field   string `json:"field"`
	Message string `json:"message"`
}

func (e *CatalogError) Error() string {
	return fmt.Sprintf("%s:%d: %s: %s", e.File, e.Line, e.Field, e.Message)
}

func lineAt(b []byte, off int64) int {
	off = min(max(off, 0), int64(len(b)))
	return 1 + bytes.Count(b[:off], []byte("\n"))
}

// ParseCatalog reads and checks a catalog file; every error names its line and field.
func ParseCatalog(name string, data []byte) (*Catalog, error) {
	bad := func(off int64, field, format string, a ...any) error {
		return &CatalogError{File: name, Line: lineAt(data, off), Field: field, Message: fmt.Sprintf(format, a...)}
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return nil, bad(0, "file", "expected a JSON object")
	}
	var c Catalog
	decodeErr := func(off int64, field string, err error) error {
		var se *json.SyntaxError
		var te *json.UnmarshalTypeError
		switch {
		case errors.As(err, &se):
			return bad(se.Offset, field, "malformed JSON: %v", se)
		case errors.As(err, &te):
			f := field
			if te.Field != "" {
				f = field + "." + te.Field
			}
			return bad(te.Offset, f, "expected %s, got JSON %s", jsonpath.Kind(te.Type), te.Value)
		case errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, io.EOF):
			return bad(int64(len(data)), field, "unexpected end of file")
		}
		if f, ok := strings.CutPrefix(err.Error(), "json: unknown field "); ok {
			f = strings.Trim(f, `"`)
			return bad(off, field+"."+f, "unknown field")
		}
		return bad(off, field, "%v", err)
	}
	for dec.More() {
		kt, err := dec.Token()
		if err != nil {
			return nil, decodeErr(dec.InputOffset(), "file", err)
		}
		key, _ := kt.(string)
		off := dec.InputOffset()
		var dst any
		switch key {
		case "rules":
			if t, err := dec.Token(); err != nil || t != json.Delim('[') {
				return nil, bad(off, "rules", "expected an array of rules")
			}
			seen := map[string]bool{}
			for i := 0; dec.More(); i++ {
				start := dec.InputOffset()
				var r Rule
				field := fmt.Sprintf("rules[%d]", i)
				if err := dec.Decode(&r); err != nil {
					return nil, decodeErr(start, field, err)
				}
				// the rule's own line: skip the whitespace before its "{"
				line := start + int64(len(data[start:])-len(bytes.TrimLeft(data[start:], " \t\r\n,")))
				if f, msg := checkRule(r); f != "" {
					return nil, bad(line, field+"."+f, "%s", msg)
				}
				if seen[r.ID] {
					return nil, bad(line, field+".id", "%q appears twice", r.ID)
				}
				seen[r.ID] = true
				c.Rules = append(c.Rules, r)
			}
			if _, err := dec.Token(); err != nil {
				return nil, decodeErr(dec.InputOffset(), "rules", err)
			}
			continue
		case "agency_id":
			dst = &c.AgencyID
		case "name":
			dst = &c.Name
		case "review_days":
			dst = &c.ReviewDays
		case "review_days_citation":
			dst = &c.ReviewDaysCitation
		case "review_days_policy":
			dst = &c.ReviewDaysPolicy
		case "review_days_quote":
			dst = &c.ReviewDaysQuote
		case "filing_days":
			dst = &c.FilingDays
		case "filing_days_unit":
			dst = &c.FilingDaysUnit
		case "filing_days_citation":
			dst = &c.FilingDaysCitation
		case "filing_days_quote":
			dst = &c.FilingDaysQuote
		case "filing_days_policy":
			dst = &c.FilingDaysPolicy
		case "filing_days_source":
			dst = &c.FilingDaysSource
		case "staffing_min_percent":
			dst = &c.StaffingMinPercent
		case "staffing_citation":
			dst = &c.StaffingCitation
		case "staffing_policy":
			dst = &c.StaffingPolicy
		case "staffing_quote":
			dst = &c.StaffingQuote
		default:
			return nil, bad(off, key, "unknown field")
		}
		if err := dec.Decode(dst); err != nil {
			return nil, decodeErr(off, key, err)
		}
	}
	if _, err := dec.Token(); err != nil {
		return nil, decodeErr(dec.InputOffset(), "file", err)
	}
	if dec.More() {
		return nil, bad(dec.InputOffset(), "file", "data after the JSON object")
	}
	switch {
	case strings.TrimSpace(c.Name) == "":
		return nil, bad(0, "name", "is required")
	case len(c.Rules) == 0:
		return nil, bad(0, "rules", "a catalog needs at least one rule")
	case c.ReviewDays < 0 || c.ReviewDays > 365:
		return nil, bad(0, "review_days", "%d is not a number of days (0–365)", c.ReviewDays)
	case c.ReviewDays > 0 && c.ReviewDaysCitation == "":
		return nil, bad(0, "review_days_citation", "review_days needs the rule or choice it comes from")
	case c.FilingDays < 0 || c.FilingDays > 365:
		return nil, bad(0, "filing_days", "%d is not a number of days (0–365)", c.FilingDays)
	case c.FilingDays > 0 && c.FilingDaysCitation == "":
		return nil, bad(0, "filing_days_citation", "filing_days needs the rule or choice it comes from")
	case c.FilingDaysUnit != "" && c.FilingDaysUnit != FilingUnitDay && c.FilingDaysUnit != FilingUnitWorkday:
		return nil, bad(0, "filing_days_unit", "%q must be day or workday", c.FilingDaysUnit)
	case c.StaffingMinPercent < 0 || c.StaffingMinPercent > 100:
		return nil, bad(0, "staffing_min_percent", "%v is not a percentage", c.StaffingMinPercent)
	case c.StaffingMinPercent > 0 && c.StaffingCitation == "":
		return nil, bad(0, "staffing_citation", "staffing_min_percent needs its citation")
	}
	for _, p := range []string{c.ReviewDaysPolicy, c.StaffingPolicy, c.FilingDaysPolicy} {
		if p != "" {
			if _, ok := corpora.Policies()[p]; !ok {
				return nil, bad(0, "policy", "%q is not a policy text under corpora/policy", p)
			}
		}
	}
	return &c, nil
}

// checkRule returns the field at fault and why, or "".
func checkRule(r Rule) (string, string) {
	w := r.When
	switch {
	case strings.TrimSpace(r.ID) == "":
		return "id", "is required"
	case strings.TrimSpace(r.Name) == "":
		return "name", "is required"
	case strings.TrimSpace(r.Citation) == "":
		return "citation", "is required: every rule names its source"
	case r.Policy != "" && r.PolicyQuote == "":
		return "policy_quote", "a policy source needs the words it is read from"
	case w.Party != "" && w.Party != records.PartyPerson && w.Party != records.PartyOrganization:
		return "when.party", fmt.Sprintf("%q must be person or organization", w.Party)
	case w.FineAtLeast != nil && (*w.FineAtLeast < 0 || *w.FineAtLeast > 1e14):
		return "when.fine_at_least", "must be an amount in yuan, 0 or more"
	case w.ConfiscationAtLeast != nil && (*w.ConfiscationAtLeast < 0 || *w.ConfiscationAtLeast > 1e14):
		return "when.confiscation_at_least", "must be an amount in yuan, 0 or more"
	case w.Step != "" && !slices.Contains(records.StepKinds, w.Step):
		return "when.step", fmt.Sprintf("%q is not a step kind (%v)", w.Step, records.StepKinds)
	case w.Procedure != "" && w.Procedure != records.ProcedureNormal && w.Procedure != records.ProcedureSimple:
		return "when.procedure", fmt.Sprintf("%q must be simple or normal", w.Procedure)
	case w.NotCircumstance != "" && w.Circumstance == "":
		return "when.not_circumstance", "only with circumstance"
	case w.Party == "" && w.FineAtLeast == nil && w.ConfiscationAtLeast == nil && len(w.DecisionWords) == 0 &&
		w.Step == "" && w.Circumstance == "" && w.Procedure == "":
		return "when", "a rule needs at least one condition"
	}
	if r.Policy != "" {
		if _, ok := corpora.Policies()[r.Policy]; !ok {
			return "policy", fmt.Sprintf("%q is not a policy text under corpora/policy", r.Policy)
		}
	}
	for _, wd := range w.DecisionWords {
		if strings.TrimSpace(wd) == "" {
			return "when.decision_words", "an empty word matches every decision"
		}
	}
	return "", ""
}

var (
	defaultOnce sync.Once
	defaultCat  *Catalog
)

// DefaultCatalog is the catalog shipped in corpora/review/catalog.json.
func DefaultCatalog() *Catalog {
	defaultOnce.Do(func() {
		c, err := embeddedCatalog("review/catalog.json")
		if err != nil {
			panic("review: embedded catalog: " + err.Error()) // tested; a build defect
		}
		defaultCat = c
	})
	return defaultCat
}

func embeddedCatalog(path string) (*Catalog, error) {
	b, err := fs.ReadFile(corpora.FS, path)
	if err != nil {
		return nil, err
	}
	return ParseCatalog("corpora/"+path, b)
}

// catalogKind is the records object kind of an agency's own catalog (id: the agency id).
const catalogKind = "review_catalog"

// LoadAgencyCatalog checks a catalog file and stores it as the agency's own;
// on any error the catalog in force stays as it was.
func LoadAgencyCatalog(ctx context.Context, st *records.Store, agencyID, file string, data []byte, actor string) (*Catalog, error) {
	if strings.TrimSpace(agencyID) == "" {
		return nil, &records.FieldError{Field: "agency", Message: "is required"}
	}
	if _, err := st.GetAgency(ctx, agencyID); err != nil {
		return nil, err
	}
	c, err := ParseCatalog(file, data)
	if err != nil {
		return nil, err
	}
	if c.AgencyID != "" && c.AgencyID != agencyID {
		return nil, &CatalogError{File: file, Line: 1, Field: "agency_id", Message: fmt.Sprintf("the file is %q's catalog, not %q's", c.AgencyID, agencyID)}
	}
	c.AgencyID = agencyID
	if err := st.PutObjects(ctx, actor, records.ObjectWrite{Kind: catalogKind, ID: agencyID, Key: agencyID, Value: c}); err != nil {
		return nil, err
	}
	return c, nil
}

// objectReader is what both a Store and a step hook's Tx offer.
type objectReader interface {
	GetObject(ctx context.Context, kind, id string, dst any) error
}

// CatalogFor is the agency's own catalog, or the default.
func CatalogFor(ctx context.Context, r objectReader, agencyID string) (*Catalog, error) {
	var c Catalog
	err := r.GetObject(ctx, catalogKind, agencyID, &c)
	if errors.As(err, new(*records.NotFoundError)) {
		return DefaultCatalog(), nil
	}
	if err != nil {
		return nil, fmt.Errorf("review catalog of %s: %w", agencyID, err)
	}
	return &c, nil
}
