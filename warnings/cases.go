package warnings

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"zhifa/records"
	"zhifa/rules"
)

// The deadlines of cases and their steps: computed by rules.CaseWarnings
// from the dates the record holds, and installed into records so that a
// step's own warnings (AppendStep, GetCase) are the same computation.
func init() {
	Register("case_steps", caseSource)
	records.SetCaseWarner(func(ctx context.Context, objs records.ObjectLister, c records.Case, now time.Time) []string {
		var out []string
		transfers, err := listOf[Transfer](ctx, objs, TransferKind, c.ID)
		if err != nil {
			out = append(out, "transfer records could not be read: "+err.Error())
		}
		exts, err := listOf[Extension](ctx, objs, ExtensionKind, c.ID)
		if err != nil {
			out = append(out, "extension records could not be read: "+err.Error())
		}
		ws := rules.CaseWarnings(CaseFacts(c, transfers, exts), now)
		for _, w := range ws {
			out = append(out, Text(w))
		}
		return out
	})
}

// Text is a warning as one line: what, then the rule.
func Text(w rules.Warning) string { return w.Message + " — " + w.Citation }

// FilingData is what the 立案 step's data may record for the limitation
// (行政处罚法 第三十六条); without violation_on no limitation warning is made.
type FilingData = records.FilingData

// Transfer is an object of kind "transfer" (涉嫌犯罪移送, 国务院令第730号),
// tied to its case: the dates its deadlines turn on.
type Transfer struct {
	CaseID     string    `json:"case_id"`
	ReportedOn string    `json:"reported_on"`          // YYYY-MM-DD the written report reached the head
	DecidedOn  string    `json:"decided_on,omitempty"` // YYYY-MM-DD approved or refused
	Approved   bool      `json:"approved,omitempty"`
	DecidedAt  time.Time `json:"decided_at,omitempty"` // RFC 3339, for the 24 hours
	SentAt     time.Time `json:"sent_at,omitempty"`    // RFC 3339, handed to the public-security organ
}

// TransferKind is the object kind of a case's transfer record.
const TransferKind = "transfer"

// Extension is an object of kind "extension", tied to its case: the agency
// head's approval to decide later than 九十日 from 立案. 行政处罚法 第六十条
// allows another limit only where 法律、法规、规章另有规定; Basis names that
// provision. An extension counts when approved before the limit then running
// ran out (rules.DecisionDue).
type Extension struct {
	ID         string `json:"id"`
	CaseID     string `json:"case_id"`
	ApprovedOn string `json:"approved_on"` // YYYY-MM-DD
	ApprovedBy string `json:"approved_by"` // the head who approved it (行政机关负责人)
	Days       int    `json:"days"`
	Reason     string `json:"reason"`
	Basis      string `json:"basis,omitempty"` // the 法律、法规、规章 provision that allows it
}

// ExtensionKind is the object kind of an extension of the time for the decision.
const ExtensionKind = "extension"

// DecisionExtensions are the extensions as rules reads them.
func DecisionExtensions(exts []Extension) []rules.DecisionExtension {
	var out []rules.DecisionExtension
	for _, e := range exts {
		out = append(out, rules.DecisionExtension{ApprovedOn: e.ApprovedOn, Days: e.Days})
	}
	return out
}

// ListExtensions reads caseID's extensions ("" for every case's).
func ListExtensions(ctx context.Context, objs records.ObjectLister, caseID string) ([]Extension, error) {
	return listOf[Extension](ctx, objs, ExtensionKind, caseID)
}

func listOf[T any](ctx context.Context, objs records.ObjectLister, kind, caseID string) ([]T, error) {
	if objs == nil {
		return nil, nil
	}
	list, err := objs.ListObjects(ctx, kind, caseID)
	if err != nil {
		return nil, err
	}
	out := make([]T, 0, len(list))
	for _, o := range list {
		var v T
		if err := json.Unmarshal(o.Data, &v); err != nil {
			return out, fmt.Errorf("%s %s: %w", kind, o.ID, err)
		}
		out = append(out, v)
	}
	return out, nil
}

// CaseFacts reads the dates of a case (with its steps) for rules.
func CaseFacts(c records.Case, transfers []Transfer, exts []Extension) rules.CaseFacts {
	f := rules.CaseFacts{AgencyID: c.AgencyID, CaseID: c.ID, DiscoveredOn: c.OpenedOn, Extensions: DecisionExtensions(exts)}
	if s, ok := firstStep(c.Steps, records.StepFiling); ok {
		f.FiledOn = s.Day()
		var d FilingData
		if json.Unmarshal(s.Data, &d) == nil {
			f.ViolationOn, f.Extended = d.ViolationOn, d.ExtendedLimitation
			if d.DiscoveredOn != "" {
				f.DiscoveredOn = d.DiscoveredOn
			}
		}
	}
	if s, ok := records.LatestStep(c.Steps, records.StepNotice); ok {
		f.NoticeOn = s.Day()
		f.StatementEnd, f.StatementRecorded = records.NoticePeriodEnd(s)
	}
	if s, ok := records.LatestStep(c.Steps, records.StepHearing); ok {
		f.Heard = true
		var d records.HearingData
		_ = json.Unmarshal(s.Data, &d)
		f.HearingOn, f.HearingNotifiedOn = d.Date, d.NotifiedOn
		if f.HearingOn == "" {
			f.HearingOn = s.Day()
		}
	}
	if s, ok := firstStep(c.Steps, records.StepDecision); ok {
		f.DecidedOn = s.Day()
	}
	if s, ok := firstStep(c.Steps, records.StepService); ok {
		f.ServedOn = s.Day()
	}
	for _, t := range transfers {
		f.Transfers = append(f.Transfers, rules.TransferFacts{ReportedOn: t.ReportedOn, DecidedOn: t.DecidedOn, Approved: t.Approved, DecidedAt: t.DecidedAt, SentAt: t.SentAt})
	}
	return f
}

func firstStep(steps []records.Step, kind string) (records.Step, bool) {
	for _, s := range steps {
		if s.Kind == kind {
			return s, true
		}
	}
	return records.Step{}, false
}

// caseSource lists the deadlines of every case not yet archived (归档 closes
// the record; what it holds late stays visible on the case itself).
func caseSource(ctx context.Context, st *records.Store, now time.Time) ([]rules.Warning, error) {
	cases, err := st.ListCases(ctx)
	if err != nil {
		return nil, err
	}
	steps, err := st.AllSteps(ctx)
	if err != nil {
		return nil, err
	}
	objs, err := st.ListObjects(ctx, TransferKind, "")
	if err != nil {
		return nil, err
	}
	allExts, err := ListExtensions(ctx, st, "")
	if err != nil {
		return nil, err
	}
	exts := map[string][]Extension{}
	for _, e := range allExts {
		exts[e.CaseID] = append(exts[e.CaseID], e)
	}
	transfers := map[string][]Transfer{}
	for _, o := range objs {
		var t Transfer
		if err := json.Unmarshal(o.Data, &t); err != nil {
			return nil, err
		}
		if t.CaseID == "" {
			t.CaseID = o.CaseID
		}
		transfers[t.CaseID] = append(transfers[t.CaseID], t)
	}
	var out []rules.Warning
	for _, c := range cases {
		if c.Status == records.StatusArchived {
			continue
		}
		c.Steps = steps[c.ID]
		out = append(out, rules.CaseWarnings(CaseFacts(c, transfers[c.ID], exts[c.ID]), now)...)
	}
	return out, nil
}
