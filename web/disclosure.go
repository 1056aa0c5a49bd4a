package web

import (
	"context"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"time"

	"github.com/gofiber/fiber/v2"

	"zhifa/auth"
	"zhifa/disclosure"
	"zhifa/records"
	"zhifa/review"
	"zhifa/search"
)

// 公示: the disclosures of decisions and the standing information, for the
// reviewers and admins who publish them; the public reads them on /portal.
func init() {
	registerRoutes(func(s *Server, api fiber.Router) {
		api.Get("/disclosures", s.recList(func(ctx context.Context, st *records.Store, c *fiber.Ctx) (any, error) {
			agency := c.Query("agency_id")
			if u, _ := currentUser(c); !u.Has(auth.RoleAdmin) && u.AgencyID != "" {
				if agency != "" && agency != u.AgencyID {
					return []disclosure.Disclosure{}, nil
				}
				agency = u.AgencyID // a reviewer publishes for their own agency
			}
			return disclosure.List(ctx, st, agency, c.Query("status"))
		}))
		api.Get("/disclosures/:id", s.recList(func(ctx context.Context, st *records.Store, c *fiber.Ctx) (any, error) {
			return disclosure.Get(ctx, st, c.Params("id"))
		}))
		api.Get("/disclosures/:id/preview", s.recList(func(ctx context.Context, st *records.Store, c *fiber.Ctx) (any, error) {
			return disclosure.PreviewOf(ctx, st, c.Params("id"), actorOf(c))
		}))
		api.Post("/disclosures/:id/publish", func(c *fiber.Ctx) error {
			var in disclosure.PublishInput
			if len(c.Body()) > 0 {
				if err := decodeJSON(c, &in); err != nil {
					return err
				}
			}
			return s.disclosureWrite(c, func(ctx context.Context, st *records.Store) (disclosure.Disclosure, error) {
				return disclosure.Publish(ctx, st, c.Params("id"), actorOf(c), in)
			})
		})
		api.Post("/disclosures/:id/correct", func(c *fiber.Ctx) error {
			var in disclosure.CorrectInput
			if err := decodeJSON(c, &in); err != nil {
				return err
			}
			return s.disclosureWrite(c, func(ctx context.Context, st *records.Store) (disclosure.Disclosure, error) {
				return disclosure.Correct(ctx, st, c.Params("id"), actorOf(c), in)
			})
		})
		api.Post("/disclosures/:id/withdraw", func(c *fiber.Ctx) error {
			var in disclosure.WithdrawInput
			if err := decodeJSON(c, &in); err != nil {
				return err
			}
			return s.disclosureWrite(c, func(ctx context.Context, st *records.Store) (disclosure.Disclosure, error) {
				return disclosure.Withdraw(ctx, st, c.Params("id"), actorOf(c), in)
			})
		})
		api.Get("/standing", s.recList(func(ctx context.Context, st *records.Store, c *fiber.Ctx) (any, error) {
			return disclosure.ListStanding(ctx, st, c.Query("agency_id"), c.Query("category"))
		}))
		api.Post("/standing", func(c *fiber.Ctx) error {
			var in disclosure.StandingInput
			if err := decodeJSON(c, &in); err != nil {
				return err
			}
			return s.standingWrite(c, fiber.StatusCreated, func(ctx context.Context, st *records.Store) (disclosure.Standing, error) {
				return disclosure.PublishStanding(ctx, st, actorOf(c), in)
			})
		})
		api.Put("/standing/:id", func(c *fiber.Ctx) error {
			var in disclosure.StandingInput
			if err := decodeJSON(c, &in); err != nil {
				return err
			}
			return s.standingWrite(c, fiber.StatusOK, func(ctx context.Context, st *records.Store) (disclosure.Standing, error) {
				return disclosure.UpdateStanding(ctx, st, c.Params("id"), actorOf(c), in)
			})
		})
		api.Post("/standing/:id/withdraw", func(c *fiber.Ctx) error {
			var in struct {
				Reason string `json:"reason"`
			}
			if err := decodeJSON(c, &in); err != nil {
				return err
			}
			return s.standingWrite(c, fiber.StatusOK, func(ctx context.Context, st *records.Store) (disclosure.Standing, error) {
				return disclosure.WithdrawStanding(ctx, st, c.Params("id"), actorOf(c), in.Reason)
			})
		})
		api.Post("/standing/sync", func(c *fiber.Ctx) error {
			st, err := s.Records()
			if err != nil {
				return err
			}
			extra, err := reviewCatalogItems(c.UserContext(), st)
			if err != nil {
				return err
			}
			n, err := disclosure.SyncStanding(c.UserContext(), st, actorOf(c), extra...)
			if err != nil {
				return recErr(err)
			}
			ss, err := disclosure.ListStanding(c.UserContext(), st, "", "")
			if err != nil {
				return err
			}
			for _, x := range ss {
				if err := s.portalStanding(c.UserContext(), st, x); err != nil {
					return err
				}
			}
			return c.JSON(fiber.Map{"written": n})
		})
	})
}

// reviewCatalogItems are each agency's 重大执法决定法制审核目录清单 as
// standing items: the catalog in force (the agency's own or the default).
func reviewCatalogItems(ctx context.Context, st *records.Store) ([]disclosure.StandingInput, error) {
	ags, err := st.ListAgencies(ctx)
	if err != nil {
		return nil, err
	}
	var out []disclosure.StandingInput
	for _, a := range ags {
		cat, err := review.CatalogFor(ctx, st, a.ID)
		if err != nil {
			return nil, err
		}
		var b strings.Builder
		b.WriteString("事项 | 依据\n")
		for _, r := range cat.Rules {
			fmt.Fprintf(&b, "%s | %s\n", r.Name, r.Citation)
		}
		out = append(out, disclosure.StandingInput{AgencyID: a.ID, Category: "review_catalog", Title: a.Name + "重大执法决定法制审核目录清单", Body: strings.TrimSpace(b.String())})
	}
	return out, nil
}

func (s *Server) disclosureWrite(c *fiber.Ctx, f func(ctx context.Context, st *records.Store) (disclosure.Disclosure, error)) error {
	st, err := s.Records()
	if err != nil {
		return err
	}
	d, err := f(c.UserContext(), st)
	if err != nil {
		return recErr(err)
	}
	if err := s.portalDisclosure(c.UserContext(), st, d); err != nil {
		return err
	}
	return c.JSON(d)
}

func (s *Server) standingWrite(c *fiber.Ctx, status int, f func(ctx context.Context, st *records.Store) (disclosure.Standing, error)) error {
	st, err := s.Records()
	if err != nil {
		return err
	}
	v, err := f(c.UserContext(), st)
	if err != nil {
		return recErr(err)
	}
	if err := s.portalStanding(c.UserContext(), st, v); err != nil {
		return err
	}
	return c.Status(status).JSON(v)
}

// The portal index of each server, opened on first use (rebuilt from the
// records when the published set changed behind it) and kept current by
// every write here.
type portalState struct {
	mu  sync.Mutex
	idx *search.PortalIndex
	set *search.PortalSet
	// head is the audit change head read before the index was built from
	// the store: every change after it may be missing from the index, so a
	// follower starting fresh replays from there.
	head int64
}

var (
	portalMu     sync.Mutex
	portalStates = map[*Server]*portalState{}
)

func (s *Server) portalState() *portalState {
	portalMu.Lock()
	defer portalMu.Unlock()
	ps, ok := portalStates[s]
	if !ok {
		ps = &portalState{}
		portalStates[s] = ps
		s.OnClose(func() error {
			portalMu.Lock()
			delete(portalStates, s)
			portalMu.Unlock()
			ps.mu.Lock()
			defer ps.mu.Unlock()
			if ps.idx != nil {
				return ps.idx.Close()
			}
			return nil
		})
	}
	return ps
}

// portalIndex returns the portal's index, opening it on first use.
func (s *Server) portalIndex(ctx context.Context) (*search.PortalIndex, error) {
	ps := s.portalState()
	ps.mu.Lock()
	defer ps.mu.Unlock()
	if ps.idx != nil {
		return ps.idx, nil
	}
	st, err := s.Records()
	if err != nil {
		return nil, err
	}
	head, err := st.ChangeHead(ctx)
	if err != nil {
		return nil, err
	}
	docs, set, err := disclosure.PortalDocs(ctx, st)
	if err != nil {
		return nil, err
	}
	idx, err := search.OpenPortalIndex(s.Opts.DataDir, set.Fingerprint(), func() ([]search.PortalDoc, error) { return docs, nil })
	if err != nil {
		return nil, err
	}
	ps.idx, ps.set, ps.head = idx, set, head
	slog.Info("portal index open", "public", len(docs))
	return idx, nil
}

// portalPut puts one item's public state in the index: doc nil removes it.
func (s *Server) portalPut(ctx context.Context, id, key string, doc *search.PortalDoc) error {
	idx, err := s.portalIndex(ctx)
	if err != nil {
		return err
	}
	ps := s.portalState()
	ps.mu.Lock()
	defer ps.mu.Unlock()
	if doc == nil {
		key = ""
	}
	if !ps.set.Set(id, key) {
		return nil
	}
	if doc == nil {
		return idx.Delete(id, ps.set.Fingerprint())
	}
	return idx.Put(*doc, ps.set.Fingerprint())
}

func (s *Server) portalDisclosure(ctx context.Context, st *records.Store, d disclosure.Disclosure) error {
	if !d.Public(todayCST()) {
		return s.portalPut(ctx, d.ID, "", nil)
	}
	doc := disclosure.DecisionDoc(d, disclosure.AgencyName(ctx, st, d.AgencyID))
	return s.portalPut(ctx, d.ID, disclosure.Key(d), &doc)
}

func (s *Server) portalStanding(ctx context.Context, st *records.Store, x disclosure.Standing) error {
	if x.Status != disclosure.StatusPublished {
		return s.portalPut(ctx, x.ID, "", nil)
	}
	doc := disclosure.StandingDoc(x, disclosure.AgencyName(ctx, st, x.AgencyID))
	return s.portalPut(ctx, x.ID, disclosure.StandingKey(x), &doc)
}

func todayCST() string { return time.Now().In(cst).Format("2006-01-02") }
