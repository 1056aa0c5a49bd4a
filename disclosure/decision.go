package disclosure

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"time"
	"unicode"

	"zhifa/nlp"
	"zhifa/records"
)

func init() {
	records.RegisterStepHook("disclosure", onDecision)
}

// kindNames are the disclosure kinds the deadline rules know, by power-item kind.
var kindNames = map[string]string{
	records.KindPenalty:       "行政处罚",
	records.KindLicensing:     "行政许可",
	records.KindCoercion:      "行政强制",
	records.KindInspection:    "行政检查",
	records.KindExpropriation: "行政征收征用",
	records.KindConfirmation:  "行政确认",
}

// DueFunc computes when a decision of kind (行政处罚, …) under sector's rule
// ("" = the plans' rule) must be public, and the working days that makes; an
// error when the calendar cannot say (a year with no official schedule).
type DueFunc func(kind, sector string, decided time.Time) (due time.Time, workingDays int, err error)

// SectorFunc picks the sector rule for an agency from its domains ("" = none).
type SectorFunc func(domains []string) string

var (
	dueFunc DueFunc = func(string, string, time.Time) (time.Time, int, error) {
		return time.Time{}, 0, fmt.Errorf("no working-day calendar")
	}
	sectorFunc SectorFunc = func([]string) string { return "" }
)

// SetCalendar sets how due dates and sectors are found (rules' calendar).
func SetCalendar(due DueFunc, sector SectorFunc) {
	dueFunc, sectorFunc = due, sector
}

// onDecision creates the decision's disclosure record, due on the official
// calendar, in the transaction that records the decision.
func onDecision(ctx context.Context, tx *records.Tx, c records.Case, prior []records.Step, next records.Step) error {
	if next.Kind != records.StepDecision {
		return nil
	}
	var old Disclosure
	switch err := tx.GetObject(ctx, Kind, idOf(c.ID), &old); {
	case err == nil:
		return nil // a second decision step (a corrected record) keeps the first disclosure and its history
	case !isNotFound(err):
		return err
	}
	var dec records.Decision
	if len(next.Data) > 0 {
		if err := json.Unmarshal(next.Data, &dec); err != nil {
			return &records.FieldError{Field: "data", Message: "decision data: " + err.Error()}
		}
	}
	decided := next.At.In(cst)
	if t, err := time.ParseInLocation("2006-01-02", dec.Date, cst); err == nil {
		decided = t
	}
	kind := "行政处罚"
	if c.PowerItemID != "" {
		if p, err := tx.GetPowerItem(ctx, c.PowerItemID); err == nil && kindNames[p.Kind] != "" {
			kind = kindNames[p.Kind]
		}
	}
	sector, region := "", ""
	if a, err := tx.GetAgency(ctx, c.AgencyID); err == nil {
		sector, region = sectorFunc(a.Domains), a.Region
	}
	d := Disclosure{ID: idOf(c.ID), CaseID: c.ID, AgencyID: c.AgencyID, Kind: kind, Sector: sector,
		DecidedOn: decided.Format("2006-01-02"), Status: StatusPending, CreatedAt: now().UTC()}
	if due, n, err := dueFunc(kind, sector, decided); err != nil {
		d.DueError = "the due date cannot be computed: " + err.Error()
	} else {
		d.DueOn, d.WorkingDays = due.Format("2006-01-02"), n
	}
	d.PushDueOn, d.PushNote = pushRule(sector, region, c, decided)
	return tx.PutObjects(ctx, records.ObjectWrite{Kind: Kind, ID: d.ID, CaseID: d.CaseID, Key: d.AgencyID, Action: "create", Value: d})
}

// Preview is what a reviewer compares before publishing: the original texts
// and the masked ones, with what was masked.
type Preview struct {
	Disclosure Disclosure `json:"disclosure"`
	Original   Summary    `json:"original"`
	Masked     Summary    `json:"masked"`
	Text       string     `json:"text"` // the masked public text
	OrigText   string     `json:"original_text"`
	Spans      []nlp.Span `json:"spans"` // in original_text
	// The case's latest 行政处罚决定书, when one was drafted: its text and
	// the masked text, for the sectors that publish the whole decision.
	FullOriginal string     `json:"full_original,omitempty"`
	FullMasked   string     `json:"full_masked,omitempty"`
	FullSpans    []nlp.Span `json:"full_spans,omitempty"`
}

// decisionDocKinds are the document kinds whose text is the decision.
var decisionDocKinds = map[string]bool{"行政处罚决定书": true, "不予行政处罚决定书": true}

// PreviewOf builds the public text of a case's decision from the record.
func PreviewOf(ctx context.Context, st *records.Store, id, actor string) (Preview, error) {
	d, err := Get(ctx, st, id)
	if err != nil {
		return Preview{}, err
	}
	c, err := st.GetCase(ctx, d.CaseID, actor)
	if err != nil {
		return Preview{}, err
	}
	a, err := st.GetAgency(ctx, c.AgencyID)
	if err != nil {
		return Preview{}, fmt.Errorf("disclosure %s: agency: %w", d.ID, err)
	}
	orig := summaryOf(c, a)
	docs, err := st.ListDocuments(ctx, c.ID)
	if err != nil {
		return Preview{}, err
	}
	var latest *records.Document
	for i := range docs {
		if decisionDocKinds[docs[i].Kind] && (latest == nil || docs[i].CreatedAt.After(latest.CreatedAt)) {
			latest = &docs[i]
		}
	}
	if orig.Number == "" && latest != nil {
		orig.Number = latest.Number // the 文号 the drafted 决定书 carries
	}
	r := redactorFor(c)
	origText := orig.text()
	masked, spans := r.Redact(origText)
	ms := orig
	ms.Party, _ = r.Redact(orig.Party)
	ms.Facts, _ = r.Redact(orig.Facts)
	ms.Violation, _ = r.Redact(orig.Violation)
	ms.Result, _ = r.Redact(orig.Result)
	p := Preview{Disclosure: d, Original: orig, Masked: ms, Text: masked, OrigText: origText, Spans: spans}
	if latest != nil {
		b, err := st.ReadFile(latest.SHA256)
		if err != nil {
			return p, fmt.Errorf("disclosure %s: 决定书 %s: %w", d.ID, latest.ID, err)
		}
		p.FullOriginal = strings.TrimSpace(records.DocumentText(b))
		p.FullMasked, p.FullSpans = r.Redact(p.FullOriginal)
	}
	return p, nil
}

// redactorFor knows the natural persons of the case: parties who are persons
// and every legal representative, so they are masked wherever named.
func redactorFor(c records.Case) *nlp.Redactor {
	r := nlp.NewRedactor()
	for _, p := range c.Parties {
		if n := personName(p.Name); p.Kind == records.PartyPerson && n != "" {
			r.Know(n)
		}
		if n := personName(p.LegalRep); n != "" {
			r.Know(n)
		}
	}
	return r
}

// personName is the name in a record's name field, without a parenthetical
// remark (（虚构）, (曾用名…)); "" when what is left is not a name of two to
// four Han characters, so a remark alone is never taken for a person.
func personName(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.IndexAny(s, "（("); i >= 0 {
		s = strings.TrimSpace(s[:i])
	}
	n := 0
	for _, r := range s {
		if !unicode.Is(unicode.Han, r) {
			return ""
		}
		n++
	}
	if n < 2 || n > 4 {
		return ""
	}
	return s
}

func summaryOf(c records.Case, a records.Agency) Summary {
	s := Summary{Agency: a.Name, Violation: c.Title, Facts: c.Facts}
	var parties []string
	for _, p := range c.Parties {
		parties = append(parties, p.Name)
		if p.Kind == records.PartyOrganization && s.CreditID == "" {
			s.CreditID = p.CreditCode
		}
	}
	s.Party = strings.Join(parties, "、")
	if d := c.Decision; d != nil {
		s.Number, s.Basis, s.Date = d.Number, d.PenaltyBasis, d.Date
		// the decision's own words when it has them; otherwise its figures
		var res []string
		if d.Confiscation > 0 {
			res = append(res, "没收违法所得"+yuan(d.Confiscation)+"元")
		}
		if d.Fine > 0 {
			res = append(res, "罚款"+yuan(d.Fine)+"元")
		}
		s.Result = strings.Join(res, "，")
		if d.Summary != "" {
			s.Result = d.Summary
		}
	}
	return s
}

// text is the summary as published, one labelled line per item, the way
// agencies publish 行政处罚决定信息.
func (s Summary) text() string {
	var b strings.Builder
	line := func(label, v string) {
		if v != "" {
			b.WriteString(label + "：" + v + "\n")
		}
	}
	line("行政处罚决定书文号", s.Number)
	line("处罚机关", s.Agency)
	line("当事人名称或者姓名", s.Party)
	line("统一社会信用代码", s.CreditID)
	line("违法行为类型", s.Violation)
	line("主要违法事实", s.Facts)
	line("处罚依据", s.Basis)
	line("处罚内容", s.Result)
	line("作出处罚决定的日期", s.Date)
	return b.String()
}

func yuan(v float64) string {
	if v == float64(int64(v)) {
		return fmt.Sprintf("%d", int64(v))
	}
	return fmt.Sprintf("%.2f", v)
}
