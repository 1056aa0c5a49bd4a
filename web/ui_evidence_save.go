package web

import (
	"io"
	"net/http"
	"net/url"

	"github.com/gofiber/fiber/v2"

	"zhifa/records"
)

// evidenceSave is POST /ui/cases/:id/evidence (multipart): one evidence or
// audio-video item with its file.
func (s *Server) evidenceSave(c *fiber.Ctx) error {
	u, err := needRole(c, "officer")
	if u == nil {
		return err
	}
	p := newPage(c, u, "案件", "cases")
	form := formMap(c, "kind", "title", "collected_at", "place", "collector", "proves")
	e := records.Evidence{CaseID: c.Params("id"), Kind: form["kind"], Title: form["title"], CollectedAt: form["collected_at"], Place: form["place"],
		Collector: form["collector"], Proves: form["proves"]}
	var content []byte
	if fh, err := c.FormFile("file"); err != nil {
		p.Errors["file"] = "请选择要上传的文件"
	} else if fh.Size > maxUpload {
		p.Errors["file"] = "文件超过 64 MiB"
	} else if f, err := fh.Open(); err != nil {
		p.Errors["file"] = "无法读取上传的文件"
	} else {
		content, err = io.ReadAll(io.LimitReader(f, maxUpload+1))
		f.Close()
		if err != nil {
			p.Errors["file"] = "无法读取上传的文件"
		}
		e.FileName = fh.Filename
	}
	if len(p.Errors) > 0 {
		return s.renderCase(c, u, p, http.StatusUnprocessableEntity, form)
	}
	if !s.mayWriteCase(c, u) {
		return pageError(c, u, &APIError{Status: http.StatusForbidden, Code: "forbidden", Message: "此案件不属于您的执法机关。"})
	}
	st, err := s.Records()
	if err != nil {
		return err
	}
	if _, err := st.AddEvidence(c.UserContext(), e, content, u.Name); err != nil {
		if p.fail(err, nil) {
			return s.renderCase(c, u, p, http.StatusUnprocessableEntity, form)
		}
		return pageError(c, u, err)
	}
	return c.Redirect("/ui/cases/"+url.PathEscape(e.CaseID)+"?notice="+url.QueryEscape("已上传证据："+e.Title), http.StatusSeeOther)
}
