package web

import (
	"net/http"
	"net/url"
	"time"

	"github.com/gofiber/fiber/v2"

	"zhifa/records"
)

// caseSave is POST /ui/cases: create the case and its 立案 step, or show the
// form again with each error beside its field.
func (s *Server) caseSave(c *fiber.Ctx) error {
	u, err := needRole(c, "officer")
	if u == nil {
		return err
	}
	p := newPage(c, u, "新建案件", "new")
	f := parseCaseForm(c, p.Errors)
	if u.AgencyID != "" {
		f.AgencyID = u.AgencyID // an officer opens cases of their own agency only
	}
	if err := s.mayCreateCase(c, f.AgencyID); err != nil {
		p.Errors["agency_id"] = "您只能为本执法机关立案"
		return s.renderCaseForm(c, u, f, http.StatusForbidden, p)
	}
	if f.Facts == "" {
		p.Errors["facts"] = "请填写违法事实"
	}
	if len(p.Errors) > 0 {
		return s.renderCaseForm(c, u, f, http.StatusUnprocessableEntity, p)
	}
	st, err := s.Records()
	if err != nil {
		return err
	}
	ctx := c.UserContext()
	k, err := st.CreateCase(ctx, f.record(), u.Name)
	if err != nil {
		if p.fail(err, caseFieldAlias) {
			return s.renderCaseForm(c, u, f, http.StatusUnprocessableEntity, p)
		}
		return err
	}
	// 立案 on the day the form names: at 09:00 of a past day, now for today
	at := time.Now()
	if d, err := time.ParseInLocation("2006-01-02", k.OpenedOn, cst); err == nil && d.Add(9*time.Hour).Before(at) {
		at = d.Add(9 * time.Hour)
	}
	data := map[string]string{"source": f.Source, "penalty_basis": f.PenaltyBasis, "act_date": f.ActDate}
	if _, _, err := st.AppendStep(ctx, k.ID, records.StepFiling, at, data, u.Name); err != nil {
		return c.Redirect("/ui/cases/"+url.PathEscape(k.ID)+"?notice="+url.QueryEscape("案件已创建，立案环节未能记录："+err.Error()), http.StatusSeeOther)
	}
	return c.Redirect("/ui/cases/"+url.PathEscape(k.ID)+"?notice="+url.QueryEscape("已立案："+k.CaseNo), http.StatusSeeOther)
}
