package review

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io/fs"
	"math"
	"math/rand/v2"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"zhifa/corpora"
	"zhifa/records"
)

// Standard is a 案卷标准: the items a closed case file is scored on (案卷评查).
type Standard struct {
	Name  string         `json:"name"`
	Items []StandardItem `json:"items"`
}

// StandardItem is one scored item: which checklist points it looks at (or
// which content of the file it requires), its weight, and what each finding costs.
type StandardItem struct {
	ID       string   `json:"id"`
	Item     string   `json:"item"`
	Max      float64  `json:"max"`
	Points   []string `json:"points,omitempty"`   // checklist point keys
	Requires string   `json:"requires,omitempty"` // review | archived
	Fail     float64  `json:"fail"`               // deducted per failing finding
	Warn     float64  `json:"warn,omitempty"`     // deducted per warning
	Policy   string   `json:"policy,omitempty"`
	Quote    string   `json:"quote,omitempty"`
}

// Evaluation is the score of one case file.
type Evaluation struct {
	Score float64     `json:"score"`
	Max   float64     `json:"max"`
	Items []ItemScore `json:"items"`
}

// ItemScore is one item's score and the findings that cost it.
type ItemScore struct {
	Item     string    `json:"item"`
	Score    float64   `json:"score"`
	Max      float64   `json:"max"`
	Findings []Finding `json:"findings"`
}

// ParseStandard reads and checks a 案卷标准 file; errors name the item and field.
func ParseStandard(name string, data []byte) (*Standard, error) {
	var s Standard
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&s); err != nil {
		return nil, fmt.Errorf("%s:%d: %w", name, lineAt(data, dec.InputOffset()), err)
	}
	bad := func(i int, field, format string, a ...any) error {
		return fmt.Errorf("%s: items[%d].%s: %s", name, i, field, fmt.Sprintf(format, a...))
	}
	if strings.TrimSpace(s.Name) == "" || len(s.Items) == 0 {
		return nil, fmt.Errorf("%s: name and items are required", name)
	}
	seen := map[string]bool{}
	for i, it := range s.Items {
		switch {
		case it.ID == "" || seen[it.ID]:
			return nil, bad(i, "id", "%q is empty or used twice", it.ID)
		case strings.TrimSpace(it.Item) == "":
			return nil, bad(i, "item", "is required")
		case it.Max <= 0 || it.Max > 1000:
			return nil, bad(i, "max", "%v must be above 0", it.Max)
		case it.Fail < 0 || it.Warn < 0:
			return nil, bad(i, "fail", "deductions are 0 or more")
		case len(it.Points) == 0 && it.Requires == "":
			return nil, bad(i, "points", "an item looks at checklist points or requires a content of the file")
		case it.Requires != "" && it.Requires != "review" && it.Requires != "archived":
			return nil, bad(i, "requires", "%q must be review or archived", it.Requires)
		}
		for _, p := range it.Points {
			if !slices.Contains(PointKeys, p) {
				return nil, bad(i, "points", "%q is not a checklist point (%s)", p, strings.Join(PointKeys, ", "))
			}
		}
		seen[it.ID] = true
	}
	return &s, nil
}

var (
	stdOnce sync.Once
	stdDef  *Standard
)

// DefaultStandard is corpora/review/evaluation.json.
func DefaultStandard() *Standard {
	stdOnce.Do(func() {
		b, err := fs.ReadFile(corpora.FS, "review/evaluation.json")
		if err == nil {
			stdDef, err = ParseStandard("corpora/review/evaluation.json", b)
		}
		if err != nil {
			panic("review: embedded 案卷标准: " + err.Error()) // tested; a build defect
		}
	})
	return stdDef
}

// Evaluate scores a decided case's file against the standard; rv is its legal
// review (nil when none).
func Evaluate(cf CaseFile, rv *Review, std *Standard) Evaluation {
	cl := Check(cf)
	byKey := map[string]Point{}
	for _, p := range cl.Points {
		byKey[p.Key] = p
	}
	out := Evaluation{Items: []ItemScore{}}
	for _, it := range std.Items {
		is := ItemScore{Item: it.Item, Max: it.Max, Findings: []Finding{}}
		lost := 0.0
		for _, k := range it.Points {
			p := byKey[k]
			for _, f := range p.Findings {
				switch {
				case f.severity == StatusFail:
					lost += it.Fail
				case f.severity == StatusWarn:
					lost += it.Warn
				case p.Status == StatusNotRun:
					lost += it.Fail
				default:
					continue
				}
				is.Findings = append(is.Findings, f)
			}
		}
		switch it.Requires {
		case "review":
			if f, ok := reviewFinding(cf, rv); !ok {
				lost += it.Fail
				is.Findings = append(is.Findings, f)
			}
		case "archived":
			for _, k := range []string{records.StepClosing, records.StepArchiving} {
				if _, ok := firstStep(cf.Case.Steps, k); !ok {
					lost += it.Fail
					is.Findings = append(is.Findings, Finding{Message: "the file has no " + records.StepNames[k] + " step", Citation: citeRecord, Record: cf.Case.ID})
				}
			}
		}
		is.Score = math.Round(math.Max(0, it.Max-lost)*10) / 10
		out.Score += is.Score
		out.Max += it.Max
		out.Items = append(out.Items, is)
	}
	out.Score = math.Round(out.Score*10) / 10
	return out
}

// reviewFinding checks that a decision in review scope was approved before it was made.
func reviewFinding(cf CaseFile, rv *Review) (Finding, bool) {
	if !cf.Scope.Required {
		return Finding{}, true
	}
	cite := cfl + "第五十八条第一款"
	dec, decided := records.LatestStep(cf.Case.Steps, records.StepDecision)
	if rv == nil || !rv.Passed() {
		return Finding{Message: "the decision is in review scope but its file holds no passed legal review", Citation: cite, Record: cf.Case.ID}, false
	}
	at := rv.UpdatedAt
	if rv.Collective != nil {
		at = rv.Collective.At
	} else if o := rv.Rounds[len(rv.Rounds)-1].Opinion; o != nil {
		at = o.At
	}
	if decided && at.After(dec.At) {
		return Finding{Message: fmt.Sprintf("the review passed on %s, after the decision (%s)", at.Format(time.RFC3339), dec.At.Format(time.RFC3339)), Citation: cite, Record: rv.ID}, false
	}
	return Finding{}, true
}

// EvaluateCase scores one decided case from the records.
func EvaluateCase(ctx context.Context, st *records.Store, caseID, actor string, std *Standard) (Evaluation, error) {
	cf, err := LoadCaseFile(ctx, st, caseID, actor, time.Now())
	if err != nil {
		return Evaluation{}, err
	}
	if cf.Case.Decision == nil {
		return Evaluation{}, conflict("case", "case %s has no decision: 评查 scores decided case files", caseID)
	}
	var rv *Review
	var r Review
	if err := st.GetObject(ctx, reviewKind, reviewID(caseID), &r); err == nil {
		rv = &r
	} else if !isNotFound(err) {
		return Evaluation{}, err
	}
	return Evaluate(cf, rv, std), nil
}

// SampleResult is one sampled case and its evaluation.
type SampleResult struct {
	CaseID   string `json:"case_id"`
	AgencyID string `json:"agency_id"`
	Evaluation
}

// AgencyScore sums one agency's sampled cases.
type AgencyScore struct {
	AgencyID string             `json:"agency_id"`
	Cases    int                `json:"cases"`
	Mean     float64            `json:"mean"`
	Min      float64            `json:"min"`
	Max      float64            `json:"max"`
	Items    map[string]float64 `json:"items"` // mean score per item
}

// SampleReport is a seeded sample of closed cases and their scores by agency.
type SampleReport struct {
	Seed       uint64         `json:"seed"`
	From       string         `json:"from"`
	To         string         `json:"to"`
	Population int            `json:"population"` // closed cases decided in [from, to]
	Cases      []SampleResult `json:"cases"`
	Agencies   []AgencyScore  `json:"agencies"`
}

// Sample draws n closed cases (结案 or 归档) decided between from and to,
// reproducibly for a seed: the population is sorted by id before a seeded
// shuffle, so the same records and seed give the same sample.
func Sample(ctx context.Context, st *records.Store, n int, from, to string, seed uint64, actor string, std *Standard) (SampleReport, error) {
	rep := SampleReport{Seed: seed, From: from, To: to, Cases: []SampleResult{}, Agencies: []AgencyScore{}}
	if n <= 0 {
		return rep, fieldErr("sample", "must be a number of cases above 0")
	}
	for _, f := range []struct{ name, v string }{{"from", from}, {"to", to}} {
		if _, err := time.Parse("2006-01-02", f.v); err != nil {
			return rep, fieldErr(f.name, "%q is not a date YYYY-MM-DD", f.v)
		}
	}
	if from > to {
		return rep, fieldErr("from", "%s is after to (%s)", from, to)
	}
	cases, err := st.ListCases(ctx)
	if err != nil {
		return rep, err
	}
	var pop []records.Case
	for _, c := range cases {
		if (c.Status == records.StatusClosed || c.Status == records.StatusArchived) && c.Decision != nil && c.Decision.Date >= from && c.Decision.Date <= to {
			pop = append(pop, c)
		}
	}
	sort.Slice(pop, func(i, j int) bool { return pop[i].ID < pop[j].ID })
	rep.Population = len(pop)
	r := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	r.Shuffle(len(pop), func(i, j int) { pop[i], pop[j] = pop[j], pop[i] })
	pop = pop[:min(n, len(pop))]
	sort.Slice(pop, func(i, j int) bool { return pop[i].ID < pop[j].ID })
	byAgency := map[string]*AgencyScore{}
	var order []string
	for _, c := range pop {
		ev, err := EvaluateCase(ctx, st, c.ID, actor, std)
		if err != nil {
			return rep, err
		}
		rep.Cases = append(rep.Cases, SampleResult{CaseID: c.ID, AgencyID: c.AgencyID, Evaluation: ev})
		a, ok := byAgency[c.AgencyID]
		if !ok {
			a = &AgencyScore{AgencyID: c.AgencyID, Min: ev.Score, Max: ev.Score, Items: map[string]float64{}}
			byAgency[c.AgencyID] = a
			order = append(order, c.AgencyID)
		}
		a.Cases++
		a.Mean += ev.Score
		a.Min, a.Max = math.Min(a.Min, ev.Score), math.Max(a.Max, ev.Score)
		for _, it := range ev.Items {
			a.Items[it.Item] += it.Score
		}
	}
	sort.Strings(order)
	for _, id := range order {
		a := byAgency[id]
		a.Mean = math.Round(a.Mean/float64(a.Cases)*10) / 10
		for k, v := range a.Items {
			a.Items[k] = math.Round(v/float64(a.Cases)*10) / 10
		}
		rep.Agencies = append(rep.Agencies, *a)
	}
	return rep, nil
}
