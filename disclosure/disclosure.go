// Package disclosure is 公示: a decision's disclosure record with its due
// date, the masked public text a reviewer checks against the original,
// publication, corrections kept as versions, withdrawal with its reason, and
// expiry; and the standing information agencies publish before they act
// (事前公开). Everything is an object in records, so each publication,
// correction and withdrawal is an entry of the audit chain.
package disclosure

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"zhifa/records"
)

// Kind is the records object kind of a decision's disclosure (stats reads
// case_id, due_on and published_on of it).
const Kind = "disclosure"

// Statuses of a disclosure.
const (
	StatusPending   = "pending"   // due, not yet published
	StatusPublished = "published" // on the portal
	StatusWithdrawn = "withdrawn" // taken down, the reason shown in its place
	StatusExpired   = "expired"   // its public period is over
)

// Withdrawal grounds: 第四十八条第二款 — 行政处罚决定被依法变更、撤销、确认违法或者确认无效的，
// 行政机关应当在三日内撤回行政处罚决定信息并公开说明理由.
var Grounds = map[string]string{
	"changed":           "决定被依法变更",
	"revoked":           "决定被依法撤销",
	"confirmed_illegal": "决定被确认违法",
	"confirmed_void":    "决定被确认无效",
	"other":             "其他原因",
}

// Disclosure is the public record of one decision.
type Disclosure struct {
	ID          string `json:"id"`
	CaseID      string `json:"case_id"`
	AgencyID    string `json:"agency_id"`
	Kind        string `json:"kind"`   // 行政处罚, 行政许可, …
	Sector      string `json:"sector"` // the sector rule applied ("" = the plans' rule)
	DecidedOn   string `json:"decided_on"`
	DueOn       string `json:"due_on"`
	WorkingDays int    `json:"working_days"`
	// DueError says why no due date could be computed (a year the calendar
	// has no schedule for): the date is never guessed.
	DueError string `json:"due_error,omitempty"`
	// PushDueOn: a party registered in another province is disclosed there,
	// by pushing the decision to that authority (市场监管 第十条).
	PushDueOn   string      `json:"push_due_on,omitempty"`
	PushNote    string      `json:"push_note,omitempty"`
	Status      string      `json:"status"`
	PublishedOn string      `json:"published_on,omitempty"`
	PublishedBy string      `json:"published_by,omitempty"`
	ExpiresOn   string      `json:"expires_on,omitempty"`
	ExpiryNote  string      `json:"expiry_note,omitempty"` // why no end of the public period is set
	Versions    []Version   `json:"versions,omitempty"`
	Withdrawal  *Withdrawal `json:"withdrawal,omitempty"`
	CreatedAt   time.Time   `json:"created_at"`
}

// Version is one published text: the first publication, then each correction.
type Version struct {
	N       int       `json:"n"`
	Summary Summary   `json:"summary"`
	Text    string    `json:"text"`                // the masked public text
	Full    string    `json:"full_text,omitempty"` // the masked 决定书 where the sector publishes it
	Reason  string    `json:"reason,omitempty"`    // why it was corrected
	Actor   string    `json:"actor"`
	At      time.Time `json:"at"`
}

// Summary is the decision's public information (信息摘要), masked.
type Summary struct {
	Agency    string `json:"agency"`
	Number    string `json:"number"` // 决定书文号
	Party     string `json:"party"`
	CreditID  string `json:"credit_code,omitempty"` // an organisation's 统一社会信用代码
	Violation string `json:"violation"`
	Facts     string `json:"facts"`
	Basis     string `json:"basis"`
	Result    string `json:"result"`
	Date      string `json:"date"`
}

// Withdrawal is why and when a published disclosure was taken down.
type Withdrawal struct {
	Ground      string    `json:"ground"`
	Reason      string    `json:"reason"`
	OccurredOn  string    `json:"occurred_on"` // when the decision was changed, revoked, …
	DueOn       string    `json:"due_on"`      // when the withdrawal is owed
	WithdrawnOn string    `json:"withdrawn_on"`
	Actor       string    `json:"actor"`
	At          time.Time `json:"at"`
}

// Current is the version on the portal, nil before publication.
func (d *Disclosure) Current() *Version {
	if len(d.Versions) == 0 {
		return nil
	}
	return &d.Versions[len(d.Versions)-1]
}

// ID of a case's disclosure: one per decision.
func idOf(caseID string) string { return "dis-" + caseID }

// Get reads a disclosure by its id or its case's id.
func Get(ctx context.Context, st *records.Store, id string) (Disclosure, error) {
	var d Disclosure
	err := st.GetObject(ctx, Kind, id, &d)
	if isNotFound(err) && !strings.HasPrefix(id, "dis-") {
		err = st.GetObject(ctx, Kind, idOf(id), &d)
	}
	return d, err
}

// List returns every disclosure, of one agency when agencyID is not "" and of
// one status when status is not "".
func List(ctx context.Context, st *records.Store, agencyID, status string) ([]Disclosure, error) {
	var objs []records.Object
	var err error
	if agencyID != "" {
		objs, err = st.ListObjectsByKey(ctx, Kind, agencyID)
	} else {
		objs, err = st.ListObjects(ctx, Kind, "")
	}
	if err != nil {
		return nil, err
	}
	out := make([]Disclosure, 0, len(objs))
	for _, o := range objs {
		var d Disclosure
		if err := json.Unmarshal(o.Data, &d); err != nil {
			return nil, fmt.Errorf("disclosure %s: %w", o.ID, err)
		}
		if status == "" || d.Status == status {
			out = append(out, d)
		}
	}
	return out, nil
}

func put(ctx context.Context, st *records.Store, actor, action string, d Disclosure) error {
	return st.PutObjects(ctx, actor, records.ObjectWrite{Kind: Kind, ID: d.ID, CaseID: d.CaseID, Key: d.AgencyID, Action: action, Value: d})
}

func isNotFound(err error) bool { return errors.As(err, new(*records.NotFoundError)) }

func fieldErr(field, format string, a ...any) error {
	return &records.FieldError{Field: field, Message: fmt.Sprintf(format, a...)}
}

func conflict(field, format string, a ...any) error {
	return &records.ConflictError{Code: "conflict", Field: field, Message: fmt.Sprintf(format, a...)}
}

var cst = time.FixedZone("CST", 8*3600)

// now is replaced in tests.
var now = time.Now

func today() string { return now().In(cst).Format("2006-01-02") }
