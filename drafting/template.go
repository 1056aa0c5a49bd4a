package drafting

import (
	"bytes"
	"embed"
	"encoding/json"
	"fmt"
	"io/fs"
	"sort"
	"strconv"
	"strings"
	"text/template"

	"zhifa/nlp"
)

//go:embed templates
var templateFS embed.FS

// hearingThresholds are the 较大数额罚款 levels above which the party may ask for a hearing.
type hearingThresholds struct {
	Source          string  `json:"source"`
	Note            string  `json:"note"`
	PersonMin       float64 `json:"person_min"`
	OrganizationMin float64 `json:"organization_min"`
}

// Kinds lists the document kinds that have a template, sorted.
func Kinds() []string {
	ents, _ := templateFS.ReadDir("templates")
	var out []string
	for _, e := range ents {
		if k, ok := strings.CutSuffix(e.Name(), ".tmpl"); ok {
			out = append(out, k)
		}
	}
	sort.Strings(out)
	return out
}

// Draft is a filled document: title, paragraphs and the fields it lacked.
type Draft struct {
	Kind       string
	Title      string
	Paragraphs []string
	Warnings   []string
}

// Fill renders kind from m with the embedded templates. Missing fields are marked 【缺：字段】
// and listed in Warnings.
func Fill(kind string, m Model) (*Draft, error) { return fill(templateFS, kind, m) }

func fill(fsys fs.FS, kind string, m Model) (*Draft, error) {
	return fillWith(fsys, kind, m, func(s string) string {
		out, _ := nlp.Redact(s)
		return out
	})
}

// fillWith is fill with the masking function given: validation passes one that does not load
// the segmenter.
func fillWith(fsys fs.FS, kind string, m Model, redact func(string) string) (*Draft, error) {
	src, err := fs.ReadFile(fsys, "templates/"+kind+".tmpl")
	if err != nil {
		return nil, fmt.Errorf("unknown document kind %q (kinds: %s)", kind, strings.Join(Kinds(), ", "))
	}
	var th hearingThresholds
	hb, err := fs.ReadFile(fsys, "templates/hearing.json")
	if err != nil {
		return nil, err
	}
	if err := json.Unmarshal(hb, &th); err != nil {
		return nil, fmt.Errorf("templates/hearing.json: %w", err)
	}
	var warn []string
	funcs := template.FuncMap{
		"need": func(field, v string) string {
			if strings.TrimSpace(v) == "" {
				warn = append(warn, "缺："+field)
				return "【缺：" + field + "】"
			}
			return v
		},
		"join":   strings.Join,
		"redact": redact,
		"sentence": func(s string) string {
			s = strings.TrimSpace(s)
			if !strings.HasSuffix(s, "。") {
				s += "。"
			}
			return s
		},
		"money": money,
		// the amount in words (大写), as the decision states the fine
		"capital": nlp.CapitalYuan,
		"hearing": func(m Model) bool {
			if m.Party.Kind == "person" {
				return m.Fine >= th.PersonMin
			}
			return m.Fine >= th.OrganizationMin
		},
	}
	t, err := template.New(kind).Funcs(funcs).Option("missingkey=error").Parse(string(src))
	if err != nil {
		return nil, fmt.Errorf("template %s: %w", kind, err)
	}
	var b bytes.Buffer
	if err := t.Execute(&b, m); err != nil {
		return nil, fmt.Errorf("template %s: %w", kind, err)
	}
	lines := strings.Split(strings.TrimSpace(b.String()), "\n")
	// TrimSpace also drops the \r of a template saved with Windows line endings
	d := &Draft{Kind: kind, Title: strings.TrimSpace(lines[0]), Warnings: warn}
	for _, l := range lines[1:] {
		if l = strings.TrimSpace(l); l != "" {
			d.Paragraphs = append(d.Paragraphs, l)
		}
	}
	return d, nil
}

func money(v float64) string {
	return strconv.FormatFloat(v, 'f', 2, 64) + "元"
}

// KindCode is the short code put into a kind's 文号 (示市监罚〔2026〕12号).
func KindCode(kind string) string {
	switch kind {
	case "行政处罚决定书", "不予行政处罚决定书":
		return "罚"
	case "行政处罚事先告知书", "听证通知书":
		return "告"
	case "责令改正通知书":
		return "责改"
	case "涉嫌犯罪案件移送书":
		return "移"
	default:
		return ""
	}
}
