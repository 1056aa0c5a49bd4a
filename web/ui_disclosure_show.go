package web

import (
	"html/template"
	"net/http"
	"strings"

	"github.com/gofiber/fiber/v2"

	"zhifa/disclosure"
)

type disclosureShowView struct {
	page
	P          disclosure.Preview
	Marked     template.HTML // the original with what the masking takes out marked
	FullMarked template.HTML // the 决定书, marked the same way
	Text       string        // the text to publish (the form's, after an error)
	Grounds    map[string]string
	Ground     string
	Reason     string
	Public     bool
	Versions   []disclosure.Version
}

// disclosureShow is GET /ui/disclosures/:id: the original and the masked
// text side by side, and the forms to publish, correct or withdraw.
func (s *Server) disclosureShow(c *fiber.Ctx) error {
	u, err := needRole(c, "reviewer", "admin")
	if u == nil {
		return err
	}
	v, err := s.disclosureView(c, u)
	if err != nil {
		return err
	}
	if v == nil {
		return nil
	}
	return render(c, http.StatusOK, "disclosure_show", v)
}

func (s *Server) disclosureView(c *fiber.Ctx, u *PageUser) (*disclosureShowView, error) {
	st, err := s.Records()
	if err != nil {
		return nil, err
	}
	p, err := disclosure.PreviewOf(c.UserContext(), st, c.Params("id"), actorOf(c))
	if err != nil {
		return nil, pageError(c, u, err)
	}
	if u.AgencyID != "" && p.Disclosure.AgencyID != u.AgencyID {
		return nil, pageError(c, u, &APIError{Status: http.StatusForbidden, Code: "forbidden", Message: "此公示不属于您的执法机关。"})
	}
	v := &disclosureShowView{page: newPage(c, u, "公示 "+p.Disclosure.ID, "disclosures"), P: p, Text: p.Text, Grounds: disclosure.Grounds,
		Public: p.Disclosure.Status == disclosure.StatusPublished, Versions: p.Disclosure.Versions}
	if cur := p.Disclosure.Current(); cur != nil {
		v.Text = cur.Text
	}
	v.Marked = markSpans(p.OrigText, p.Spans)
	if p.FullOriginal != "" {
		v.FullMarked = markSpans(p.FullOriginal, p.FullSpans)
	}
	return v, nil
}

// markSpans escapes text and wraps each masked span in <mark>.
func markSpans(text string, spans []nlpSpan) template.HTML {
	var b strings.Builder
	at := 0
	for _, sp := range spans {
		if sp.Start < at || sp.End > len(text) {
			continue
		}
		b.WriteString(template.HTMLEscapeString(text[at:sp.Start]))
		b.WriteString(`<mark title="` + template.HTMLEscapeString(sp.Kind) + `">` + template.HTMLEscapeString(text[sp.Start:sp.End]) + `</mark>`)
		at = sp.End
	}
	b.WriteString(template.HTMLEscapeString(text[at:]))
	return template.HTML(b.String())
}
