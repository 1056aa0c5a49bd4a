package web

import (
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
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
	indexer    *search.LawIndexer
	indexErr   error
	started    atomic.Pointer[search.LawIndexer] // indexer, for /healthz
}

var (
	lawsMu     sync.Mutex
	lawsStates = map[*Server]*lawsState{}
	// lawsPending are reloads whose index is still being built
	lawsPending = map[*Server]*lawsState{}
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
			pending := lawsPending[s]
			delete(lawsPending, s)
			lawsMu.Unlock()
			if pending != nil {
				pending.indexer.Close() // stops its build
			}
			if st != cur && st.indexer != nil {
				st.indexer.Close() // swapped out; maybe closed already
			}
			if cur != nil && cur.indexer != nil {
				return cur.indexer.Close()
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

// lawIndexer starts the law index once per Server: the index of the whole
// corpus when DataDir holds a current one, else the core texts' while the
// whole corpus is indexed in the background (Options.CoreLawIndex or
// $ZHIFA_LAW_INDEX=core: the core texts and DataDir/laws only).
func (s *Server) lawIndexer() (*search.LawIndexer, error) {
	st := s.lawsState()
	s.startLawIndexer(st)
	return st.indexer, st.indexErr
}

// startLawIndexer opens st's law index once (see lawIndexer).
func (s *Server) startLawIndexer(st *lawsState) {
	st.indexOnce.Do(func() {
		var c *corpora.Corpus
		if s.Opts.CoreLawIndex || search.CoreLawIndexOnly() {
			c, st.indexErr = corpora.LoadLawsOn(corpora.Core(), s.Opts.DataDir)
		} else {
			st.corpusOnce.Do(func() { st.corpus, st.corpusErr = corpora.Load(s.Opts.DataDir) })
			c, st.indexErr = st.corpus, st.corpusErr
		}
		if st.indexErr != nil {
			return
		}
		st.indexer, st.indexErr = search.StartLawIndex(s.Opts.DataDir, c)
		st.started.Store(st.indexer)
	})
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
	s.startLawIndexer(fresh)
	if fresh.indexErr != nil {
		return fmt.Errorf("law index: %w", fresh.indexErr)
	}
	// a new index built in the background would serve the core texts alone
	// meanwhile: the laws as they were serve until it is ready
	lawsMu.Lock()
	superseded := lawsPending[s]
	lawsPending[s] = fresh
	lawsMu.Unlock()
	if superseded != nil {
		superseded.indexer.Close() // stops its build
	}
	if fresh.indexer.Status().State != search.IndexBuilding {
		return s.swapLaws(fresh)
	}
	go func() {
		if err := s.swapLaws(fresh); err != nil {
			slog.Warn("laws not reloaded; the laws as they were stay", "err", err.Error())
		}
	}()
	return nil
}

// swapLaws puts fresh in place of the laws served once its index is built,
// unless the server closed or a newer reload superseded it meanwhile.
func (s *Server) swapLaws(fresh *lawsState) error {
	fresh.indexer.Wait()
	lawsMu.Lock()
	_, open := lawsStates[s]
	if !open || lawsPending[s] != fresh {
		lawsMu.Unlock()
		return nil // closed by whoever superseded it or closed the server
	}
	delete(lawsPending, s)
	if st := fresh.indexer.Status(); st.State == search.IndexFailed {
		lawsMu.Unlock()
		fresh.indexer.Close()
		return fmt.Errorf("law index: %s", st.Error)
	}
	old := lawsStates[s]
	lawsStates[s] = fresh
	lawsMu.Unlock()
	if old != nil {
		old.indexOnce.Do(func() {}) // an open in flight finishes first
		if old.indexer != nil {
			time.AfterFunc(30*time.Second, func() { old.indexer.Close() }) // a search may still be using it
		}
	}
	slog.Info("laws reloaded", "laws", len(fresh.corpus.Laws()))
	return nil
}

// lawIndex is the law index to search now (see lawIndexer).
func (s *Server) lawIndex() (*search.LawIndex, error) {
	b, err := s.lawIndexer()
	if err != nil {
		return nil, err
	}
	return b.Index(), nil
}

// lawIndexStatus is the law index's build state for /healthz, or nil before
// the index is first opened.
func (s *Server) lawIndexStatus() *search.LawIndexStatus {
	b := s.lawsState().started.Load()
	if b == nil {
		return nil
	}
	v := b.Status()
	return &v
}

// GET /api/v1/laws/search?q=&law=&status=&level=&province=&top=&date=
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
	province := c.Query("province")
	if province == "" {
		province = s.agencyProvince(c)
	}
	lq := search.LawQuery{Law: c.Query("law"), Status: c.Query("status"),
		Level: c.Query("level"), Province: province, Top: top}
	var hits []search.LawHit
	var body []byte
	if date == "" {
		body, err = ix.SearchJSON(q, lq) // remembered already encoded
	} else {
		hits, err = ix.Search(q, lq)
	}
	switch {
	case errors.Is(err, search.ErrUnknownLevel):
		return badRequest("level", "%v", err)
	case errors.Is(err, search.ErrUnknownProv):
		return badRequest("province", "%v", err)
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
	return c.JSON(fiber.Map{"hits": search.DateHits(corpus, hits, date), "date": date})
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

// StartLawIndex opens the law index now rather than on the first search
// (zhifa serve): the whole corpus's is then built in the background. It
// also parses the laws suggestions are computed against (the core texts and
// the national pack, some seconds of CPU), which the first POST
// /api/v1/suggest would otherwise wait for, with every request arriving
// meanwhile.
func (s *Server) StartLawIndex() error {
	if _, err := s.lawIndexer(); err != nil {
		return err
	}
	_, err := s.lawCorpus()
	return err
}

// agencyProvince is the province of the signed-in user's agency (records.
// Agency.Province), "" when none is set: an officer's law search keeps the
// national texts and that province's local regulations unless the request
// names another province.
func (s *Server) agencyProvince(c *fiber.Ctx) string {
	u, ok := currentUser(c)
	if !ok || u.AgencyID == "" {
		return ""
	}
	st, err := s.Records()
	if err != nil {
		return ""
	}
	a, err := st.GetAgency(c.UserContext(), u.AgencyID)
	if err != nil {
		return ""
	}
	return a.Province
}

// holdProvince adds a province's law pack to what DataDir loads when it is
// not there yet, and reloads the laws in the background so that the
// agency's officers search its regulations without a restart (searches use
// the laws as they were until the new index is ready).
func (s *Server) holdProvince(province string) error {
	held, err := corpora.DataPacks(s.Opts.DataDir)
	if err != nil {
		return err
	}
	province = strings.TrimSuffix(strings.TrimSuffix(province, "省"), "市")
	if slices.Contains(held, province) {
		return nil
	}
	if _, err := corpora.IngestPacks(s.Opts.DataDir, []string{province}); err != nil {
		return err
	}
	slog.Info("province law pack added; laws reload in the background", "province", province)
	done := make(chan struct{})
	go func() {
		defer close(done)
		if err := s.lawsChanged(); err != nil {
			slog.Warn("laws not reloaded after a province was added; they load at the next start", "province", province, "err", err.Error())
		}
	}()
	s.OnClose(func() error { <-done; return nil }) // runs before the laws' own closer
	return nil
}
