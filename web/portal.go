package web

import (
	"embed"
	"html/template"
	"net/http"
	"net/url"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/gofiber/fiber/v2"

	"zhifa/disclosure"
	"zhifa/records"
	"zhifa/search"
)

// The public portal (行政执法信息公示平台): published decisions and standing
// information, server-rendered, no sign-in and no script. Every page reads
// only what was published — the masked versions and standing items —
// never a case record.

//go:embed templates/portal/*.html
var portalFS embed.FS

var portalPages = mustParsePortal()

func mustParsePortal() map[string]*template.Template {
	base := template.Must(template.New("layout.html").Funcs(uiFuncs).ParseFS(portalFS, "templates/portal/layout.html"))
	out := map[string]*template.Template{}
	for _, n := range []string{"search", "decision", "standing", "standing_item"} {
		out[n] = template.Must(template.Must(base.Clone()).ParseFS(portalFS, "templates/portal/"+n+".html"))
	}
	return out
}

func renderPortal(c *fiber.Ctx, status int, name string, v any) error {
	c.Set(fiber.HeaderContentType, fiber.MIMETextHTMLCharsetUTF8)
	c.Status(status)
	return portalPages[name].ExecuteTemplate(c.Response().BodyWriter(), "layout", v)
}

func init() {
	registerRoutes(func(s *Server, api fiber.Router) {
		s.App.Get("/portal", s.portalSearch)
		s.App.Get("/portal/decisions/:id", s.portalDecision)
		s.App.Get("/portal/standing", s.portalStandingList)
		s.App.Get("/portal/standing/:id", s.portalStandingItem)
		api.Get("/portal/search", s.portalSearchAPI)
	})
}

// portalKinds are the decision kinds a visitor can filter by.
var portalKinds = []string{"行政处罚", "行政许可", "行政强制", "行政检查", "行政征收征用", "行政确认"}

type portalHit struct {
	search.PortalHit
	Snippet string
}

type portalSearchView struct {
	page
	Q          search.PortalQuery
	Agencies   []records.Agency
	Kinds      []string
	Hits       []portalHit
	Total      int
	Prev, Next string
}

const portalPageSize = 20

// portalQuery reads and checks the search parameters; errs maps a
// parameter to what is wrong with it.
func portalQuery(c *fiber.Ctx, agencies []records.Agency) (search.PortalQuery, map[string]string) {
	q := search.PortalQuery{Q: strings.TrimSpace(c.Query("q")), AgencyID: c.Query("agency"), Kind: c.Query("kind"),
		From: c.Query("from"), To: c.Query("to"), Type: "decision", Size: portalPageSize, Today: todayCST()}
	errs := map[string]string{}
	if utf8.RuneCountInString(q.Q) > search.MaxPortalQuery {
		errs["q"] = "关键词不能超过 " + strconv.Itoa(search.MaxPortalQuery) + " 个字"
	}
	if q.AgencyID != "" {
		known := false
		for _, a := range agencies {
			known = known || a.ID == q.AgencyID
		}
		if !known {
			errs["agency"] = "没有这个执法机关"
		}
	}
	if q.Kind != "" && !slices.Contains(portalKinds, q.Kind) {
		errs["kind"] = "类别应为 " + strings.Join(portalKinds, "、") + " 之一"
	}
	for f, v := range map[string]string{"from": q.From, "to": q.To} {
		if v == "" {
			continue
		}
		if _, err := time.Parse("2006-01-02", v); err != nil {
			errs[f] = "日期格式应为 YYYY-MM-DD"
		}
	}
	if q.From != "" && q.To != "" && errs["from"] == "" && errs["to"] == "" && q.From > q.To {
		errs["to"] = "结束日期早于开始日期"
	}
	if p, err := strconv.Atoi(c.Query("page", "1")); err != nil || p < 1 || p > 500 {
		errs["page"] = "页码应为 1 到 500"
	} else {
		q.Offset = (p - 1) * portalPageSize
	}
	return q, errs
}

func (s *Server) portalSearch(c *fiber.Ctx) error {
	st, err := s.Records()
	if err != nil {
		return err
	}
	ags, err := st.ListAgencies(c.UserContext())
	if err != nil {
		return err
	}
	q, errs := portalQuery(c, ags)
	v := portalSearchView{page: newPage(c, nil, "执法决定公示", "decisions"), Q: q, Agencies: ags, Kinds: portalKinds}
	if len(errs) > 0 {
		v.Errors = errs
		if m, ok := errs["page"]; ok {
			v.Error = m
		}
		return renderPortal(c, http.StatusBadRequest, "search", v)
	}
	idx, err := s.portalIndex(c.UserContext())
	if err != nil {
		return err
	}
	hits, total, err := idx.Search(q)
	if err != nil {
		return err
	}
	v.Total = total
	for _, h := range hits {
		v.Hits = append(v.Hits, portalHit{PortalHit: h, Snippet: snippet(h.Text, 90)})
	}
	link := func(offset int) string {
		vals := url.Values{}
		for k, x := range map[string]string{"q": q.Q, "agency": q.AgencyID, "kind": q.Kind, "from": q.From, "to": q.To} {
			if x != "" {
				vals.Set(k, x)
			}
		}
		vals.Set("page", strconv.Itoa(offset/portalPageSize+1))
		return "/portal?" + vals.Encode()
	}
	if q.Offset > 0 {
		v.Prev = link(q.Offset - portalPageSize)
	}
	if q.Offset+portalPageSize < total && q.Offset+portalPageSize < 500*portalPageSize {
		v.Next = link(q.Offset + portalPageSize)
	}
	c.Set(fiber.HeaderCacheControl, "public, max-age=60")
	return renderPortal(c, http.StatusOK, "search", v)
}

// portalSearchAPI is the same search as JSON, for other public sites.
func (s *Server) portalSearchAPI(c *fiber.Ctx) error {
	st, err := s.Records()
	if err != nil {
		return err
	}
	ags, err := st.ListAgencies(c.UserContext())
	if err != nil {
		return err
	}
	q, errs := portalQuery(c, ags)
	for _, f := range []string{"q", "agency", "kind", "from", "to", "page"} {
		if m, ok := errs[f]; ok {
			return badRequest(f, "%s", m)
		}
	}
	idx, err := s.portalIndex(c.UserContext())
	if err != nil {
		return err
	}
	hits, total, err := idx.Search(q)
	if err != nil {
		return err
	}
	return c.JSON(fiber.Map{"total": total, "hits": hits})
}

func snippet(text string, n int) string {
	text = strings.Join(strings.Fields(text), " ")
	if utf8.RuneCountInString(text) <= n {
		return text
	}
	return string([]rune(text)[:n]) + "…"
}

type portalDecisionView struct {
	page
	Doc         search.PortalDoc
	PublishedOn string
	Lines, Full []string
	Corrections []string
	Gone        string
}

func lines(s string) []string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}

// portalDecision shows a published disclosure's current masked text; a
// withdrawn one says only that, and why; anything never published does not
// exist here.
func (s *Server) portalDecision(c *fiber.Ctx) error {
	st, err := s.Records()
	if err != nil {
		return err
	}
	ctx := c.UserContext()
	v := portalDecisionView{page: newPage(c, nil, "执法决定公示", "decisions")}
	id := c.Params("id")
	var d disclosure.Disclosure
	if !strings.HasPrefix(id, "dis-") {
		return s.portalMissing(c, v.page)
	}
	if d, err = disclosure.Get(ctx, st, id); err != nil || d.Current() == nil {
		return s.portalMissing(c, v.page)
	}
	switch {
	case d.Status == disclosure.StatusWithdrawn:
		w := d.Withdrawal
		v.Title = "该公示信息已撤回"
		v.Gone = "该信息已于 " + w.WithdrawnOn + " 撤回。撤回原因：" + disclosure.Grounds[w.Ground] + "。" + w.Reason
		return renderPortal(c, http.StatusGone, "decision", v)
	case !d.Public(todayCST()):
		v.Title = "公示期已满"
		v.Gone = "该信息的公示期已于 " + d.ExpiresOn + " 届满，不再公示。"
		return renderPortal(c, http.StatusGone, "decision", v)
	}
	cur := d.Current()
	v.Doc = disclosure.DecisionDoc(d, disclosure.AgencyName(ctx, st, d.AgencyID))
	v.Title = v.Doc.Title
	v.PublishedOn = d.PublishedOn
	v.Lines, v.Full = lines(cur.Text), lines(cur.Full)
	for _, x := range d.Versions[1:] {
		v.Corrections = append(v.Corrections, x.At.In(cst).Format("2006-01-02")+" 更正："+x.Reason)
	}
	c.Set(fiber.HeaderCacheControl, "public, max-age=60")
	return renderPortal(c, http.StatusOK, "decision", v)
}

func (s *Server) portalMissing(c *fiber.Ctx, p page) error {
	p.Title = "没有这条公示信息"
	return renderPortal(c, http.StatusNotFound, "decision", portalDecisionView{page: p, Gone: "没有这条公示信息，或它尚未公布。"})
}

type standingGroup struct {
	Name  string
	Items []standingRow
}

type standingRow struct {
	disclosure.Standing
	Agency string
}

type portalStandingView struct {
	page
	Agencies []records.Agency
	AgencyID string
	Groups   []standingGroup
}

func (s *Server) portalStandingList(c *fiber.Ctx) error {
	st, err := s.Records()
	if err != nil {
		return err
	}
	ctx := c.UserContext()
	ags, err := st.ListAgencies(ctx)
	if err != nil {
		return err
	}
	v := portalStandingView{page: newPage(c, nil, "事前公开", "standing"), Agencies: ags, AgencyID: c.Query("agency")}
	names := map[string]string{}
	for _, a := range ags {
		names[a.ID] = a.Name
	}
	if v.AgencyID != "" && names[v.AgencyID] == "" {
		v.Errors["agency"] = "没有这个执法机关"
		v.Error = "没有这个执法机关"
		return renderPortal(c, http.StatusBadRequest, "standing", v)
	}
	items, err := disclosure.ListStanding(ctx, st, v.AgencyID, "")
	if err != nil {
		return err
	}
	byCat := map[string][]standingRow{}
	for _, x := range items {
		if x.Status == disclosure.StatusPublished {
			byCat[x.Category] = append(byCat[x.Category], standingRow{Standing: x, Agency: names[x.AgencyID]})
		}
	}
	cats := make([]string, 0, len(byCat))
	for k := range byCat {
		cats = append(cats, k)
	}
	sort.Slice(cats, func(i, j int) bool { return categoryOrder(cats[i]) < categoryOrder(cats[j]) })
	for _, k := range cats {
		v.Groups = append(v.Groups, standingGroup{Name: disclosure.Categories[k], Items: byCat[k]})
	}
	c.Set(fiber.HeaderCacheControl, "public, max-age=60")
	return renderPortal(c, http.StatusOK, "standing", v)
}

var standingOrder = []string{"agency", "officer", "power_list", "service_guide", "flowchart", "inspection_list", disclosure.CategoryInspectionResult, "benchmark", "review_catalog", "remedy"}

func categoryOrder(k string) int {
	for i, x := range standingOrder {
		if x == k {
			return i
		}
	}
	return len(standingOrder)
}

type portalStandingItemView struct {
	page
	Item     disclosure.Standing
	Agency   string
	Category string
	Lines    []string
	Table    [][]string
	Changes  []string
	Gone     string
}

// standingBody splits an item's text into its lines and the table that
// ends it: the longest run of last lines written "a | b | c", the first of
// them the header, when it has a header and at least one row.
func standingBody(body string) (text []string, table [][]string) {
	ls := lines(body)
	start := len(ls)
	for start > 0 && strings.Contains(ls[start-1], " | ") {
		start--
	}
	if len(ls)-start < 2 {
		return ls, nil
	}
	for _, l := range ls[start:] {
		table = append(table, strings.Split(l, " | "))
	}
	return ls[:start], table
}

func (s *Server) portalStandingItem(c *fiber.Ctx) error {
	st, err := s.Records()
	if err != nil {
		return err
	}
	ctx := c.UserContext()
	v := portalStandingItemView{page: newPage(c, nil, "事前公开", "standing")}
	x, err := disclosure.GetStanding(ctx, st, c.Params("id"))
	if err != nil {
		v.Title, v.Gone = "没有这条公开信息", "没有这条公开信息。"
		return renderPortal(c, http.StatusNotFound, "standing_item", v)
	}
	if x.Status != disclosure.StatusPublished {
		last := x.History[len(x.History)-1]
		v.Title = "该公开信息已撤回"
		v.Gone = "该信息已于 " + x.UpdatedOn + " 撤回。原因：" + last.Reason
		return renderPortal(c, http.StatusGone, "standing_item", v)
	}
	v.Item, v.Title = x, x.Title
	v.Agency, v.Category = disclosure.AgencyName(ctx, st, x.AgencyID), disclosure.Categories[x.Category]
	v.Lines, v.Table = standingBody(x.Body)
	for _, h := range x.History[1:] {
		what := map[string]string{"updated": "更新", "withdrawn": "撤回"}[h.Action]
		v.Changes = append(v.Changes, h.At.In(cst).Format("2006-01-02")+" "+what+"："+h.Reason)
	}
	c.Set(fiber.HeaderCacheControl, "public, max-age=60")
	return renderPortal(c, http.StatusOK, "standing_item", v)
}
