package rules

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"regexp"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"

	"zhifa/corpora"
	"zhifa/nlp"
)

// ViolationLink ties a penalty provision (item by item) to an obligation
// provision it sanctions (违法行为库), with the source of the link: the
// penalty's own words naming the obligation (kind "text"), or the conduct
// both describe (kind "match", the shared words).
type ViolationLink struct {
	Penalty    Provision `json:"penalty"`
	Obligation Provision `json:"obligation"`
	Kind       string    `json:"kind"`  // text | match
	Quote      string    `json:"quote"` // 违反本法第三十四条规定 / 超过保质期的食品
}

// Provision is one article, paragraph or item of a law.
type Provision struct {
	Law       string `json:"law"`
	Article   int    `json:"article"`
	Suffix    string `json:"article_suffix,omitempty"`
	Paragraph int    `json:"paragraph,omitempty"`
	Item      int    `json:"item,omitempty"`
}

// Citation writes the provision as a decision cites it.
func (p Provision) Citation() string {
	return citationOf(p.Law, p.Article, p.Suffix, p.Paragraph, p.Item)
}

// ViolationCatalog is the links of the embedded catalog, by penalty provision.
type ViolationCatalog struct {
	Links     []ViolationLink `json:"links"`
	Penalties int             `json:"penalty_provisions"` // penalty provisions (items counted one by one) in the laws walked
	Covered   int             `json:"covered"`            // of which have at least one link
	byPenalty map[Provision][]ViolationLink
}

var (
	violOnce sync.Once
	violCat  *ViolationCatalog
	violErr  error
)

// Violations is the embedded catalog (corpora/violations/links.json).
func Violations() (*ViolationCatalog, error) {
	violOnce.Do(func() {
		b, err := fs.ReadFile(corpora.FS, "violations/links.json")
		if err != nil {
			violErr = fmt.Errorf("violation catalog: %w", err)
			return
		}
		var c ViolationCatalog
		if err := json.Unmarshal(b, &c); err != nil {
			violErr = fmt.Errorf("violation catalog: %w", err)
			return
		}
		c.index()
		violCat = &c
	})
	return violCat, violErr
}

func (c *ViolationCatalog) index() {
	c.byPenalty = map[Provision][]ViolationLink{}
	for _, l := range c.Links {
		c.byPenalty[l.Penalty] = append(c.byPenalty[l.Penalty], l)
	}
}

// Obligations is what the cited penalty provision sanctions: the links of the
// item, else of its paragraph, else of the article (a link stated in a
// paragraph's lead holds for its items).
func (c *ViolationCatalog) Obligations(penalty Provision) []ViolationLink {
	for _, p := range []Provision{penalty, {penalty.Law, penalty.Article, penalty.Suffix, penalty.Paragraph, 0}, {penalty.Law, penalty.Article, penalty.Suffix, 0, 0}} {
		if ls := c.byPenalty[p]; len(ls) > 0 {
			return ls
		}
		if p.Paragraph == 0 && penalty.Paragraph == 0 { // an article of one paragraph: its entries are under 第一款
			if ls := c.byPenalty[Provision{p.Law, p.Article, p.Suffix, 1, penalty.Item}]; len(ls) > 0 {
				return ls
			}
		}
	}
	return nil
}

// ViolatedBy is the obligation provisions the penalty citation sanctions, in
// a decision's words (《食品安全法》第三十四条第（十）项、…), and the links; ""
// when the catalog has none.
func ViolatedBy(penaltyBasis string) (string, []ViolationLink) {
	cat, err := Violations()
	if err != nil || cat == nil {
		return "", nil
	}
	res, err := corpora.Default().Cite(penaltyBasis)
	if err != nil {
		return "", nil
	}
	links := cat.Obligations(Provision{res.Law, res.Article, res.ArticleSuffix, res.Paragraph, res.Item})
	var cits []string
	seen := map[string]bool{}
	for _, l := range links {
		ob := l.Obligation
		if a := corpora.Default().Article(ob.Law, ob.Article, ob.Suffix); a != nil && len(a.Paragraphs) == 1 && ob.Item > 0 {
			ob.Paragraph = 0 // 第三十四条第（十）项: an article of one paragraph is not cited by 款
		}
		if c := ob.Citation(); !seen[c] {
			seen[c] = true
			cits = append(cits, c)
		}
	}
	return strings.Join(cits, "、"), links
}

// BuildViolationCatalog derives the catalog from the law corpus: every
// penalty provision of the 法律责任 chapter (items one by one), linked to the
// obligations its words name after 违反, and, for a provision that names
// none, to the obligation item describing the same conduct.
func BuildViolationCatalog(c *corpora.Corpus) *ViolationCatalog {
	cat := &ViolationCatalog{}
	for _, l := range c.Laws() {
		if l.General {
			continue
		}
		var duties []dutyUnit
		for _, a := range l.Articles {
			if isLiability(a) {
				continue
			}
			for pi, p := range a.Paragraphs {
				for ii, it := range p.Items {
					duties = append(duties, dutyUnit{Provision{l.Name, a.Number, a.Suffix, pi + 1, ii + 1}, conductWords(it)})
				}
				if len(p.Items) == 0 {
					duties = append(duties, dutyUnit{Provision{l.Name, a.Number, a.Suffix, pi + 1, 0}, conductWords(p.Text)})
				}
			}
		}
		for _, a := range l.Articles {
			if !isLiability(a) {
				continue
			}
			for pi, p := range a.Paragraphs {
				lead := leadOf(p.Text)
				if !strings.Contains(p.Text, "罚款") && !strings.Contains(p.Text, "警告") && !strings.Contains(p.Text, "吊销") && !strings.Contains(p.Text, "没收") {
					continue
				}
				para := Provision{l.Name, a.Number, a.Suffix, pi + 1, 0}
				refs := textLinks(c, l, a, para, lead)
				if len(p.Items) == 0 {
					cat.Penalties++
					if len(refs) > 0 {
						cat.Covered++
					}
					cat.Links = append(cat.Links, refs...)
					continue
				}
				cat.Links = append(cat.Links, refs...)
				for ii, it := range p.Items {
					cat.Penalties++
					item := para
					item.Item = ii + 1
					own := textLinks(c, l, a, item, it)
					if len(own) == 0 && len(refs) == 0 {
						if m, ok := matchConduct(item, it, duties); ok {
							own = append(own, m)
						}
					}
					if len(own) > 0 || len(refs) > 0 {
						cat.Covered++
					}
					cat.Links = append(cat.Links, own...)
				}
			}
		}
	}
	// a link is only as good as its lookup: a provision whose law name
	// resolves to another text (a 实施办法 named like its 规定) is left out
	kept := cat.Links[:0]
	for _, k := range cat.Links {
		if resolves(c, k.Penalty) && resolves(c, k.Obligation) {
			kept = append(kept, k)
		}
	}
	cat.Links = kept
	cat.index()
	return cat
}

// resolves reports whether p is found in c under its own law's name.
func resolves(c *corpora.Corpus, p Provision) bool {
	a := c.Article(p.Law, p.Article, p.Suffix)
	if a == nil || a.LawName != p.Law {
		return false
	}
	text, _ := a.Select(p.Paragraph, p.Item)
	return text != ""
}

// isLiability is whether an article sets penalties: it is in the 法律责任
// chapter, or (商标法第五十二条 sits in 商标使用的管理) it states a fine.
func isLiability(a *corpora.Article) bool {
	if _, _, ok := FineFromText(a.Text); ok && strings.Contains(a.Text, "由") {
		return true
	}
	for _, h := range a.Path {
		if strings.Contains(h, "法律责任") || strings.Contains(h, "罚则") {
			return true
		}
	}
	return false
}

var reViolate = regexp.MustCompile(`违反(?:本法|本条例|本规定|本办法|《[^》]+》)[^，。；：]*?规定`)

// textLinks are the obligations a penalty's words name after 违反.
func textLinks(c *corpora.Corpus, l *corpora.Law, a *corpora.Article, pen Provision, text string) []ViolationLink {
	var out []ViolationLink
	for _, m := range reViolate.FindAllString(text, -1) {
		for _, cit := range nlp.ParseCitationsIn(m, l.Name) {
			law := l.Name
			if cit.Law != "" && cit.Law != l.Name {
				if other := c.Law(cit.Law); other != nil {
					law = other.Name
				} else {
					continue
				}
			}
			ob := Provision{law, cit.Article, cit.ArticleSuffix, cit.Paragraph, cit.Item}
			if oa := c.Article(law, cit.Article, cit.ArticleSuffix); oa == nil || ob.Article == a.Number && law == l.Name {
				continue
			}
			out = append(out, ViolationLink{Penalty: pen, Obligation: ob, Kind: "text", Quote: m})
		}
	}
	return out
}

type dutyUnit struct {
	p     Provision
	words string
}

var reNoise = regexp.MustCompile(`^[（(][一二三四五六七八九十]+[）)]|[，。；：、“”（）《》\s]`)

// conductWords is a provision's text without its numbering and punctuation.
func conductWords(s string) string { return reNoise.ReplaceAllString(s, "") }

// matchConduct links a penalty item to the obligation item that describes
// the same conduct: the longest run of words they share, at least eight
// characters, and clearly longer than the next obligation's.
func matchConduct(pen Provision, text string, duties []dutyUnit) (ViolationLink, bool) {
	w := conductWords(text)
	best, second := "", 0
	var bestP Provision
	for _, d := range duties {
		s := longestCommon(w, d.words)
		n := utf8.RuneCountInString(s)
		switch {
		case n > utf8.RuneCountInString(best):
			second = utf8.RuneCountInString(best)
			best, bestP = s, d.p
		case n > second:
			second = n
		}
	}
	n := utf8.RuneCountInString(best)
	if n < 8 || n-second < 3 {
		return ViolationLink{}, false
	}
	return ViolationLink{Penalty: pen, Obligation: bestP, Kind: "match", Quote: best}, true
}

// longestCommon is the longest common substring of a and b (by runes).
func longestCommon(a, b string) string {
	ra, rb := []rune(a), []rune(b)
	if len(ra) == 0 || len(rb) == 0 {
		return ""
	}
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	bestLen, bestEnd := 0, 0
	for i := 1; i <= len(ra); i++ {
		for j := 1; j <= len(rb); j++ {
			if ra[i-1] == rb[j-1] {
				cur[j] = prev[j-1] + 1
				if cur[j] > bestLen {
					bestLen, bestEnd = cur[j], i
				}
			} else {
				cur[j] = 0
			}
		}
		prev, cur = cur, prev
	}
	return string(ra[bestEnd-bestLen : bestEnd])
}

// ObligationsForFacts is what a penalty article sanctions, for facts: the
// links of its paragraphs and items, and where it lists many conducts only
// those whose conduct words the facts share (at least four characters),
// longest shared first, at most max.
func ObligationsForFacts(law string, article int, suffix, facts string, max int) []ViolationLink {
	cat, err := Violations()
	if err != nil || cat == nil {
		return nil
	}
	var all []ViolationLink
	for _, l := range cat.Links {
		if l.Penalty.Law == law && l.Penalty.Article == article && l.Penalty.Suffix == suffix {
			all = append(all, l)
		}
	}
	if len(all) <= max {
		return all
	}
	type scored struct {
		l ViolationLink
		n int
	}
	var ss []scored
	c := corpora.Default()
	fw := conductWords(facts)
	for _, l := range all {
		a := c.Article(l.Penalty.Law, l.Penalty.Article, l.Penalty.Suffix)
		if a == nil {
			continue
		}
		t, _ := a.Select(l.Penalty.Paragraph, l.Penalty.Item)
		if n := utf8.RuneCountInString(longestCommon(fw, conductWords(t))); n >= 4 {
			ss = append(ss, scored{l, n})
		}
	}
	slices.SortStableFunc(ss, func(a, b scored) int { return b.n - a.n })
	var out []ViolationLink
	for _, s := range ss[:min(len(ss), max)] {
		out = append(out, s.l)
	}
	return out
}
