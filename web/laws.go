package web

import (
	"errors"
	"strings"
	"sync"

	"github.com/gofiber/fiber/v2"

	"zhifa/corpora"
	"zhifa/search"
)

func init() {
	registerRoutes(func(s *Server, api fiber.Router) {
		api.Get("/laws/search", s.lawSearch)
		api.Post("/nlp/cite", s.nlpCite)
	})
}

// lawsState is the corpus and law index of one Server, each opened on first use.
type lawsState struct {
	corpusOnce sync.Once
	corpus     *corpora.Corpus
	corpusErr  error
	indexOnce  sync.Once
	index      *search.LawIndex
	indexErr   error
}

var (
	lawsMu     sync.Mutex
	lawsStates = map[*Server]*lawsState{}
)

func (s *Server) lawsState() *lawsState {
	lawsMu.Lock()
	defer lawsMu.Unlock()
	st, ok := lawsStates[s]
	if !ok {
		st = &lawsState{}
		lawsStates[s] = st
		s.OnClose(func() error {
			lawsMu.Lock()
			delete(lawsStates, s)
			lawsMu.Unlock()
			if st.index != nil {
				return st.index.Close()
			}
			return nil
		})
	}
	return st
}

// lawCorpus loads the corpus (embedded + DataDir/laws) once per Server.
func (s *Server) lawCorpus() (*corpora.Corpus, error) {
	st := s.lawsState()
	st.corpusOnce.Do(func() { st.corpus, st.corpusErr = corpora.Load(s.Opts.DataDir) })
	return st.corpus, st.corpusErr
}

// lawIndex opens (building if needed) the law index once per Server.
func (s *Server) lawIndex() (*search.LawIndex, error) {
	c, err := s.lawCorpus()
	if err != nil {
		return nil, err
	}
	st := s.lawsState()
	st.indexOnce.Do(func() { st.index, st.indexErr = search.OpenLawIndex(s.Opts.DataDir, c) })
	return st.index, st.indexErr
}

// GET /api/v1/laws/search?q=&law=&status=&top=&date=
func (s *Server) lawSearch(c *fiber.Ctx) error {
	q := strings.TrimSpace(c.Query("q"))
	if q == "" {
		return badRequest("q", "query is empty")
	}
	top, err := queryInt(c, "top", search.DefaultTop, 1, search.MaxTop)
	if err != nil {
		return err
	}
	ix, err := s.lawIndex()
	if err != nil {
		return err
	}
	date, err := queryDate(c, "date")
	if err != nil {
		return err
	}
	lq := search.LawQuery{Law: c.Query("law"), Status: c.Query("status"), Top: top}
	var hits []search.LawHit
	var body []byte
	if date == "" {
		body, err = ix.SearchJSON(q, lq) // remembered already encoded
	} else {
		hits, err = ix.Search(q, lq)
	}
	switch {
	case errors.Is(err, search.ErrUnknownLaw):
		return badRequest("law", "%v", err)
	case errors.Is(err, search.ErrUnknownStatus):
		return badRequest("status", "%v", err)
	case errors.Is(err, search.ErrEmptyQuery):
		return badRequest("q", "nothing to search for in %q", q)
	case err != nil:
		return err
	}
	if date == "" {
		c.Set(fiber.HeaderContentType, fiber.MIMEApplicationJSON)
		return c.Send(body)
	}
	corpus, err := s.lawCorpus()
	if err != nil {
		return err
	}
	return c.JSON(fiber.Map{"hits": dateHits(corpus, hits, date), "date": date})
}

type citeRequest struct {
	Text    *string `json:"text"`
	ActDate *string `json:"act_date"` // YYYY-MM-DD: read each citation in the version in force then
}

// POST /api/v1/nlp/cite {"text": "…", "act_date": "YYYY-MM-DD"} → {"citations": [...]}, as `zhifa cite [--date]`.
func (s *Server) nlpCite(c *fiber.Ctx) error {
	var req citeRequest
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	if req.Text == nil {
		return badRequest("text", "missing; expected the text whose citations to check")
	}
	date, err := bodyDate("act_date", req.ActDate)
	if err != nil {
		return err
	}
	corpus, err := s.lawCorpus()
	if err != nil {
		return err
	}
	rs := corpus.ResolveTextAt(*req.Text, date)
	if rs == nil {
		rs = []corpora.Resolution{}
	}
	return c.JSON(fiber.Map{"citations": rs})
}
