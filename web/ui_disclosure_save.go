package web

import (
	"net/http"
	"net/url"
	"strings"

	"github.com/gofiber/fiber/v2"

	"zhifa/disclosure"
	"zhifa/nlp"
)

type nlpSpan = nlp.Span

// disclosureAct is POST /ui/disclosures/:id/{publish,correct,withdraw}.
func (s *Server) disclosureAct(c *fiber.Ctx) error {
	u, err := needRole(c, "reviewer", "admin")
	if u == nil {
		return err
	}
	v, err := s.disclosureView(c, u)
	if v == nil {
		return err
	}
	st, err := s.Records()
	if err != nil {
		return err
	}
	ctx := c.UserContext()
	id := v.P.Disclosure.ID
	text := strings.ReplaceAll(c.FormValue("text"), "\r\n", "\n")
	var d disclosure.Disclosure
	notice := ""
	switch c.Params("action") {
	case "publish":
		d, err = disclosure.Publish(ctx, st, id, actorOf(c), disclosure.PublishInput{Text: text, IncludeFull: c.FormValue("include_full_text") == "on"})
		notice = "已公示"
	case "correct":
		d, err = disclosure.Correct(ctx, st, id, actorOf(c), disclosure.CorrectInput{Text: text, Reason: c.FormValue("reason")})
		notice = "已更正"
	case "withdraw":
		d, err = disclosure.Withdraw(ctx, st, id, actorOf(c), disclosure.WithdrawInput{Ground: c.FormValue("ground"), Reason: c.FormValue("withdraw_reason")})
		notice = "已撤回"
	default:
		return pageError(c, u, notFound("no such action"))
	}
	if err != nil {
		v.Text, v.Ground, v.Reason = text, c.FormValue("ground"), c.FormValue("reason")
		alias := func(f string) string {
			if f == "reason" && c.Params("action") == "withdraw" {
				return "withdraw_reason"
			}
			if f == "status" {
				return ""
			}
			return f
		}
		if v.fail(err, alias) {
			return render(c, http.StatusUnprocessableEntity, "disclosure_show", v)
		}
		return pageError(c, u, err)
	}
	if err := s.portalDisclosure(ctx, st, d); err != nil {
		return err
	}
	return c.Redirect("/ui/disclosures/"+url.PathEscape(d.ID)+"?notice="+url.QueryEscape(notice), http.StatusSeeOther)
}
