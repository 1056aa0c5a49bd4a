package disclosure

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"zhifa/records"
	"zhifa/rules"
	"zhifa/warnings"
)

func init() { warnings.Register("disclosure", dueSource) }

const (
	planCitation     = "各地行政执法公示制度实施办法（行政许可、行政处罚的执法决定信息在执法决定作出之日起7个工作日内公开，其他20个工作日）"
	withdrawCitation = "《中华人民共和国行政处罚法》第四十八条第二款"
)

// appealOutcomes that oblige a withdrawal (第四十八条第二款).
var appealOutcomes = map[string]string{"revoked": "撤销", "changed": "变更", "confirmed_illegal": "确认违法"}

// dueSource lists disclosures coming due or overdue, withdrawals owed after a
// 复议 or judgment changed the decision, and public periods that ended.
func dueSource(ctx context.Context, st *records.Store, at time.Time) ([]rules.Warning, error) {
	ds, err := List(ctx, st, "", "")
	if err != nil {
		return nil, err
	}
	t := at.In(cst).Format("2006-01-02")
	var out []rules.Warning
	for _, d := range ds {
		switch d.Status {
		case StatusPending:
			if d.DueError != "" {
				out = append(out, rules.Warning{Kind: "disclosure_due", AgencyID: d.AgencyID, CaseID: d.CaseID, Citation: planCitation,
					Message: fmt.Sprintf("公示 %s of the decision of %s: %s", d.ID, d.DecidedOn, d.DueError)})
				continue
			}
			left := rules.DaysBetween(t, d.DueOn)
			kind, msg := "disclosure_due", fmt.Sprintf("公示 %s of the decision of %s is due %s (%d working days): %d day(s) left", d.ID, d.DecidedOn, d.DueOn, d.WorkingDays, left)
			if left < 0 {
				kind, msg = "disclosure_overdue", fmt.Sprintf("公示 %s of the decision of %s was due %s: %d day(s) overdue", d.ID, d.DecidedOn, d.DueOn, -left)
			}
			out = append(out, rules.Warning{Kind: kind, AgencyID: d.AgencyID, CaseID: d.CaseID, Due: d.DueOn, DaysLeft: left, Citation: planCitation, Message: msg})
		case StatusPublished:
			if d.ExpiresOn != "" && d.ExpiresOn < t {
				out = append(out, rules.Warning{Kind: "disclosure_expiry", AgencyID: d.AgencyID, CaseID: d.CaseID, Due: d.ExpiresOn,
					DaysLeft: rules.DaysBetween(t, d.ExpiresOn), Citation: sectorCitation(d.Sector),
					Message: fmt.Sprintf("公示 %s ended its public period on %s: take it down", d.ID, d.ExpiresOn)})
			}
			objs, err := st.ListObjects(ctx, "appeal", d.CaseID)
			if err != nil {
				return nil, err
			}
			for _, o := range objs {
				var a struct {
					Type, Outcome string
					DecidedOn     string `json:"decided_on"`
				}
				if json.Unmarshal(o.Data, &a) != nil || appealOutcomes[a.Outcome] == "" {
					continue
				}
				start, ok := rules.ParseDay(a.DecidedOn)
				if !ok {
					continue
				}
				due := withdrawalDue(d.Sector, start)
				out = append(out, rules.Warning{Kind: "withdrawal_owed", AgencyID: d.AgencyID, CaseID: d.CaseID, Due: due,
					DaysLeft: rules.DaysBetween(t, due), Citation: withdrawCitation,
					Message: fmt.Sprintf("the decision of case %s was %s on %s: withdraw 公示 %s within 三日 and publish the reason", d.CaseID, appealOutcomes[a.Outcome], a.DecidedOn, d.ID)})
			}
		}
	}
	return out, nil
}

// sectorCitation is replaced by the sector rules' own citation when loaded.
var sectorCitation = func(sector string) string { return sector }
