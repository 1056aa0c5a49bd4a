package web

import (
	"github.com/gofiber/fiber/v2"
)

// libraryExemplary is POST /ui/library/cases/:id/exemplary: set
// (exemplary=true) or clear the 典型案例 mark, with a reason either way.
func (s *Server) libraryExemplary(c *fiber.Ctx) error {
	u, err := needRole(c, "trainer")
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
	on := c.FormValue("exemplary") == "true"
	v.Reason = c.FormValue("reason")
	_, err = l.SetExemplary(c.UserContext(), v.D.Case.ID, on, actorOf(c), v.Reason)
	notice := "已撤销典型案例标记"
	if on {
		notice = "已标记为典型案例"
	}
	return s.libraryCaseDone(c, u, v, err, onlyField("reason", "reason"), notice)
}
