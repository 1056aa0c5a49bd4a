package web

import (
	"context"
	"net/http"
	"time"

	"github.com/gofiber/fiber/v2"

	"zhifa/records"
)

type caseEditView struct {
	page
	Form       caseForm
	Agencies   []records.Agency
	PowerItems []records.PowerItem
	Officers   []records.Officer
	AmountOpts []option
	CircOpts   []option
	Bases      []string // citations the agency's power list names
}

// caseNew is GET /ui/cases/new: the new-case form beside the assistance panel.
func (s *Server) caseNew(c *fiber.Ctx) error {
	u, err := needRole(c, "officer")
	if u == nil {
		return err
	}
	s.warmAssist()
	f := caseForm{AgencyID: u.AgencyID, Procedure: records.ProcedureNormal, OpenedOn: time.Now().In(cst).Format("2006-01-02"),
		Party: records.Party{Kind: records.PartyOrganization}, Amounts: make([]amountRow, amountRows)}
	return s.renderCaseForm(c, u, f, http.StatusOK, newPage(c, u, "新建案件", "new"))
}

func (s *Server) renderCaseForm(c *fiber.Ctx, u *PageUser, f caseForm, status int, p page) error {
	st, err := s.Records()
	if err != nil {
		return err
	}
	ctx := c.UserContext()
	v := caseEditView{page: p, Form: f, AmountOpts: amountOptions(), CircOpts: circumstanceOptions()}
	if v.Agencies, err = st.ListAgencies(ctx); err != nil {
		return err
	}
	if f.AgencyID != "" {
		if v.PowerItems, err = powerItemsOf(ctx, st, f.AgencyID); err != nil {
			return err
		}
		if v.Officers, err = st.ListOfficers(ctx, f.AgencyID); err != nil {
			return err
		}
	}
	seen := map[string]bool{}
	for _, p := range v.PowerItems {
		if p.LegalBasis != "" && !seen[p.LegalBasis] {
			seen[p.LegalBasis] = true
			v.Bases = append(v.Bases, p.LegalBasis)
		}
	}
	return render(c, status, "case_edit", v)
}

// powerItemsOf are the agency's penalty items (a case is opened on one).
func powerItemsOf(ctx context.Context, st *records.Store, agencyID string) ([]records.PowerItem, error) {
	all, err := st.ListPowerItems(ctx, agencyID)
	if err != nil {
		return nil, err
	}
	var out []records.PowerItem
	for _, p := range all {
		if p.Kind == records.KindPenalty {
			out = append(out, p)
		}
	}
	return out, nil
}
