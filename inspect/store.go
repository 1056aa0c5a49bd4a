package inspect

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"reflect"
	"slices"
	"sort"
	"strings"
	"time"

	"zhifa/records"
	"zhifa/rules"
)

func fieldErr(field, format string, a ...any) error {
	return &records.FieldError{Field: field, Message: fmt.Sprintf(format, a...)}
}

func checkAgency(ctx context.Context, st *records.Store, id string) error {
	if strings.TrimSpace(id) == "" {
		return fieldErr("agency_id", "is required")
	}
	if _, err := st.GetAgency(ctx, id); err != nil {
		return fieldErr("agency_id", "no agency %s", id)
	}
	return nil
}

// PutTargets stores a registry of targets in one transaction (an import
// adds or replaces targets by credit code; it removes none).
func PutTargets(ctx context.Context, st *records.Store, actor string, ts []Target) error {
	ws := make([]records.ObjectWrite, 0, len(ts))
	checked := map[string]bool{}
	for _, t := range ts {
		if !checked[t.AgencyID] {
			if err := checkAgency(ctx, st, t.AgencyID); err != nil {
				return err
			}
			checked[t.AgencyID] = true
		}
		ws = append(ws, records.ObjectWrite{Kind: KindTarget, ID: t.ID, Key: t.AgencyID, Value: t})
	}
	return st.PutObjects(ctx, actor, ws...)
}

// PutMatters stores a 随机抽查事项清单 in one transaction.
func PutMatters(ctx context.Context, st *records.Store, actor string, ms []Matter) error {
	ws := make([]records.ObjectWrite, 0, len(ms))
	for _, m := range ms {
		if err := checkAgency(ctx, st, m.AgencyID); err != nil {
			return err
		}
		ws = append(ws, records.ObjectWrite{Kind: KindMatter, ID: m.ID, Key: m.AgencyID, Value: m})
	}
	return st.PutObjects(ctx, actor, ws...)
}

func list[T any](ctx context.Context, st *records.Store, kind, key string) ([]T, error) {
	var objs []records.Object
	var err error
	if key == "" {
		objs, err = st.ListObjects(ctx, kind, "")
	} else {
		objs, err = st.ListObjectsByKey(ctx, kind, key)
	}
	if err != nil {
		return nil, err
	}
	out := make([]T, 0, len(objs))
	for _, o := range objs {
		var v T
		if err := json.Unmarshal(o.Data, &v); err != nil {
			return nil, fmt.Errorf("inspect: %s %s: %w", kind, o.ID, err)
		}
		out = append(out, v)
	}
	return out, nil
}

// ListTargets lists an agency's targets ("" for all), by id.
func ListTargets(ctx context.Context, st *records.Store, agency string) ([]Target, error) {
	ts, err := list[Target](ctx, st, KindTarget, agency)
	sort.Slice(ts, func(i, j int) bool { return ts[i].ID < ts[j].ID })
	return ts, err
}

// ListMatters lists an agency's matters ("" for all), by id.
func ListMatters(ctx context.Context, st *records.Store, agency string) ([]Matter, error) {
	ms, err := list[Matter](ctx, st, KindMatter, agency)
	sort.Slice(ms, func(i, j int) bool { return ms[i].ID < ms[j].ID })
	return ms, err
}

// ListPlans lists an agency's plans ("" for all).
func ListPlans(ctx context.Context, st *records.Store, agency string) ([]Plan, error) {
	return list[Plan](ctx, st, KindPlan, agency)
}

// GetPlan reads a stored plan.
func GetPlan(ctx context.Context, st *records.Store, id string) (Plan, error) {
	var p Plan
	return p, st.GetObject(ctx, KindPlan, id, &p)
}

// CheckPlan resolves the plan's defaults from its matter and checks it,
// naming the field at fault.
func CheckPlan(ctx context.Context, st *records.Store, p Plan) (Plan, error) {
	if strings.TrimSpace(p.ID) == "" {
		return p, fieldErr("id", "is required")
	}
	if err := checkAgency(ctx, st, p.AgencyID); err != nil {
		return p, err
	}
	if p.MatterID != "" {
		var m Matter
		if err := st.GetObject(ctx, KindMatter, p.MatterID, &m); err != nil {
			return p, fieldErr("matter_id", "no 随机抽查事项 %s", p.MatterID)
		}
		if p.Category == "" {
			p.Category = m.Category
		}
		if p.Ratio == 0 && !p.Stratified {
			p.Ratio = m.Ratio
		}
	}
	if p.InspectorsPerTarget == 0 {
		p.InspectorsPerTarget = 2
	}
	if p.InspectorsPerTarget < 2 {
		return p, fieldErr("inspectors_per_target", "at least 2 inspectors per target (行政处罚法 第四十二条: 执法人员不得少于两人)")
	}
	okShare := func(r float64) bool { return r > 0 && r <= 1 && !math.IsNaN(r) }
	if p.Stratified {
		if len(p.RiskRatios) == 0 {
			return p, fieldErr("risk_ratios", "a stratified plan gives a share for each risk level (high, medium, low)")
		}
		for k, r := range p.RiskRatios {
			if !slices.Contains(RiskLevels, k) {
				return p, fieldErr("risk_ratios."+k, "not a risk level (high, medium, low)")
			}
			if !(r >= 0 && r <= 1) {
				return p, fieldErr("risk_ratios."+k, "%v is not a share from 0 to 1", r)
			}
		}
	} else if !okShare(p.Ratio) {
		return p, fieldErr("ratio", "%v is not a share above 0 and at most 1 (set it on the plan or its matter)", p.Ratio)
	}
	for i, r := range p.Recusals {
		if r.Inspector == "" || r.Target == "" {
			return p, fieldErr(fmt.Sprintf("recusals[%d]", i), "a recusal names an inspector and a target")
		}
	}
	return p, nil
}

// PutPlan checks and stores a plan.
func PutPlan(ctx context.Context, st *records.Store, actor string, p Plan) (Plan, error) {
	p, err := CheckPlan(ctx, st, p)
	if err != nil {
		return p, err
	}
	return p, st.PutObjects(ctx, actor, records.ObjectWrite{Kind: KindPlan, ID: p.ID, Key: p.AgencyID, Value: p})
}

// DrawID names the draw of a plan from a seed.
func DrawID(plan, seed string) string {
	sum := sha256.Sum256([]byte(seed))
	return plan + "-" + hex.EncodeToString(sum[:6])
}

// NewSeed makes an unpredictable seed: 128 bits from crypto/rand, in hex.
func NewSeed() (string, error) {
	var b [16]byte
	if _, err := rand.Read(b[:]); err != nil {
		return "", fmt.Errorf("inspect: seed: %w", err)
	}
	return hex.EncodeToString(b[:]), nil
}

func checkSeed(seed string) error {
	if len(seed) > 200 {
		return fieldErr("seed", "at most 200 characters")
	}
	for _, r := range seed {
		if r < ' ' || r == 0x7f {
			return fieldErr("seed", "holds a control character")
		}
	}
	return nil
}

// BuildLists gathers what a draw of p depends on, as of day: the targets of
// its agency (and industry), its eligible inspectors, its previous draw.
func BuildLists(ctx context.Context, st *records.Store, p Plan, day string) (Lists, error) {
	l := Lists{Plan: p, Targets: []Target{}, Inspectors: []Inspector{}, Previous: []Assignment{}}
	ts, err := ListTargets(ctx, st, p.AgencyID)
	if err != nil {
		return l, err
	}
	for _, t := range ts {
		if p.Industry == "" || t.Industry == p.Industry {
			l.Targets = append(l.Targets, t)
		}
	}
	os, err := st.ListOfficers(ctx, p.AgencyID)
	if err != nil {
		return l, err
	}
	for _, o := range os {
		if o.Certificate.Covers(p.Category, day) {
			l.Inspectors = append(l.Inspectors, Inspector{ID: o.ID, Name: o.Name, Certificate: o.Certificate.Number})
		}
	}
	sort.Slice(l.Inspectors, func(i, j int) bool { return l.Inspectors[i].ID < l.Inspectors[j].ID })
	prev, err := list[DrawRecord](ctx, st, KindDraw, p.ID)
	if err != nil {
		return l, err
	}
	if len(prev) > 0 {
		l.Previous = prev[len(prev)-1].Result.Draws
	}
	if len(l.Targets) == 0 {
		return l, fieldErr("targets", "agency %s has no inspection targets%s: import them first", p.AgencyID, map[bool]string{true: " in industry " + p.Industry}[p.Industry != ""])
	}
	return l, nil
}

// seedRecord is written, and committed to the audit chain, before the draw's
// result exists: the chain shows the seed and the lists were fixed first.
type seedRecord struct {
	DrawID      string `json:"draw_id"`
	Plan        string `json:"plan"`
	Seed        string `json:"seed"`
	Generated   bool   `json:"generated"` // made by crypto/rand, not given
	ListsSHA256 string `json:"lists_sha256"`
	At          string `json:"at"`
}

// Run draws plan p with seed ("" makes one): the seed and lists' hash are
// recorded in the audit chain first, then the draw. A plan already drawn
// with this seed is re-run from its recorded lists and must give the
// recorded result, which is returned (nothing new is written).
func Run(ctx context.Context, st *records.Store, actor string, p Plan, seed string, now time.Time) (Result, error) {
	p, err := CheckPlan(ctx, st, p)
	if err != nil {
		return Result{}, err
	}
	generated := seed == ""
	if generated {
		if seed, err = NewSeed(); err != nil {
			return Result{}, err
		}
	} else if err := checkSeed(seed); err != nil {
		return Result{}, err
	}
	id := DrawID(p.ID, seed)
	var rec DrawRecord
	err = st.GetObject(ctx, KindDraw, id, &rec)
	if err == nil {
		again, err := Draw(rec.Lists, seed)
		if err != nil {
			return Result{}, err
		}
		if !reflect.DeepEqual(again, rec.Result) {
			return Result{}, fmt.Errorf("inspect: draw %s does not re-run to its recorded result", id)
		}
		return rec.Result, nil
	} else if !errors.As(err, new(*records.NotFoundError)) {
		return Result{}, err
	}
	l, err := BuildLists(ctx, st, p, rules.Day(now))
	if err != nil {
		return Result{}, err
	}
	sum, err := ListsSHA256(l)
	if err != nil {
		return Result{}, err
	}
	if err := st.PutObjects(ctx, actor, records.ObjectWrite{Kind: KindSeed, ID: id, Key: p.ID,
		Value: seedRecord{DrawID: id, Plan: p.ID, Seed: seed, Generated: generated, ListsSHA256: sum, At: now.UTC().Format(time.RFC3339)}}); err != nil {
		return Result{}, err
	}
	res, err := Draw(l, seed)
	if err != nil {
		return Result{}, err
	}
	rec = DrawRecord{ID: id, Result: res, Lists: l, Day: rules.Day(now), DrawnAt: now.UTC().Format(time.RFC3339), Actor: actor}
	if err := st.PutObjects(ctx, actor, records.ObjectWrite{Kind: KindDraw, ID: id, Key: p.ID, Value: rec}); err != nil {
		return Result{}, err
	}
	return res, nil
}

// GetDraw reads a recorded draw.
func GetDraw(ctx context.Context, st *records.Store, id string) (DrawRecord, error) {
	var rec DrawRecord
	return rec, st.GetObject(ctx, KindDraw, id, &rec)
}

// ListDraws lists the recorded draws, of one plan when plan is not "".
func ListDraws(ctx context.Context, st *records.Store, plan string) ([]DrawRecord, error) {
	return list[DrawRecord](ctx, st, KindDraw, plan)
}

// RecordResult enters (or corrects) the result of one drawn target.
func RecordResult(ctx context.Context, st *records.Store, actor string, r InspectionResult) (InspectionResult, error) {
	rec, err := GetDraw(ctx, st, r.DrawID)
	if err != nil {
		return r, err
	}
	found := false
	for _, a := range rec.Result.Draws {
		found = found || a.Target == r.Target
	}
	if !found {
		return r, fieldErr("target", "%q was not drawn in %s", r.Target, r.DrawID)
	}
	for _, c := range OutcomeCodes {
		if r.Outcome == Outcomes[c] {
			r.Outcome = c
		}
	}
	name, ok := Outcomes[r.Outcome]
	if !ok {
		return r, fieldErr("outcome", "%q is not one of %s", r.Outcome, strings.Join(OutcomeCodes, ", "))
	}
	r.Name = name
	if _, ok := rules.ParseDay(r.Date); !ok {
		return r, fieldErr("date", "expected the inspection date YYYY-MM-DD, got %q", r.Date)
	}
	if r.Date < rules.Day(mustTime(rec.DrawnAt)) {
		return r, fieldErr("date", "%s is before the draw (%s)", r.Date, rules.Day(mustTime(rec.DrawnAt)))
	}
	if r.Outcome == "case_filed" && r.CaseID == "" {
		return r, fieldErr("case_id", "立案查处 names the case opened")
	}
	if r.CaseID != "" {
		if _, err := st.GetCase(ctx, r.CaseID, actor); err != nil {
			return r, fieldErr("case_id", "no case %s", r.CaseID)
		}
	}
	r.ID = r.DrawID + "/" + r.Target
	return r, st.PutObjects(ctx, actor, records.ObjectWrite{Kind: KindResult, ID: r.ID, CaseID: r.CaseID, Key: r.DrawID, Value: r})
}

func mustTime(s string) time.Time {
	t, _ := time.Parse(time.RFC3339, s)
	return t
}

// ListResults lists the results of a draw ("" for all draws).
func ListResults(ctx context.Context, st *records.Store, drawID string) ([]InspectionResult, error) {
	return list[InspectionResult](ctx, st, KindResult, drawID)
}
