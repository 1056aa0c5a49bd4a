package web

import (
	"crypto/subtle"
	"errors"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"

	"zhifa/auth"
)

const (
	authKey       = "zhifa.auth"
	sessionCookie = "zhifa_session"
)

type authState struct {
	user  auth.User
	token auth.Token
}

// public reports whether path is served to anyone: the disclosure portal,
// health checks, the login and logout pages and the static assets pages need.
func public(path string) bool {
	switch {
	case path == "/healthz", path == "/api/v1/health", path == "/login",
		path == "/logout", // signed out already: on to /login, not a 401
		path == "/portal", strings.HasPrefix(path, "/portal/"),
		strings.HasPrefix(path, "/static/"):
		return true
	}
	return false
}

func unauthorized(msg string) error {
	return &APIError{Status: http.StatusUnauthorized, Code: "unauthorized", Message: msg}
}

func forbidden(msg string) error {
	return &APIError{Status: http.StatusForbidden, Code: "forbidden", Message: msg}
}

// authenticate makes the signed-in user the actor of every request: a
// Bearer token (system-to-system) or the session cookie (pages). X-Actor
// names nobody.
func (s *Server) authenticate(c *fiber.Ctx) error {
	path := c.Path()
	secret, bearer := "", false
	if h := c.Get(fiber.HeaderAuthorization); strings.HasPrefix(h, "Bearer ") {
		secret, bearer = strings.TrimSpace(strings.TrimPrefix(h, "Bearer ")), true
	} else {
		secret = c.Cookies(sessionCookie)
	}
	if secret != "" {
		st, err := s.Records()
		if err != nil {
			return err
		}
		u, t, err := auth.Lookup(c.UserContext(), st, secret)
		switch {
		case err == nil:
			c.Locals(authKey, &authState{user: u, token: t})
		case errors.Is(err, auth.ErrNoToken):
			if bearer && !public(path) {
				return unauthorized("the token is unknown, expired or revoked")
			}
		default:
			return err
		}
	}
	a, signedIn := c.Locals(authKey).(*authState)
	if !signedIn {
		if public(path) {
			return c.Next()
		}
		if strings.HasPrefix(path, "/api/") || c.Method() != fiber.MethodGet {
			return unauthorized("sign in: send Authorization: Bearer <token> (zhifa token create) or log in at /login")
		}
		return c.Redirect("/login?next="+url.QueryEscape(c.OriginalURL()), http.StatusSeeOther)
	}
	unsafe := c.Method() != fiber.MethodGet && c.Method() != fiber.MethodHead && c.Method() != fiber.MethodOptions
	if unsafe && a.token.Kind == "session" && path != "/login" {
		got := c.Get("X-CSRF-Token")
		if got == "" {
			got = c.FormValue("_csrf")
		}
		if subtle.ConstantTimeCompare([]byte(got), []byte(a.token.CSRF)) != 1 || got == "" {
			return forbidden("the form's CSRF token is missing or wrong; reload the page and try again")
		}
	}
	if unsafe && a.token.Scope == "read" && writes(c.Method(), path) {
		return forbidden("this token is read-only")
	}
	if !allowed(a.user, c.Method(), path) {
		return forbidden("the role(s) " + strings.Join(a.user.Roles, ", ") + " may not " + c.Method() + " " + path)
	}
	return c.Next()
}

// writes reports whether a request changes records (as opposed to the
// computing endpoints — suggest, similar, redact … — which only answer).
func writes(method, path string) bool {
	if method == fiber.MethodGet || method == fiber.MethodHead {
		return false
	}
	for _, p := range []string{"/api/v1/suggest", "/api/v1/transfer", "/api/v1/normpush", "/api/v1/similar", "/api/v1/consistency", "/api/v1/disputes", "/api/v1/nlp/", "/ui/assist", "/logout"} {
		if strings.HasPrefix(path, p) {
			return false
		}
	}
	return true
}

// allowed is the authorisation rule: who may do what, by role. Reading is
// open to every signed-in role; writing is by area.
func allowed(u auth.User, method, path string) bool {
	if u.Has(auth.RoleAdmin) || !writes(method, path) {
		return true
	}
	has := func(prefixes ...string) bool {
		for _, p := range prefixes {
			if strings.HasPrefix(path, p) {
				return true
			}
		}
		return false
	}
	// registry, catalogs, benchmarks and annual reports: admin only (above)
	if has("/api/v1/agencies", "/api/v1/officers", "/api/v1/power-items", "/api/v1/benchmarks", "/api/v1/annual-reports") {
		return false
	}
	switch {
	case has("/api/v1/reviews/", "/ui/reviews/"):
		return u.Has(auth.RoleReviewer)
	case has("/api/v1/library", "/ui/library"):
		return u.Has(auth.RoleTrainer) || u.Has(auth.RoleOfficer)
	case has("/api/v1/cases", "/ui/cases", "/api/v1/draws", "/api/v1/inspect"):
		return u.Has(auth.RoleOfficer)
	}
	return u.Has(auth.RoleOfficer)
}

func init() {
	registerRoutes(func(s *Server, api fiber.Router) {
		s.App.Get("/login", s.loginPage)
		s.App.Post("/login", s.loginSubmit)
		s.App.Get("/logout", s.logoutPage)
		s.App.Post("/logout", s.logout) // the session's CSRF token is checked in authenticate
	})
}

type loginView struct {
	page
	Next, Login string
}

func safeNext(n string) string {
	if !strings.HasPrefix(n, "/") || strings.HasPrefix(n, "//") || strings.Contains(n, "\\") {
		return "/"
	}
	return n
}

func (s *Server) loginPage(c *fiber.Ctx) error {
	return render(c, http.StatusOK, "login", loginView{page: newPage(c, nil, "登录", ""), Next: safeNext(c.Query("next"))})
}

func (s *Server) loginSubmit(c *fiber.Ctx) error {
	v := loginView{page: newPage(c, nil, "登录", ""), Next: safeNext(c.FormValue("next")), Login: strings.TrimSpace(c.FormValue("login"))}
	if v.Login == "" {
		v.Errors["login"] = "请输入用户名"
		return render(c, http.StatusUnprocessableEntity, "login", v)
	}
	st, err := s.Records()
	if err != nil {
		return err
	}
	secret, _, u, err := auth.Login(c.UserContext(), st, s.limiter, v.Login, c.FormValue("password"))
	var locked *auth.ErrLocked
	switch {
	case errors.As(err, &locked):
		slog.Warn("login locked", "user", v.Login, "ip", c.IP())
		v.Errors["login"] = "登录失败次数过多，账户已暂时锁定，请于 " + locked.Until.In(cst).Format("15:04") + " 后再试"
		return render(c, http.StatusTooManyRequests, "login", v)
	case errors.Is(err, auth.ErrBadLogin):
		slog.Info("login failed", "user", v.Login, "ip", c.IP())
		v.Errors["password"] = "用户名或密码错误"
		return render(c, http.StatusUnauthorized, "login", v)
	case err != nil:
		return err
	}
	slog.Info("login", "user", u.Login, "ip", c.IP())
	c.Cookie(&fiber.Cookie{Name: sessionCookie, Value: secret, Path: "/", HTTPOnly: true, Secure: s.Opts.SecureCookies || c.Protocol() == "https",
		SameSite: fiber.CookieSameSiteLaxMode, Expires: time.Now().Add(auth.SessionTTL)})
	return c.Redirect(v.Next, http.StatusSeeOther)
}

// logoutPage is GET /logout: it signs nobody out, so another site cannot
// end a session with a link or an image (the cookie is SameSite=Lax, which
// a top-level GET still carries). Signed in, it goes home, where the header
// has the 退出 button (a POST with the CSRF token); else to /login.
func (s *Server) logoutPage(c *fiber.Ctx) error {
	if pageUser(c) != nil {
		return c.Redirect("/", http.StatusSeeOther)
	}
	return c.Redirect("/login", http.StatusSeeOther)
}

func (s *Server) logout(c *fiber.Ctx) error {
	if secret := c.Cookies(sessionCookie); secret != "" {
		if st, err := s.Records(); err == nil {
			_ = auth.Revoke(c.UserContext(), st, "logout", secret)
		}
	}
	c.Cookie(&fiber.Cookie{Name: sessionCookie, Value: "", Path: "/", HTTPOnly: true, MaxAge: -1, Expires: time.Unix(0, 0)})
	return c.Redirect("/login", http.StatusSeeOther)
}
