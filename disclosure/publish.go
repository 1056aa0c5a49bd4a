package disclosure

import (
	"context"
	"sort"
	"strings"
	"time"

	"zhifa/nlp"
	"zhifa/records"
)

// ExpiryFunc says when a disclosure published on day under sector's rule
// leaves the portal ("" = it stays), or why that cannot be said.
type ExpiryFunc func(sector string, d Disclosure, c records.Case, published time.Time) (expires, note string)

var expiryFunc ExpiryFunc = func(string, Disclosure, records.Case, time.Time) (string, string) { return "", "" }

// SetExpiry sets the sector rule for public periods.
func SetExpiry(f ExpiryFunc) { expiryFunc = f }

// PublishInput is a reviewer's publication: the masked text as checked, or
// empty to publish the machine's masked text unchanged.
type PublishInput struct {
	Text     string `json:"text"`
	FullText string `json:"full_text"`
	// IncludeFull publishes the masked 决定书 as well (when the case has one
	// and no full_text is given).
	IncludeFull bool `json:"include_full_text"`
}

// Publish puts a pending disclosure on the portal as its first version.
func Publish(ctx context.Context, st *records.Store, id, actor string, in PublishInput) (Disclosure, error) {
	p, err := PreviewOf(ctx, st, id, actor)
	if err != nil {
		return Disclosure{}, err
	}
	d := p.Disclosure
	if d.Status != StatusPending {
		return d, conflict("status", "disclosure %s is %s: only a pending disclosure is published (a published one is corrected)", d.ID, d.Status)
	}
	c, err := st.GetCase(ctx, d.CaseID, actor)
	if err != nil {
		return d, err
	}
	if c.Decision == nil {
		return d, conflict("case_id", "case %s has no decision to publish", c.ID)
	}
	v := Version{N: 1, Summary: p.Masked, Text: p.Text, Actor: actor, At: now().UTC()}
	if in.IncludeFull {
		if p.FullMasked == "" && strings.TrimSpace(in.FullText) == "" {
			return d, fieldErr("include_full_text", "case %s has no drafted 行政处罚决定书 to publish", c.ID)
		}
		v.Full = p.FullMasked
	}
	if err := checkMasked(c, &v, in); err != nil {
		return d, err
	}
	t := now().In(cst)
	d.Status, d.PublishedOn, d.PublishedBy = StatusPublished, t.Format("2006-01-02"), actor
	d.ExpiresOn, d.ExpiryNote = expiryFunc(d.Sector, d, c, t)
	d.Versions = append(d.Versions, v)
	return d, put(ctx, st, actor, "publish", d)
}

// checkMasked takes the reviewer's texts when given, refusing one that still
// holds a person's data the masking finds.
func checkMasked(c records.Case, v *Version, in PublishInput) error {
	r := redactorFor(c)
	for _, f := range []struct {
		field string
		text  string
		dst   *string
	}{{"text", in.Text, &v.Text}, {"full_text", in.FullText, &v.Full}} {
		if strings.TrimSpace(f.text) == "" {
			continue
		}
		if _, spans := r.Redact(f.text); len(spans) > 0 {
			return fieldErr(f.field, "still holds personal data (%s): mask it before publishing", spanKinds(spans))
		}
		*f.dst = f.text
	}
	return nil
}

func spanKinds(spans []nlp.Span) string {
	seen := map[string]bool{}
	var ks []string
	for _, s := range spans {
		if !seen[s.Kind] {
			seen[s.Kind] = true
			ks = append(ks, s.Kind)
		}
	}
	sort.Strings(ks)
	return strings.Join(ks, ", ")
}

// CorrectInput is a correction of a published text; the reason is kept.
type CorrectInput struct {
	Text     string `json:"text"`
	FullText string `json:"full_text"`
	Reason   string `json:"reason"`
}

// Correct publishes a new version of a published disclosure; earlier
// versions stay in the record.
func Correct(ctx context.Context, st *records.Store, id, actor string, in CorrectInput) (Disclosure, error) {
	d, err := Get(ctx, st, id)
	if err != nil {
		return d, err
	}
	if d.Status != StatusPublished {
		return d, conflict("status", "disclosure %s is %s: only a published disclosure is corrected", d.ID, d.Status)
	}
	if strings.TrimSpace(in.Reason) == "" {
		return d, fieldErr("reason", "required: why the published text is corrected")
	}
	if strings.TrimSpace(in.Text) == "" && strings.TrimSpace(in.FullText) == "" {
		return d, fieldErr("text", "required: the corrected public text")
	}
	c, err := st.GetCase(ctx, d.CaseID, actor)
	if err != nil {
		return d, err
	}
	cur := d.Current()
	v := Version{N: cur.N + 1, Summary: cur.Summary, Text: cur.Text, Full: cur.Full, Reason: strings.TrimSpace(in.Reason), Actor: actor, At: now().UTC()}
	if err := checkMasked(c, &v, PublishInput{Text: in.Text, FullText: in.FullText}); err != nil {
		return d, err
	}
	d.Versions = append(d.Versions, v)
	return d, put(ctx, st, actor, "correct", d)
}

// WithdrawInput is why a disclosure comes down.
type WithdrawInput struct {
	Ground     string `json:"ground"` // a key of Grounds
	Reason     string `json:"reason"`
	OccurredOn string `json:"occurred_on"` // YYYY-MM-DD; today when empty
}

// withdrawDays is 第四十八条第二款's 三日内.
const withdrawDays = 3

// Withdraw takes a disclosure down; the portal then shows only that it was
// withdrawn and why.
func Withdraw(ctx context.Context, st *records.Store, id, actor string, in WithdrawInput) (Disclosure, error) {
	d, err := Get(ctx, st, id)
	if err != nil {
		return d, err
	}
	if d.Status == StatusWithdrawn {
		return d, conflict("status", "disclosure %s was withdrawn on %s", d.ID, d.Withdrawal.WithdrawnOn)
	}
	if _, ok := Grounds[in.Ground]; !ok {
		return d, fieldErr("ground", "%q is not one of changed, revoked, confirmed_illegal, confirmed_void, other", in.Ground)
	}
	if strings.TrimSpace(in.Reason) == "" {
		return d, fieldErr("reason", "required: the reason is published in place of the decision")
	}
	occ := now().In(cst)
	if in.OccurredOn != "" {
		t, err := time.ParseInLocation("2006-01-02", in.OccurredOn, cst)
		if err != nil {
			return d, fieldErr("occurred_on", "%q is not a date YYYY-MM-DD", in.OccurredOn)
		}
		if t.After(now()) {
			return d, fieldErr("occurred_on", "%s is in the future", in.OccurredOn)
		}
		occ = t
	}
	d.Status = StatusWithdrawn
	d.Withdrawal = &Withdrawal{Ground: in.Ground, Reason: strings.TrimSpace(in.Reason), OccurredOn: occ.Format("2006-01-02"),
		DueOn: withdrawalDue(d.Sector, occ), WithdrawnOn: today(), Actor: actor, At: now().UTC()}
	return d, put(ctx, st, actor, "withdraw", d)
}

// Expire marks published disclosures whose public period ended as expired,
// returning how many.
func Expire(ctx context.Context, st *records.Store, actor string) (int, error) {
	ds, err := List(ctx, st, "", StatusPublished)
	if err != nil {
		return 0, err
	}
	n, t := 0, today()
	for _, d := range ds {
		if d.ExpiresOn != "" && d.ExpiresOn < t {
			d.Status = StatusExpired
			if err := put(ctx, st, actor, "expire", d); err != nil {
				return n, err
			}
			n++
		}
	}
	return n, nil
}

// Public reports whether d is on the portal today.
func (d *Disclosure) Public(today string) bool {
	return d.Status == StatusPublished && (d.ExpiresOn == "" || d.ExpiresOn >= today) && d.Current() != nil
}
