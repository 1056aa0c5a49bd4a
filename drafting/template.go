package drafting

import (
	"bytes"
	"embed"
	"encoding/json"
	"fmt"
	"io/fs"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"text/template"

	"zhifa/corpora"
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
	Right      []int // indexes of the paragraphs set flush right (落款)
}

var rePenaltyVerb = regexp.MustCompile(`^(?:没收|罚款|处|警告|通报批评|吊销|责令|暂扣|降低|限制|拘留)`)

// penaltyItems are the penalties decided, numbered as the 范本 has them:
// （一）罚款人民币陆万元整（60000.00元）；（二）没收违法所得…。
func penaltyItems(m Model) []string {
	split := func(seps string) []string {
		var out []string
		for _, s := range strings.FieldsFunc(m.Decision, func(r rune) bool { return strings.ContainsRune(seps, r) }) {
			if s = strings.TrimPrefix(strings.TrimSpace(s), "并处"); s != "" {
				out = append(out, s)
			}
		}
		return out
	}
	items := split("；;。")
	// 没收违法所得1800元及涉案食品，罚款60000元: one penalty a clause when every clause is one
	if fine := split("；;。，,"); len(fine) > len(items) && !slices.ContainsFunc(fine, func(s string) bool { return !rePenaltyVerb.MatchString(s) }) {
		items = fine
	}
	has := func(w string) bool {
		for _, it := range items {
			if strings.Contains(it, w) {
				return true
			}
		}
		return false
	}
	if m.Confiscate > 0 && !has("没收违法所得") {
		items = append([]string{"没收违法所得人民币" + nlp.CapitalYuan(m.Confiscate) + "（" + money(m.Confiscate) + "）"}, items...)
	}
	if m.Fine > 0 {
		fine := "罚款人民币" + nlp.CapitalYuan(m.Fine) + "（" + money(m.Fine) + "）"
		replaced := false
		for i, it := range items {
			if strings.HasPrefix(it, "罚款") || strings.HasPrefix(it, "处罚款") || strings.Contains(it, "罚款人民币") {
				items[i], replaced = fine, true
			}
		}
		if !replaced {
			items = append(items, fine)
		}
	}
	for i := range items {
		sep := "；"
		if i == len(items)-1 {
			sep = "。"
		}
		items[i] = "（" + corpora.ChineseNumeral(i+1) + "）" + items[i] + sep
	}
	return items
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
		// 2026-03-10 → 2026年3月10日
		"cndate": func(iso string) string {
			var y, mo, d int
			if _, err := fmt.Sscanf(iso, "%d-%d-%d", &y, &mo, &d); err != nil {
				return iso
			}
			return fmt.Sprintf("%d年%d月%d日", y, mo, d)
		},
		// the facts after 经查，: a record that starts with it is not said twice
		"facts": func(s string) string {
			s = strings.TrimSpace(s)
			for _, p := range []string{"经查，", "经查,", "经查：", "经查"} {
				s = strings.TrimPrefix(s, p)
			}
			return s
		},
		// （一）现场检查笔录；（二）询问笔录。
		"numbered": func(xs []string) string {
			var b strings.Builder
			for i, x := range xs {
				x = strings.TrimRight(strings.TrimSpace(x), "；;。")
				if x == "" {
					continue
				}
				sep := "；"
				if i == len(xs)-1 {
					sep = "。"
				}
				b.WriteString("（" + corpora.ChineseNumeral(i+1) + "）" + x + sep)
			}
			return b.String()
		},
		"penalties": penaltyItems,
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
		l = strings.TrimSpace(l)
		// >> right-aligns a line: the 落款, with room for the seal
		right := strings.HasPrefix(l, ">>")
		if l = strings.TrimSpace(strings.TrimPrefix(l, ">>")); l != "" {
			if right {
				d.Right = append(d.Right, len(d.Paragraphs))
			}
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
