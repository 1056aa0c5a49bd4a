package corpora

import (
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
)

// A law file holds one version (版本) of a law: the text as adopted or last
// revised on a date, in force from a date until the next version took effect.
// Versions of one law share its official name; the header lines
// (YYYY年M月D日 通过/修正/修订/公布/施行) give their dates.

// HeaderEvent is one dated header line: 1986年6月25日 …通过, 2019年8月26日 …第三次修正.
type HeaderEvent struct {
	Date string `json:"date"` // YYYY-MM-DD
	Kind string `json:"kind"` // 通过, 公布, 施行, 修正, 修订, 第三次修正 …; "" when the line names none
	Line int    `json:"line"` // line of the file
}

// IsRevision reports a 修正/修订/修改 line.
func (e HeaderEvent) IsRevision() bool {
	return strings.Contains(e.Kind, "修正") || strings.Contains(e.Kind, "修订") || strings.Contains(e.Kind, "修改")
}

// headerLine is one non-blank line between the title and <!-- INFO END -->.
type headerLine struct {
	no   int
	text string // normalised
}

var (
	eventDateRe   = regexp.MustCompile(`^(\d{4})年(\d{1,2})月(\d{1,2})日`)
	ordinalRevRe  = regexp.MustCompile(`第[一二三四五六七八九十]+次(修正|修订)`)
	inForceBodyRe = regexp.MustCompile(`自(\d{4})年(\d{1,2})月(\d{1,2})日起施行`)
)

// headerEvents reads the dated header lines. A line without a date continues
// the one above (LawRefBook breaks long lines). A date that is not a calendar
// date or that goes back in time is reported (the first, naming its line) but
// does not stop the reading: ingest refuses such a file, the shipped texts are
// taken as they are.
func headerEvents(file string, lines []headerLine) ([]HeaderEvent, error) {
	var out []HeaderEvent
	var texts []string
	var first error
	for _, l := range lines {
		m := eventDateRe.FindStringSubmatch(strings.TrimSpace(l.text))
		if m == nil {
			if len(texts) > 0 {
				texts[len(texts)-1] += l.text
			}
			continue
		}
		y, _ := strconv.Atoi(m[1])
		mo, _ := strconv.Atoi(m[2])
		d, _ := strconv.Atoi(m[3])
		t := time.Date(y, time.Month(mo), d, 0, 0, 0, 0, time.UTC)
		if t.Month() != time.Month(mo) || t.Day() != d || y < 1949 {
			if first == nil {
				first = fmt.Errorf("%s:%d: %s is not a date", file, l.no, m[0])
			}
			continue
		}
		date := t.Format("2006-01-02")
		if n := len(out); n > 0 && date < out[n-1].Date && first == nil {
			first = fmt.Errorf("%s:%d: %s comes after %s (line %d): the header dates contradict each other (they must not go back in time)", file, l.no, m[0], out[n-1].Date, out[n-1].Line)
		}
		out = append(out, HeaderEvent{Date: date, Line: l.no})
		texts = append(texts, l.text)
	}
	for i := range out {
		out[i].Kind = versionEventKind(texts[i], i)
	}
	return out, first
}

// versionEventKind names what a header line records. After the first line, a
// meeting that 通过 something is a revision by decision (北京's headers).
func versionEventKind(text string, index int) string {
	if m := ordinalRevRe.FindString(text); m != "" {
		return m
	}
	switch {
	case strings.Contains(text, "修订"):
		return "修订"
	case strings.Contains(text, "修正"), strings.Contains(text, "修改"):
		return "修正"
	case strings.Contains(text, "施行"):
		return "施行"
	case strings.Contains(text, "公布"), strings.Contains(text, "发布"):
		return "公布"
	case strings.Contains(text, "通过"), strings.Contains(text, "批准"):
		if index > 0 {
			return "修正"
		}
		return "通过"
	}
	return ""
}

// setVersion fills the law's version dates from its header events, the
// known in-force dates of revisions and the body's 本法自…起施行.
func (l *Law) setVersion(revs *revisionTable) {
	ev := l.dated
	if len(ev) == 0 {
		return
	}
	adopted := 0
	for i, e := range ev {
		if i > 0 && e.IsRevision() {
			adopted = i
		}
	}
	l.Adopted, l.AdoptedKind = ev[adopted].Date, ev[adopted].Kind
	if l.AdoptedKind == "" {
		l.AdoptedKind = "通过"
	}
	for _, e := range ev[adopted+1:] {
		if e.Kind == "施行" {
			l.InForce, l.InForceBasis = e.Date, fmt.Sprintf("header line %d (施行)", e.Line)
			return
		}
	}
	if r := revs.find(l.Name, l.Adopted); r != nil && r.InForce != "" {
		l.InForce, l.InForceBasis = r.InForce, "laws/revisions.tsv: "+r.Source
		return
	}
	// 本法自…起施行 in the last articles: the original date for a 修正 (earlier
	// than the revision, so not taken), the revision's own for most 修订.
	for i := len(l.Articles) - 1; i >= 0 && i >= len(l.Articles)-3; i-- {
		if m := inForceBodyRe.FindStringSubmatch(l.Articles[i].Text); m != nil {
			y, _ := strconv.Atoi(m[1])
			mo, _ := strconv.Atoi(m[2])
			d, _ := strconv.Atoi(m[3])
			if date := fmt.Sprintf("%04d-%02d-%02d", y, mo, d); date >= l.Adopted {
				l.InForce, l.InForceBasis = date, l.Articles[i].Label
				return
			}
			break
		}
	}
	l.InForce, l.InForceBasis = l.Adopted, "date of the "+l.AdoptedKind+" (the header gives no in-force date)"
}

// validateVersion is what ingest asks of a version beyond parsing: dates to
// tell it from the law's other versions.
func (l *Law) validateVersion(path string) error {
	if l.headerErr != nil {
		return l.headerErr
	}
	if len(l.dated) == 0 {
		return fmt.Errorf("%s:%d: no dated header line (YYYY年M月D日 通过/修正/修订/公布/施行) before %s: the version's dates cannot be told", path, l.headerEnd, infoEnd)
	}
	if m := fileDateRe.FindStringSubmatch(l.File); m != nil {
		found := false
		for _, e := range l.dated {
			found = found || e.Date == m[1]
		}
		if !found {
			return fmt.Errorf("%s:%d: the file name gives %s, which no header line has (latest %s %s, line %d): the dates contradict each other", path, l.dated[len(l.dated)-1].Line, m[1], l.dated[len(l.dated)-1].Date, l.dated[len(l.dated)-1].Kind, l.dated[len(l.dated)-1].Line)
		}
	}
	return nil
}

// VersionLabel names the version: 2019-08-26 第三次修正, in force 2020-01-01.
func (l *Law) VersionLabel() string {
	if l.Adopted == "" {
		return "undated text"
	}
	s := l.Adopted + " " + l.AdoptedKind
	if l.InForce != "" && l.InForce != l.Adopted {
		s += ", in force " + l.InForce
	}
	return s
}

// inForceOn reports whether the version was in force on date (YYYY-MM-DD).
func (l *Law) inForceOn(date string) bool {
	return (l.InForce == "" || l.InForce <= date) && (l.Until == "" || date < l.Until)
}

// VersionWarning says that the version in force on a date is not held, so a
// citation was read against a later text whose numbering or wording may differ.
type VersionWarning struct {
	Revision string `json:"revision"` // YYYY-MM-DD of the revision (or adoption) the held text is
	Kind     string `json:"kind"`     // 修正, 修订, 第三次修正, 通过 …
	InForce  string `json:"in_force"` // when that revision took effect
	Message  string `json:"message"`
}

// versionGroups orders every law's versions by in-force date and sets each
// version's Until. byFile keeps every version, laws only the one current today.
func (c *Corpus) groupVersions(today string) {
	groups := map[string][]*Law{}
	var order []string
	for _, l := range c.all {
		k := nameKey(l.Name)
		if _, ok := groups[k]; !ok {
			order = append(order, k)
		}
		groups[k] = append(groups[k], l)
	}
	c.versions = make(map[*Law][]*Law, len(c.all))
	c.laws = c.laws[:0]
	for _, k := range order {
		vs := groups[k]
		sort.SliceStable(vs, func(i, j int) bool { return vs[i].InForce < vs[j].InForce })
		for i, v := range vs {
			v.Until = ""
			if i+1 < len(vs) {
				v.Until = vs[i+1].InForce
			}
			c.versions[v] = vs
		}
		c.laws = append(c.laws, pickVersion(vs, today))
	}
}

// pickVersion is the version in force on date, else the earliest held.
func pickVersion(vs []*Law, date string) *Law {
	for i := len(vs) - 1; i >= 0; i-- {
		if vs[i].InForce == "" || vs[i].InForce <= date {
			return vs[i]
		}
	}
	return vs[0]
}

// Versions returns every held version of the named law, oldest first.
func (c *Corpus) Versions(name string) []*Law {
	l := c.Law(name)
	if l == nil {
		return nil
	}
	return c.versions[l]
}

// AllVersions returns every law file of the corpus, old versions included.
func (c *Corpus) AllVersions() []*Law { return c.all }

// ParseDay parses an act or decision date, YYYY-MM-DD.
func ParseDay(s string) (string, error) {
	t, err := time.Parse("2006-01-02", strings.TrimSpace(s))
	if err != nil {
		return "", fmt.Errorf("%q is not a date in the form YYYY-MM-DD", s)
	}
	return t.Format("2006-01-02"), nil
}

// views caches the corpus as of a date, keyed by the versions it picks.
type views struct {
	mu sync.Mutex
	m  map[string]*Corpus
}

// At returns the corpus as it stood on date (YYYY-MM-DD): every name finds
// the version in force then, or the earliest held when none was (VersionAt
// says which). An empty date is the corpus itself.
func (c *Corpus) At(date string) *Corpus {
	if date == "" {
		return c
	}
	pick := make(map[*Law]*Law, len(c.all))
	var key strings.Builder
	var laws []*Law
	for _, cur := range c.laws {
		vs := c.versions[cur]
		p := pickVersion(vs, date)
		for _, v := range vs {
			pick[v] = p
		}
		laws = append(laws, p)
		if p != cur {
			key.WriteString(p.File + "|")
		}
	}
	if key.Len() == 0 {
		return c
	}
	c.views.mu.Lock()
	defer c.views.mu.Unlock()
	if v, ok := c.views.m[key.String()]; ok {
		return v
	}
	v := &Corpus{laws: laws, all: c.all, versions: c.versions, byName: make(map[string]*Law, len(c.byName)), revs: c.revs, ParseTime: c.ParseTime}
	for k, l := range c.byName {
		v.byName[k] = pick[l]
	}
	if c.views.m == nil {
		c.views.m = map[string]*Corpus{}
	}
	c.views.m[key.String()] = v
	return v
}

// VersionAt returns the version of the named law in force on date and, when
// the corpus holds no version in force then, a warning naming the revision
// of the text it falls back to. It returns nil, nil for an unknown law.
func (c *Corpus) VersionAt(name, date string) (*Law, *VersionWarning) {
	l := c.Law(name)
	if l == nil || date == "" {
		return l, nil
	}
	vs := c.versions[l]
	if len(vs) == 0 {
		vs = []*Law{l}
	}
	v := pickVersion(vs, date)
	if v.inForceOn(date) {
		// held, unless a later revision known from revisions.tsv was in force by then
		if v.Until == "" {
			for _, r := range c.revs.after(v) {
				if r.InForce != "" && r.InForce <= date {
					return v, &VersionWarning{Revision: r.Adopted, Kind: r.Kind, InForce: r.InForce, Message: fmt.Sprintf(
						"《%s》 was revised on %s (%s, in force %s; %s), after the text held (%s); that revision was in force on %s and is not loaded: the article's number or text may have changed — add it with `zhifa ingest --laws DIR`",
						v.Name, r.Adopted, r.Kind, r.InForce, r.Source, v.VersionLabel(), date)}
				}
			}
		}
		return v, nil
	}
	if v.Until != "" && date >= v.Until { // repealed or ended with no later version held
		return v, &VersionWarning{Revision: v.Adopted, Kind: v.AdoptedKind, InForce: v.InForce, Message: fmt.Sprintf("《%s》 (%s) was no longer in force on %s", v.Name, v.VersionLabel(), date)}
	}
	w := &VersionWarning{Revision: v.Adopted, Kind: v.AdoptedKind, InForce: v.InForce}
	if prev := v.previousEvent(); prev != nil {
		w.Message = fmt.Sprintf("the earliest text of 《%s》 held is its %s of %s, in force from %s; on %s the version of its %s of %s was in force and is not loaded: the article's number or text may have changed — check the citation against that version or add it with `zhifa ingest --laws DIR`",
			v.Name, v.AdoptedKind, v.Adopted, v.InForce, date, prev.Kind, prev.Date)
	} else {
		w.Message = fmt.Sprintf("《%s》 took effect on %s, after %s: it was not in force then", v.Name, v.InForce, date)
	}
	return v, w
}

// previousEvent is the header event of the version before this one: the
// latest 通过/公布/修正/修订 line before the one this text is.
func (l *Law) previousEvent() *HeaderEvent {
	for i := len(l.dated) - 1; i >= 0; i-- {
		e := l.dated[i]
		if e.Date < l.Adopted && e.Kind != "施行" {
			return &e
		}
	}
	return nil
}

// CurrentTextAt tells whether the current text of the named law (what the
// search index holds) is the one in force on date: nil when it is, else a
// warning naming the version in force then (held or not).
func (c *Corpus) CurrentTextAt(name, date string) *VersionWarning {
	cur := c.Law(name)
	v, w := c.VersionAt(name, date)
	if w != nil || v == nil || cur == nil || v == cur {
		return w
	}
	return &VersionWarning{Revision: v.Adopted, Kind: v.AdoptedKind, InForce: v.InForce,
		Message: fmt.Sprintf("this is the text of %s; on %s the version of %s was in force (held): resolve the citation with that date to read it", cur.VersionLabel(), date, v.VersionLabel())}
}
