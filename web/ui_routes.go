package web

import (
	"net/http"

	"github.com/gofiber/fiber/v2"
)

// Every page and page action, in one place. The JSON API is under /api/v1
// in the other files; pages live under /ui.
func init() {
	registerRoutes(func(s *Server, api fiber.Router) {
		s.App.Get("/", home)
		ui := s.App.Group("/ui")
		// officer
		ui.Get("/cases", s.caseList)
		ui.Get("/cases/new", s.caseNew)
		ui.Post("/cases", s.caseSave)
		ui.Post("/assist", s.assistPanel)
		ui.Get("/cases/:id", s.caseShow)
		ui.Post("/cases/:id/steps", s.stepSave)
		ui.Post("/cases/:id/evidence", s.evidenceSave)
		ui.Post("/cases/:id/documents", s.documentCreate)
		ui.Post("/cases/:id/review", s.reviewSubmitPage)
		// reviewer
		ui.Get("/reviews", s.reviewQueue)
		ui.Get("/reviews/:id", s.reviewShow)
		ui.Post("/reviews/:id/opinion", s.opinionSave)
		ui.Get("/disclosures", s.disclosureList)
		ui.Get("/disclosures/:id", s.disclosureShow)
		ui.Post("/disclosures/:id/:action", s.disclosureAct)
		// supervisor (and officers: warnings)
		ui.Get("/warnings", s.warningsPage)
		ui.Get("/evaluation", s.evaluationPage)
		// admin
		ui.Get("/admin", s.adminHome)
		ui.Get("/admin/users", s.adminUsers)
		ui.Post("/admin/users", s.adminUserCreate)
		ui.Post("/admin/users/:login/:action", s.adminUserAct)
		ui.Get("/admin/agencies", s.adminAgencies)
		ui.Get("/admin/agencies/:id", s.adminAgencies)
		ui.Post("/admin/agencies", s.adminAgencySave)
		ui.Post("/admin/agencies/:id/review-catalog", s.adminCatalogUpload)
		ui.Get("/admin/officers", s.adminOfficers)
		ui.Get("/admin/officers/:id", s.adminOfficers)
		ui.Post("/admin/officers", s.adminOfficerSave)
		ui.Get("/admin/power-items", s.adminPower)
		ui.Get("/admin/power-items/:id", s.adminPower)
		ui.Post("/admin/power-items", s.adminPowerSave)
		ui.Get("/admin/benchmarks", s.adminBenchmarks)
		ui.Post("/admin/benchmarks", s.adminBenchmarkUpload)
		ui.Get("/admin/templates", s.adminTemplates)
		ui.Post("/admin/templates", s.adminTemplateUpload)
		// the one-time link that creates the first admin
		s.App.Get("/setup", s.setupPage)
		s.App.Post("/setup", s.setupSubmit)
		// trainer (officers and reviewers read and discuss)
		ui.Get("/library", s.libraryListPage)
		ui.Get("/library/import", s.libraryImportForm)
		ui.Post("/library/import", s.libraryImportStart)
		ui.Get("/library/import/:job", s.libraryImportShow)
		ui.Get("/library/cases/:id", s.libraryCaseShow)
		ui.Post("/library/cases/:id/tags", s.libraryTags)
		ui.Post("/library/cases/:id/exemplary", s.libraryExemplary)
		ui.Post("/library/cases/:id/annotations", s.libraryAnnotate)
		ui.Post("/library/cases/:id/threads", s.libraryThread)
		ui.Post("/library/cases/:id/threads/:thread/comments", s.libraryComment)
	})
}

// home sends each role to where its work is.
func home(c *fiber.Ctx) error {
	u := pageUser(c)
	switch {
	case u == nil:
		_, err := needRole(c)
		return err
	case hasRole(u, "officer"), hasRole(u, "supervisor"):
		return c.Redirect("/ui/cases", http.StatusSeeOther)
	case hasRole(u, "reviewer"):
		return c.Redirect("/ui/reviews", http.StatusSeeOther)
	case hasRole(u, "trainer"):
		return c.Redirect("/ui/library", http.StatusSeeOther)
	case hasRole(u, "admin"):
		return c.Redirect("/ui/admin", http.StatusSeeOther)
	}
	_, err := needRole(c, "officer")
	return err
}
