package rules

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"sort"
	"strings"
	"sync"
	"time"

	"zhifa/corpora"
)

// DisclosureRule is one figure of the disclosure (公示) rules in
// corpora/disclosure/sectors.json, with the words it comes from.
type DisclosureRule struct {
	ID       string   `json:"id"` // disclosure, withdrawal, public_period …
	Kinds    []string `json:"kinds"`
	Value    int      `json:"value"`
	Unit     string   `json:"unit"` // working_day | month | year | "" (no number)
	Citation string   `json:"citation"`
	Policy   string   `json:"policy,omitempty"` // file under corpora/policy/ when the source is a plan
	Quote    string   `json:"quote"`
	Figure   string   `json:"figure"`
	Note     string   `json:"note,omitempty"`
}

// DisclosureSector is a sector's own disclosure rules; a kind the sector has
// no disclosure rule for keeps the general one.
type DisclosureSector struct {
	Name    string           `json:"name"`
	Aliases []string         `json:"aliases,omitempty"`
	Note    string           `json:"note,omitempty"`
	Rules   []DisclosureRule `json:"rules"`
}

// DisclosureRules is the whole of sectors.json.
type DisclosureRules struct {
	General DisclosureSector   `json:"general"`
	Sectors []DisclosureSector `json:"sectors"`
}

// DecisionKinds are the kinds of enforcement decision, by name; the records
// codes (penalty, licensing …) are accepted for them too.
var DecisionKinds = map[string]string{
	"penalty": "行政处罚", "licensing": "行政许可", "coercion": "行政强制",
	"inspection": "行政检查", "expropriation": "行政征收征用", "confirmation": "行政确认",
}

var (
	disclosureOnce sync.Once
	disclosure     DisclosureRules
	disclosureErr  error
)

// Disclosure returns the shipped disclosure rules.
func Disclosure() (DisclosureRules, error) {
	disclosureOnce.Do(func() {
		b, err := fs.ReadFile(corpora.FS, "disclosure/sectors.json")
		if err == nil {
			err = json.Unmarshal(b, &disclosure)
		}
		if err != nil {
			disclosureErr = fmt.Errorf("rules: disclosure/sectors.json: %w", err)
		}
	})
	return disclosure, disclosureErr
}

// Sector finds a sector by name or alias.
func (r DisclosureRules) Sector(name string) (DisclosureSector, bool) {
	for _, s := range r.Sectors {
		if s.Name == name {
			return s, true
		}
		for _, a := range s.Aliases {
			if a == name {
				return s, true
			}
		}
	}
	return DisclosureSector{}, false
}

// Rule is the sector's rule id for kind, if it has one.
func (s DisclosureSector) Rule(id, kind string) (DisclosureRule, bool) {
	for _, r := range s.Rules {
		if r.ID != id {
			continue
		}
		for _, k := range r.Kinds {
			if k == kind {
				return r, true
			}
		}
	}
	return DisclosureRule{}, false
}

// kindName is the canonical name of kind (行政处罚 for penalty).
func kindName(kind string) (string, error) {
	kind = strings.TrimSpace(kind)
	if n, ok := DecisionKinds[kind]; ok {
		return n, nil
	}
	var names []string
	for _, n := range DecisionKinds {
		if n == kind {
			return n, nil
		}
		names = append(names, n)
	}
	sort.Strings(names)
	if kind == "" {
		return "", fieldErr("kind", "required: one of %s", strings.Join(names, ", "))
	}
	return "", fieldErr("kind", "%q is not a kind of decision: one of %s", kind, strings.Join(names, ", "))
}

// DisclosureRuleFor is the disclosure rule that applies to a decision of
// kind in sector ("" for none): the sector's own if it has one for the kind,
// else the general one.
func DisclosureRuleFor(kind, sector string) (DisclosureRule, error) {
	k, err := kindName(kind)
	if err != nil {
		return DisclosureRule{}, err
	}
	all, err := Disclosure()
	if err != nil {
		return DisclosureRule{}, err
	}
	if sector = strings.TrimSpace(sector); sector != "" {
		s, ok := all.Sector(sector)
		if !ok {
			var names []string
			for _, s := range all.Sectors {
				names = append(names, s.Name)
			}
			return DisclosureRule{}, fieldErr("sector", "%q has no disclosure rules here; known: %s", sector, strings.Join(names, ", "))
		}
		if r, ok := s.Rule("disclosure", k); ok {
			return r, nil
		}
	}
	if r, ok := all.General.Rule("disclosure", k); ok {
		return r, nil
	}
	return DisclosureRule{}, fmt.Errorf("rules: disclosure/sectors.json has no general rule for %s", k)
}

// DisclosureDue is the last day to disclose a decision of kind made on
// decided, and the number of working days allowed; the days are counted from
// the day after the decision on cal (nil: the library's schedule). A day of
// a year cal has no schedule for is a *FieldError on "decided" naming the
// missing year; an unknown kind or sector is one on "kind" or "sector".
func DisclosureDue(kind, sector string, decided time.Time, cal *Calendar) (time.Time, int, error) {
	r, err := DisclosureRuleFor(kind, sector)
	if err != nil {
		return time.Time{}, 0, err
	}
	due, err := cal.AddWorkingDays(decided, r.Value)
	if err != nil {
		if ns, ok := err.(*NoScheduleError); ok {
			return time.Time{}, 0, fieldErr("decided", "counting %d working days from %s: %s", r.Value, decided.Format("2006-01-02"), ns.Error())
		}
		return time.Time{}, 0, err
	}
	return due, r.Value, nil
}

// DisclosureDeadline is DisclosureDue's answer as the CLI and the API print it.
type DisclosureDeadline struct {
	Due         string `json:"due"` // YYYY-MM-DD
	WorkingDays int    `json:"working_days"`
}
