package review

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"

	"zhifa/records"
)

// Record kinds this package owns.
const (
	reviewKind = "review" // one per case (id rv-<case id>): its rounds and any collective discussion
)

func reviewID(caseID string) string { return "rv-" + caseID }

// Review statuses (the latest round's state).
const (
	ReviewPending    = "pending"    // submitted, awaiting the reviewer's opinion
	ReviewApprove    = "approve"    // 同意
	ReviewProblems   = "problems"   // 存在问题: the officer revises and resubmits
	ReviewReject     = "reject"     // 不同意
	ReviewCollective = "collective" // decided by collective discussion (集体讨论)
)

// Opinion results.
var OpinionResults = []string{ReviewApprove, ReviewProblems, ReviewReject}

// Review is the legal review (法制审核) of one case: every round kept.
type Review struct {
	ID         string      `json:"id"`
	CaseID     string      `json:"case_id"`
	AgencyID   string      `json:"agency_id"`
	Status     string      `json:"status"`
	Reviewer   string      `json:"reviewer"` // the latest round's
	Rounds     []Round     `json:"rounds"`
	Collective *Collective `json:"collective,omitempty"`
	CreatedAt  time.Time   `json:"created_at"`
	UpdatedAt  time.Time   `json:"updated_at"`
}

// Round is one submission (送审) and its opinion.
type Round struct {
	N            int               `json:"n"`
	Reviewer     string            `json:"reviewer"`
	SubmittedBy  string            `json:"submitted_by"`
	SubmittedAt  time.Time         `json:"submitted_at"`
	Due          string            `json:"due,omitempty"` // YYYY-MM-DD, from the agency's review_days
	Proposed     *records.Decision `json:"proposed,omitempty"`
	TransferNote string            `json:"transfer_note,omitempty"`
	Note         string            `json:"note,omitempty"` // 送审说明: what was revised
	Snapshot     Snapshot          `json:"snapshot"`
	Changes      []Change          `json:"changes"` // since the previous round
	Scope        Scope             `json:"scope"`
	Checklist    Checklist         `json:"checklist"`
	Opinion      *Opinion          `json:"opinion,omitempty"`
}

// Snapshot is what a round was submitted on, so the next round can say what changed.
type Snapshot struct {
	Facts         string             `json:"facts"`
	Amounts       map[string]float64 `json:"amounts,omitempty"`
	Circumstances []string           `json:"circumstances,omitempty"`
	Proposed      *records.Decision  `json:"proposed,omitempty"`
	Steps         []string           `json:"steps"`     // "id kind"
	Documents     []string           `json:"documents"` // "kind vN sha256"
	Evidence      []string           `json:"evidence"`  // "id sha256"
}

// Change is one difference between two rounds' snapshots.
type Change struct {
	Field  string `json:"field"`
	Before string `json:"before"`
	After  string `json:"after"`
}

// Opinion is the reviewer's 审核意见.
type Opinion struct {
	Result   string          `json:"result"` // approve | problems | reject
	Reasons  string          `json:"reasons"`
	Points   []PointDecision `json:"points"`
	Reviewer string          `json:"reviewer"`
	At       time.Time       `json:"at"`
}

// PointDecision is the reviewer's decision on one checklist point.
type PointDecision struct {
	Key      string `json:"key"`
	Decision string `json:"decision"` // confirm | override
	Machine  string `json:"machine"`  // the machine's status
	Status   string `json:"status"`   // the status that stands
	Comment  string `json:"comment,omitempty"`
}

// Collective is a 集体讨论 that decides after persistent disagreement.
type Collective struct {
	AfterRound   int                  `json:"after_round"`
	Date         string               `json:"date"`
	Participants []string             `json:"participants"`
	Opinions     []ParticipantOpinion `json:"opinions"`
	Conclusion   string               `json:"conclusion"` // approve | reject
	Reasons      string               `json:"reasons"`
	RecordedBy   string               `json:"recorded_by"`
	At           time.Time            `json:"at"`
}

// ParticipantOpinion is one participant's opinion in the discussion.
type ParticipantOpinion struct {
	Participant string `json:"participant"`
	Opinion     string `json:"opinion"`
}

// SubmitRequest submits a case for review (a new round when it was reviewed before).
type SubmitRequest struct {
	Reviewer     string            `json:"reviewer"`
	Proposed     *records.Decision `json:"proposed"`
	TransferNote string            `json:"transfer_note,omitempty"`
	Note         string            `json:"note,omitempty"`
	At           time.Time         `json:"-"` // now when zero (the demo dates its records)
}

// OpinionRequest is the reviewer's opinion on the latest round.
type OpinionRequest struct {
	Reviewer string          `json:"reviewer"`
	Result   string          `json:"result"`
	Reasons  string          `json:"reasons"`
	Points   []PointDecision `json:"points"` // points left out are recorded as confirmed
	At       time.Time       `json:"-"`
}

// CollectiveRequest records the collective discussion.
type CollectiveRequest struct {
	Date         string               `json:"date"`
	Participants []string             `json:"participants"`
	Opinions     []ParticipantOpinion `json:"opinions"`
	Conclusion   string               `json:"conclusion"`
	Reasons      string               `json:"reasons"`
	At           time.Time            `json:"-"`
}

func fieldErr(field, format string, a ...any) error {
	return &records.FieldError{Field: field, Message: fmt.Sprintf(format, a...)}
}

func conflict(field, format string, a ...any) error {
	return &records.ConflictError{Code: "review_conflict", Field: field, Message: fmt.Sprintf(format, a...)}
}

// Submit submits the case for legal review, naming the reviewer.
func Submit(ctx context.Context, st *records.Store, caseID string, r SubmitRequest, actor string) (Review, error) {
	now := r.At
	if now.IsZero() {
		now = time.Now()
	}
	now = now.UTC().Truncate(time.Millisecond)
	if strings.TrimSpace(r.Reviewer) == "" {
		return Review{}, fieldErr("reviewer", "is required: the officer id of the reviewer")
	}
	cf, err := LoadCaseFile(ctx, st, caseID, actor, now)
	if err != nil {
		return Review{}, err
	}
	c := cf.Case
	if c.Decision != nil {
		return Review{}, conflict("case", "case %s is already decided (%s); a review comes before the decision", c.ID, c.Decision.Date)
	}
	if r.Proposed != nil {
		if strings.TrimSpace(r.Proposed.PenaltyBasis) == "" {
			return Review{}, fieldErr("proposed.penalty_basis", "is required: the citation of the penalty provision")
		}
		if r.Proposed.Fine < 0 || r.Proposed.Fine > 1e14 {
			return Review{}, fieldErr("proposed.fine", "must be an amount in yuan, 0 or more")
		}
		if r.Proposed.Confiscation < 0 || r.Proposed.Confiscation > 1e14 {
			return Review{}, fieldErr("proposed.confiscation", "must be an amount in yuan, 0 or more")
		}
		if r.Proposed.Date != "" {
			if _, err := time.Parse("2006-01-02", r.Proposed.Date); err != nil {
				return Review{}, fieldErr("proposed.date", "%q is not a date YYYY-MM-DD", r.Proposed.Date)
			}
		}
	}
	o, err := st.GetOfficer(ctx, r.Reviewer)
	if isNotFound(err) {
		return Review{}, fieldErr("reviewer", "no officer %q", r.Reviewer)
	} else if err != nil {
		return Review{}, err
	}
	switch {
	case !o.Reviewer:
		return Review{}, fieldErr("reviewer", "%s (%s) does not hold the reviewer role (法制审核人员)", o.ID, o.Name)
	case slices.Contains(c.OfficerIDs, o.ID):
		return Review{}, fieldErr("reviewer", "%s (%s) is an officer of case %s: 办审分离, the reviewer must not have handled the case", o.ID, o.Name, c.ID)
	case o.AgencyID != c.AgencyID:
		return Review{}, fieldErr("reviewer", "%s (%s) is a reviewer of %s, not of the deciding agency %s", o.ID, o.Name, o.AgencyID, c.AgencyID)
	}
	cat, err := CatalogFor(ctx, st, c.AgencyID)
	if err != nil {
		return Review{}, err
	}
	if r.Proposed != nil {
		cf.Proposed = r.Proposed
		cf.Scope = ScopeOf(cat, FactsOf(c, c.Steps, r.Proposed))
	}
	if r.TransferNote != "" {
		cf.TransferNote = r.TransferNote
	}
	if err := firstTimeQualified(ctx, st, o); err != nil {
		return Review{}, err
	}
	var out Review
	err = st.WithTx(ctx, actor, func(tx *records.Tx) error {
		var rv Review
		err := tx.GetObject(ctx, reviewKind, reviewID(c.ID), &rv)
		switch {
		case isNotFound(err):
			rv = Review{ID: reviewID(c.ID), CaseID: c.ID, AgencyID: c.AgencyID, CreatedAt: now}
		case err != nil:
			return err
		case rv.Status == ReviewPending:
			return conflict("review", "round %d of %s awaits the opinion of %s; wait for it before resubmitting", len(rv.Rounds), rv.ID, rv.Reviewer)
		}
		round := Round{N: len(rv.Rounds) + 1, Reviewer: o.ID, SubmittedBy: actor, SubmittedAt: now, Proposed: r.Proposed,
			TransferNote: r.TransferNote, Note: r.Note, Snapshot: snapshotOf(cf), Scope: cf.Scope, Checklist: Check(cf), Changes: []Change{}}
		if cat.ReviewDays > 0 {
			round.Due = now.In(cst).AddDate(0, 0, cat.ReviewDays).Format("2006-01-02")
		}
		if n := len(rv.Rounds); n > 0 {
			round.Changes = diff(rv.Rounds[n-1].Snapshot, round.Snapshot)
		}
		rv.Rounds = append(rv.Rounds, round)
		rv.Status, rv.Reviewer, rv.UpdatedAt = ReviewPending, o.ID, now
		out = rv
		return tx.PutObjects(ctx, records.ObjectWrite{Kind: reviewKind, ID: rv.ID, CaseID: c.ID, Key: o.ID, Action: "submit", Value: rv})
	})
	return out, err
}

// firstTimeQualified: 初次从事行政处罚决定法制审核的人员 must hold 法律职业资格 (第五十八条第二款).
func firstTimeQualified(ctx context.Context, st *records.Store, o records.Officer) error {
	if o.LegalProfessionQual {
		return nil
	}
	all, err := st.ListObjects(ctx, reviewKind, "")
	if err != nil {
		return err
	}
	for _, ob := range all {
		var rv Review
		if json.Unmarshal(ob.Data, &rv) != nil {
			continue
		}
		for _, r := range rv.Rounds {
			if r.Opinion != nil && r.Opinion.Reviewer == o.ID {
				return nil
			}
		}
	}
	return fieldErr("reviewer", "%s (%s) has never reviewed a decision and holds no 法律职业资格: 初次从事行政处罚决定法制审核的人员 must (%s第五十八条第二款)", o.ID, o.Name, cfl)
}

// GiveOpinion records the reviewer's opinion on the latest round.
func GiveOpinion(ctx context.Context, st *records.Store, id string, r OpinionRequest, actor string) (Review, error) {
	now := r.At
	if now.IsZero() {
		now = time.Now()
	}
	now = now.UTC().Truncate(time.Millisecond)
	if !slices.Contains(OpinionResults, r.Result) {
		return Review{}, fieldErr("result", "%q must be one of %s", r.Result, strings.Join(OpinionResults, ", "))
	}
	if strings.TrimSpace(r.Reasons) == "" {
		return Review{}, fieldErr("reasons", "is required: the written reasons of the opinion")
	}
	if strings.TrimSpace(r.Reviewer) != "" {
		if o, err := st.GetOfficer(ctx, r.Reviewer); err == nil && !o.Reviewer {
			return Review{}, fieldErr("reviewer", "%s no longer holds the reviewer role (法制审核人员)", r.Reviewer)
		} else if err != nil && !isNotFound(err) {
			return Review{}, err
		}
	}
	var out Review
	err := st.WithTx(ctx, actor, func(tx *records.Tx) error {
		var rv Review
		if err := tx.GetObject(ctx, reviewKind, id, &rv); err != nil {
			return err
		}
		if rv.Status != ReviewPending || len(rv.Rounds) == 0 {
			return conflict("review", "%s is %s: no round awaits an opinion", rv.ID, rv.Status)
		}
		round := &rv.Rounds[len(rv.Rounds)-1]
		if strings.TrimSpace(r.Reviewer) == "" {
			return fieldErr("reviewer", "is required: the reviewer giving the opinion")
		}
		if r.Reviewer != round.Reviewer {
			return fieldErr("reviewer", "round %d was submitted to %s, not to %s", round.N, round.Reviewer, r.Reviewer)
		}
		points, err := pointDecisions(round.Checklist, r.Points)
		if err != nil {
			return err
		}
		var open []string
		for _, p := range points {
			if p.Status == StatusFail {
				open = append(open, p.Key)
			}
		}
		switch r.Result {
		case ReviewApprove:
			if len(open) > 0 {
				return fieldErr("points", "cannot approve with failing point(s) %s: override each with a comment, or give problems", strings.Join(open, ", "))
			}
		case ReviewProblems:
			n := 0
			for _, p := range points {
				if p.Status == StatusFail || p.Status == StatusWarn {
					n++
				}
			}
			if n == 0 {
				return fieldErr("points", "problems needs at least one point to fix (status fail or warn, confirmed or by override)")
			}
		}
		round.Opinion = &Opinion{Result: r.Result, Reasons: r.Reasons, Points: points, Reviewer: r.Reviewer, At: now}
		rv.Status, rv.UpdatedAt = r.Result, now
		out = rv
		return tx.PutObjects(ctx, records.ObjectWrite{Kind: reviewKind, ID: rv.ID, CaseID: rv.CaseID, Key: rv.Reviewer, Action: "opinion_" + r.Result, Value: rv})
	})
	return out, err
}

// pointDecisions completes the reviewer's decisions: one per checklist point, in order.
func pointDecisions(cl Checklist, given []PointDecision) ([]PointDecision, error) {
	byKey := map[string]PointDecision{}
	for i, p := range given {
		f := fmt.Sprintf("points[%d]", i)
		if !slices.Contains(PointKeys, p.Key) {
			return nil, fieldErr(f+".key", "%q is not a checklist point (%s)", p.Key, strings.Join(PointKeys, ", "))
		}
		if _, dup := byKey[p.Key]; dup {
			return nil, fieldErr(f+".key", "%q is decided twice", p.Key)
		}
		switch p.Decision {
		case "confirm":
		case "override":
			if strings.TrimSpace(p.Comment) == "" {
				return nil, fieldErr(f+".comment", "an override needs a comment saying why")
			}
			if !slices.Contains([]string{StatusPass, StatusFail, StatusWarn}, p.Status) {
				return nil, fieldErr(f+".status", "%q: an override sets pass, fail or warn", p.Status)
			}
		default:
			return nil, fieldErr(f+".decision", "%q must be confirm or override", p.Decision)
		}
		byKey[p.Key] = p
	}
	out := make([]PointDecision, 0, len(cl.Points))
	for _, pt := range cl.Points {
		d, ok := byKey[pt.Key]
		if !ok || d.Decision == "confirm" {
			d = PointDecision{Key: pt.Key, Decision: "confirm", Status: pt.Status, Comment: d.Comment}
		}
		d.Machine = pt.Status
		out = append(out, d)
	}
	return out, nil
}

// Discuss records the collective discussion that decides after persistent
// disagreement: a reject, or two rounds in a row with problems.
func Discuss(ctx context.Context, st *records.Store, id string, r CollectiveRequest, actor string) (Review, error) {
	now := r.At
	if now.IsZero() {
		now = time.Now()
	}
	now = now.UTC().Truncate(time.Millisecond)
	if r.Date == "" {
		r.Date = now.In(cst).Format("2006-01-02")
	} else if _, err := time.Parse("2006-01-02", r.Date); err != nil {
		return Review{}, fieldErr("date", "%q is not a date YYYY-MM-DD", r.Date)
	}
	if len(r.Participants) < 3 {
		return Review{}, fieldErr("participants", "a collective discussion needs at least three participants (the agency's heads), got %d", len(r.Participants))
	}
	for i, p := range r.Opinions {
		if !slices.Contains(r.Participants, p.Participant) {
			return Review{}, fieldErr(fmt.Sprintf("opinions[%d].participant", i), "%q is not among the participants", p.Participant)
		}
		if strings.TrimSpace(p.Opinion) == "" {
			return Review{}, fieldErr(fmt.Sprintf("opinions[%d].opinion", i), "is required")
		}
	}
	if len(r.Opinions) == 0 {
		return Review{}, fieldErr("opinions", "the participants' opinions are required")
	}
	if r.Conclusion != ReviewApprove && r.Conclusion != ReviewReject {
		return Review{}, fieldErr("conclusion", "%q must be approve or reject", r.Conclusion)
	}
	if strings.TrimSpace(r.Reasons) == "" {
		return Review{}, fieldErr("reasons", "is required")
	}
	var out Review
	err := st.WithTx(ctx, actor, func(tx *records.Tx) error {
		var rv Review
		if err := tx.GetObject(ctx, reviewKind, id, &rv); err != nil {
			return err
		}
		n := len(rv.Rounds)
		persistent := rv.Status == ReviewReject ||
			(rv.Status == ReviewProblems && n >= 2 && rv.Rounds[n-2].Opinion != nil && rv.Rounds[n-2].Opinion.Result == ReviewProblems)
		if !persistent {
			return conflict("review", "%s is %s: a collective discussion decides only after a reject or two rounds of problems", rv.ID, rv.Status)
		}
		rv.Collective = &Collective{AfterRound: n, Date: r.Date, Participants: r.Participants, Opinions: r.Opinions, Conclusion: r.Conclusion,
			Reasons: r.Reasons, RecordedBy: actor, At: now}
		rv.Status, rv.UpdatedAt = ReviewCollective, now
		out = rv
		return tx.PutObjects(ctx, records.ObjectWrite{Kind: reviewKind, ID: rv.ID, CaseID: rv.CaseID, Key: rv.Reviewer, Action: "collective_" + r.Conclusion, Value: rv})
	})
	return out, err
}

// Get reads one review.
func Get(ctx context.Context, st *records.Store, id string) (Review, error) {
	var rv Review
	err := st.GetObject(ctx, reviewKind, id, &rv)
	return rv, err
}

// List lists reviews, of one reviewer (the latest round's) and status when given.
func List(ctx context.Context, st *records.Store, reviewer, status string) ([]Review, error) {
	if status != "" && !slices.Contains([]string{ReviewPending, ReviewApprove, ReviewProblems, ReviewReject, ReviewCollective}, status) {
		return nil, fieldErr("status", "%q must be one of pending, approve, problems, reject, collective", status)
	}
	var obs []records.Object
	var err error
	if reviewer != "" {
		obs, err = st.ListObjectsByKey(ctx, reviewKind, reviewer)
	} else {
		obs, err = st.ListObjects(ctx, reviewKind, "")
	}
	if err != nil {
		return nil, err
	}
	out := []Review{}
	for _, ob := range obs {
		var rv Review
		if err := json.Unmarshal(ob.Data, &rv); err != nil {
			return nil, fmt.Errorf("review %s: %w", ob.ID, err)
		}
		if status == "" || rv.Status == status {
			out = append(out, rv)
		}
	}
	return out, nil
}

// Passed reports whether the review lets a decision be made: an approve on
// the latest round, or a collective discussion after it that concluded approve.
func (rv Review) Passed() bool {
	n := len(rv.Rounds)
	if n == 0 {
		return false
	}
	if rv.Collective != nil && rv.Collective.AfterRound == n {
		return rv.Collective.Conclusion == ReviewApprove
	}
	o := rv.Rounds[n-1].Opinion
	return o != nil && o.Result == ReviewApprove
}

func snapshotOf(cf CaseFile) Snapshot {
	s := Snapshot{Facts: cf.Case.Facts, Amounts: cf.Case.Amounts, Circumstances: cf.Case.Circumstances, Proposed: cf.Proposed,
		Steps: []string{}, Documents: []string{}, Evidence: []string{}}
	for _, st := range cf.Case.Steps {
		s.Steps = append(s.Steps, st.ID+" "+st.Kind)
	}
	for _, d := range cf.Documents {
		s.Documents = append(s.Documents, fmt.Sprintf("%s v%d %s", d.Kind, d.Version, d.SHA256))
	}
	for _, e := range cf.Evidence {
		s.Evidence = append(s.Evidence, e.ID+" "+e.SHA256)
	}
	return s
}

func diff(a, b Snapshot) []Change {
	out := []Change{}
	add := func(field, x, y string) {
		if x != y {
			out = append(out, Change{Field: field, Before: x, After: y})
		}
	}
	js := func(v any) string { b, _ := json.Marshal(v); return string(b) }
	add("facts", a.Facts, b.Facts)
	add("amounts", js(a.Amounts), js(b.Amounts))
	add("circumstances", js(a.Circumstances), js(b.Circumstances))
	pa, pb := a.Proposed, b.Proposed
	if pa == nil {
		pa = &records.Decision{}
	}
	if pb == nil {
		pb = &records.Decision{}
	}
	add("proposed.penalty_basis", pa.PenaltyBasis, pb.PenaltyBasis)
	add("proposed.fine", yuan(pa.Fine), yuan(pb.Fine))
	add("proposed.confiscation", yuan(pa.Confiscation), yuan(pb.Confiscation))
	add("proposed.summary", pa.Summary, pb.Summary)
	listDiff := func(field string, x, y []string) {
		for _, v := range y {
			if !slices.Contains(x, v) {
				out = append(out, Change{Field: field, After: v})
			}
		}
		for _, v := range x {
			if !slices.Contains(y, v) {
				out = append(out, Change{Field: field, Before: v})
			}
		}
	}
	listDiff("steps", a.Steps, b.Steps)
	listDiff("documents", a.Documents, b.Documents)
	listDiff("evidence", a.Evidence, b.Evidence)
	return out
}
