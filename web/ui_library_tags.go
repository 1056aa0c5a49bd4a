package web

import (
	"strings"

	"github.com/gofiber/fiber/v2"
)

// libraryTags is POST /ui/library/cases/:id/tags: add the tags of the
// field "tag" (separated by commas or spaces), or with remove=TAG take one off.
func (s *Server) libraryTags(c *fiber.Ctx) error {
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
	if rm := c.FormValue("remove"); rm != "" {
		_, err = l.RemoveTags(c.UserContext(), v.D.Case.ID, rm)
		return s.libraryCaseDone(c, u, v, err, onlyField("tags", ""), "已移除标签“"+rm+"”")
	}
	v.Tag = c.FormValue("tag")
	tags := strings.FieldsFunc(v.Tag, func(r rune) bool { return r == ',' || r == '，' || r == '、' || r == ' ' || r == '　' })
	_, err = l.AddTags(c.UserContext(), v.D.Case.ID, tags...)
	return s.libraryCaseDone(c, u, v, err, onlyField("tags", "tag"), "已添加标签")
}
