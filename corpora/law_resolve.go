package corpora

import (
	"errors"
	"fmt"
	"strings"

	"zhifa/nlp"
)

// Resolution is a citation checked against the corpus.
type Resolution struct {
	Law           string `json:"law"` // full official name when known, else the name as written
	Article       int    `json:"article"`
	ArticleSuffix string `json:"article_suffix"`
	Paragraph     int    `json:"paragraph"`
	Item          int    `json:"item"`
	Valid         bool   `json:"valid"`
	Text          string `json:"text"`             // the text of the cited article, paragraph or item
	Reason        string `json:"reason,omitempty"` // why it is not valid
	Raw           string `json:"raw"`              // the citation as written
	// Malformed says what is wrong with a citation written incompletely (第九十八第三款)
	// and how it was read; such a citation is never Valid, and Text is that reading's
	// text when it resolves.
	Malformed string `json:"malformed,omitempty"`
	Meant     string `json:"meant,omitempty"` // the reading of a malformed citation: 《中华人民共和国药品管理法》第九十八条第三款

	// The version read (law_version.go): in force from InForce until Until
	// ("" while in force), its text current to CurrentTo. VersionWarning is set
	// when the version in force on the date asked for is not held.
	InForce        string          `json:"in_force,omitempty"`
	Until          string          `json:"until,omitempty"`
	CurrentTo      string          `json:"current_to,omitempty"`
	VersionWarning *VersionWarning `json:"version_warning,omitempty"`
}

// Reasons a citation does not resolve.
const (
	ReasonNoLaw         = "no law named"
	ReasonUnknownLaw    = "unknown law"
	ReasonNoArticle     = "no such article"
	ReasonNoParagraph   = "no such paragraph"
	ReasonNoItem        = "no such item"
	ReasonNoArticleNum  = "no article number"
	ReasonMalformed     = "malformed citation"
	reasonDetailDivider = ": "
)

// Resolve checks one parsed citation and returns the cited text.
func (c *Corpus) Resolve(cit nlp.Citation) Resolution {
	if cit.Malformed != "" {
		return c.resolveMalformed(cit)
	}
	r := Resolution{Law: cit.Law, Article: cit.Article, ArticleSuffix: cit.ArticleSuffix, Paragraph: cit.Paragraph, Item: cit.Item, Raw: cit.Raw}
	if strings.TrimSpace(cit.Law) == "" {
		r.Reason = ReasonNoLaw
		return r
	}
	law := c.Law(cit.Law)
	if law == nil {
		r.Reason = ReasonUnknownLaw + reasonDetailDivider + "《" + cit.Law + "》 is not in the corpus"
		return r
	}
	r.Law, r.InForce, r.Until, r.CurrentTo = law.Name, law.InForce, law.Until, law.CurrentTo
	if cit.Article <= 0 {
		r.Reason = ReasonNoArticleNum
		return r
	}
	a := law.Article(cit.Article, cit.ArticleSuffix)
	if a == nil {
		r.Reason = fmt.Sprintf("%s%s《%s》 has no %s (last is %s)", ReasonNoArticle, reasonDetailDivider, law.Name, articleLabel(cit.Article, cit.ArticleSuffix), law.Articles[len(law.Articles)-1].Label)
		return r
	}
	text, reason := a.Select(cit.Paragraph, cit.Item)
	if reason != "" {
		r.Reason = reason
		return r
	}
	r.Valid, r.Text = true, text
	return r
}

// resolveMalformed reports a malformed citation, resolving what was meant when
// it can be told.
func (c *Corpus) resolveMalformed(cit nlp.Citation) Resolution {
	meant := cit
	meant.Malformed = ""
	r := Resolution{Law: cit.Law, Raw: cit.Raw, Malformed: cit.Malformed, Reason: ReasonMalformed + reasonDetailDivider + cit.Malformed}
	if cit.Article <= 0 {
		if l := c.Law(cit.Law); l != nil {
			r.Law = l.Name
		}
		return r
	}
	m := c.Resolve(meant)
	r.InForce, r.Until, r.CurrentTo = m.InForce, m.Until, m.CurrentTo
	r.Law, r.Article, r.ArticleSuffix, r.Paragraph, r.Item = m.Law, m.Article, m.ArticleSuffix, m.Paragraph, m.Item
	r.Meant = meant.Label()
	if m.Law != "" {
		r.Meant = "《" + m.Law + "》" + r.Meant
	}
	if m.Valid {
		r.Text = m.Text
	} else {
		r.Reason += "; " + m.Reason
	}
	return r
}

// Parse finds the citations in text, recognising the corpus's laws named
// without 《》 (违反食品安全法第一百二十四条).
func (c *Corpus) Parse(text string) []nlp.Citation {
	return nlp.ParseCitationsOpt(text, nlp.CiteOptions{KnownLaw: func(name string) bool { return c.Law(name) != nil }})
}

// Select returns the text of paragraph p (1-based, 0 = whole article) and item
// i (1-based, 0 = whole paragraph), or the reason it does not exist. An item
// without a paragraph (第X条第三项) is looked up in the paragraph that has items.
func (a *Article) Select(p, i int) (string, string) {
	if p < 0 || i < 0 {
		return "", ReasonNoParagraph
	}
	if p == 0 && i == 0 {
		return a.Text, ""
	}
	var para *Paragraph
	if p > 0 {
		if p > len(a.Paragraphs) {
			return "", fmt.Sprintf("%s%s%s has %d paragraph(s), not %d", ReasonNoParagraph, reasonDetailDivider, a.Label, len(a.Paragraphs), p)
		}
		para = &a.Paragraphs[p-1]
	} else {
		for k := range a.Paragraphs {
			if len(a.Paragraphs[k].Items) > 0 {
				para = &a.Paragraphs[k]
				break
			}
		}
		if para == nil {
			return "", fmt.Sprintf("%s%s%s has no items", ReasonNoItem, reasonDetailDivider, a.Label)
		}
	}
	if i == 0 {
		return para.Text, ""
	}
	if i > len(para.Items) {
		return "", fmt.Sprintf("%s%s%s has %d item(s) there, not %d", ReasonNoItem, reasonDetailDivider, a.Label, len(para.Items), i)
	}
	return para.Items[i-1], ""
}

// ResolveText finds every citation in text and resolves it, in order.
func (c *Corpus) ResolveText(text string) []Resolution {
	cits := c.Parse(text)
	out := make([]Resolution, 0, len(cits))
	for _, cit := range cits {
		out = append(out, c.Resolve(cit))
	}
	return out
}

// ResolveAt resolves the citation against the version in force on date
// (YYYY-MM-DD; "" for the current text), with a version warning when that
// version is not held.
func (c *Corpus) ResolveAt(cit nlp.Citation, date string) Resolution {
	r := c.At(date).Resolve(cit)
	if date != "" {
		_, r.VersionWarning = c.VersionAt(r.Law, date)
	}
	return r
}

// ResolveTextAt is ResolveText against the versions in force on date.
func (c *Corpus) ResolveTextAt(text, date string) []Resolution {
	cits := c.Parse(text)
	out := make([]Resolution, 0, len(cits))
	for _, cit := range cits {
		out = append(out, c.ResolveAt(cit, date))
	}
	return out
}

// CiteAt is Cite against the version in force on date ("" for the current text).
func (c *Corpus) CiteAt(citation, date string) (Resolution, error) {
	v := c.At(date)
	r, err := v.Cite(citation)
	if date != "" {
		_, r.VersionWarning = c.VersionAt(r.Law, date)
	}
	return r, err
}

// ErrCitation is wrapped by every error Cite returns.
var ErrCitation = errors.New("citation")

// Cite resolves exactly one citation string such as
// 《中华人民共和国食品安全法》第一百二十四条第一款第（三）项.
func (c *Corpus) Cite(citation string) (Resolution, error) {
	cits := c.Parse(c.bracketLawName(citation))
	switch {
	case len(cits) == 0:
		return Resolution{Raw: citation}, fmt.Errorf("%w: no citation found in %q", ErrCitation, citation)
	case len(cits) > 1:
		return Resolution{Raw: citation}, fmt.Errorf("%w: %d citations in %q, expected one", ErrCitation, len(cits), citation)
	}
	r := c.Resolve(cits[0])
	if !r.Valid {
		return r, fmt.Errorf("%w: %s: %s", ErrCitation, r.Raw, r.Reason)
	}
	return r, nil
}

// bracketLawName puts 《》 around a law name written bare before the first
// 第 (食品安全法第一百二十四条, as agencies often write it), when the name is
// a law of the corpus; anything else is returned unchanged.
func (c *Corpus) bracketLawName(citation string) string {
	t := strings.TrimSpace(citation)
	i := strings.Index(t, "第")
	if i <= 0 || strings.ContainsAny(t[:i], "《》") {
		return citation
	}
	if c.Law(t[:i]) == nil {
		return citation
	}
	return "《" + t[:i] + "》" + t[i:]
}
