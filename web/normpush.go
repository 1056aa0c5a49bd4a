package web

import (
	"strings"

	"github.com/gofiber/fiber/v2"

	"zhifa/rules"
	"zhifa/search"
)

// NormBenchmarks gives norm push the discretion entries in force for a
// penalty article (the rules engine's view, which search does not import).
func NormBenchmarks(law string, article int) []search.NormBenchmark {
	var out []search.NormBenchmark
	for _, b := range rules.BenchmarksForArticle(law, article) {
		out = append(out, search.NormBenchmark{ID: b.ID, Source: b.Source, Violation: b.Violation, Citation: b.Citation})
	}
	return out
}

// NormObligations gives norm push the obligations a penalty article
// sanctions for the facts (the violation catalog).
func NormObligations(law string, article int, suffix, facts string) []search.NormObligation {
	var out []search.NormObligation
	for _, l := range rules.ObligationsForFacts(law, article, suffix, facts, 2) {
		why := "条文所指：" + l.Quote
		if l.Kind == "match" {
			why = "同一行为：" + l.Quote
		}
		out = append(out, search.NormObligation{Law: l.Obligation.Law, Article: l.Obligation.Article, Suffix: l.Obligation.Suffix, Cite: l.Obligation.Citation(), Why: why})
	}
	return out
}

type normPushRequest struct {
	Facts string  `json:"facts"`
	Top   int     `json:"top"`
	Fine  float64 `json:"fine"`
}

func init() {
	registerRoutes(func(s *Server, api fiber.Router) {
		// POST /api/v1/normpush — 执法规范精准推送: violated and penalty
		// provisions, their discretion entries and the procedural rules, each with why.
		api.Post("/normpush", func(c *fiber.Ctx) error {
			var req normPushRequest
			if err := decodeJSON(c, &req); err != nil {
				return err
			}
			if strings.TrimSpace(req.Facts) == "" {
				return unprocessable("facts", "facts are required")
			}
			if err := checkTextLen("facts", req.Facts); err != nil {
				return err
			}
			if req.Top < 0 || req.Top > search.MaxTop {
				return unprocessable("top", "top must be between 0 and %d", search.MaxTop)
			}
			if req.Fine < 0 {
				return unprocessable("fine", "must not be negative")
			}
			ix, err := s.lawIndex()
			if err != nil {
				return err
			}
			_, rk, err := s.caseLibrary()
			if err != nil {
				return err
			}
			norms, err := search.PushNorms(ix, search.NormQuery{Ctx: c.UserContext(), Facts: req.Facts, Top: req.Top, Fine: req.Fine, Cases: rk, Benchmarks: NormBenchmarks, Obligations: NormObligations})
			if err != nil {
				return err
			}
			return c.JSON(fiber.Map{"norms": norms})
		})
	})
}
