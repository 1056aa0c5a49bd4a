package records

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"sync"
	"time"

	"zhifa/internal/jsonpath"
)

// NoticeData is the data of a 告知 step: the end of the 陈述申辩 period.
type NoticeData struct {
	PeriodEnd string `json:"period_end"` // YYYY-MM-DD, last day the party may state and defend
	Content   string `json:"content,omitempty"`
}

// FilingData is what the 立案 step's data may record: the day the clue was
// found, from which an agency's own time for 立案 runs (行政处罚法 第五十四条
// says 及时立案 and sets no number), and the dates of the limitation
// (第三十六条).
type FilingData struct {
	DiscoveredOn       string `json:"discovered_on,omitempty"`       // YYYY-MM-DD 发现案件线索之日
	ViolationOn        string `json:"violation_on,omitempty"`        // YYYY-MM-DD 违法行为发生之日, or 终了之日 if continuing
	ExtendedLimitation bool   `json:"extended_limitation,omitempty"` // 涉及公民生命健康安全、金融安全且有危害后果: 五年
}

// LegalReviewData is the data of a 法制审核 step (行政处罚法 第五十八条).
type LegalReviewData struct {
	Opinion  string `json:"opinion,omitempty"`  // 审核意见
	Reviewer string `json:"reviewer,omitempty"` // 审核人员
	Date     string `json:"date,omitempty"`     // YYYY-MM-DD; the step's day when absent
	Note     string `json:"note,omitempty"`
}

// HearingData is the data of a 听证 step (行政处罚法 第六十四条).
type HearingData struct {
	Date        string `json:"date,omitempty"` // YYYY-MM-DD of the hearing; the step's day when absent
	Time        string `json:"time,omitempty"` // HH:MM
	Place       string `json:"place,omitempty"`
	Host        string `json:"host,omitempty"`         // 主持人
	Statements  string `json:"statements,omitempty"`   // 当事人的陈述、申辩和质证意见
	RequestedOn string `json:"requested_on,omitempty"` // YYYY-MM-DD the party asked for the hearing, within 五日 of 告知
	NotifiedOn  string `json:"notified_on,omitempty"`  // YYYY-MM-DD the 听证通知书 was issued, ≥7 days before
	Note        string `json:"note,omitempty"`
}

// CollectiveData is the data of a 集体讨论 step (行政处罚法 第五十七条第二款).
type CollectiveData struct {
	Date         string   `json:"date,omitempty"` // YYYY-MM-DD; the step's day when absent
	Place        string   `json:"place,omitempty"`
	Participants []string `json:"participants,omitempty"`
	Conclusion   string   `json:"conclusion,omitempty"`
	Note         string   `json:"note,omitempty"` // read as the conclusion when that is absent
}

// ExecutionData is the data of a 执行 step.
type ExecutionData struct {
	Note string `json:"note,omitempty"` // 执行情况
}

// Day is the step's date (YYYY-MM-DD, China time).
func (s Step) Day() string { return day(s.At) }

// LatestStep is the last step of kind among steps (in their order).
func LatestStep(steps []Step, kind string) (Step, bool) {
	for i := len(steps) - 1; i >= 0; i-- {
		if steps[i].Kind == kind {
			return steps[i], true
		}
	}
	return Step{}, false
}

// checkDetailData checks the data of a 听证, 法制审核, 集体讨论 or 执行 step: the shape of its
// fields and its dates; other fields are kept as given.
func checkDetailData(kind string, data json.RawMessage) error {
	if len(data) == 0 || string(data) == "null" {
		return nil
	}
	var date, tm, notified, requested string
	var err error
	switch kind {
	case StepHearing:
		var d HearingData
		err = decodeData(data, &d)
		date, tm, notified, requested = d.Date, d.Time, d.NotifiedOn, d.RequestedOn
	case StepLegalReview:
		var d LegalReviewData
		err = decodeData(data, &d)
		date = d.Date
	case StepCollective:
		var d CollectiveData
		err = decodeData(data, &d)
		date = d.Date
	case StepExecution:
		var d ExecutionData
		err = decodeData(data, &d)
	}
	if err != nil {
		return err
	}
	if err := validDate("data.date", date, false); err != nil {
		return err
	}
	if err := checkDay("data.date", date, false); err != nil {
		return err
	}
	if err := validDate("data.notified_on", notified, false); err != nil {
		return err
	}
	if err := checkDay("data.notified_on", notified, false); err != nil {
		return err
	}
	if notified != "" && date != "" && notified > date {
		return &FieldError{Field: "data.notified_on", Message: fmt.Sprintf("%s is after the hearing (%s)", notified, date)}
	}
	if err := validDate("data.requested_on", requested, false); err != nil {
		return err
	}
	if requested != "" && date != "" && requested > date {
		return &FieldError{Field: "data.requested_on", Message: fmt.Sprintf("%s is after the hearing (%s)", requested, date)}
	}
	if tm != "" {
		if _, err := time.Parse("15:04", tm); err != nil {
			return &FieldError{Field: "data.time", Message: fmt.Sprintf("%q is not a time HH:MM", tm)}
		}
	}
	return nil
}

// decodeData decodes a step's data, naming a value at fault by its JSON
// path under data (data.period_end) in JSON terms.
func decodeData(data json.RawMessage, v any) error {
	err := jsonpath.Decode(data, v, false)
	var pe *jsonpath.Error
	if errors.As(err, &pe) {
		f := "data"
		if pe.Path != "" {
			f += "." + pe.Path
		}
		return &FieldError{Field: f, Message: pe.Message}
	}
	return err
}

func day(t time.Time) string { return t.In(cst).Format("2006-01-02") }

var cst = time.FixedZone("CST", 8*3600)

func parseDay(s string) time.Time { t, _ := time.ParseInLocation("2006-01-02", s, cst); return t }

func has(steps []Step, kind string) (Step, bool) {
	for _, s := range steps {
		if s.Kind == kind {
			return s, true
		}
	}
	return Step{}, false
}

// checkStep applies the order rules; it returns the reason a step is refused.
func checkStep(c Case, steps []Step, kind string, at time.Time, data json.RawMessage) error {
	if !slices.Contains(StepKinds, kind) {
		return &FieldError{Field: "kind", Message: fmt.Sprintf("%q is not a step kind (%v)", kind, StepKinds)}
	}
	if _, ok := has(steps, StepArchiving); ok {
		return &FieldError{Field: "kind", Message: "the case is archived (归档); no further steps may be added"}
	}
	if err := checkTime("at", at); err != nil {
		return err
	}
	if len(steps) > 0 && at.Before(steps[len(steps)-1].At) {
		return &FieldError{Field: "at", Message: "a step cannot be dated before the previous step (" + steps[len(steps)-1].At.Format(time.RFC3339) + ")"}
	}
	if day(at) < c.OpenedOn {
		return &FieldError{Field: "at", Message: "a step cannot be dated before the case was opened (" + c.OpenedOn + ")"}
	}
	if len(steps) == 0 && kind != StepFiling && c.Procedure == ProcedureNormal {
		return &FieldError{Field: "kind", Message: "the first step of a normal-procedure case is 立案 (filing)"}
	}
	if kind == StepFiling && len(steps) > 0 {
		return &FieldError{Field: "kind", Message: "the case is already filed (立案)"}
	}
	_, decided := has(steps, StepDecision)
	switch kind {
	case StepFiling:
		var f FilingData
		if len(data) > 0 && string(data) != "null" {
			if err := decodeData(data, &f); err != nil {
				return err
			}
		}
		if err := validDate("data.discovered_on", f.DiscoveredOn, false); err != nil {
			return err
		}
		if err := validDate("data.violation_on", f.ViolationOn, false); err != nil {
			return err
		}
		if f.DiscoveredOn != "" && f.DiscoveredOn > day(at) {
			return &FieldError{Field: "data.discovered_on", Message: fmt.Sprintf("%s is after the 立案 (%s)", f.DiscoveredOn, day(at))}
		}
	case StepNotice:
		if decided {
			return &FieldError{Field: "kind", Message: "告知 must come before the decision"}
		}
		var n NoticeData
		if len(data) > 0 {
			if err := decodeData(data, &n); err != nil {
				return err
			}
		}
		if n.PeriodEnd != "" {
			if err := validDate("data.period_end", n.PeriodEnd, true); err != nil {
				return err
			}
			if n.PeriodEnd < day(at) {
				return &FieldError{Field: "data.period_end", Message: "the 陈述申辩 period cannot end (" + n.PeriodEnd + ") before the notice (" + day(at) + ")"}
			}
		}
	case StepDecision:
		if decided {
			return &FieldError{Field: "kind", Message: "the case is already decided (决定)"}
		}
		var d Decision
		if len(data) > 0 {
			if err := decodeData(data, &d); err != nil {
				return err
			}
		}
		if err := need("data.penalty_basis", d.PenaltyBasis); err != nil {
			return err
		}
		if err := checkAmount("data.fine", d.Fine); err != nil {
			return err
		}
		if err := checkAmount("data.confiscation", d.Confiscation); err != nil {
			return err
		}
		if err := pastDate("data.date", d.Date, false); err != nil {
			return err
		}
		if c.Procedure == ProcedureNormal {
			nt, ok := has(steps, StepNotice)
			if !ok {
				return &FieldError{Field: "kind", Message: "no decision before 告知 (行政处罚法 第四十四条): add a notice step first"}
			}
			end := noticeEnd(nt)
			if day(at) <= end {
				return &FieldError{Field: "at", Message: "no decision before the 陈述申辩 period ends (" + end + ")"}
			}
		}
	case StepHearing, StepLegalReview, StepCollective:
		if err := checkDetailData(kind, data); err != nil {
			return err
		}
	case StepService, StepExecution:
		if !decided {
			return &FieldError{Field: "kind", Message: StepNames[kind] + " requires a decision (决定) first"}
		}
	case StepArchiving:
		if _, ok := has(steps, StepClosing); !ok {
			return &FieldError{Field: "kind", Message: "归档 requires 结案 first"}
		}
	}
	return nil
}

// noticeEnd is the last day of the 陈述申辩 period; five days after notice when not given.
func noticeEnd(nt Step) string {
	var n NoticeData
	_ = json.Unmarshal(nt.Data, &n)
	if n.PeriodEnd != "" {
		return n.PeriodEnd
	}
	return day(nt.At.AddDate(0, 0, 5))
}

// CaseWarner computes a case's deadline warnings as text. The computation
// lives in rules (pure, with the figures and citations from corpora) and is
// installed here by package warnings, because records sits below rules and
// may not import it; a step's own warnings and the warnings list then come
// from the same place. objs reads the case's objects the deadlines turn on
// (transfers, extensions of the time for the decision).
type CaseWarner func(ctx context.Context, objs ObjectLister, c Case, now time.Time) []string

// ObjectLister lists a case's objects of a kind; a Store and a Tx are both one.
type ObjectLister interface {
	ListObjects(ctx context.Context, kind, caseID string) ([]Object, error)
}

var (
	warnerMu sync.RWMutex
	warner   CaseWarner
)

// SetCaseWarner installs the computation behind Deadlines.
func SetCaseWarner(f CaseWarner) {
	warnerMu.Lock()
	defer warnerMu.Unlock()
	warner = f
}

// Deadlines returns warnings for a case's statutory deadlines as of now
// (none when no CaseWarner is installed).
func Deadlines(ctx context.Context, objs ObjectLister, c Case, now time.Time) []string {
	warnerMu.RLock()
	f := warner
	warnerMu.RUnlock()
	if f == nil {
		return nil
	}
	return f(ctx, objs, c, now)
}

// AppendStep appends a step after checking the order rules; it returns the
// step and the case's deadline warnings.
func (s *Store) AppendStep(ctx context.Context, caseID, kind string, at time.Time, data any, actor string) (Step, []string, error) {
	raw, err := marshalData(data)
	if err != nil {
		return Step{}, nil, err
	}
	if at.IsZero() {
		at = time.Now()
	}
	at = at.UTC().Truncate(time.Millisecond)
	if actor == "" {
		return Step{}, nil, &FieldError{Field: "actor", Message: "is required"}
	}
	var st Step
	var c Case
	err = s.write(ctx, func(tx *sql.Tx) error {
		var err error
		c, err = getJSON[Case](ctx, s, tx, "cases", "case", caseID)
		if err != nil {
			return err
		}
		steps, err := listTx[Step](ctx, s, tx, `SELECT data FROM steps WHERE case_id = ? ORDER BY seq`, caseID)
		if err != nil {
			return err
		}
		if err := checkStep(c, steps, kind, at, raw); err != nil {
			return err
		}
		st = Step{ID: caseID + "/" + strconv.Itoa(len(steps)+1), CaseID: caseID, Seq: len(steps) + 1, Kind: kind, Actor: actor, At: at, Data: raw}
		if err := runStepHooks(ctx, &Tx{s: s, tx: tx, actor: actor}, c, steps, st); err != nil {
			return err
		}
		sd, _ := json.Marshal(st)
		if _, err := s.exec(ctx, tx, `INSERT INTO steps(id, case_id, seq, data) VALUES (?,?,?,?)`, st.ID, caseID, st.Seq, string(sd)); err != nil {
			return fmt.Errorf("records: step: %w", err)
		}
		if _, err := s.appendAudit(ctx, tx, actor, "step", st.ID, "append", sd); err != nil {
			return err
		}
		decidedAt := ""
		switch kind {
		case StepDecision:
			var d Decision
			_ = json.Unmarshal(raw, &d)
			if d.Date == "" {
				d.Date = day(at)
			}
			c.Decision = &d
			c.Status = StatusDecided
			decidedAt = at.Format(decidedAtLayout)
		case StepClosing:
			c.Status = StatusClosed
		case StepArchiving:
			c.Status = StatusArchived
		default:
			if c.Decision == nil {
				c.Status = kind
			}
		}
		c.UpdatedAt = at
		if decidedAt == "" && c.Decision != nil {
			if err := tx.QueryRowContext(ctx, s.Rebind(`SELECT decided_at FROM cases WHERE id = ?`), caseID).Scan(&decidedAt); err != nil {
				return err
			}
		}
		c.Steps, c.Warnings = nil, nil
		return s.putJSON(ctx, tx, "cases", "case", c.ID, []string{"case_no", "agency_id", "status", "decided_at"}, []any{c.CaseNo, c.AgencyID, c.Status, decidedAt}, c, actor)
	})
	if err != nil {
		return Step{}, nil, err
	}
	steps, err := s.Steps(ctx, caseID)
	if err != nil {
		return st, nil, err
	}
	c.Steps = steps
	return st, Deadlines(ctx, s, c, time.Now()), nil
}

func listTx[T any](ctx context.Context, s *Store, tx *sql.Tx, query string, args ...any) ([]T, error) {
	rows, err := tx.QueryContext(ctx, s.Rebind(query), args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []T
	for rows.Next() {
		var data string
		if err := rows.Scan(&data); err != nil {
			return nil, err
		}
		var v T
		if err := json.Unmarshal([]byte(data), &v); err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}
