package web

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"

	"zhifa/records"
)

// stepSave is POST /ui/cases/:id/steps: append one step (立案 … 归档).
func (s *Server) stepSave(c *fiber.Ctx) error {
	u, err := needRole(c, "officer")
	if u == nil {
		return err
	}
	p := newPage(c, u, "案件", "cases")
	form := formMap(c, "step_kind", "step_at", "step_note", "period_end", "penalty_basis", "fine", "confiscation", "summary")
	kind := form["step_kind"]
	at := time.Now()
	if form["step_at"] != "" {
		t, err := time.ParseInLocation("2006-01-02T15:04", form["step_at"], cst)
		if err != nil {
			p.Errors["step_at"] = "请填写时间"
			return s.renderCase(c, u, p, http.StatusUnprocessableEntity, form)
		}
		// a step dated this minute is now, so it never sorts before one just
		// recorded; any other time is taken as given (the records bound it)
		if d := at.Sub(t); d > time.Minute || d < -time.Minute {
			at = t
		}
	}
	data := map[string]any{}
	if form["step_note"] != "" {
		data["note"] = form["step_note"]
	}
	switch kind {
	case records.StepNotice:
		data["period_end"] = form["period_end"]
	case records.StepDecision:
		d := records.Decision{PenaltyBasis: form["penalty_basis"], Summary: form["summary"], Date: at.In(cst).Format("2006-01-02")}
		d.Fine = parseYuan(form["fine"], "fine", p.Errors)
		d.Confiscation = parseYuan(form["confiscation"], "confiscation", p.Errors)
		if len(p.Errors) > 0 {
			return s.renderCase(c, u, p, http.StatusUnprocessableEntity, form)
		}
		b, _ := jsonMap(d)
		data = b
	}
	st, err := s.Records()
	if err != nil {
		return err
	}
	if !s.mayWriteCase(c, u) {
		return pageError(c, u, &APIError{Status: http.StatusForbidden, Code: "forbidden", Message: "此案件不属于您的执法机关。"})
	}
	_, warns, err := st.AppendStep(c.UserContext(), c.Params("id"), kind, at, data, u.Name)
	if err != nil {
		if p.fail(err, stepFieldAlias) {
			return s.renderCase(c, u, p, http.StatusUnprocessableEntity, form)
		}
		return pageError(c, u, err)
	}
	note := "已记录：" + records.StepNames[kind]
	if len(warns) > 0 {
		note += "。预警：" + strings.Join(warns, "；")
	}
	return c.Redirect("/ui/cases/"+url.PathEscape(c.Params("id"))+"?notice="+url.QueryEscape(note), http.StatusSeeOther)
}

func stepFieldAlias(f string) string {
	switch f {
	case "kind":
		return "step_kind"
	case "at":
		return "step_at"
	case "data":
		return "step_data"
	}
	return strings.TrimPrefix(f, "data.")
}

// formMap reads the named form fields, trimmed.
func formMap(c *fiber.Ctx, names ...string) map[string]string {
	m := map[string]string{}
	for _, n := range names {
		m[n] = strings.TrimSpace(c.FormValue(n))
	}
	return m
}

// parseYuan reads an amount in yuan ("" is 0); a bad one goes to errs[field].
func parseYuan(s, field string, errs map[string]string) float64 {
	if s == "" {
		return 0
	}
	v, err := strconv.ParseFloat(strings.ReplaceAll(strings.TrimSuffix(s, "元"), ",", ""), 64)
	if err != nil || v < 0 || v > 1e14 {
		errs[field] = "请填写 0 或以上的金额（元）"
	}
	return v
}

// mayWriteCase: only an officer of the case's agency changes it; a missing
// case is the store's to report.
func (s *Server) mayWriteCase(c *fiber.Ctx, u *PageUser) bool {
	st, err := s.Records()
	if err != nil {
		return false
	}
	k, err := st.GetCase(c.UserContext(), c.Params("id"), u.Name)
	return err != nil || u.AgencyID == "" || k.AgencyID == u.AgencyID
}

// jsonMap is v as the map a step's data is.
func jsonMap(v any) (map[string]any, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	var m map[string]any
	return m, json.Unmarshal(b, &m)
}
