package web

import (
	"net/http"
	"net/url"

	"github.com/gofiber/fiber/v2"

	"zhifa/caselib"
)

// libraryCaseView is a library case with its curation and discussion, and
// what its forms were sent with after an error.
type libraryCaseView struct {
	page
	D       *caselib.CaseDetail
	Curator bool   // may tag and mark (trainer)
	Role    string // the role the user annotates and discusses as
	// the forms' values, kept after an error
	Tag, Reason, NoteText, NoteQuote, ThreadTitle, ThreadText string
	Comment                                                   map[string]string // thread id → text
}

// discussRole is the role a user annotates and comments as: trainer first.
func discussRole(u *PageUser) string {
	for _, r := range libraryReaders {
		if hasRole(u, r) {
			return r
		}
	}
	return ""
}

// libraryCaseShow is GET /ui/library/cases/:id.
func (s *Server) libraryCaseShow(c *fiber.Ctx) error {
	u, err := needRole(c, libraryReaders...)
	if u == nil {
		return err
	}
	v, err := s.libraryCase(c, u)
	if v == nil {
		return err
	}
	return render(c, http.StatusOK, "library_show", v)
}

// libraryCase builds the case's view; nil with the error page's error when
// the case is missing.
func (s *Server) libraryCase(c *fiber.Ctx, u *PageUser) (*libraryCaseView, error) {
	l, err := s.caseLibraryWriter()
	if err != nil {
		return nil, err
	}
	id, err := url.PathUnescape(c.Params("id"))
	if err != nil {
		return nil, pageError(c, u, badRequest("id", "bad id in the path"))
	}
	d, err := l.Detail(c.UserContext(), id)
	if err != nil {
		return nil, pageError(c, u, err)
	}
	d.Case = d.Case.Public()
	return &libraryCaseView{page: newPage(c, u, d.Case.Title, "library"), D: d, Curator: hasRole(u, "trainer"),
		Role: discussRole(u), Comment: map[string]string{}}, nil
}

// libraryCaseDone redirects back to the case with a notice, or shows the
// page again with err beside the field alias names.
func (s *Server) libraryCaseDone(c *fiber.Ctx, u *PageUser, v *libraryCaseView, err error, alias func(string) string, notice string) error {
	if err != nil {
		if !v.fail(err, alias) {
			return pageError(c, u, err)
		}
		// show what the action left (the case as it is now)
		if nv, _ := s.libraryCase(c, u); nv != nil {
			nv.page, nv.Tag, nv.Reason, nv.NoteText, nv.NoteQuote, nv.ThreadTitle, nv.ThreadText, nv.Comment =
				v.page, v.Tag, v.Reason, v.NoteText, v.NoteQuote, v.ThreadTitle, v.ThreadText, v.Comment
			v = nv
		}
		return render(c, http.StatusUnprocessableEntity, "library_show", v)
	}
	return c.Redirect("/ui/library/cases/"+url.PathEscape(v.D.Case.ID)+"?notice="+url.QueryEscape(notice), http.StatusSeeOther)
}

// onlyField maps every field but the form's own to the page's top error.
func onlyField(from, to string) func(string) string {
	return func(f string) string {
		if f == from {
			return to
		}
		return ""
	}
}
