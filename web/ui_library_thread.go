package web

import (
	"net/url"

	"github.com/gofiber/fiber/v2"
)

// libraryThread is POST /ui/library/cases/:id/threads: open a discussion,
// its first comment optional.
func (s *Server) libraryThread(c *fiber.Ctx) error {
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
	v.ThreadTitle, v.ThreadText = c.FormValue("thread_title"), c.FormValue("thread_text")
	_, err = l.NewThread(c.UserContext(), v.D.Case.ID, v.ThreadTitle, actorOf(c), v.Role, v.ThreadText)
	alias := func(f string) string {
		switch f {
		case "title":
			return "thread_title"
		case "text":
			return "thread_text"
		}
		return ""
	}
	return s.libraryCaseDone(c, u, v, err, alias, "已发起讨论")
}

// libraryComment is POST /ui/library/cases/:id/threads/:thread/comments.
func (s *Server) libraryComment(c *fiber.Ctx) error {
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
	tid, err := url.PathUnescape(c.Params("thread"))
	if err != nil {
		return pageError(c, u, badRequest("thread", "bad thread in the path"))
	}
	found := false
	for _, t := range v.D.Threads {
		found = found || t.ID == tid
	}
	if !found {
		return pageError(c, u, notFound("thread %s not found on this case", tid))
	}
	v.Comment[tid] = c.FormValue("text")
	_, err = l.Comment(c.UserContext(), tid, actorOf(c), v.Role, v.Comment[tid])
	return s.libraryCaseDone(c, u, v, err, onlyField("text", "comment-"+tid), "已发表评论")
}
