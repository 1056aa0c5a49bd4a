package web

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"sync"
	"time"

	"github.com/gofiber/fiber/v2"

	"zhifa/caselib"
	"zhifa/records"
)

func init() {
	registerRoutes(func(s *Server, api fiber.Router) {
		api.Get("/agencies", s.recList(func(ctx context.Context, st *records.Store, c *fiber.Ctx) (any, error) { return st.ListAgencies(ctx) }))
		api.Post("/agencies", s.agencyPut)
		api.Put("/agencies/:id", s.agencyPut)
		api.Get("/agencies/:id", s.recList(func(ctx context.Context, st *records.Store, c *fiber.Ctx) (any, error) {
			return st.GetAgency(ctx, c.Params("id"))
		}))
		api.Get("/officers", s.recList(func(ctx context.Context, st *records.Store, c *fiber.Ctx) (any, error) {
			return st.ListOfficers(ctx, c.Query("agency_id"))
		}))
		api.Post("/officers", s.officerPut)
		api.Put("/officers/:id", s.officerPut)
		api.Get("/officers/:id", s.recList(func(ctx context.Context, st *records.Store, c *fiber.Ctx) (any, error) {
			return st.GetOfficer(ctx, c.Params("id"))
		}))
		api.Get("/power-items", s.recList(func(ctx context.Context, st *records.Store, c *fiber.Ctx) (any, error) {
			return st.ListPowerItems(ctx, c.Query("agency_id"))
		}))
		api.Post("/power-items", s.powerPut)
		api.Put("/power-items/:id", s.powerPut)
		api.Get("/power-items/:id", s.recList(func(ctx context.Context, st *records.Store, c *fiber.Ctx) (any, error) {
			return st.GetPowerItem(ctx, c.Params("id"))
		}))
		api.Get("/cases", s.recList(func(ctx context.Context, st *records.Store, c *fiber.Ctx) (any, error) {
			cs, err := st.ListCases(ctx)
			if err != nil {
				return nil, err
			}
			return s.scopedCases(c, cs)
		}))
		api.Post("/cases", s.caseCreate)
		api.Get("/cases/:id", s.recList(func(ctx context.Context, st *records.Store, c *fiber.Ctx) (any, error) {
			return st.GetCase(ctx, c.Params("id"), actorOf(c))
		}))
		api.Get("/cases/:id/steps", s.recList(func(ctx context.Context, st *records.Store, c *fiber.Ctx) (any, error) {
			if err := caseExists(ctx, st, c.Params("id")); err != nil {
				return nil, err
			}
			return st.Steps(ctx, c.Params("id"))
		}))
		api.Post("/cases/:id/steps", s.stepAppend)
		api.Get("/cases/:id/evidence", s.recList(func(ctx context.Context, st *records.Store, c *fiber.Ctx) (any, error) {
			if err := caseExists(ctx, st, c.Params("id")); err != nil {
				return nil, err
			}
			return st.ListEvidence(ctx, c.Params("id"))
		}))
		api.Post("/cases/:id/evidence", s.evidenceUpload)
		api.Get("/cases/:id/documents", s.recList(func(ctx context.Context, st *records.Store, c *fiber.Ctx) (any, error) {
			if err := caseExists(ctx, st, c.Params("id")); err != nil {
				return nil, err
			}
			return st.ListDocuments(ctx, c.Params("id"))
		}))
		api.Post("/cases/:id/documents", s.documentAdd)
		api.Get("/cases/:id/access-log", s.recList(func(ctx context.Context, st *records.Store, c *fiber.Ctx) (any, error) {
			if err := caseExists(ctx, st, c.Params("id")); err != nil {
				return nil, err
			}
			return st.AccessLogFor(ctx, c.Params("id"))
		}))
		api.Get("/cases/:id/export", s.recList(func(ctx context.Context, st *records.Store, c *fiber.Ctx) (any, error) {
			return st.ExportCase(ctx, c.Params("id"), actorOf(c))
		}))
		api.Get("/files/:sha256", s.fileGet)
		api.Get("/audit/verify", s.recList(func(ctx context.Context, st *records.Store, c *fiber.Ctx) (any, error) { return st.Verify(ctx), nil }))
		api.Get("/audit/public-key", s.recList(func(ctx context.Context, st *records.Store, c *fiber.Ctx) (any, error) {
			return map[string]string{"algorithm": "Ed25519", "public_key": st.PublicKeyHex(), "key_id": st.KeyID()}, nil
		}))
	})
}

type recordsState struct {
	mu    sync.Mutex
	store *records.Store
}

var (
	recordsMu     sync.Mutex
	recordsStates = map[*Server]*recordsState{}
)

// Records opens the server's store (DataDir, or ZHIFA_DATABASE_URL) on first
// use. A failed open is tried again by the next call, so a node started
// while its database was down serves once the database is up.
func (s *Server) Records() (*records.Store, error) {
	recordsMu.Lock()
	st, ok := recordsStates[s]
	if !ok {
		st = &recordsState{}
		recordsStates[s] = st
		s.OnClose(func() error {
			recordsMu.Lock()
			delete(recordsStates, s)
			recordsMu.Unlock()
			st.mu.Lock()
			defer st.mu.Unlock()
			if st.store != nil {
				return st.store.Close()
			}
			return nil
		})
	}
	recordsMu.Unlock()
	st.mu.Lock()
	defer st.mu.Unlock()
	if st.store != nil {
		return st.store, nil
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	store, err := records.Open(ctx, s.Opts.DataDir)
	if err != nil {
		return nil, err
	}
	st.store = store
	return store, nil
}

// actorOf names who is acting: the authenticated user (X-Actor names nobody).
func actorOf(c *fiber.Ctx) string {
	if u, ok := currentUser(c); ok {
		return u.Login
	}
	return "anonymous"
}

// recErr maps store errors (of records or of the case library) to field-named 4xx.
func recErr(err error) error {
	var fe *records.FieldError
	var nf *records.NotFoundError
	var lfe *caselib.FieldError
	var lnf *caselib.NotFoundError
	var ce *records.ConflictError
	switch {
	case err == nil:
		return nil
	case errors.As(err, &ce):
		return &APIError{Status: http.StatusConflict, Code: ce.Code, Field: ce.Field, Message: ce.Message}
	case errors.As(err, &fe):
		return unprocessable(fe.Field, "%s", fe.Message)
	case errors.As(err, &lfe):
		return unprocessable(lfe.Field, "%s", lfe.Message)
	case errors.As(err, &nf):
		return notFound("%s", nf.Error())
	case errors.As(err, &lnf):
		return notFound("%s", lnf.Error())
	}
	return err
}

func caseExists(ctx context.Context, st *records.Store, id string) error {
	var n int
	err := st.DB().QueryRowContext(ctx, st.Rebind(`SELECT COUNT(*) FROM cases WHERE id = ?`), id).Scan(&n)
	if err != nil {
		return err
	}
	if n == 0 {
		return &records.NotFoundError{What: "case", ID: id}
	}
	return nil
}

func (s *Server) recList(f func(ctx context.Context, st *records.Store, c *fiber.Ctx) (any, error)) fiber.Handler {
	return func(c *fiber.Ctx) error {
		st, err := s.Records()
		if err != nil {
			return err
		}
		v, err := f(c.UserContext(), st, c)
		if err != nil {
			return recErr(err)
		}
		return c.JSON(v)
	}
}

func (s *Server) agencyPut(c *fiber.Ctx) error {
	var a records.Agency
	if err := decodeJSON(c, &a); err != nil {
		return err
	}
	id := c.Params("id")
	return s.recWrite(c, func(ctx context.Context, st *records.Store) (any, error) {
		var saved records.Agency
		var err error
		if id == "" { // POST creates, never replaces
			saved, err = st.CreateAgency(ctx, a, actorOf(c))
		} else {
			a.ID = id
			saved, err = st.PutAgency(ctx, a, actorOf(c))
		}
		if err == nil && saved.Province != "" {
			// the agency is saved: a pack that cannot be added now (the data
			// directory not writable) is logged, not answered as a failed write
			if perr := s.holdProvince(saved.Province); perr != nil {
				s.logger().Warn("province law pack not added; add it with zhifa ingest --pack", "province", saved.Province, "err", perr.Error())
			}
		}
		return saved, err
	})
}

func (s *Server) officerPut(c *fiber.Ctx) error {
	var o records.Officer
	if err := decodeJSON(c, &o); err != nil {
		return err
	}
	id := c.Params("id")
	return s.recWrite(c, func(ctx context.Context, st *records.Store) (any, error) {
		if id == "" {
			return st.CreateOfficer(ctx, o, actorOf(c))
		}
		o.ID = id
		return st.PutOfficer(ctx, o, actorOf(c))
	})
}

func (s *Server) powerPut(c *fiber.Ctx) error {
	var p records.PowerItem
	if err := decodeJSON(c, &p); err != nil {
		return err
	}
	id := c.Params("id")
	return s.recWrite(c, func(ctx context.Context, st *records.Store) (any, error) {
		if id == "" {
			return st.CreatePowerItem(ctx, p, actorOf(c))
		}
		p.ID = id
		return st.PutPowerItem(ctx, p, actorOf(c))
	})
}

func (s *Server) caseCreate(c *fiber.Ctx) error {
	var k records.Case
	if err := decodeJSON(c, &k); err != nil {
		return err
	}
	if err := s.mayCreateCase(c, k.AgencyID); err != nil {
		return err
	}
	return s.recWrite(c, func(ctx context.Context, st *records.Store) (any, error) { return st.CreateCase(ctx, k, actorOf(c)) })
}

// stepRequest is the body of POST /cases/:id/steps.
type stepRequest struct {
	Kind string          `json:"kind"`
	At   string          `json:"at"` // RFC 3339; now when empty
	Data json.RawMessage `json:"data"`
}

func (s *Server) stepAppend(c *fiber.Ctx) error {
	var r stepRequest
	if err := decodeJSON(c, &r); err != nil {
		return err
	}
	at := time.Time{}
	if r.At != "" {
		var err error
		if at, err = time.Parse(time.RFC3339, r.At); err != nil {
			return badRequest("at", "%q is not an RFC 3339 time", r.At)
		}
	}
	return s.recWrite(c, func(ctx context.Context, st *records.Store) (any, error) {
		step, warnings, err := st.AppendStep(ctx, c.Params("id"), r.Kind, at, r.Data, actorOf(c))
		if err == nil {
			for _, h := range stepHooks {
				h(ctx, s, st, step)
			}
		}
		if warnings == nil {
			warnings = []string{}
		}
		return map[string]any{"step": step, "warnings": warnings}, err
	})
}

// stepHooks run after a step is recorded (the case library picks up
// decisions); they log their own failures, the step stands.
var stepHooks []func(ctx context.Context, s *Server, st *records.Store, step records.Step)

const maxUpload = 64 << 20

func (s *Server) evidenceUpload(c *fiber.Ctx) error {
	fh, err := c.FormFile("file")
	if err != nil {
		return badRequest("file", "a multipart file field \"file\" is required")
	}
	if fh.Size > maxUpload {
		return badRequest("file", "file is larger than %d bytes", maxUpload)
	}
	f, err := fh.Open()
	if err != nil {
		return badRequest("file", "cannot read the upload: %v", err)
	}
	content, err := io.ReadAll(io.LimitReader(f, maxUpload+1))
	f.Close()
	if err != nil {
		return badRequest("file", "cannot read the upload: %v", err)
	}
	e := records.Evidence{CaseID: c.Params("id"), Kind: c.FormValue("kind"), Title: c.FormValue("title"), CollectedAt: c.FormValue("collected_at"),
		Place: c.FormValue("place"), Collector: c.FormValue("collector"), Proves: c.FormValue("proves"), FileName: fh.Filename}
	return s.recWrite(c, func(ctx context.Context, st *records.Store) (any, error) {
		if err := caseExists(ctx, st, e.CaseID); err != nil {
			return nil, err
		}
		return st.AddEvidence(ctx, e, content, actorOf(c))
	})
}

// documentRequest is the body of POST /cases/:id/documents.
type documentRequest struct {
	Kind    string `json:"kind"`
	Number  string `json:"number"`
	Content string `json:"content"` // base64
}

func (s *Server) documentAdd(c *fiber.Ctx) error {
	var r documentRequest
	if err := decodeJSON(c, &r); err != nil {
		return err
	}
	content, err := base64.StdEncoding.DecodeString(r.Content)
	if err != nil {
		return badRequest("content", "not base64: %v", err)
	}
	return s.recWrite(c, func(ctx context.Context, st *records.Store) (any, error) {
		if err := caseExists(ctx, st, c.Params("id")); err != nil {
			return nil, err
		}
		return st.AddDocument(ctx, c.Params("id"), r.Kind, r.Number, content, actorOf(c))
	})
}

func (s *Server) fileGet(c *fiber.Ctx) error {
	st, err := s.Records()
	if err != nil {
		return err
	}
	b, err := st.ReadFile(c.Params("sha256"))
	if err != nil {
		var fe *records.FieldError
		if errors.As(err, &fe) {
			return badRequest("sha256", "%s", fe.Message)
		}
		return recErr(err)
	}
	if err := s.fileScope(c, st); err != nil {
		return err
	}
	return sendStoredFile(c, c.Params("sha256"), b)
}

// fileScope treats a read of a case's evidence or document file as a read
// of the case: out of the user's scope it is not found, and a reader not on
// the case is logged (调阅, read:file). A file no case holds is served as before.
func (s *Server) fileScope(c *fiber.Ctx, st *records.Store) error {
	ctx := c.UserContext()
	ids, err := st.FileCases(ctx, c.Params("sha256"))
	if err != nil || len(ids) == 0 {
		return err
	}
	sc, err := s.requestScope(c)
	if err != nil {
		return err
	}
	for _, id := range ids {
		k, err := st.CaseRecord(ctx, id)
		if isNotFound(err) {
			continue
		} else if err != nil {
			return err
		}
		if ok, err := sc.canRead(ctx, k.ID, k.AgencyID); err != nil || !ok {
			if err != nil {
				return err
			}
			continue
		}
		on, err := sc.onCase(ctx, k)
		if err != nil || on {
			return err
		}
		u, _ := currentUser(c)
		return st.LogAccess(ctx, k.ID, u.Login, "read:file")
	}
	return notFound("file %s not found", c.Params("sha256"))
}

func (s *Server) recWrite(c *fiber.Ctx, f func(ctx context.Context, st *records.Store) (any, error)) error {
	st, err := s.Records()
	if err != nil {
		return err
	}
	v, err := f(c.UserContext(), st)
	if err != nil {
		return recErr(err)
	}
	return c.Status(fiber.StatusCreated).JSON(v)
}
