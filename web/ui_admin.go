package web

import (
	"errors"
	"io"
	"net/http"
	"path/filepath"
	"strings"

	"github.com/gofiber/fiber/v2"

	"zhifa/records"
	"zhifa/review"
	"zhifa/rules"
)

// The admin pages: accounts, the registry (agencies, officers, power list)
// and the files an agency puts in force (review catalog, discretion
// benchmarks). Every route here is the admin's alone (web/policy.go).

type adminView struct {
	page
	Users    int
	Agencies int
	Officers int
	Power    int
}

// adminHome is GET /ui/admin: what there is, and links to each list.
func (s *Server) adminHome(c *fiber.Ctx) error {
	u, err := needRole(c, "admin")
	if u == nil {
		return err
	}
	st, err := s.Records()
	if err != nil {
		return err
	}
	ctx := c.UserContext()
	v := adminView{page: newPage(c, u, "系统管理", "admin")}
	us, err := listUsers(c, st)
	if err != nil {
		return err
	}
	ags, err := st.ListAgencies(ctx)
	if err != nil {
		return err
	}
	ofs, err := st.ListOfficers(ctx, "")
	if err != nil {
		return err
	}
	pis, err := st.ListPowerItems(ctx, "")
	if err != nil {
		return err
	}
	v.Users, v.Agencies, v.Officers, v.Power = len(us), len(ags), len(ofs), len(pis)
	return render(c, http.StatusOK, "admin", v)
}

// splitList is a comma- or 、-separated field as a list, blanks dropped.
func splitList(s string) []string {
	out := []string{}
	for _, f := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == '，' || r == '、' || r == '\n' }) {
		if f = strings.TrimSpace(f); f != "" {
			out = append(out, f)
		}
	}
	return out
}

// maxAdminUpload bounds an uploaded catalog or benchmark file.
const maxAdminUpload = 4 << 20

// uploaded is the file of the form's field "file" with its base name; a
// missing or unreadable file is the message to show beside the input.
func uploaded(c *fiber.Ctx) (string, []byte, string) {
	fh, err := c.FormFile("file")
	if err != nil {
		return "", nil, "请选择要上传的文件"
	}
	if fh.Size > maxAdminUpload {
		return "", nil, "文件过大（上限 4 MiB）"
	}
	f, err := fh.Open()
	if err != nil {
		return "", nil, "无法读取上传的文件：" + err.Error()
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, maxAdminUpload+1))
	if err != nil {
		return "", nil, "无法读取上传的文件：" + err.Error()
	}
	name := filepath.Base(strings.ReplaceAll(fh.Filename, `\`, "/"))
	if name == "." || name == "/" || name == "" {
		name = "upload"
	}
	return name, b, ""
}

// fileError is the `file:line: field: message` of a refused upload, shown
// beside the file input; ok is false for errors that are not the file's.
func fileError(err error) (string, bool) {
	var be *rules.BenchmarkError
	var ce *review.CatalogError
	switch {
	case errors.As(err, &be):
		return be.Error(), true
	case errors.As(err, &ce):
		return ce.Error(), true
	}
	var fe *records.FieldError
	if errors.As(err, &fe) {
		return fe.Field + "：" + fe.Message, true
	}
	return "", false
}
