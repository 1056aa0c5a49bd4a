package web

import (
	"context"
	"fmt"
	"runtime/debug"
	"strings"
	"sync"

	"github.com/gofiber/fiber/v2"

	"zhifa/caselib"
	"zhifa/rules"
	"zhifa/search"
)

// similarState is the case library and its ranking, opened once per server.
type similarState struct {
	once sync.Once
	lib  *caselib.Library
	rk   *search.CaseRanker
	err  error
}

var similarStates sync.Map // *Server → *similarState

func (s *Server) caseLibrary() (*caselib.Library, *search.CaseRanker, error) {
	v, _ := similarStates.LoadOrStore(s, &similarState{})
	st := v.(*similarState)
	st.once.Do(func() {
		st.lib, st.err = caselib.Open(s.Opts.DataDir)
		if st.err == nil {
			st.rk = rankLibrary(st.lib)
		}
		s.OnClose(func() error {
			similarStates.CompareAndDelete(s, st)
			if st.lib != nil {
				return st.lib.Close()
			}
			return nil
		})
	})
	return st.lib, st.rk, st.err
}

// rankLibrary builds the server's ranking of lib, then lets go of the terms
// and structure the library was loaded with (the ranking holds what it
// needs of them) and gives the memory the load took back to the system.
func rankLibrary(lib *caselib.Library) *search.CaseRanker {
	rk := lib.Ranker("")
	lib.DropRankingInputs()
	debug.FreeOSMemory()
	return rk
}

type similarRequest struct {
	Facts string   `json:"facts"`
	Only  []string `json:"only"`
	Top   int      `json:"top"`
	// filters
	Collection string `json:"collection"`
	Agency     string `json:"agency"`
	Kind       string `json:"kind"`
	DateFrom   string `json:"date_from"`
	DateTo     string `json:"date_to"`
}

// maxSimilarOnly bounds the case ids a similar-case lookup may be limited
// to: each is scored against every query term.
const maxSimilarOnly = 1000

// checkSimilarBounds holds a similar-case lookup's ids and filters to their
// bounds (the general ones of textlimits.go are 64 KB a text, 10,000
// entries): a 422 naming the JSON path (only[3]).
func checkSimilarBounds(r *similarRequest) error {
	if len(r.Only) > maxSimilarOnly {
		return unprocessable("only", "only has %d case ids; at most %d are accepted", len(r.Only), maxSimilarOnly)
	}
	for i, id := range r.Only {
		if len(id) > maxIDBytes {
			return unprocessable(fmt.Sprintf("only[%d]", i), "only[%d] is %d bytes; at most %d are accepted", i, len(id), maxIDBytes)
		}
	}
	for _, f := range []struct{ name, v string }{{"collection", r.Collection}, {"agency", r.Agency}, {"kind", r.Kind}} {
		if len(f.v) > maxNameBytes {
			return unprocessable(f.name, "%s is %d bytes; at most %d are accepted", f.name, len(f.v), maxNameBytes)
		}
	}
	return nil
}

type consistencyRequest struct {
	Facts        string  `json:"facts"`
	ProposedFine float64 `json:"proposed_fine"`
	PenaltyBasis string  `json:"penalty_basis"`
	Factor       float64 `json:"factor"`
}

func init() {
	registerRoutes(func(s *Server, api fiber.Router) {
		api.Post("/similar", func(c *fiber.Ctx) error {
			var req similarRequest
			if err := decodeJSON(c, &req); err != nil {
				return err
			}
			if strings.TrimSpace(req.Facts) == "" {
				return unprocessable("facts", "facts are required")
			}
			if err := checkTextLen("facts", req.Facts); err != nil {
				return err
			}
			if req.Top < 0 || req.Top > 1000 {
				return unprocessable("top", "top must be between 0 and 1000")
			}
			if err := checkSimilarBounds(&req); err != nil {
				return err
			}
			q := search.CaseQuery{Only: req.Only, Top: req.Top, Collection: req.Collection,
				Agency: req.Agency, Kind: req.Kind, From: req.DateFrom, To: req.DateTo}
			if err := q.CheckDates(); err != nil {
				de := err.(*search.DateError)
				return unprocessable("date_"+de.Field, "%v", err)
			}
			_, rk, err := s.caseLibrary()
			if err != nil {
				return err
			}
			// the ranking stops when the client goes (watchClient): 499
			hits, err := rk.RankContext(c.UserContext(), req.Facts, q)
			if err != nil {
				return err
			}
			return c.JSON(fiber.Map{"cases": hits})
		})
		api.Post("/disputes", func(c *fiber.Ctx) error {
			var req struct {
				rules.DisputeCase
				LargeFine float64 `json:"large_fine"`
			}
			if err := decodeJSON(c, &req); err != nil {
				return err
			}
			return c.JSON(fiber.Map{"points": rules.DisputePoints(req.DisputeCase, req.LargeFine)})
		})
		api.Post("/consistency", func(c *fiber.Ctx) error {
			var req consistencyRequest
			if err := decodeJSON(c, &req); err != nil {
				return err
			}
			if strings.TrimSpace(req.Facts) == "" {
				return unprocessable("facts", "facts are required")
			}
			if err := checkTextLen("facts", req.Facts); err != nil {
				return err
			}
			if req.ProposedFine < 0 {
				return unprocessable("proposed_fine", "must not be negative")
			}
			res, _, err := s.fineConsistency(c.UserContext(), req.Facts, req.ProposedFine, req.PenaltyBasis, req.Factor)
			if err != nil {
				return err
			}
			return c.JSON(res)
		})
	})
}

// fineConsistency is where a proposed fine falls among the decided fines of
// the cases most like facts (up to 30), and those fines.
// It stops when ctx ends.
func (s *Server) fineConsistency(ctx context.Context, facts string, fine float64, basis string, factor float64) (rules.FineConsistency, []rules.DecidedFine, error) {
	lib, rk, err := s.caseLibrary()
	if err != nil {
		return rules.FineConsistency{}, nil, err
	}
	hits, err := rk.RankContext(ctx, facts, search.CaseQuery{Top: 200})
	if err != nil {
		return rules.FineConsistency{}, nil, err
	}
	var max float64
	for _, h := range hits {
		if h.Score > max {
			max = h.Score
		}
	}
	var sim []rules.DecidedFine
	for _, h := range hits {
		if cs := lib.Get(h.ID); cs != nil && cs.Fine != nil && len(sim) < 30 {
			sim = append(sim, rules.DecidedFine{ID: cs.ID, Title: cs.Title, Basis: cs.PenaltyBasis, Fine: *cs.Fine, Similarity: h.Score / max, Reasons: h.Reasons})
		}
	}
	return rules.CheckFine(fine, basis, sim, rules.ConsistencyOptions{Factor: factor}), sim, nil
}
