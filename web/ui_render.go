package web

import (
	"embed"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"path"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"

	"zhifa/caselib"
	"zhifa/records"
	"zhifa/rules"
)

// The pages: every page is templates/<name>.html defining "content", laid
// into templates/layout.html. All are parsed at start, so a broken or
// missing template stops the binary before it serves anything.

//go:embed templates/*.html
var templateFS embed.FS

//go:embed static/ui.css
var uiCSS []byte

//go:embed static/ui.js
var uiJS []byte

var (
	uiCSSPath = "/static/ui." + contentHash(uiCSS) + ".css"
	uiJSPath  = "/static/ui." + contentHash(uiJS) + ".js"
	pages     = mustParsePages()
)

var uiFuncs = template.FuncMap{
	"has":      hasRole,
	"money":    money,
	"stepName": func(k string) string { return records.StepNames[k] },
	"amountName": func(k string) string {
		if n, ok := rules.AmountKeys[k]; ok {
			return n
		}
		return k
	},
	"circName": func(k string) string {
		if n, ok := rules.CircumstanceCodes[k]; ok {
			return n
		}
		return k
	},
	"day":      func(t time.Time) string { return t.In(cst).Format("2006-01-02 15:04") },
	"statusCN": statusName,
	// at shows a stored RFC 3339 time as a day and minute in China time.
	"at": func(s string) string {
		t, err := time.Parse(time.RFC3339Nano, s)
		if err != nil {
			return s
		}
		return t.In(cst).Format("2006-01-02 15:04")
	},
	"disCN": func(s string) string {
		return map[string]string{"pending": "待公示", "published": "已公示", "withdrawn": "已撤回", "expired": "已停止公示"}[s]
	},
	"join":     strings.Join,
	"contains": slices.Contains[[]string, string],
	"normRole": func(r string) string {
		return map[string]string{"violated": "违反条款", "penalty": "处罚条款", "benchmark": "裁量基准", "procedure": "程序规定"}[r]
	},
	"hl":      highlight,
	"evKinds": func() []option { return evidenceKinds },
	"evKind": func(k string) string {
		for _, o := range evidenceKinds {
			if o.Value == k {
				return o.Label
			}
		}
		return k
	},
	"roleName":   func(r string) string { return roleCN[r] },
	"neg":        func(n int) int { return -n },
	"trimPrefix": func(s, p string) string { return strings.TrimPrefix(s, p) },
	"cite":       citeNorm,
	"inc":        func(n int) int { return n + 1 },
	"accessCN": func(a string) string {
		if n, ok := accessActionCN[a]; ok {
			return n
		}
		return a
	},
	"undetermined": func(reason string) bool { return strings.HasPrefix(reason, "undetermined") },
	"pct":          func(f float64) string { return strconv.Itoa(int(f*100+0.5)) + "%" },
}

var cst = time.FixedZone("CST", 8*3600)

// accessActionCN names the access log's actions on the pages.
var accessActionCN = map[string]string{"read": "查阅"}

func mustParsePages() map[string]*template.Template {
	base := template.Must(template.New("layout.html").Funcs(uiFuncs).ParseFS(templateFS, "templates/layout.html"))
	names, err := fs.Glob(templateFS, "templates/*.html")
	if err != nil {
		panic(err)
	}
	out := map[string]*template.Template{}
	for _, n := range names {
		name := strings.TrimSuffix(path.Base(n), ".html")
		if name == "layout" {
			continue
		}
		out[name] = template.Must(template.Must(base.Clone()).ParseFS(templateFS, n))
	}
	return out
}

func init() {
	registerRoutes(func(s *Server, api fiber.Router) {
		s.App.Get(uiCSSPath, staticAsset("text/css; charset=utf-8", uiCSS))
		s.App.Get(uiJSPath, staticAsset("text/javascript; charset=utf-8", uiJS))
	})
}

func staticAsset(ctype string, b []byte) fiber.Handler {
	return func(c *fiber.Ctx) error {
		c.Set(fiber.HeaderContentType, ctype)
		c.Set(fiber.HeaderCacheControl, "public, max-age=31536000, immutable")
		return c.Send(b)
	}
}

// page is what every page's view carries; views embed it.
type page struct {
	Title  string
	Nav    string // the active menu entry
	User   *PageUser
	CSRF   string
	CSS    string
	JS     string
	Notice string            // a success line at the top
	Errors map[string]string // field → message, shown beside the field
	Error  string            // an error no field of the page names
	// Refresh reloads the page after so many seconds (a job in progress).
	Refresh int
}

func newPage(c *fiber.Ctx, u *PageUser, title, nav string) page {
	return page{Title: title, Nav: nav, User: u, CSRF: csrfToken(c), CSS: uiCSSPath, JS: uiJSPath, Errors: map[string]string{}, Notice: c.Query("notice")}
}

// Err is the message for field, "" when it is fine.
func (p page) Err(field string) string { return p.Errors[field] }

// fail records err beside the field it names (mapped through alias), and
// reports whether err was an input error the page can show; other errors
// are the handler's to return.
func (p *page) fail(err error, alias func(string) string) bool {
	field, msg, ok := fieldOf(err)
	if !ok {
		return false
	}
	if alias != nil {
		field = alias(field)
	}
	if field == "" {
		p.Error = msg
	} else {
		p.Errors[field] = msg
	}
	return true
}

// fieldOf names the field and message of an input error of any package.
func fieldOf(err error) (string, string, bool) {
	var fe *records.FieldError
	var ce *records.ConflictError
	var lfe *caselib.FieldError
	var rfe *rules.FieldError
	var be *rules.BenchmarkError
	var ae *APIError
	switch {
	case errors.As(err, &fe):
		return fe.Field, fe.Message, true
	case errors.As(err, &ce):
		return ce.Field, ce.Message, true
	case errors.As(err, &lfe):
		return lfe.Field, lfe.Message, true
	case errors.As(err, &rfe):
		return rfe.Field, rfe.Message, true
	case errors.As(err, &be):
		return be.Field, be.Error(), true
	case errors.As(err, &ae) && ae.Status < 500:
		return ae.Field, ae.Message, true
	}
	return "", "", false
}

// render writes the page name with view v.
func render(c *fiber.Ctx, status int, name string, v any) error {
	t, ok := pages[name]
	if !ok {
		return fmt.Errorf("no page template %q", name)
	}
	c.Set(fiber.HeaderContentType, fiber.MIMETextHTMLCharsetUTF8)
	c.Set("X-Frame-Options", "DENY")
	c.Status(status)
	return t.ExecuteTemplate(c.Response().BodyWriter(), "layout", v)
}

// renderPart writes only the page's "content" (a part a script swaps in).
func renderPart(c *fiber.Ctx, name string, v any) error {
	t, ok := pages[name]
	if !ok {
		return fmt.Errorf("no page template %q", name)
	}
	c.Set(fiber.HeaderContentType, fiber.MIMETextHTMLCharsetUTF8)
	return t.ExecuteTemplate(c.Response().BodyWriter(), "content", v)
}

type errorView struct {
	page
	Status  int
	Message string
}

// pageError shows a refused or missing thing as a page; other errors go on
// to the JSON error handler (logged, 500).
func pageError(c *fiber.Ctx, u *PageUser, err error) error {
	var nf *records.NotFoundError
	var lnf *caselib.NotFoundError
	var ae *APIError
	v := errorView{page: newPage(c, u, "出错了", "")}
	switch {
	case errors.As(err, &nf), errors.As(err, &lnf):
		v.Status, v.Message = http.StatusNotFound, "找不到："+err.Error()
	case errors.As(err, &ae) && ae.Status < 500:
		v.Status, v.Message = ae.Status, ae.Message
	default:
		if field, msg, ok := fieldOf(err); ok {
			v.Status, v.Message = http.StatusUnprocessableEntity, field+"："+msg
		} else {
			return err
		}
	}
	return render(c, v.Status, "error", v)
}

// needRole is the signed-in user when they hold one of roles; otherwise the
// page answers 401 (nobody signed in) or 403 and the handler returns err.
func needRole(c *fiber.Ctx, roles ...string) (*PageUser, error) {
	u := pageUser(c)
	if u == nil {
		return nil, render(c, http.StatusUnauthorized, "error", errorView{page: newPage(c, nil, "请先登录", ""), Status: 401, Message: "请先登录后再访问此页面。"})
	}
	for _, r := range roles {
		if hasRole(u, r) {
			return u, nil
		}
	}
	return nil, render(c, http.StatusForbidden, "error", errorView{page: newPage(c, u, "无权访问", ""), Status: 403, Message: "您的角色无权访问此页面（需要：" + roleNames(roles) + "）。"})
}

func hasRole(u *PageUser, role string) bool { return u != nil && slices.Contains(u.Roles, role) }

var roleCN = map[string]string{"officer": "执法人员", "reviewer": "法制审核人员", "trainer": "培训管理员", "supervisor": "监督人员", "admin": "系统管理员"}

func roleNames(roles []string) string {
	var out []string
	for _, r := range roles {
		out = append(out, roleCN[r])
	}
	return strings.Join(out, "、")
}

// money shows yuan the way a decision writes them: 5000 → 5,000 元, 0.5 → 0.5 元.
func money(v float64) string {
	s := strconv.FormatFloat(v, 'f', -1, 64)
	intPart, frac, _ := strings.Cut(s, ".")
	neg := strings.HasPrefix(intPart, "-")
	intPart = strings.TrimPrefix(intPart, "-")
	var b strings.Builder
	for i, r := range intPart {
		if i > 0 && (len(intPart)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	out := b.String()
	if frac != "" {
		out += "." + frac
	}
	if neg {
		out = "-" + out
	}
	return out + " 元"
}

var statusCN = map[string]string{records.StatusOpen: "办理中", records.StatusDecided: "已决定", records.StatusClosed: "已结案", records.StatusArchived: "已归档",
	"pending": "待审核", "approve": "同意", "problems": "存在问题", "reject": "不同意", "collective": "集体讨论决定",
	"pass": "通过", "fail": "不通过", "warn": "提示", "not_run": "未检查"}

func statusName(s string) string {
	if n, ok := statusCN[s]; ok {
		return n
	}
	if n, ok := records.StepNames[s]; ok {
		return n
	}
	return s
}

// highlight shows a ranked case's sentence with its shared words in <em>,
// everything else escaped.
func highlight(s string) template.HTML {
	e := template.HTMLEscapeString(s)
	e = strings.ReplaceAll(strings.ReplaceAll(e, "&lt;em&gt;", "<em>"), "&lt;/em&gt;", "</em>")
	return template.HTML(e)
}

// evidenceKinds are the 证据种类 of 行政诉讼法 第三十三条 as the upload form offers them.
var evidenceKinds = []option{{"document", "书证"}, {"physical", "物证"}, {"av", "视听资料（音像记录）"}, {"electronic", "电子数据"},
	{"testimony", "证人证言"}, {"statement", "当事人的陈述"}, {"expert", "鉴定意见"}, {"record", "勘验笔录、现场笔录"}}

// citeNorm writes a pushed norm as 《law》label; a label that already names
// its law (a discretion benchmark's) is written as it is.
func citeNorm(law, label string) string {
	if strings.HasPrefix(label, "《") {
		return label
	}
	return "《" + law + "》" + label
}
