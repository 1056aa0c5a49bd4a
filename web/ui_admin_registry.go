package web

import (
	"net/http"
	"net/url"
	"strings"

	"github.com/gofiber/fiber/v2"

	"zhifa/records"
	"zhifa/review"
	"zhifa/rules"
)

// The registry pages: agencies (with the agency's review catalog), officers
// and power list items, each a list with a create/edit form below.

type adminAgenciesView struct {
	page
	Agencies []records.Agency
	Form     records.Agency
	Editing  bool
	Domains  string
	Catalog  *review.Catalog
}

func (s *Server) agenciesView(c *fiber.Ctx, u *PageUser) (*adminAgenciesView, error) {
	st, err := s.Records()
	if err != nil {
		return nil, err
	}
	v := &adminAgenciesView{page: newPage(c, u, "执法主体", "admin")}
	v.Agencies, err = st.ListAgencies(c.UserContext())
	return v, err
}

// adminAgencies is GET /ui/admin/agencies and GET /ui/admin/agencies/:id (the form filled in).
func (s *Server) adminAgencies(c *fiber.Ctx) error {
	u, err := needRole(c, "admin")
	if u == nil {
		return err
	}
	v, err := s.agenciesView(c, u)
	if err != nil {
		return err
	}
	if id := c.Params("id"); id != "" {
		st, _ := s.Records()
		a, err := st.GetAgency(c.UserContext(), id)
		if err != nil {
			return pageError(c, u, err)
		}
		v.Form, v.Editing, v.Domains = a, true, strings.Join(a.Domains, "、")
		if v.Catalog, err = review.CatalogFor(c.UserContext(), st, id); err != nil {
			return err
		}
	}
	return render(c, http.StatusOK, "admin_agencies", v)
}

// adminAgencySave is POST /ui/admin/agencies (id empty: a new agency).
func (s *Server) adminAgencySave(c *fiber.Ctx) error {
	u, err := needRole(c, "admin")
	if u == nil {
		return err
	}
	v, err := s.agenciesView(c, u)
	if err != nil {
		return err
	}
	f := func(k string) string { return strings.TrimSpace(c.FormValue(k)) }
	v.Form = records.Agency{ID: f("id"), Name: f("name"), Level: f("level"), Region: f("region"), Domains: splitList(c.FormValue("domains")),
		Profile: records.AgencyProfile{SealText: f("profile.seal_text"), Address: f("profile.address"), Phone: f("profile.phone"),
			BankName: f("profile.bank_name"), BankAccount: f("profile.bank_account"), ReviewBody: f("profile.review_body"), Court: f("profile.court"),
			CaseNoPrefix: f("profile.case_no_prefix"), DocumentPrefix: f("profile.document_prefix"), Note: f("profile.note")}}
	v.Editing, v.Domains = v.Form.ID != "", c.FormValue("domains")
	st, err := s.Records()
	if err != nil {
		return err
	}
	if v.Editing {
		if _, err := st.GetAgency(c.UserContext(), v.Form.ID); err != nil {
			return pageError(c, u, err)
		}
	}
	a, err := st.PutAgency(c.UserContext(), v.Form, actorOf(c))
	if err != nil {
		if v.fail(err, nil) {
			return render(c, http.StatusUnprocessableEntity, "admin_agencies", v)
		}
		return err
	}
	return c.Redirect("/ui/admin/agencies/"+url.PathEscape(a.ID)+"?notice="+url.QueryEscape("已保存 "+a.Name), http.StatusSeeOther)
}

// adminCatalogUpload is POST /ui/admin/agencies/:id/review-catalog: the
// agency's own 法制审核 catalog (review.LoadAgencyCatalog); a bad file's
// `file:line: field` error is shown beside the file input and nothing changes.
func (s *Server) adminCatalogUpload(c *fiber.Ctx) error {
	u, err := needRole(c, "admin")
	if u == nil {
		return err
	}
	st, err := s.Records()
	if err != nil {
		return err
	}
	ctx, id := c.UserContext(), c.Params("id")
	a, err := st.GetAgency(ctx, id)
	if err != nil {
		return pageError(c, u, err)
	}
	name, data, msg := uploaded(c)
	if msg == "" {
		if _, err = review.LoadAgencyCatalog(ctx, st, id, name, data, actorOf(c)); err == nil {
			return c.Redirect("/ui/admin/agencies/"+url.PathEscape(id)+"?notice="+url.QueryEscape("已启用上传的审核目录"), http.StatusSeeOther)
		}
		var ok bool
		if msg, ok = fileError(err); !ok {
			return err
		}
	}
	v, err := s.agenciesView(c, u)
	if err != nil {
		return err
	}
	v.Form, v.Editing, v.Domains = a, true, strings.Join(a.Domains, "、")
	if v.Catalog, err = review.CatalogFor(ctx, st, id); err != nil {
		return err
	}
	v.Errors["file"] = msg
	return render(c, http.StatusUnprocessableEntity, "admin_agencies", v)
}

type adminOfficersView struct {
	page
	Officers   []records.Officer
	Agencies   []records.Agency
	Form       records.Officer
	Editing    bool
	Categories string
}

func (s *Server) officersView(c *fiber.Ctx, u *PageUser) (*adminOfficersView, error) {
	st, err := s.Records()
	if err != nil {
		return nil, err
	}
	v := &adminOfficersView{page: newPage(c, u, "执法人员", "admin")}
	if v.Officers, err = st.ListOfficers(c.UserContext(), ""); err != nil {
		return nil, err
	}
	v.Agencies, err = st.ListAgencies(c.UserContext())
	return v, err
}

// adminOfficers is GET /ui/admin/officers[/:id].
func (s *Server) adminOfficers(c *fiber.Ctx) error {
	u, err := needRole(c, "admin")
	if u == nil {
		return err
	}
	v, err := s.officersView(c, u)
	if err != nil {
		return err
	}
	if id := c.Params("id"); id != "" {
		st, _ := s.Records()
		o, err := st.GetOfficer(c.UserContext(), id)
		if err != nil {
			return pageError(c, u, err)
		}
		v.Form, v.Editing, v.Categories = o, true, strings.Join(o.Certificate.Categories, "、")
	}
	return render(c, http.StatusOK, "admin_officers", v)
}

// adminOfficerSave is POST /ui/admin/officers.
func (s *Server) adminOfficerSave(c *fiber.Ctx) error {
	u, err := needRole(c, "admin")
	if u == nil {
		return err
	}
	v, err := s.officersView(c, u)
	if err != nil {
		return err
	}
	f := func(k string) string { return strings.TrimSpace(c.FormValue(k)) }
	v.Form = records.Officer{ID: f("id"), Name: f("name"), AgencyID: f("agency_id"),
		Certificate: records.Certificate{Number: f("certificate.number"), Categories: splitList(c.FormValue("certificate.categories")), Region: f("certificate.region"),
			ValidFrom: f("certificate.valid_from"), ValidUntil: f("certificate.valid_until")},
		Reviewer: c.FormValue("reviewer") == "on", LegalProfessionQual: c.FormValue("legal_profession_qual") == "on"}
	v.Editing, v.Categories = v.Form.ID != "", c.FormValue("certificate.categories")
	st, err := s.Records()
	if err != nil {
		return err
	}
	if v.Editing {
		if _, err := st.GetOfficer(c.UserContext(), v.Form.ID); err != nil {
			return pageError(c, u, err)
		}
	}
	o, err := st.PutOfficer(c.UserContext(), v.Form, actorOf(c))
	if err != nil {
		if v.fail(err, nil) {
			return render(c, http.StatusUnprocessableEntity, "admin_officers", v)
		}
		return err
	}
	return c.Redirect("/ui/admin/officers/"+url.PathEscape(o.ID)+"?notice="+url.QueryEscape("已保存 "+o.Name), http.StatusSeeOther)
}

type adminPowerView struct {
	page
	Items    []records.PowerItem
	Agencies []records.Agency
	Kinds    []string
	Form     records.PowerItem
	Editing  bool
}

func (s *Server) powerView(c *fiber.Ctx, u *PageUser) (*adminPowerView, error) {
	st, err := s.Records()
	if err != nil {
		return nil, err
	}
	v := &adminPowerView{page: newPage(c, u, "权责清单", "admin"), Kinds: records.PowerKinds}
	if v.Items, err = st.ListPowerItems(c.UserContext(), ""); err != nil {
		return nil, err
	}
	v.Agencies, err = st.ListAgencies(c.UserContext())
	return v, err
}

// adminPower is GET /ui/admin/power-items[/:id].
func (s *Server) adminPower(c *fiber.Ctx) error {
	u, err := needRole(c, "admin")
	if u == nil {
		return err
	}
	v, err := s.powerView(c, u)
	if err != nil {
		return err
	}
	if id := c.Params("id"); id != "" {
		st, _ := s.Records()
		p, err := st.GetPowerItem(c.UserContext(), id)
		if err != nil {
			return pageError(c, u, err)
		}
		v.Form, v.Editing = p, true
	}
	return render(c, http.StatusOK, "admin_power", v)
}

// adminPowerSave is POST /ui/admin/power-items.
func (s *Server) adminPowerSave(c *fiber.Ctx) error {
	u, err := needRole(c, "admin")
	if u == nil {
		return err
	}
	v, err := s.powerView(c, u)
	if err != nil {
		return err
	}
	f := func(k string) string { return strings.TrimSpace(c.FormValue(k)) }
	v.Form = records.PowerItem{ID: f("id"), AgencyID: f("agency_id"), Code: f("code"), Name: f("name"), Kind: f("kind"), Category: f("category"),
		LegalBasis: f("legal_basis"), TimeLimit: f("time_limit"), Department: f("department")}
	v.Editing = v.Form.ID != ""
	st, err := s.Records()
	if err != nil {
		return err
	}
	p, err := st.PutPowerItem(c.UserContext(), v.Form, actorOf(c))
	if err != nil {
		if v.fail(err, nil) {
			return render(c, http.StatusUnprocessableEntity, "admin_power", v)
		}
		return err
	}
	return c.Redirect("/ui/admin/power-items/"+url.PathEscape(p.ID)+"?notice="+url.QueryEscape("已保存 "+p.Name), http.StatusSeeOther)
}

type adminBenchmarksView struct {
	page
	Loaded string
}

// adminBenchmarks is GET /ui/admin/benchmarks: the upload form.
func (s *Server) adminBenchmarks(c *fiber.Ctx) error {
	u, err := needRole(c, "admin")
	if u == nil {
		return err
	}
	return render(c, http.StatusOK, "admin_benchmarks", adminBenchmarksView{page: newPage(c, u, "裁量基准", "admin")})
}

// adminBenchmarkUpload is POST /ui/admin/benchmarks (rules.UseBenchmarkFile,
// as POST /api/v1/benchmarks): a bad file changes nothing and its
// `file:line: field` error is shown beside the file input.
func (s *Server) adminBenchmarkUpload(c *fiber.Ctx) error {
	u, err := needRole(c, "admin")
	if u == nil {
		return err
	}
	v := adminBenchmarksView{page: newPage(c, u, "裁量基准", "admin")}
	name, data, msg := uploaded(c)
	if msg == "" {
		bf, err := rules.UseBenchmarkFile(name, data)
		if err == nil {
			return c.Redirect("/ui/admin/benchmarks?notice="+url.QueryEscape("已启用 "+bf.Name), http.StatusSeeOther)
		}
		var ok bool
		if msg, ok = fileError(err); !ok {
			return err
		}
	}
	v.Errors["file"] = msg
	return render(c, http.StatusUnprocessableEntity, "admin_benchmarks", v)
}
