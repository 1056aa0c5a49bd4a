package web

import (
	"context"
	"crypto/subtle"
	"encoding/hex"
	"net/http"
	"net/url"
	"strings"
	"sync"

	"github.com/gofiber/fiber/v2"

	"zhifa/auth"
)

// The one-time setup link: a store without any account gets, at start, a
// random token; /setup?token=… shows a form for the first admin, and the
// token is gone once that admin exists (or the process ends). /setup is
// public, so the token is the whole of its protection: it is compared in
// constant time, and it doubles as the form's CSRF token.

type setupState struct {
	mu    sync.Mutex
	token string // "" when there is no link
	used  bool
}

// OpenSetup makes the one-time setup token when the store has no users and
// returns it ("" when there are users: no link).
func (s *Server) OpenSetup(ctx context.Context) (string, error) {
	st, err := s.Records()
	if err != nil {
		return "", err
	}
	has, err := auth.HasUsers(ctx, st)
	if err != nil || has {
		return "", err
	}
	s.setup.mu.Lock()
	defer s.setup.mu.Unlock()
	s.setup.token = hex.EncodeToString(randomBytes(24))
	s.setup.used = false
	return s.setup.token, nil
}

type setupView struct {
	page
	Token string
	Login string
}

// setupGate checks the link under s.setup.mu: 404 with no link, 410 once
// used (or when accounts appeared by other means), 403 for a wrong token.
func (s *Server) setupGate(c *fiber.Ctx, token string) (int, string) {
	if s.setup.token == "" {
		if s.setup.used {
			return http.StatusGone, "设置链接已使用，请登录。"
		}
		return http.StatusNotFound, "没有可用的设置链接。"
	}
	if token == "" || subtle.ConstantTimeCompare([]byte(token), []byte(s.setup.token)) != 1 {
		return http.StatusForbidden, "设置链接无效：请使用启动时打印的完整链接。"
	}
	st, err := s.Records()
	if err != nil {
		return http.StatusInternalServerError, "无法打开数据库"
	}
	if has, err := auth.HasUsers(c.UserContext(), st); err != nil || has {
		s.setup.token, s.setup.used = "", true
		return http.StatusGone, "已有账户，设置链接失效，请登录。"
	}
	return 0, ""
}

func (s *Server) setupRefuse(c *fiber.Ctx, status int, msg string) error {
	return render(c, status, "error", errorView{page: newPage(c, nil, "首次设置", ""), Status: status, Message: msg})
}

// setupPage is GET /setup?token=….
func (s *Server) setupPage(c *fiber.Ctx) error {
	s.setup.mu.Lock()
	defer s.setup.mu.Unlock()
	if status, msg := s.setupGate(c, c.Query("token")); status != 0 {
		return s.setupRefuse(c, status, msg)
	}
	v := setupView{page: newPage(c, nil, "创建首个管理员", ""), Token: s.setup.token}
	v.CSRF = s.setup.token
	return render(c, http.StatusOK, "setup", v)
}

// setupSubmit is POST /setup: creates the first admin and ends the link.
func (s *Server) setupSubmit(c *fiber.Ctx) error {
	s.setup.mu.Lock()
	defer s.setup.mu.Unlock()
	token := c.FormValue("token")
	if status, msg := s.setupGate(c, token); status != 0 {
		return s.setupRefuse(c, status, msg)
	}
	if got := c.FormValue("_csrf"); subtle.ConstantTimeCompare([]byte(got), []byte(s.setup.token)) != 1 {
		return s.setupRefuse(c, http.StatusForbidden, "表单已过期，请重新打开设置链接。")
	}
	v := setupView{page: newPage(c, nil, "创建首个管理员", ""), Token: s.setup.token, Login: strings.TrimSpace(c.FormValue("login"))}
	v.CSRF = s.setup.token
	pw := c.FormValue("password")
	if pw != c.FormValue("password2") {
		v.Errors["password2"] = "两次输入的密码不一致"
		return render(c, http.StatusUnprocessableEntity, "setup", v)
	}
	st, err := s.Records()
	if err != nil {
		return err
	}
	if _, err := auth.CreateUser(c.UserContext(), st, "setup", auth.User{Login: v.Login, Roles: []string{auth.RoleAdmin}}, pw); err != nil {
		if v.fail(err, nil) {
			return render(c, http.StatusUnprocessableEntity, "setup", v)
		}
		return err
	}
	s.setup.token, s.setup.used = "", true
	s.logger().Info("first admin created", "user", v.Login, "ip", c.IP())
	return c.Redirect("/login?notice="+url.QueryEscape("管理员 "+v.Login+" 已创建，请登录"), http.StatusSeeOther)
}
