package web

import (
	"time"

	"github.com/gofiber/fiber/v2"

	"zhifa/records"
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
	now := time.Now()
	var out []caseRow
	for i := len(all) - 1; i >= 0; i-- {
		k := all[i]
		r := caseRow{Case: k, AgencyName: agency[k.AgencyID].Name, Warnings: records.Deadlines(k, now)}
		if len(k.Parties) > 0 {
			r.Party = k.Parties[0].Name
		}
		out = append(out, r)
	}
	return out, nil
}
