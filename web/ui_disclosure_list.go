package web

import (
	"sort"

	"github.com/gofiber/fiber/v2"

	"zhifa/disclosure"
	"zhifa/records"
)

type disclosureRow struct {
	disclosure.Disclosure
	Case records.Case
}

type disclosureListView struct {
	page
	Status string
	Rows   []disclosureRow
}

// disclosureList is GET /ui/disclosures?status=: the decisions to publish,
// soonest due first, then the published and the withdrawn.
func (s *Server) disclosureList(c *fiber.Ctx) error {
	u, err := needRole(c, "reviewer", "admin")
	if u == nil {
		return err
	}
	st, err := s.Records()
	if err != nil {
		return err
	}
	ctx := c.UserContext()
	status := c.Query("status", disclosure.StatusPending)
	q := status
	if q == "all" {
		q = ""
	}
	ds, err := disclosure.List(ctx, st, u.AgencyID, q)
	if err != nil {
		return pageError(c, u, recErr(err))
	}
	cases, err := st.ListCases(ctx)
	if err != nil {
		return err
	}
	byID := map[string]records.Case{}
	for _, k := range cases {
		byID[k.ID] = k
	}
	sort.Slice(ds, func(i, j int) bool {
		if ds[i].DueOn != ds[j].DueOn {
			return ds[i].DueOn < ds[j].DueOn
		}
		return ds[i].ID < ds[j].ID
	})
	v := disclosureListView{page: newPage(c, u, "公示", "disclosures"), Status: status}
	for _, d := range ds {
		v.Rows = append(v.Rows, disclosureRow{Disclosure: d, Case: byID[d.CaseID]})
	}
	return render(c, 200, "disclosure_list", v)
}
