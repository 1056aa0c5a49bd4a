package web

import (
	"net/http"
	"net/url"
	"slices"
	"strings"

	"github.com/gofiber/fiber/v2"

	"zhifa/auth"
	"zhifa/records"
)

type adminUsersView struct {
	page
	Users    []auth.User
	Agencies []records.Agency
	Roles    []string
	Form     auth.User // the create form as last sent
	Reset    string    // the login whose password form failed
}

func listUsers(c *fiber.Ctx, st *records.Store) ([]auth.User, error) {
	us, err := auth.ListUsers(c.UserContext(), st)
	slices.SortFunc(us, func(a, b auth.User) int { return strings.Compare(a.Login, b.Login) })
	return us, err
}

func (s *Server) adminUsersView(c *fiber.Ctx, u *PageUser) (*adminUsersView, error) {
	st, err := s.Records()
	if err != nil {
		return nil, err
	}
	v := &adminUsersView{page: newPage(c, u, "用户", "admin"), Roles: auth.Roles}
	if v.Users, err = listUsers(c, st); err != nil {
		return nil, err
	}
	if v.Agencies, err = st.ListAgencies(c.UserContext()); err != nil {
		return nil, err
	}
	return v, nil
}

// adminUsers is GET /ui/admin/users: the accounts and the form for a new one.
func (s *Server) adminUsers(c *fiber.Ctx) error {
	u, err := needRole(c, "admin")
	if u == nil {
		return err
	}
	v, err := s.adminUsersView(c, u)
	if err != nil {
		return err
	}
	return render(c, http.StatusOK, "admin_users", v)
}

// userFieldAlias maps auth's field names to the form's.
func userFieldAlias(f string) string {
	if strings.HasPrefix(f, "roles") {
		return "roles"
	}
	return f
}

// adminUserCreate is POST /ui/admin/users.
func (s *Server) adminUserCreate(c *fiber.Ctx) error {
	u, err := needRole(c, "admin")
	if u == nil {
		return err
	}
	v, err := s.adminUsersView(c, u)
	if err != nil {
		return err
	}
	v.Form = auth.User{Login: strings.TrimSpace(c.FormValue("login")), Name: strings.TrimSpace(c.FormValue("name")), Roles: formValues(c, "roles"),
		AgencyID: c.FormValue("agency_id"), Region: strings.TrimSpace(c.FormValue("region")), OfficerID: strings.TrimSpace(c.FormValue("officer_id"))}
	pw := c.FormValue("password")
	if pw != c.FormValue("password2") {
		v.Errors["password2"] = "两次输入的密码不一致"
		return render(c, http.StatusUnprocessableEntity, "admin_users", v)
	}
	st, err := s.Records()
	if err != nil {
		return err
	}
	if _, err := auth.CreateUser(c.UserContext(), st, actorOf(c), v.Form, pw); err != nil {
		if v.fail(err, userFieldAlias) {
			return render(c, http.StatusUnprocessableEntity, "admin_users", v)
		}
		return err
	}
	return c.Redirect("/ui/admin/users?notice="+url.QueryEscape("已创建用户 "+v.Form.Login), http.StatusSeeOther)
}

// adminUserAct is POST /ui/admin/users/:login/{disable,enable,password}.
func (s *Server) adminUserAct(c *fiber.Ctx) error {
	u, err := needRole(c, "admin")
	if u == nil {
		return err
	}
	st, err := s.Records()
	if err != nil {
		return err
	}
	ctx, login := c.UserContext(), c.Params("login")
	if _, err := auth.GetUser(ctx, st, login); err != nil {
		return pageError(c, u, err)
	}
	var notice string
	switch c.Params("action") {
	case "disable", "enable":
		off := c.Params("action") == "disable"
		if off && login == u.Name {
			return pageError(c, u, &APIError{Status: http.StatusUnprocessableEntity, Code: "invalid", Message: "不能停用自己的账户"})
		}
		if _, err := auth.SetDisabled(ctx, st, actorOf(c), login, off); err != nil {
			return err
		}
		notice = "已启用 " + login
		if off {
			notice = "已停用 " + login
		}
	case "password":
		pw := c.FormValue("password")
		err := error(nil)
		if pw != c.FormValue("password2") {
			err = &records.FieldError{Field: "password2", Message: "两次输入的密码不一致"}
		} else {
			_, err = auth.SetPassword(ctx, st, actorOf(c), login, pw)
		}
		if err != nil {
			v, verr := s.adminUsersView(c, u)
			if verr != nil {
				return verr
			}
			v.Reset = login
			if v.fail(err, func(f string) string { return "reset_" + f }) {
				return render(c, http.StatusUnprocessableEntity, "admin_users", v)
			}
			return err
		}
		notice = "已重置 " + login + " 的密码"
	default:
		return pageError(c, u, notFound("no such action"))
	}
	return c.Redirect("/ui/admin/users?notice="+url.QueryEscape(notice), http.StatusSeeOther)
}
