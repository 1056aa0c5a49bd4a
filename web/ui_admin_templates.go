package web

import (
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	"github.com/gofiber/fiber/v2"

	"zhifa/drafting"
)

// Document templates from the admin page: a NAME.tmpl, hearing.json or
// agency.json is checked with the whole directory it joins (drafting.LoadDir
// over a copy) and only then written; the server drafts from the new set at
// once. The directory is the one `serve --templates` named, else
// <data>/templates (which serve loads at start when it exists).

// templates are the set documents are drafted from now.
func (s *Server) templates() *drafting.Templates {
	if t := s.tpl.Load(); t != nil {
		return t
	}
	return s.Opts.Templates
}

func (s *Server) templatesDir() string {
	if t := s.templates(); t != nil && t.Dir != "" {
		return t.Dir
	}
	return filepath.Join(s.Opts.DataDir, "templates")
}

type adminTemplatesView struct {
	page
	Dir   string
	Kinds []string
}

func (s *Server) adminTemplatesView(c *fiber.Ctx, u *PageUser) adminTemplatesView {
	return adminTemplatesView{page: newPage(c, u, "文书模板", "admin"), Dir: s.templatesDir(), Kinds: drafting.Kinds()}
}

// adminTemplates is GET /ui/admin/templates: the upload form.
func (s *Server) adminTemplates(c *fiber.Ctx) error {
	u, err := needRole(c, "admin")
	if u == nil {
		return err
	}
	return render(c, http.StatusOK, "admin_templates", s.adminTemplatesView(c, u))
}

// adminTemplateUpload is POST /ui/admin/templates: a file that does not
// parse, or a name that is no template, changes nothing and is shown beside
// the file input.
func (s *Server) adminTemplateUpload(c *fiber.Ctx) error {
	u, err := needRole(c, "admin")
	if u == nil {
		return err
	}
	v := s.adminTemplatesView(c, u)
	name, data, msg := uploaded(c)
	if msg == "" {
		msg = s.installTemplate(filepath.Base(name), data)
	}
	if msg == "" {
		return c.Redirect("/ui/admin/templates?notice="+url.QueryEscape("已启用模板 "+filepath.Base(name)), http.StatusSeeOther)
	}
	v.Errors["file"] = msg
	return render(c, http.StatusUnprocessableEntity, "admin_templates", v)
}

// installTemplate checks name with the directory it joins, then writes it
// and switches the server to the new set; it returns what is wrong, or "".
func (s *Server) installTemplate(name string, data []byte) string {
	s.tplMu.Lock()
	defer s.tplMu.Unlock()
	if name == "" || strings.ContainsAny(name, `/\`) || strings.HasPrefix(name, ".") {
		return "文件名无效"
	}
	dir := s.templatesDir()
	tmp, err := os.MkdirTemp(s.Opts.DataDir, ".templates-check-*")
	if err != nil {
		return "无法检查模板：" + err.Error()
	}
	defer os.RemoveAll(tmp)
	if ents, err := os.ReadDir(dir); err == nil {
		for _, e := range ents {
			if e.IsDir() {
				continue
			}
			b, err := os.ReadFile(filepath.Join(dir, e.Name()))
			if err != nil {
				return "无法读取现有模板：" + err.Error()
			}
			if err := os.WriteFile(filepath.Join(tmp, e.Name()), b, 0o640); err != nil {
				return "无法检查模板：" + err.Error()
			}
		}
	}
	if err := os.WriteFile(filepath.Join(tmp, name), data, 0o640); err != nil {
		return "无法检查模板：" + err.Error()
	}
	if _, err := drafting.LoadDir(tmp); err != nil {
		// name the file as the admin knows it, not the check's copy
		return strings.ReplaceAll(err.Error(), tmp+string(filepath.Separator), "")
	}
	if err := os.MkdirAll(dir, 0o750); err != nil {
		return "无法写入模板目录：" + err.Error()
	}
	if err := os.WriteFile(filepath.Join(dir, name+".new"), data, 0o640); err != nil {
		return "无法写入模板：" + err.Error()
	}
	if err := os.Rename(filepath.Join(dir, name+".new"), filepath.Join(dir, name)); err != nil {
		return "无法写入模板：" + err.Error()
	}
	t, err := drafting.LoadDir(dir)
	if err != nil {
		return "模板目录有误：" + err.Error()
	}
	s.tpl.Store(t)
	return ""
}
