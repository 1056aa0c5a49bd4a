package stats

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"zhifa/records"
)

// The workflow objects read here, by kind, and the JSON fields this package
// relies on. Other fields are ignored; a kind with no object at all is
// reported in Report.NotRecorded.
const (
	// KindReview: a case's legal review (法制审核) as package review writes it,
	// {"case_id", "rounds": [{"n": 1, "opinion": {"result": "approve"|"problems"|"reject", "at": RFC 3339}}]}.
	KindReview = "review"
	// KindDisclosure: a decision's disclosure (公示),
	// {"case_id", "due_on": "YYYY-MM-DD", "published_on": "YYYY-MM-DD"} ("" while unpublished).
	KindDisclosure = "disclosure"
	// KindAppeal: a 复议 or 诉讼 of a decision,
	// {"case_id", "type": "reconsideration"|"litigation", "outcome": "upheld"|"revoked"|"changed"|"confirmed_illegal", "decided_on": "YYYY-MM-DD"}.
	KindAppeal = "appeal"
	// KindTransfer: a 涉嫌犯罪移送, {"case_id", "reported_on": "YYYY-MM-DD"} (as package warnings reads it).
	KindTransfer = "transfer"
	// KindDraw and KindResult: 双随机 draws and results, as package inspect writes them.
	KindDraw   = "inspect_draw"
	KindResult = "inspect_result"
)

// reviewObject is the part of a review object used here.
type reviewObject struct {
	CaseID string `json:"case_id"`
	Rounds []struct {
		N       int `json:"n"`
		Opinion *struct {
			Result string    `json:"result"`
			At     time.Time `json:"at"`
		} `json:"opinion"`
	} `json:"rounds"`
}

// ReviewRound is one round of a review that has an opinion.
type ReviewRound struct {
	CaseID  string `json:"case_id"`
	Round   int    `json:"round"`
	Opinion string `json:"opinion"`
	Date    string `json:"date"`
}

// Disclosure is the part of a disclosure object used here.
type Disclosure struct {
	CaseID      string `json:"case_id"`
	DueOn       string `json:"due_on"`
	PublishedOn string `json:"published_on"`
}

// Appeal is the part of an appeal object used here.
type Appeal struct {
	CaseID    string `json:"case_id"`
	Type      string `json:"type"`
	Outcome   string `json:"outcome"`
	DecidedOn string `json:"decided_on"`
}

// Transfer is the part of a transfer object used here.
type Transfer struct {
	CaseID     string `json:"case_id"`
	ReportedOn string `json:"reported_on"`
}

// Draw is the part of an inspect_draw object used here.
type Draw struct {
	ID    string `json:"id"`
	Day   string `json:"day"`
	Lists struct {
		Plan struct {
			AgencyID string `json:"agency_id"`
		} `json:"plan"`
	} `json:"lists"`
	Result struct {
		Draws []json.RawMessage `json:"draws"`
	} `json:"result"`
}

// Result is the part of an inspect_result object used here.
type Result struct {
	DrawID  string `json:"draw_id"`
	Outcome string `json:"outcome"`
	Date    string `json:"date"`
}

func readKind[T any](ctx context.Context, st *records.Store, kind string, in *Input) ([]T, error) {
	objs, err := st.ListObjects(ctx, kind, "")
	if err != nil {
		return nil, err
	}
	in.Recorded[kind] = len(objs) > 0
	out := make([]T, 0, len(objs))
	for _, o := range objs {
		var v T
		if err := json.Unmarshal(o.Data, &v); err != nil {
			return nil, fmt.Errorf("stats: %s %s: %w", kind, o.ID, err)
		}
		out = append(out, v)
	}
	return out, nil
}

// withCase fills a missing case_id from the object's own.
func withCase[T any](ctx context.Context, st *records.Store, kind string, in *Input, set func(*T, string)) ([]T, error) {
	objs, err := st.ListObjects(ctx, kind, "")
	if err != nil {
		return nil, err
	}
	in.Recorded[kind] = len(objs) > 0
	out := make([]T, 0, len(objs))
	for _, o := range objs {
		var v T
		if err := json.Unmarshal(o.Data, &v); err != nil {
			return nil, fmt.Errorf("stats: %s %s: %w", kind, o.ID, err)
		}
		set(&v, o.CaseID)
		out = append(out, v)
	}
	return out, nil
}

// Load reads everything the statistics need from the store.
func Load(ctx context.Context, st *records.Store) (Input, error) {
	in := Input{PowerItems: map[string]records.PowerItem{}, Recorded: map[string]bool{}}
	var err error
	if in.Agencies, err = st.ListAgencies(ctx); err != nil {
		return in, err
	}
	items, err := st.ListPowerItems(ctx, "")
	if err != nil {
		return in, err
	}
	for _, p := range items {
		in.PowerItems[p.ID] = p
	}
	if in.Cases, err = st.ListCases(ctx); err != nil {
		return in, err
	}
	steps, err := st.AllSteps(ctx)
	if err != nil {
		return in, err
	}
	for i := range in.Cases {
		in.Cases[i].Steps = steps[in.Cases[i].ID]
	}
	reviews, err := withCase(ctx, st, KindReview, &in, func(v *reviewObject, c string) { v.CaseID = cmp(v.CaseID, c) })
	if err != nil {
		return in, err
	}
	in.Reviews = reviewRounds(reviews)
	if in.Disclosures, err = withCase(ctx, st, KindDisclosure, &in, func(v *Disclosure, c string) { v.CaseID = cmp(v.CaseID, c) }); err != nil {
		return in, err
	}
	if in.Appeals, err = withCase(ctx, st, KindAppeal, &in, func(v *Appeal, c string) { v.CaseID = cmp(v.CaseID, c) }); err != nil {
		return in, err
	}
	if in.Transfers, err = withCase(ctx, st, KindTransfer, &in, func(v *Transfer, c string) { v.CaseID = cmp(v.CaseID, c) }); err != nil {
		return in, err
	}
	if in.Draws, err = readKind[Draw](ctx, st, KindDraw, &in); err != nil {
		return in, err
	}
	if in.Results, err = readKind[Result](ctx, st, KindResult, &in); err != nil {
		return in, err
	}
	return in, nil
}

// reviewRounds flattens reviews into their rounds that carry an opinion, dated
// by the opinion (in China Standard Time, the day the reviewer signed).
func reviewRounds(rs []reviewObject) []ReviewRound {
	var out []ReviewRound
	for _, r := range rs {
		for _, rd := range r.Rounds {
			if rd.Opinion == nil {
				continue
			}
			out = append(out, ReviewRound{CaseID: r.CaseID, Round: rd.N, Opinion: rd.Opinion.Result, Date: rd.Opinion.At.In(cst).Format("2006-01-02")})
		}
	}
	return out
}

var cst = time.FixedZone("CST", 8*3600)

func cmp(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// Year computes the report of year (of one agency when agency is not "")
// from the store; an unknown agency or a year outside 2000–2100 is a
// *records.FieldError.
func Year(ctx context.Context, st *records.Store, year int, agency string) (Report, error) {
	if year < 2000 || year > 2100 {
		return Report{}, &records.FieldError{Field: "year", Message: fmt.Sprintf("%d is not a year from 2000 to 2100", year)}
	}
	if agency != "" {
		if _, err := st.GetAgency(ctx, agency); err != nil {
			return Report{}, &records.FieldError{Field: "agency", Message: "no agency " + agency}
		}
	}
	in, err := Load(ctx, st)
	if err != nil {
		return Report{}, err
	}
	return Compute(in, year, agency), nil
}
