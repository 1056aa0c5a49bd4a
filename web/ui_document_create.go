package web

import (
	"net/http"
	"net/url"
	"slices"
	"strings"

	"github.com/gofiber/fiber/v2"

	"zhifa/drafting"
)

// documentCreate is POST /ui/cases/:id/documents: draft the document, store
// it and show its preview.
func (s *Server) documentCreate(c *fiber.Ctx) error {
	u, err := needRole(c, "officer")
	if u == nil {
		return err
	}
	p := newPage(c, u, "案件", "cases")
	kind := c.FormValue("doc_kind")
	if !slices.Contains(drafting.Kinds(), kind) {
		p.Errors["doc_kind"] = "请选择文书种类"
		return s.renderCase(c, u, p, http.StatusUnprocessableEntity, nil)
	}
	if !s.mayWriteCase(c, u) {
		return pageError(c, u, &APIError{Status: http.StatusForbidden, Code: "forbidden", Message: "此案件不属于您的执法机关。"})
	}
	st, err := s.Records()
	if err != nil {
		return err
	}
	res, err := DraftDocumentWith(c.UserContext(), st, s.templates(), c.Params("id"), kind, u.Name)
	if err != nil {
		if p.fail(err, func(string) string { return "doc_kind" }) {
			return s.renderCase(c, u, p, http.StatusUnprocessableEntity, nil)
		}
		return pageError(c, u, err)
	}
	note := "已生成" + kind + "（" + res.Number + "）"
	if len(res.Warnings) > 0 {
		note += "。尚缺：" + strings.Join(res.Warnings, "；")
	}
	return c.Redirect("/ui/cases/"+url.PathEscape(c.Params("id"))+"?doc="+url.QueryEscape(res.DocumentID)+"&notice="+url.QueryEscape(note)+"#preview", http.StatusSeeOther)
}
