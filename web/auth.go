package web

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/hex"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"

	"zhifa/auth"
	"zhifa/records"
)

const (
	authKey       = "zhifa.auth"
	sessionCookie = "zhifa_session"
)

type authState struct {
	user  auth.User
	token auth.Token
}

// badTokenKey marks a request whose Bearer token is unknown, expired or revoked.
const badTokenKey = "zhifa.badtoken"

func unauthorized(msg string) error {
	return &APIError{Status: http.StatusUnauthorized, Code: "unauthorized", Message: msg}
}

func forbidden(msg string) error {
	return &APIError{Status: http.StatusForbidden, Code: "forbidden", Message: msg}
}

// authenticate makes the signed-in user the actor of every request: a
// Bearer token (system-to-system) or the session cookie (pages). X-Actor
// names nobody. It only says who is asking; each route's first handler,
// authorise, decides whether they may.
func (s *Server) authenticate(c *fiber.Ctx) error {
	secret, bearer := "", false
	if h := c.Get(fiber.HeaderAuthorization); strings.HasPrefix(h, "Bearer ") {
		secret, bearer = strings.TrimSpace(strings.TrimPrefix(h, "Bearer ")), true
	} else {
		secret = c.Cookies(sessionCookie)
	}
	if secret == "" {
		return c.Next()
	}
	st, err := s.Records()
	if err != nil {
		return err
	}
	u, t, err := auth.LookupWith(c.UserContext(), st, s.sessions(st), secret, s.now())
	switch {
	case err == nil:
		c.Locals(authKey, &authState{user: u, token: t})
	case errors.Is(err, auth.ErrNoToken):
		if bearer {
			c.Locals(badTokenKey, true)
		}
	default:
		return err
	}
	return c.Next()
}

// bindPolicy puts authorise, with the route's rule from policy, in front of
// every registered route's handlers (not the middleware), so that the rule
// applied is the one of the route fiber matched. A route the policy does not
// name is logged and refused.
func (s *Server) bindPolicy() {
	if s.bound == nil {
		s.bound = map[*fiber.Route]bool{}
	}
	routes := map[*fiber.Handler]bool{} // a route's handlers, told from middleware by identity
	listed := s.App.GetRoutes(true)
	for _, r := range listed {
		if len(r.Handlers) > 0 {
			routes[&r.Handlers[0]] = true
		}
	}
	defer func() {
		// fail closed: a route left without authorise would serve everyone
		if len(s.bound) != len(listed) {
			panic(fmt.Sprintf("web: authorisation bound to %d of %d routes", len(s.bound), len(listed)))
		}
	}()
	for _, stack := range s.App.Stack() {
		for _, r := range stack {
			if len(r.Handlers) == 0 || !routes[&r.Handlers[0]] || s.bound[r] {
				continue
			}
			s.bound[r] = true
			rule, known := ruleFor(r.Method, r.Path)
			if !known && r.Method != fiber.MethodHead {
				s.logger().Warn("route without an authorisation rule in web/policy.go: refused", "method", r.Method, "route", r.Path)
			}
			// who may call it first, then what it may be sent (JSON only as application/json)
			r.Handlers = append([]fiber.Handler{s.authorise(r.Method+" "+r.Path, rule, known), checkContentType}, r.Handlers...)
		}
	}
}

// signInFirst answers a caller who is not signed in: 401 for the API and
// for writes, a redirect to the login page for a page.
func signInFirst(c *fiber.Ctx) error {
	if c.Locals(badTokenKey) != nil {
		return unauthorized("the token is unknown, expired or revoked")
	}
	if method := c.Method(); strings.HasPrefix(c.Path(), "/api/") || (method != fiber.MethodGet && method != fiber.MethodHead) {
		return unauthorized("sign in: send Authorization: Bearer <token> (zhifa token create) or log in at /login")
	}
	return c.Redirect("/login?next="+url.QueryEscape(c.OriginalURL()), http.StatusSeeOther)
}

// authorise applies one route's rule: anonymous callers of a route that is
// not public are sent to sign in, session writes need the form's CSRF token,
// read-only tokens only read, and the user needs one of the rule's roles.
func (s *Server) authorise(route string, rule access, known bool) fiber.Handler {
	return func(c *fiber.Ctx) error {
		if rule.public {
			return c.Next()
		}
		path, method := c.Path(), c.Method()
		a, ok := c.Locals(authKey).(*authState)
		if !ok {
			return signInFirst(c)
		}
		unsafe := method != fiber.MethodGet && method != fiber.MethodHead && method != fiber.MethodOptions
		if unsafe && a.token.Kind == "session" {
			got := c.Get("X-CSRF-Token")
			if got == "" {
				got = c.FormValue("_csrf")
			}
			if subtle.ConstantTimeCompare([]byte(got), []byte(a.token.CSRF)) != 1 || got == "" {
				return forbidden("the form's CSRF token is missing or wrong; reload the page and try again")
			}
		}
		if !known {
			return forbidden("no authorisation rule for " + route + " (web/policy.go); refused")
		}
		if unsafe && a.token.Scope == "read" && !rule.answers {
			return forbidden("this token is read-only")
		}
		if !rule.permits(a.user) {
			if !strings.HasPrefix(path, "/api/") && method == fiber.MethodGet {
				_, err := needRole(c, rule.roles...)
				return err
			}
			return forbidden("the role(s) " + strings.Join(a.user.Roles, ", ") + " may not " + route + " (needs " + strings.Join(rule.roles, " or ") + ")")
		}
		return c.Next()
	}
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

// loginCSRFCookie holds the login form's token (double submit): a site that
// posts its own form to /login lacks the cookie's value, so it cannot sign
// the browser in as someone else.
const loginCSRFCookie = "zhifa_login_csrf"

// loginCSRF is the login form's token: the cookie's, or a new one it sets.
func (s *Server) loginCSRF(c *fiber.Ctx) string {
	if v := c.Cookies(loginCSRFCookie); len(v) == 32 && strings.Trim(v, "0123456789abcdef") == "" {
		return v
	}
	v := hex.EncodeToString(randomBytes(16))
	c.Cookie(&fiber.Cookie{Name: loginCSRFCookie, Value: v, Path: "/login", HTTPOnly: true,
		Secure: s.Opts.SecureCookies || c.Protocol() == "https", SameSite: fiber.CookieSameSiteStrictMode})
	return v
}

func (s *Server) loginView(c *fiber.Ctx, next string) loginView {
	v := loginView{page: newPage(c, nil, "登录", ""), Next: safeNext(next)}
	v.CSRF = s.loginCSRF(c)
	return v
}

func (s *Server) loginPage(c *fiber.Ctx) error {
	return render(c, http.StatusOK, "login", s.loginView(c, c.Query("next")))
}

func (s *Server) loginSubmit(c *fiber.Ctx) error {
	v := s.loginView(c, c.FormValue("next"))
	v.Login = strings.TrimSpace(c.FormValue("login"))
	if got := c.FormValue("_csrf"); got == "" || subtle.ConstantTimeCompare([]byte(got), []byte(c.Cookies(loginCSRFCookie))) != 1 {
		v.Error = "登录表单已过期，请重新输入后提交"
		return render(c, http.StatusForbidden, "login", v)
	}
	if v.Login == "" {
		v.Errors["login"] = "请输入用户名"
		return render(c, http.StatusUnprocessableEntity, "login", v)
	}
	st, err := s.Records()
	if err != nil {
		return err
	}
	ttl := s.Opts.SessionTTL
	if ttl <= 0 {
		ttl = auth.SessionTTL
	}
	now := s.now()
	secret, _, u, err := auth.LoginWith(c.UserContext(), st, s.limiter, s.sessions(st), v.Login, c.FormValue("password"), now, ttl)
	var locked *auth.ErrLocked
	switch {
	case errors.As(err, &locked):
		s.logger().Warn("login locked", "user", s.knownLogin(c, st, v.Login), "ip", c.IP())
		v.Errors["login"] = "登录失败次数过多，账户已暂时锁定，请于 " + locked.Until.In(cst).Format("15:04") + " 后再试"
		return render(c, http.StatusTooManyRequests, "login", v)
	case errors.Is(err, auth.ErrBadLogin):
		s.logger().Info("login failed", "user", s.knownLogin(c, st, v.Login), "ip", c.IP())
		v.Errors["password"] = "用户名或密码错误"
		return render(c, http.StatusUnauthorized, "login", v)
	case err != nil:
		return err
	}
	s.logger().Info("login", "user", u.Login, "ip", c.IP())
	c.Cookie(&fiber.Cookie{Name: sessionCookie, Value: secret, Path: "/", HTTPOnly: true, Secure: s.Opts.SecureCookies || c.Protocol() == "https",
		SameSite: fiber.CookieSameSiteLaxMode, Expires: now.Add(ttl)})
	return c.Redirect(v.Next, http.StatusSeeOther)
}

// knownLogin is a login name as a log may hold it: the name of a user, or
// "?" for a name nobody has (often a password typed in the wrong field).
func (s *Server) knownLogin(c *fiber.Ctx, st *records.Store, login string) string {
	if _, err := auth.GetUser(c.UserContext(), st, login); err != nil {
		return "?"
	}
	return login
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
			var nf *records.NotFoundError
			if err := auth.Logout(c.UserContext(), st, s.sessions(st), "logout", secret); err != nil && !errors.As(err, &nf) {
				s.logger().Warn("logout: session not ended where it is kept", "err", err.Error())
			}
		}
	}
	c.Cookie(&fiber.Cookie{Name: sessionCookie, Value: "", Path: "/", HTTPOnly: true, MaxAge: -1, Expires: time.Unix(0, 0)})
	return c.Redirect("/login", http.StatusSeeOther)
}

func randomBytes(n int) []byte {
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		panic("web: no randomness: " + err.Error())
	}
	return b
}
