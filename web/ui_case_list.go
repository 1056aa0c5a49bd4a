package web

import (
	"fmt"
	"time"

	"github.com/gofiber/fiber/v2"

	"zhifa/records"
	"zhifa/warnings"
)

type caseRow struct {
	records.Case
	AgencyName string
	Party      string
	Warnings   []string
}

type caseListView struct {
	page
	Cases    []caseRow
	ReadOnly bool
}

// caseList is GET /ui/cases: an officer's agency's cases, or for a
// supervisor every case in their region, each with its deadline warnings.
func (s *Server) caseList(c *fiber.Ctx) error {
	u, err := needRole(c, "officer", "supervisor")
	if u == nil {
		return err
	}
	st, err := s.Records()
	if err != nil {
		return err
	}
	rows, err := s.visibleCases(c, st)
	if err != nil {
		return err
	}
	v := caseListView{page: newPage(c, u, "案件", "cases"), Cases: rows, ReadOnly: !hasRole(u, "officer")}
	return render(c, 200, "case_list", v)
}

// visibleCases are the cases the signed-in user may see (scope.go), newest first.
func (s *Server) visibleCases(c *fiber.Ctx, st *records.Store) ([]caseRow, error) {
	ctx := c.UserContext()
	all, err := st.ListCases(ctx)
	if err != nil {
		return nil, err
	}
	if all, err = s.scopedCases(c, all); err != nil {
		return nil, err
	}
	ags, err := st.ListAgencies(ctx)
	if err != nil {
		return nil, err
	}
	agency := map[string]records.Agency{}
	for _, a := range ags {
		agency[a.ID] = a
	}
	// the list has no steps (ListCases leaves them out), so a case's
	// deadlines come from the warnings sources, as on the warnings page:
	// those overdue or due within listWarnDays
	now := time.Now()
	ws, err := warnings.Collect(ctx, st, now, warnings.Filter{})
	if err != nil {
		return nil, err
	}
	due := map[string][]string{}
	for _, w := range ws {
		if w.CaseID == "" || w.DaysLeft > listWarnDays {
			continue
		}
		if w.DaysLeft < 0 {
			due[w.CaseID] = append(due[w.CaseID], fmt.Sprintf("逾期 %d 天：%s", -w.DaysLeft, w.Message))
		} else {
			due[w.CaseID] = append(due[w.CaseID], fmt.Sprintf("%d 天内：%s", w.DaysLeft, w.Message))
		}
	}
	var out []caseRow
	for i := len(all) - 1; i >= 0; i-- {
		k := all[i]
		r := caseRow{Case: k, AgencyName: agency[k.AgencyID].Name, Warnings: due[k.ID]}
		if len(k.Parties) > 0 {
			r.Party = k.Parties[0].Name
		}
		out = append(out, r)
	}
	return out, nil
}

// listWarnDays: the case list shows the deadlines overdue or due within this many days.
const listWarnDays = 7
