package web

import (
	"github.com/gofiber/fiber/v2"

	"zhifa/caselib"
)

// libraryAnnotate is POST /ui/library/cases/:id/annotations: a note,
// optionally on a passage quoted from the case's text.
func (s *Server) libraryAnnotate(c *fiber.Ctx) error {
	u, err := needRole(c, libraryReaders...)
	if u == nil {
		return err
	}
	v, err := s.libraryCase(c, u)
	if v == nil {
		return err
	}
	l, err := s.caseLibraryWriter()
	if err != nil {
		return err
	}
	v.NoteText, v.NoteQuote = c.FormValue("note_text"), c.FormValue("note_quote")
	_, err = l.Annotate(c.UserContext(), v.D.Case.ID, caselib.Annotation{Author: actorOf(c), Role: v.Role, Text: v.NoteText, Quote: v.NoteQuote})
	alias := func(f string) string {
		switch f {
		case "text":
			return "note_text"
		case "quote":
			return "note_quote"
		}
		return ""
	}
	return s.libraryCaseDone(c, u, v, err, alias, "已添加批注")
}
