package web

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"sync"

	"github.com/gofiber/fiber/v2"

	"zhifa/caselib"
	"zhifa/records"
)

// The trainers' case library under /api/v1/library: browsing, import and
// export, curation (tags, annotations, the exemplary mark) and discussion
// threads. Writes go to the library's database through one handle per
// server; the in-memory ranking (similar.go) is rebuilt after imports.

// maxLibraryUpload bounds one uploaded library file (the server's body limit
// applies first).
var maxLibraryUpload int64 = 32 << 20

type libraryWriterState struct {
	once sync.Once
	lib  *caselib.Library
	err  error
}

var libraryWriters sync.Map // *Server → *libraryWriterState

// caseLibraryWriter is the library's database handle for curation and imports.
func (s *Server) caseLibraryWriter() (*caselib.Library, error) {
	v, _ := libraryWriters.LoadOrStore(s, &libraryWriterState{})
	st := v.(*libraryWriterState)
	st.once.Do(func() {
		st.lib, st.err = caselib.OpenWriter(s.Opts.DataDir)
		s.OnClose(func() error {
			libraryWriters.Delete(s)
			if st.lib != nil {
				return st.lib.Close()
			}
			return nil
		})
	})
	return st.lib, st.err
}

// caseLibraryChanged drops the in-memory library and ranking so the next
// lookup loads what was imported.
func (s *Server) caseLibraryChanged() {
	v, ok := similarStates.LoadAndDelete(s)
	if !ok {
		return
	}
	st := v.(*similarState)
	st.once.Do(func() {}) // wait for a load in flight
	if st.lib != nil {
		st.lib.Close()
	}
}

// param is a path parameter, URL-decoded.
func param(c *fiber.Ctx, name string) (string, error) {
	v, err := url.PathUnescape(c.Params(name))
	if err != nil || strings.TrimSpace(v) == "" {
		return "", badRequest(name, "bad %s in the path", name)
	}
	return v, nil
}

// author is the body's author, else the acting user.
func author(c *fiber.Ctx, a string) string {
	if strings.TrimSpace(a) == "" && actorOf(c) != "anonymous" {
		return actorOf(c)
	}
	return a
}

type tagsRequest struct {
	Tags []string `json:"tags"`
}

type annotationRequest struct {
	Author string `json:"author"`
	Role   string `json:"role"`
	Text   string `json:"text"`
	Quote  string `json:"quote"`
}

type exemplaryRequest struct {
	Exemplary *bool  `json:"exemplary"`
	By        string `json:"by"`
	Reason    string `json:"reason"`
}

type threadRequest struct {
	Title  string `json:"title"`
	Author string `json:"author"`
	Role   string `json:"role"`
	Text   string `json:"text"`
}

type commentRequest struct {
	Author string `json:"author"`
	Role   string `json:"role"`
	Text   string `json:"text"`
}

func init() {
	// A decision recorded through the API joins the library at once.
	stepHooks = append(stepHooks, func(ctx context.Context, s *Server, st *records.Store, step records.Step) {
		if step.Kind != records.StepDecision {
			return
		}
		w, err := caselib.OpenWriter(s.Opts.DataDir)
		if err != nil {
			slog.Warn("case library: sync after decision", "case", step.CaseID, "err", err)
			return
		}
		defer w.Close()
		res, err := caselib.SyncFromRecords(ctx, w, st, step.CaseID)
		if err != nil {
			slog.Warn("case library: sync after decision", "case", step.CaseID, "err", err)
			return
		}
		if res.Added+res.Updated > 0 {
			s.caseLibraryChanged()
		}
	})
	registerRoutes(func(s *Server, api fiber.Router) {
		lib := func(h func(c *fiber.Ctx, l *caselib.Library) error) fiber.Handler {
			return func(c *fiber.Ctx) error {
				l, err := s.caseLibraryWriter()
				if err != nil {
					return err
				}
				return recErr(h(c, l))
			}
		}
		api.Get("/library/collections", lib(func(c *fiber.Ctx, l *caselib.Library) error {
			cs, err := l.Collections(c.UserContext())
			if err != nil {
				return err
			}
			return c.JSON(fiber.Map{"collections": cs})
		}))
		api.Get("/library/cases", lib(s.libraryList))
		api.Get("/library/cases/:id", lib(func(c *fiber.Ctx, l *caselib.Library) error {
			id, err := param(c, "id")
			if err != nil {
				return err
			}
			d, err := l.Detail(c.UserContext(), id)
			if err != nil {
				return err
			}
			d.Case = d.Case.Public()
			return c.JSON(d)
		}))
		api.Post("/library/import", lib(s.libraryImport))
		api.Get("/library/export", lib(s.libraryExport))
		api.Post("/library/cases/:id/tags", lib(func(c *fiber.Ctx, l *caselib.Library) error {
			id, err := param(c, "id")
			if err != nil {
				return err
			}
			var r tagsRequest
			if err := decodeJSON(c, &r); err != nil {
				return err
			}
			tags, err := l.AddTags(c.UserContext(), id, r.Tags...)
			if err != nil {
				return err
			}
			return c.JSON(fiber.Map{"id": id, "tags": tags})
		}))
		api.Delete("/library/cases/:id/tags/:tag", lib(func(c *fiber.Ctx, l *caselib.Library) error {
			id, err := param(c, "id")
			if err != nil {
				return err
			}
			tag, err := param(c, "tag")
			if err != nil {
				return err
			}
			tags, err := l.RemoveTags(c.UserContext(), id, tag)
			if err != nil {
				return err
			}
			return c.JSON(fiber.Map{"id": id, "tags": tags})
		}))
		api.Post("/library/cases/:id/annotations", lib(func(c *fiber.Ctx, l *caselib.Library) error {
			id, err := param(c, "id")
			if err != nil {
				return err
			}
			var r annotationRequest
			if err := decodeJSON(c, &r); err != nil {
				return err
			}
			a, err := l.Annotate(c.UserContext(), id, caselib.Annotation{Author: author(c, r.Author), Role: r.Role, Text: r.Text, Quote: r.Quote})
			if err != nil {
				return err
			}
			return c.Status(fiber.StatusCreated).JSON(a)
		}))
		api.Put("/library/cases/:id/exemplary", lib(func(c *fiber.Ctx, l *caselib.Library) error {
			id, err := param(c, "id")
			if err != nil {
				return err
			}
			var r exemplaryRequest
			if err := decodeJSON(c, &r); err != nil {
				return err
			}
			if r.Exemplary == nil {
				return unprocessable("exemplary", "is required: true to set the mark, false to clear it")
			}
			m, err := l.SetExemplary(c.UserContext(), id, *r.Exemplary, author(c, r.By), r.Reason)
			if err != nil {
				return err
			}
			return c.JSON(m)
		}))
		api.Post("/library/cases/:id/threads", lib(func(c *fiber.Ctx, l *caselib.Library) error {
			id, err := param(c, "id")
			if err != nil {
				return err
			}
			var r threadRequest
			if err := decodeJSON(c, &r); err != nil {
				return err
			}
			t, err := l.NewThread(c.UserContext(), id, r.Title, author(c, r.Author), r.Role, r.Text)
			if err != nil {
				return err
			}
			return c.Status(fiber.StatusCreated).JSON(t)
		}))
		api.Post("/library/threads/:id/comments", lib(func(c *fiber.Ctx, l *caselib.Library) error {
			id, err := param(c, "id")
			if err != nil {
				return err
			}
			var r commentRequest
			if err := decodeJSON(c, &r); err != nil {
				return err
			}
			cm, err := l.Comment(c.UserContext(), id, author(c, r.Author), r.Role, r.Text)
			if err != nil {
				return err
			}
			return c.Status(fiber.StatusCreated).JSON(cm)
		}))
		api.Get("/library/threads/:id", lib(func(c *fiber.Ctx, l *caselib.Library) error {
			id, err := param(c, "id")
			if err != nil {
				return err
			}
			t, err := l.Thread(c.UserContext(), id)
			if err != nil {
				return err
			}
			return c.JSON(t)
		}))
	})
}

// libraryList: GET /library/cases?collection=&tag=&exemplary=&q=&limit=&offset=
func (s *Server) libraryList(c *fiber.Ctx, l *caselib.Library) error {
	limit, err := queryInt(c, "limit", 50, 1, 1000)
	if err != nil {
		return err
	}
	offset, err := queryInt(c, "offset", 0, 0, 1<<30)
	if err != nil {
		return err
	}
	q := caselib.Query{Collection: c.Query("collection"), Tag: c.Query("tag"), Q: c.Query("q"), Limit: limit, Offset: offset}
	switch v := c.Query("exemplary"); v {
	case "":
	case "true", "1":
		t := true
		q.Exemplary = &t
	case "false", "0":
		f := false
		q.Exemplary = &f
	default:
		return badRequest("exemplary", "%q is not true or false", v)
	}
	cs, total, err := l.Find(c.UserContext(), q)
	if err != nil {
		return err
	}
	out := make([]*caselib.Case, len(cs))
	for i, k := range cs {
		out[i] = k.Public()
	}
	return c.JSON(fiber.Map{"total": total, "limit": limit, "offset": offset, "cases": out})
}

// libraryImport: POST /library/import, multipart file (+ collection).
func (s *Server) libraryImport(c *fiber.Ctx, l *caselib.Library) error {
	fh, err := c.FormFile("file")
	if err != nil {
		return badRequest("file", "a multipart file field \"file\" is required")
	}
	if fh.Size > maxLibraryUpload {
		return &APIError{Status: http.StatusRequestEntityTooLarge, Code: "too_large", Field: "file", Message: "file is larger than the upload limit"}
	}
	f, err := fh.Open()
	if err != nil {
		return badRequest("file", "cannot read the upload: %v", err)
	}
	data, err := io.ReadAll(io.LimitReader(f, maxLibraryUpload+1))
	f.Close()
	if err != nil {
		return badRequest("file", "cannot read the upload: %v", err)
	}
	coll := strings.TrimSpace(c.FormValue("collection"))
	// import through a handle of its own: the shared one never holds cases in memory
	w, err := caselib.OpenWriter(s.Opts.DataDir)
	if err != nil {
		return err
	}
	defer w.Close()
	res, err := w.ImportUploadContext(c.UserContext(), fh.Filename, data, coll)
	if err != nil {
		var fe *caselib.FieldError
		if errors.As(err, &fe) {
			return err
		}
		return unprocessable("file", "%v", err)
	}
	if res.Imported == 0 && res.Skipped == 0 {
		return unprocessable("file", "no cases in the file")
	}
	if res.Imported > 0 {
		w.Analyse()
		if err := w.Save(); err != nil {
			return err
		}
		s.caseLibraryChanged()
	}
	return c.JSON(res)
}

// libraryExport: GET /library/export?collection=&format=jsonl|docx
func (s *Server) libraryExport(c *fiber.Ctx, l *caselib.Library) error {
	coll := c.Query("collection")
	name := coll
	if name == "" {
		name = "library"
	}
	disp := "attachment; filename*=UTF-8''" + url.PathEscape(name)
	switch f := c.Query("format", "jsonl"); f {
	case "jsonl":
		cs, _, err := l.Find(c.UserContext(), caselib.Query{Collection: coll})
		if err != nil {
			return err
		}
		if coll != "" && len(cs) == 0 {
			return notFound("collection %s not found", coll)
		}
		var b bytes.Buffer
		enc := json.NewEncoder(&b)
		enc.SetEscapeHTML(false)
		for _, k := range cs {
			if err := enc.Encode(k.Public()); err != nil {
				return err
			}
		}
		c.Set("Content-Type", "application/x-ndjson; charset=utf-8")
		c.Set("Content-Disposition", disp+".jsonl")
		return c.Send(b.Bytes())
	case "docx":
		var b bytes.Buffer
		if err := l.WritePack(c.UserContext(), &b, coll); err != nil {
			return err
		}
		c.Set("Content-Type", "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
		c.Set("Content-Disposition", disp+".docx")
		return c.Send(b.Bytes())
	default:
		return badRequest("format", "%q is not jsonl or docx", f)
	}
}
