// Package followup records what happens to a case beyond the agency's own
// steps, which the warnings and the annual statistics read: the 涉嫌犯罪移送
// (transfer) with the dates its deadlines turn on, the 复议 and 诉讼 (appeals)
// of a decision with their outcomes, and an agency's 统计年报 as reported and
// published. Each is a signed object in the records, so verify covers it.
package followup

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"

	"zhifa/records"
	"zhifa/warnings"
)

// AppealKind is the object kind of one 复议 or 诉讼 of a decision.
const AppealKind = "appeal"

// Appeal types and outcomes, as the statistics count them.
var (
	AppealTypes    = []string{"reconsideration", "litigation"}                     // 复议, 诉讼
	AppealOutcomes = []string{"upheld", "revoked", "changed", "confirmed_illegal"} // 维持, 撤销, 变更, 确认违法
)

// Appeal is one concluded 复议 or 诉讼 of a case's decision.
type Appeal struct {
	ID        string `json:"id"`
	CaseID    string `json:"case_id"`
	Type      string `json:"type"`
	Outcome   string `json:"outcome"`
	DecidedOn string `json:"decided_on"`          // YYYY-MM-DD the 复议决定 or judgment
	Authority string `json:"authority,omitempty"` // the 复议机关 or court
	DocNo     string `json:"doc_no,omitempty"`    // its 文号 or 案号
	Note      string `json:"note,omitempty"`
}

var cst = time.FixedZone("CST", 8*3600)

// now is replaced in tests.
var now = time.Now

func day(field, v string, required bool) (time.Time, error) {
	v = strings.TrimSpace(v)
	if v == "" {
		if required {
			return time.Time{}, &records.FieldError{Field: field, Message: "required (YYYY-MM-DD)"}
		}
		return time.Time{}, nil
	}
	t, err := time.ParseInLocation("2006-01-02", v, cst)
	if err != nil {
		return t, &records.FieldError{Field: field, Message: fmt.Sprintf("%q is not a date YYYY-MM-DD", v)}
	}
	if t.After(now().In(cst)) {
		return t, &records.FieldError{Field: field, Message: v + " is in the future"}
	}
	return t, nil
}

func oneOf(field, v string, allowed []string) error {
	for _, a := range allowed {
		if v == a {
			return nil
		}
	}
	return &records.FieldError{Field: field, Message: fmt.Sprintf("%q is not one of %s", v, strings.Join(allowed, ", "))}
}

func limit(field, v string, n int) error {
	if len([]rune(v)) > n {
		return &records.FieldError{Field: field, Message: fmt.Sprintf("longer than %d characters", n)}
	}
	return nil
}

// decisionDay is the day of the case's decision step, or a conflict when the
// case has none: only a decision can be appealed.
func decisionDay(ctx context.Context, st *records.Store, caseID string) (time.Time, error) {
	steps, err := st.Steps(ctx, caseID)
	if err != nil {
		return time.Time{}, err
	}
	for _, s := range steps {
		if s.Kind == records.StepDecision {
			d := s.At.In(cst)
			return time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, cst), nil
		}
	}
	return time.Time{}, &records.ConflictError{Code: "no_decision", Field: "case_id", Message: "case " + caseID + " has no decision to appeal"}
}

// RecordAppeal stores a concluded 复议 or 诉讼 of caseID's decision and
// returns it with its id.
func RecordAppeal(ctx context.Context, st *records.Store, actor, caseID string, a Appeal) (Appeal, error) {
	a.CaseID = caseID
	a.Type, a.Outcome = strings.TrimSpace(a.Type), strings.TrimSpace(a.Outcome)
	if err := oneOf("type", a.Type, AppealTypes); err != nil {
		return a, err
	}
	if err := oneOf("outcome", a.Outcome, AppealOutcomes); err != nil {
		return a, err
	}
	decided, err := day("decided_on", a.DecidedOn, true)
	if err != nil {
		return a, err
	}
	for _, f := range []struct{ name, v string }{{"authority", a.Authority}, {"doc_no", a.DocNo}} {
		if err := limit(f.name, f.v, 200); err != nil {
			return a, err
		}
	}
	if err := limit("note", a.Note, 4000); err != nil {
		return a, err
	}
	if _, err := st.GetCase(ctx, caseID, actor); err != nil {
		return a, err
	}
	dd, err := decisionDay(ctx, st, caseID)
	if err != nil {
		return a, err
	}
	if decided.Before(dd) {
		return a, &records.FieldError{Field: "decided_on", Message: a.DecidedOn + " is before the decision of " + dd.Format("2006-01-02")}
	}
	err = st.WithTx(ctx, actor, func(tx *records.Tx) error {
		prev, err := tx.ListObjects(ctx, AppealKind, caseID)
		if err != nil {
			return err
		}
		a.ID = fmt.Sprintf("ap-%s-%d", caseID, len(prev)+1)
		return tx.PutObjects(ctx, records.ObjectWrite{Kind: AppealKind, ID: a.ID, CaseID: caseID, Key: a.Type, Action: "create", Value: a})
	})
	return a, err
}

// transferID is the id of a case's one transfer record.
func transferID(caseID string) string { return "tr-" + caseID }

// RecordTransfer writes caseID's transfer record (涉嫌犯罪移送) as it now
// stands: the report first, then the approval and the hand-over as they happen.
// Each call gives the whole record; dates must follow one another.
func RecordTransfer(ctx context.Context, st *records.Store, actor, caseID string, t warnings.Transfer) (warnings.Transfer, error) {
	t.CaseID = caseID
	reported, err := day("reported_on", t.ReportedOn, true)
	if err != nil {
		return t, err
	}
	decided, err := day("decided_on", t.DecidedOn, false)
	if err != nil {
		return t, err
	}
	if !decided.IsZero() && decided.Before(reported) {
		return t, &records.FieldError{Field: "decided_on", Message: t.DecidedOn + " is before the report of " + t.ReportedOn}
	}
	if t.Approved && decided.IsZero() {
		return t, &records.FieldError{Field: "decided_on", Message: "required when approved"}
	}
	late := now().Add(5 * time.Minute)
	if !t.DecidedAt.IsZero() {
		if t.DecidedAt.After(late) {
			return t, &records.FieldError{Field: "decided_at", Message: "is in the future"}
		}
		if decided.IsZero() || t.DecidedAt.In(cst).Format("2006-01-02") != decided.Format("2006-01-02") {
			return t, &records.FieldError{Field: "decided_at", Message: "must fall on decided_on"}
		}
	}
	if !t.SentAt.IsZero() {
		if !t.Approved {
			return t, &records.FieldError{Field: "sent_at", Message: "only an approved transfer is sent"}
		}
		if t.DecidedAt.IsZero() {
			return t, &records.FieldError{Field: "decided_at", Message: "required when sent_at is given (the 24 hours run from it)"}
		}
		if t.SentAt.After(late) {
			return t, &records.FieldError{Field: "sent_at", Message: "is in the future"}
		}
		if t.SentAt.Before(t.DecidedAt) {
			return t, &records.FieldError{Field: "sent_at", Message: "is before decided_at"}
		}
	}
	c, err := st.GetCase(ctx, caseID, actor)
	if err != nil {
		return t, err
	}
	if opened, err := time.ParseInLocation("2006-01-02", c.OpenedOn, cst); err == nil && reported.Before(opened) {
		return t, &records.FieldError{Field: "reported_on", Message: t.ReportedOn + " is before the case opened on " + c.OpenedOn}
	}
	err = st.WithTx(ctx, actor, func(tx *records.Tx) error {
		action := "create"
		var old warnings.Transfer
		err := tx.GetObject(ctx, warnings.TransferKind, transferID(caseID), &old)
		var nf *records.NotFoundError
		switch {
		case err == nil:
			action = "update"
		case !errors.As(err, &nf):
			return err
		}
		return tx.PutObjects(ctx, records.ObjectWrite{Kind: warnings.TransferKind, ID: transferID(caseID), CaseID: caseID, Action: action, Value: t})
	})
	return t, err
}

// RecordAnnualReport records that agency's 统计年报 of a year was reported to
// the justice department and/or published; once both are, its warnings stop.
// A later call may add the day that was missing.
func RecordAnnualReport(ctx context.Context, st *records.Store, actor string, r warnings.AnnualReport) (warnings.AnnualReport, error) {
	if strings.TrimSpace(r.AgencyID) == "" {
		return r, &records.FieldError{Field: "agency_id", Message: "required"}
	}
	if r.Year < 2000 || r.Year > now().In(cst).Year() {
		return r, &records.FieldError{Field: "year", Message: fmt.Sprintf("%d is not a year from 2000 to this year", r.Year)}
	}
	rep, err := day("reported_on", r.ReportedOn, false)
	if err != nil {
		return r, err
	}
	pub, err := day("published_on", r.PublishedOn, false)
	if err != nil {
		return r, err
	}
	if rep.IsZero() && pub.IsZero() {
		return r, &records.FieldError{Field: "reported_on", Message: "give reported_on, published_on or both"}
	}
	for _, d := range []struct {
		field string
		t     time.Time
	}{{"reported_on", rep}, {"published_on", pub}} {
		if !d.t.IsZero() && d.t.Year() <= r.Year {
			return r, &records.FieldError{Field: d.field, Message: fmt.Sprintf("the %d report is made after the year ends", r.Year)}
		}
	}
	if _, err := st.GetAgency(ctx, r.AgencyID); err != nil {
		return r, &records.FieldError{Field: "agency_id", Message: "no agency " + r.AgencyID}
	}
	id := fmt.Sprintf("%s/%d", r.AgencyID, r.Year)
	err = st.WithTx(ctx, actor, func(tx *records.Tx) error {
		action := "create"
		var old warnings.AnnualReport
		err := tx.GetObject(ctx, warnings.AnnualReportKind, id, &old)
		var nf *records.NotFoundError
		switch {
		case err == nil:
			action = "update"
			if r.ReportedOn == "" {
				r.ReportedOn = old.ReportedOn
			}
			if r.PublishedOn == "" {
				r.PublishedOn = old.PublishedOn
			}
		case !errors.As(err, &nf):
			return err
		}
		return tx.PutObjects(ctx, records.ObjectWrite{Kind: warnings.AnnualReportKind, ID: id, Key: r.AgencyID, Action: action, Value: r})
	})
	return r, err
}

// Appeals lists caseID's recorded appeals, oldest first.
func Appeals(ctx context.Context, st *records.Store, caseID string) ([]Appeal, error) {
	objs, err := st.ListObjects(ctx, AppealKind, caseID)
	if err != nil {
		return nil, err
	}
	out := make([]Appeal, 0, len(objs))
	for _, o := range objs {
		var a Appeal
		if err := json.Unmarshal(o.Data, &a); err != nil {
			return nil, fmt.Errorf("followup: appeal %s: %w", o.ID, err)
		}
		out = append(out, a)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].DecidedOn < out[j].DecidedOn })
	return out, nil
}

// GetTransfer reads caseID's transfer record; none is a *records.NotFoundError.
func GetTransfer(ctx context.Context, st *records.Store, caseID string) (warnings.Transfer, error) {
	var t warnings.Transfer
	err := st.GetObject(ctx, warnings.TransferKind, transferID(caseID), &t)
	return t, err
}

// RecordExtension stores the agency head's approval to decide caseID later
// than 九十日 from 立案 (行政处罚法 第六十条: 法律、法规、规章另有规定的，从其规定)
// and returns it with its id. It is approved on or after 立案 and before any
// decision; whether it came before the limit ran out is for the warnings and
// the legal-review checklist to say, not a reason to refuse the record.
func RecordExtension(ctx context.Context, st *records.Store, actor, caseID string, e warnings.Extension) (warnings.Extension, error) {
	e.CaseID = caseID
	e.ApprovedBy, e.Reason, e.Basis = strings.TrimSpace(e.ApprovedBy), strings.TrimSpace(e.Reason), strings.TrimSpace(e.Basis)
	approved, err := day("approved_on", e.ApprovedOn, true)
	if err != nil {
		return e, err
	}
	if e.ApprovedBy == "" {
		return e, &records.FieldError{Field: "approved_by", Message: "required: the agency head (行政机关负责人) who approved the extension"}
	}
	if e.Days < 1 || e.Days > 365 {
		return e, &records.FieldError{Field: "days", Message: fmt.Sprintf("%d is not a number of days (1–365)", e.Days)}
	}
	if e.Reason == "" {
		return e, &records.FieldError{Field: "reason", Message: "required: why the decision cannot be made in time"}
	}
	for _, f := range []struct {
		name, v string
		n       int
	}{{"approved_by", e.ApprovedBy, 200}, {"basis", e.Basis, 500}, {"reason", e.Reason, 4000}} {
		if err := limit(f.name, f.v, f.n); err != nil {
			return e, err
		}
	}
	if _, err := st.GetCase(ctx, caseID, actor); err != nil {
		return e, err
	}
	steps, err := st.Steps(ctx, caseID)
	if err != nil {
		return e, err
	}
	filed := ""
	for _, s := range steps {
		switch s.Kind {
		case records.StepFiling:
			filed = s.Day()
		case records.StepDecision:
			if e.ApprovedOn > s.Day() {
				return e, &records.FieldError{Field: "approved_on", Message: e.ApprovedOn + " is after the decision of " + s.Day() + ": an extension comes before it"}
			}
		}
	}
	if filed == "" {
		return e, &records.ConflictError{Code: "not_filed", Field: "case_id", Message: "case " + caseID + " has no 立案: the 九十日 have not begun"}
	}
	if approved.Format("2006-01-02") < filed {
		return e, &records.FieldError{Field: "approved_on", Message: e.ApprovedOn + " is before the 立案 of " + filed}
	}
	err = st.WithTx(ctx, actor, func(tx *records.Tx) error {
		prev, err := tx.ListObjects(ctx, warnings.ExtensionKind, caseID)
		if err != nil {
			return err
		}
		e.ID = fmt.Sprintf("ext-%s-%d", caseID, len(prev)+1)
		return tx.PutObjects(ctx, records.ObjectWrite{Kind: warnings.ExtensionKind, ID: e.ID, CaseID: caseID, Action: "create", Value: e})
	})
	return e, err
}

// Extensions lists caseID's recorded extensions, in the order approved.
func Extensions(ctx context.Context, st *records.Store, caseID string) ([]warnings.Extension, error) {
	out, err := warnings.ListExtensions(ctx, st, caseID)
	sort.SliceStable(out, func(i, j int) bool { return out[i].ApprovedOn < out[j].ApprovedOn })
	return out, err
}
