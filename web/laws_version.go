package web

import (
	"strings"

	"github.com/gofiber/fiber/v2"

	"zhifa/corpora"
)

func init() {
	registerRoutes(func(s *Server, api fiber.Router) {
		api.Get("/laws", s.lawList)
		api.Get("/laws/cite", s.lawCite)
	})
}

// queryDate reads an optional YYYY-MM-DD query parameter.
func queryDate(c *fiber.Ctx, name string) (string, error) {
	v := strings.TrimSpace(c.Query(name))
	if v == "" {
		return "", nil
	}
	d, err := corpora.ParseDay(v)
	if err != nil {
		return "", badRequest(name, "%v", err)
	}
	return d, nil
}

// bodyDate checks an optional YYYY-MM-DD field of a JSON body.
func bodyDate(field string, v *string) (string, error) {
	if v == nil || strings.TrimSpace(*v) == "" {
		return "", nil
	}
	d, err := corpora.ParseDay(*v)
	if err != nil {
		return "", badRequest(field, "%v", err)
	}
	return d, nil
}

// GET /api/v1/laws?stale=true: every law with its versions and the date its
// text is current to; stale=true only those revised later than the text held.
func (s *Server) lawList(c *fiber.Ctx) error {
	stale := false
	switch c.Query("stale") {
	case "", "false", "0":
	case "true", "1":
		stale = true
	default:
		return badRequest("stale", "%q: expected true or false", c.Query("stale"))
	}
	corpus, err := s.lawCorpus()
	if err != nil {
		return err
	}
	return c.JSON(fiber.Map{"laws": corpus.Summaries(stale)})
}

// GET /api/v1/laws/cite?q=<one citation>&date=YYYY-MM-DD: the citation read
// in the version in force on date (the current text without date), as
// `zhifa cite --date`; version_warning when that version is not held.
func (s *Server) lawCite(c *fiber.Ctx) error {
	q := strings.TrimSpace(c.Query("q"))
	if q == "" {
		return badRequest("q", "missing; expected one citation, e.g. 《中华人民共和国土地管理法》第七十六条")
	}
	date, err := queryDate(c, "date")
	if err != nil {
		return err
	}
	corpus, err := s.lawCorpus()
	if err != nil {
		return err
	}
	r, err := corpus.CiteAt(q, date)
	if err != nil && r.Law == "" {
		return badRequest("q", "%v", err)
	}
	return c.JSON(fiber.Map{"citation": r})
}
