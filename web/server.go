// Package web is zhifa's HTTP server: the JSON API under /api/v1 and the pages.
//
// Each area of the product adds its routes from its own file through
// registerRoutes in init(), and keeps its own dependencies (opened lazily,
// once) so the server starts fast and areas stay independent.
package web

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unicode/utf8"

	"github.com/gofiber/fiber/v2"
	"github.com/gofiber/fiber/v2/middleware/recover"

	"zhifa/auth"
	"zhifa/drafting"
	"zhifa/internal/sqlopen"
	"zhifa/records"
	"zhifa/rules"
)

// Options configure a Server.
type Options struct {
	DataDir   string // where indexes, records and files live
	BodyLimit int    // bytes; 0 means 8 MiB
	// Templates documents are drafted from; nil means the embedded ones (drafting.LoadDir
	// lays an agency's directory over them).
	Templates *drafting.Templates
	// SecureCookies marks the session cookie Secure (behind a TLS proxy); it
	// is set anyway when the request came over https.
	SecureCookies bool
	// Calendar counts working days (GET /api/v1/deadline); nil means the
	// built-in State Council schedule alone (zhifa serve --holidays adds a year).
	Calendar *rules.Calendar
	// Logger receives one line per request and the sign-in events; nil means
	// slog.Default(). No line holds a password, token, cookie or body.
	Logger *slog.Logger
	// SessionTTL is how long a sign-in lasts; 0 means auth.SessionTTL.
	SessionTTL time.Duration
	// Clock is the time sessions are judged by; nil means time.Now.
	Clock func() time.Time
	// CoreLawIndex indexes the 95 core texts only, not the national pack
	// (tests; a machine that cannot spare the minutes of the first build).
	CoreLawIndex bool
	// Redis, when set, holds the sessions and the login failure counts and
	// lockouts, shared by every node using it ($ZHIFA_REDIS_URL, zhifa serve
	// --redis); nil keeps sessions in the records and counts per node. API
	// tokens stay in the records either way. The opener closes it.
	Redis *auth.Redis
}

// Server is one zhifa HTTP server.
type Server struct {
	App  *fiber.App
	Opts Options

	mu      sync.Mutex
	closers []func() error
	limiter *auth.Limiter
	// tpl replaces Opts.Templates once an admin uploads a template (ui_admin_templates.go).
	tpl   atomic.Pointer[drafting.Templates]
	tplMu sync.Mutex
	bound map[*fiber.Route]bool // routes authorise guards (bindPolicy)
	setup setupState            // the one-time link that creates the first admin
}

type routeFunc func(s *Server, api fiber.Router)

var routeFuncs []routeFunc

// registerRoutes adds an area's routes; called from init() in that area's file.
func registerRoutes(f routeFunc) { routeFuncs = append(routeFuncs, f) }

// New builds a server with every registered route.
func New(opts Options) *Server {
	if opts.BodyLimit == 0 {
		opts.BodyLimit = 8 << 20
	}
	s := &Server{Opts: opts, limiter: auth.NewLimiter()}
	if opts.Redis != nil {
		if opts.Redis.Log == nil {
			opts.Redis.Log = s.logger()
		}
		s.limiter.Share(auth.RedisLimiter{R: opts.Redis})
	}
	s.App = fiber.New(fiber.Config{
		AppName:               "zhifa",
		BodyLimit:             opts.BodyLimit,
		DisableStartupMessage: true,
		ReadTimeout:           60 * time.Second,
		ErrorHandler:          s.errorHandler,
	})
	s.App.Use(securityHeaders) // first: errors and panics carry them too
	s.App.Use(recover.New(recover.Config{EnableStackTrace: true, StackTraceHandler: func(c *fiber.Ctx, e any) {
		s.logger().Error("panic in handler", "path", c.Path(), "panic", fmt.Sprint(e))
	}}))
	s.App.Use(s.observe)
	s.App.Use(checkURLText)
	s.App.Use(refuseContentEncoding) // before anything reads the body
	s.App.Use(watchClient)           // the request's context ends when its client goes
	s.App.Use(s.authenticate)        // who is asking; authorise (policy.go), bound below, decides per route
	s.App.Use(s.enforceScope)        // data scope: scope.go
	s.App.Get("/metrics", s.metricsHandler())
	s.App.Get("/healthz", s.healthz)
	api := s.App.Group("/api/v1")
	api.Get("/health", func(c *fiber.Ctx) error { return c.JSON(fiber.Map{"status": "ok"}) })
	for _, f := range routeFuncs {
		f(s, api)
	}
	s.bindPolicy()
	s.App.Use(func(c *fiber.Ctx) error {
		if _, ok := c.Locals(authKey).(*authState); !ok && !publicPath(c.Path()) {
			return signInFirst(c) // which paths exist is for those signed in
		}
		return noRoute(c) // 405 with Allow, or 404
	})
	return s
}

// healthz says the server answers; with Redis configured, also whether
// Redis does ("redis": "ok" or "down"). A node whose Redis is down still
// serves (status stays "ok"): logins are limited per node meanwhile and
// nothing is cached across nodes. "database" says whether the store answers,
// "changes" where this node's indexes are in the change streams (when it
// follows them, zhifa serve), "degraded" lists what is down, and law_index
// tells the law index's build (state, serving, articles, indexed).
func (s *Server) healthz(c *fiber.Ctx) error {
	m := fiber.Map{"status": "ok"}
	degraded := []string{}
	ctx, cancel := context.WithTimeout(c.UserContext(), time.Second)
	defer cancel()
	if li := s.lawIndexStatus(); li != nil {
		m["law_index"] = li
	}
	if r := s.Opts.Redis; r != nil {
		m["redis"] = "ok"
		if err := r.Ping(ctx); err != nil {
			m["redis"] = "down"
			degraded = append(degraded, "redis")
		}
	}
	m["database"] = "ok"
	if st, err := s.Records(); err != nil || st.DB().PingContext(ctx) != nil {
		m["database"] = "down"
		degraded = append(degraded, "database")
	}
	if f := s.follow().health(); f != nil {
		m["changes"] = f
		if ok, _ := f["ok"].(bool); !ok {
			degraded = append(degraded, "changes")
		}
	}
	m["degraded"] = degraded
	return c.JSON(m)
}

// sessions is where sessions are kept: Redis when configured (the records
// while it is unreachable), else the records (nil).
func (s *Server) sessions(st *records.Store) auth.SessionStore {
	if s.Opts.Redis == nil {
		return nil
	}
	return auth.RedisSessions{R: s.Opts.Redis, Fallback: auth.StoreSessions{St: st}, Clock: s.now}
}

// refuseContentEncoding answers 415 to any request body sent with a
// Content-Encoding: fiber inflates such bodies before the body limit applies,
// so a small gzip bomb would grow without bound. No client of zhifa needs it.
func refuseContentEncoding(c *fiber.Ctx) error {
	if ce := strings.TrimSpace(c.Get(fiber.HeaderContentEncoding)); ce != "" && !strings.EqualFold(ce, "identity") {
		return &APIError{Status: http.StatusUnsupportedMediaType, Code: "unsupported_encoding", Field: "Content-Encoding",
			Message: "request bodies must not be compressed; Content-Encoding " + strconv.Quote(ce) + " is refused"}
	}
	return c.Next()
}

// logger is where the server logs.
func (s *Server) logger() *slog.Logger {
	if s.Opts.Logger != nil {
		return s.Opts.Logger
	}
	return slog.Default()
}

// now is the server's clock.
func (s *Server) now() time.Time {
	if s.Opts.Clock != nil {
		return s.Opts.Clock()
	}
	return time.Now()
}

// OnClose registers a cleanup run by Close (an area's store or index).
func (s *Server) OnClose(f func() error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.closers = append(s.closers, f)
}

// Close shuts the server down and releases what areas opened.
func (s *Server) Close(ctx context.Context) error {
	err := s.App.ShutdownWithContext(ctx)
	// last registered, first run; not under the lock, so that a closer
	// waiting for work in the background lets that work register its own
	for {
		s.mu.Lock()
		n := len(s.closers)
		if n == 0 {
			s.mu.Unlock()
			return err
		}
		f := s.closers[n-1]
		s.closers = s.closers[:n-1]
		s.mu.Unlock()
		err = errors.Join(err, f())
	}
}

// APIError is an error with an HTTP status and, for bad input, the field at fault.
type APIError struct {
	Status  int    `json:"-"`
	Code    string `json:"code"`
	Field   string `json:"field,omitempty"`
	Message string `json:"message"`
}

func (e *APIError) Error() string {
	if e.Field != "" {
		return e.Field + ": " + e.Message
	}
	return e.Message
}

// badRequest reports bad input in field (HTTP 400).
func badRequest(field, format string, a ...any) error {
	return &APIError{Status: http.StatusBadRequest, Code: "invalid", Field: field, Message: fmt.Sprintf(format, a...)}
}

// unprocessable reports well-formed input the domain refuses (HTTP 422).
func unprocessable(field, format string, a ...any) error {
	return &APIError{Status: http.StatusUnprocessableEntity, Code: "rejected", Field: field, Message: fmt.Sprintf(format, a...)}
}

// notFound reports a missing resource (HTTP 404).
func notFound(format string, a ...any) error {
	return &APIError{Status: http.StatusNotFound, Code: "not_found", Message: fmt.Sprintf(format, a...)}
}

// errorHandler maps every error to a JSON body; only unexpected errors are 500.
func (s *Server) errorHandler(c *fiber.Ctx, err error) error {
	ae := apiError(c, err)
	switch ae.Code {
	case "unavailable":
		// PostgreSQL restarting or unreachable: the pool reconnects by itself
		s.logger().Warn("database unavailable", "method", c.Method(), "path", c.Path(), "err", err)
		c.Set(fiber.HeaderRetryAfter, "1")
	case "client_closed":
		s.logger().Info("client gone", "method", c.Method(), "path", c.Path())
	case "internal":
		s.logger().Error("request failed", "method", c.Method(), "path", c.Path(), "err", err)
	}
	return c.Status(ae.Status).JSON(ae)
}

// apiError is what err is answered with: its own APIError, fiber's status,
// 503 for a database not answering, 499 for a client gone, else 500. The
// request log and metrics take the status from here too (observe runs
// before errorHandler), so both say what the client was answered.
func apiError(c *fiber.Ctx, err error) *APIError {
	var ae *APIError
	var fe *fiber.Error
	switch {
	case errors.As(err, &ae):
		return ae
	case errors.As(err, &fe):
		code := "error"
		switch fe.Code {
		case http.StatusRequestEntityTooLarge:
			code = "too_large"
		case http.StatusNotFound:
			code = "not_found"
		case http.StatusMethodNotAllowed:
			code = "method_not_allowed"
		case http.StatusBadRequest:
			code = "invalid"
		}
		ae = &APIError{Status: fe.Code, Code: code, Message: fe.Message}
		if fe.Code == http.StatusRequestEntityTooLarge {
			ae.Field = "body" // refused before any handler could name a field of it
		}
		return ae
	case sqlopen.Unavailable(err):
		return &APIError{Status: http.StatusServiceUnavailable, Code: "unavailable", Message: "the database is not answering; try again shortly"}
	case errors.Is(err, context.Canceled) && c.UserContext().Err() != nil:
		// the client went away and the work stopped (watchClient): not a
		// server error; 499 as nginx logs it, and nobody reads the body
		return &APIError{Status: 499, Code: "client_closed", Message: "the client closed the connection"}
	}
	return &APIError{Status: http.StatusInternalServerError, Code: "internal", Message: "internal error"}
}

// maxQueryParamBytes bounds one query parameter (q, law, …).
const maxQueryParamBytes = 2 << 10

// checkURLText refuses a path or query parameter holding a NUL byte or
// invalid UTF-8 (%00, %FF): no handler can use it, and PostgreSQL would fail
// on it with a 500; and one longer than maxQueryParamBytes (422).
func checkURLText(c *fiber.Ctx) error {
	bad := func(b []byte) bool { return !utf8.Valid(b) || bytes.IndexByte(b, 0) >= 0 }
	if bad(c.Request().URI().Path()) {
		return badRequest("path", "the path holds a NUL byte or invalid UTF-8")
	}
	var field string
	c.Request().URI().QueryArgs().VisitAll(func(k, v []byte) {
		if field == "" && (bad(k) || bad(v)) {
			field = string(k)
			if !utf8.Valid(k) {
				field = "query"
			}
		}
	})
	if field != "" {
		return badRequest(field, "holds a NUL byte or invalid UTF-8")
	}
	// a query word costs a clause of every search; no search needs a page of them
	c.Request().URI().QueryArgs().VisitAll(func(k, v []byte) {
		if field == "" && len(v) > maxQueryParamBytes {
			field = string(k)
		}
	})
	if field != "" {
		return unprocessable(field, "%s is longer than %d bytes", field, maxQueryParamBytes)
	}
	return c.Next()
}
