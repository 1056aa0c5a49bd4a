package web

import (
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"time"

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
			cur := lawsStates[s] // lawsChanged may have swapped st out
			delete(lawsStates, s)
			lawsMu.Unlock()
			if st != cur && st.index != nil {
				st.index.Close() // swapped out; maybe closed already
			}
			if cur != nil && cur.index != nil {
				return cur.index.Close()
			}
			return nil
		})
	}
	return st
}

// lawsChanged loads the corpus and the law index again from DataDir (law
// files arrived from another node) and swaps them in when ready, so searches
// meanwhile use the old ones. Nothing to do when they were never opened.
func (s *Server) lawsChanged() error {
	lawsMu.Lock()
	_, loaded := lawsStates[s]
	lawsMu.Unlock()
	if !loaded {
		return nil
	}
	fresh := &lawsState{}
	fresh.corpusOnce.Do(func() { fresh.corpus, fresh.corpusErr = corpora.Load(s.Opts.DataDir) })
	if fresh.corpusErr != nil {
		return fmt.Errorf("laws: %w", fresh.corpusErr)
	}
	fresh.indexOnce.Do(func() { fresh.index, fresh.indexErr = search.OpenLawIndex(s.Opts.DataDir, fresh.corpus) })
	if fresh.indexErr != nil {
		return fmt.Errorf("law index: %w", fresh.indexErr)
	}
	lawsMu.Lock()
	old := lawsStates[s]
	lawsStates[s] = fresh
	lawsMu.Unlock()
	if old != nil {
		old.indexOnce.Do(func() {}) // an open in flight finishes first
		if old.index != nil {
			time.AfterFunc(30*time.Second, func() { old.index.Close() }) // a search may still be using it
		}
	}
	slog.Info("laws reloaded", "laws", len(fresh.corpus.Laws()))
	return nil
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
	hits, err := ix.Search(q, search.LawQuery{Law: c.Query("law"), Status: c.Query("status"), Top: top})
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
		return c.JSON(fiber.Map{"hits": hits})
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
