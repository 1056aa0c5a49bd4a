package nlp

import (
	"strings"
	"unicode/utf8"
)

// Citation is one reference to a law's article (条), paragraph (款) and item
// (项) as written in a text. Resolution against the law corpus happens in
// package corpora.
//
// A list shares its 第, 条 and law name among its parts: 《X法》第四十一、五十一、
// 七十四条 gives three citations whose spans do not overlap: the first runs from
// the law name to its own number (《X法》第四十一), the middle ones cover their
// number (五十一), and the last runs from its number to the end of the list
// (七十四条, with any 款/项 after it). Items work the same way: 第五十八条第一款
// 第(一)(十四)项 gives 第五十八条第一款第(一) and (十四)项. A 款 or 项 after a list
// belongs to its last member, as in 第四十三条、四十四条第一款.
type Citation struct {
	Law           string // law name as written, without 《》 (an alias defined in the text gives the full name); "" if none named or known
	Article       int
	ArticleSuffix string // 之一
	Paragraph     int    // 0 when absent
	Item          int    // 0 when absent
	Raw           string // the citation's own text
	Start, End    int    // byte span of Raw in the input
	// Malformed says what is wrong with a citation written incompletely
	// (第九十八第三款, without 条) and how it is read. Article, Paragraph and
	// Item then hold that reading, or are 0 when it cannot be told.
	Malformed string
}

// Label is the citation's article, paragraph and item in standard form: 第九十八条第三款第（二）项.
func (c Citation) Label() string {
	if c.Article <= 0 {
		return ""
	}
	s := "第" + chineseNumeral(c.Article) + "条" + c.ArticleSuffix
	if c.Paragraph > 0 {
		s += "第" + chineseNumeral(c.Paragraph) + "款"
	}
	if c.Item > 0 {
		s += "第（" + chineseNumeral(c.Item) + "）项"
	}
	return s
}

// CiteOptions tune ParseCitationsOpt.
type CiteOptions struct {
	// Self is the law whose own articles are parsed: 本法 (本条例 …), and an
	// article with no law named, mean it.
	Self string
	// KnownLaw, when set, reports whether a name is a law the caller knows, so
	// that a law named without 《》 (食品安全法第一百二十四条) is recognised.
	KnownLaw func(name string) bool
}

// ParseCitations finds every article citation in text, in order. An article
// takes the law named before it in the same sentence; 同法/该法 mean the law
// named most recently; an article with no law gets Law "".
func ParseCitations(text string) []Citation { return ParseCitationsOpt(text, CiteOptions{}) }

// ParseCitationsIn is ParseCitations for text inside a law's own articles:
// 本法 (本条例, 本办法 …), and an article with no law named, mean selfLaw.
func ParseCitationsIn(text, selfLaw string) []Citation {
	return ParseCitationsOpt(text, CiteOptions{Self: selfLaw})
}

var anaphors = []string{"同法", "本法", "该法", "本条例", "该条例", "本规定", "本办法", "本细则"}

// citeParser holds the state of one ParseCitationsOpt run.
type citeParser struct {
	text             string
	opt              CiteOptions
	out              []Citation
	aliases          map[string]string // 以下简称 X → full name
	lastLaw          string            // the law named most recently anywhere
	lawStart, lawEnd int               // span of the last law mention
	sentenceLaw      string            // law in force for bare articles in this sentence
	lastEnd          int               // end of the last token (law mention or citation)
	last             *Citation         // the last citation, for 第二款 / 第（三）项 continuations
}

// ParseCitationsOpt is ParseCitations with options. Whitespace inside a
// citation, as PDF text leaves it (《消防法》 第\n十六条第一款第(四) 项), is
// allowed, but never a blank line or a sentence end (。；！？).
func ParseCitationsOpt(text string, opt CiteOptions) []Citation {
	p := &citeParser{text: text, opt: opt, lawStart: -1, lawEnd: -1, aliases: map[string]string{}}
	i := 0
	for i < len(text) {
		r, w := utf8.DecodeRuneInString(text[i:])
		if r == '《' {
			if e := p.lawMention(i); e > 0 {
				i = e
				continue
			}
		}
		if a := anaphorAt(text, i); a != "" {
			p.breakSentence(i)
			switch a {
			case "本法", "本条例", "本规定", "本办法", "本细则":
				p.sentenceLaw = p.lastLaw
				if opt.Self != "" {
					p.sentenceLaw = opt.Self
				}
			default:
				p.sentenceLaw = p.lastLaw
			}
			p.lawStart, p.lawEnd = i, i+len(a)
			p.last = nil
			p.lastEnd = i + len(a)
			i += len(a)
			continue
		}
		if r == '第' || (p.last != nil && p.continuesAt(i)) {
			if e := p.citation(i, r == '第'); e > 0 {
				i = e
				continue
			}
		}
		i += w
	}
	return p.out
}

func anaphorAt(text string, i int) string {
	for _, a := range anaphors {
		if strings.HasPrefix(text[i:], a) {
			return a
		}
	}
	return ""
}

// continuesAt reports whether a citation without 第 may start at i: a
// number or bracketed item right after the last citation and a separator
// (第四十三条、四十四条; 第（一）项、（三）项).
func (p *citeParser) continuesAt(i int) bool {
	r, _ := utf8.DecodeRuneInString(p.text[i:])
	if !isNumRune(r) && r != '（' && r != '(' {
		return false
	}
	return p.joinsLast(i)
}

// joinsLast reports whether only separators, no sentence end, lie between the
// last token and i. The gap is bounded so that long texts stay linear.
func (p *citeParser) joinsLast(i int) bool {
	if p.lastEnd > i || i-p.lastEnd > 64 {
		return false
	}
	gap := p.text[p.lastEnd:i]
	return onlySeparators(gap) && !hasBreak(gap)
}

// breakSentence resets the sentence state when a sentence ends between the
// last token and i.
func (p *citeParser) breakSentence(i int) {
	from := max(p.lastEnd, 0)
	if from > i {
		return
	}
	gap := p.text[from:i]
	if onlySeparators(gap) && strings.Count(gap, "\n") <= 1 {
		return // whitespace a PDF left inside a citation list
	}
	if hasBreak(gap) {
		p.sentenceLaw = ""
		p.last = nil
	}
}

// hasBreak reports whether s ends a sentence.
func hasBreak(s string) bool { return strings.ContainsAny(s, "。；！？\n;!?") }

// lawMention reads 《name》 with an optional note: a version (（2021年修订）) or an
// alias (（以下简称《药品管理法》）, (以下简称:条例)). It returns the end, or -1.
func (p *citeParser) lawMention(i int) int {
	t := p.text
	j := i + len("《")
	k := strings.IndexAny(t[j:], "《》\n")
	if k <= 0 || !strings.HasPrefix(t[j+k:], "》") || utf8.RuneCountInString(t[j:j+k]) > 80 {
		return -1
	}
	name := t[j : j+k]
	end := j + k + len("》")
	full := name
	if f, ok := p.aliases[name]; ok {
		full = f
	}
	if e, note := bracketNote(t, end); e > 0 {
		end = e
		if alias := aliasIn(note); alias != "" { // also 《药品管理法》(以下简称药品管理法): the name used bare later
			p.aliases[alias] = full
		}
	}
	p.breakSentence(i)
	p.lastLaw, p.sentenceLaw = full, full
	p.lawStart, p.lawEnd = i, end
	p.last = nil
	p.lastEnd = end
	return end
}

// bracketNote reads a bracketed note of up to 40 runes at i (after optional
// whitespace), returning its end and its inside, or -1.
func bracketNote(t string, i int) (int, string) {
	j := skipW(t, i)
	r, w := utf8.DecodeRuneInString(t[j:])
	if r != '（' && r != '(' {
		return -1, ""
	}
	j += w
	n := 0
	for k := j; k < len(t); {
		r, w := utf8.DecodeRuneInString(t[k:])
		switch r {
		case '）', ')':
			return k + w, t[j:k]
		case '（', '(', '\n':
			return -1, ""
		}
		if n++; n > 40 {
			return -1, ""
		}
		k += w
	}
	return -1, ""
}

// aliasIn returns the short name a note defines: 以下简称《药品管理法》, 以下简称：条例,
// 简称“本法”; "" if the note defines none.
func aliasIn(note string) string {
	i := strings.Index(note, "简称")
	if i < 0 {
		return ""
	}
	s := strings.TrimSpace(note[i+len("简称"):])
	s = strings.TrimLeft(s, ":： ")
	s = strings.Trim(s, "《》“”\"'‘’「」 ")
	if s == "" || strings.ContainsAny(s, "，,、；;") || utf8.RuneCountInString(s) > 30 {
		return ""
	}
	return s
}

// bareLaw finds a law named without 《》 right before i: an alias defined in the
// text or a name KnownLaw knows, the longest that fits. It returns its start.
func (p *citeParser) bareLaw(i int) (string, int) {
	if len(p.aliases) == 0 && p.opt.KnownLaw == nil {
		return "", -1
	}
	end := i
	for end > 0 { // whitespace between the name and 第
		r, w := utf8.DecodeLastRuneInString(p.text[:end])
		if !isSpaceRune(r) {
			break
		}
		end -= w
	}
	lo := max(p.lastEnd, 0)
	var starts []int
	for k, n := end, 0; k > lo && n < 40; n++ {
		r, w := utf8.DecodeLastRuneInString(p.text[:k])
		if r < 0x3400 || strings.ContainsRune("《》，。、；：！？（）“”", r) {
			break
		}
		k -= w
		starts = append(starts, k)
	}
	for n := len(starts) - 1; n >= 1; n-- { // longest first, at least two runes
		name := p.text[starts[n]:end]
		if f, ok := p.aliases[name]; ok {
			return f, starts[n]
		}
		if p.opt.KnownLaw != nil && p.opt.KnownLaw(name) {
			return name, starts[n]
		}
	}
	return "", -1
}

// level is one list of numbers in a citation (articles, paragraphs or items).
type level struct {
	nums      []int
	starts    []int
	ends      []int
	suffix    string // 之一, articles only
	bracketed bool   // items written （一）
	unit      string // "" for articles, 款 or 项
}

// citation reads the citation at i (at 第 if di), emits it and returns its
// end, or -1 when there is none.
func (p *citeParser) citation(i int, di bool) int {
	t := p.text
	j := i
	if di {
		j = skipW(t, i+len("第"))
	}
	var levels []level
	var base Citation // what a continuation keeps from the last citation
	malformed := ""
	ambiguous := false
	// articles: 第N条, 第N、M条, or N条 continuing a list
	if arts, e := numList(t, j, false); e > 0 {
		k := skipW(t, e)
		if strings.HasPrefix(t[k:], "条") {
			k += len("条")
			end := k
			if m := skipW(t, k); strings.HasPrefix(t[m:], "之") {
				if v, e2, ok := scanNum(t, skipW(t, m+len("之"))); ok {
					arts.suffix = "之" + chineseNumeral(v)
					end = e2
				}
			}
			arts.ends[len(arts.ends)-1] = end
			levels = append(levels, arts)
		} else if di && strings.HasPrefix(t[k:], "第") && len(arts.nums) == 1 {
			// 第九十八第三款: a number then the next unit without 条
			if _, _, ok := p.paraOrItem(t, k); ok {
				levels = append(levels, arts)
				malformed = "条"
			}
		}
	}
	cont := len(levels) == 0
	if cont {
		// a continuation of the last citation: 第二款, 第（三）项, （三）项
		if p.last == nil || !p.joinsLast(i) {
			return -1
		}
		base = *p.last
		base.Malformed = ""
	}
	end := levels0End(levels, i)
	// paragraphs and items
	for {
		k := skipW(t, end)
		noDi := cont && !di && len(levels) == 0
		if noDi {
			k = i
		}
		lv, e, unit, miss := p.paraOrItemLevel(t, k, noDi)
		if e < 0 {
			break
		}
		if unit == "款" && (hasUnit(levels, "款") || hasUnit(levels, "项")) || unit == "项" && hasUnit(levels, "项") {
			break
		}
		if miss != "" && malformed == "" {
			malformed = miss
		}
		if malformed == "条" && len(levels) == 1 && unit == "项" {
			ambiguous = true // 第十第（三）项: 条 or 款 missing
		}
		lv.unit = unit
		levels = append(levels, lv)
		end = e
	}
	if len(levels) == 0 {
		return -1
	}
	p.breakSentence(i)
	lawStart := -1
	if !cont {
		law := p.sentenceLaw
		if name, s := p.bareLaw(i); s >= 0 {
			law, lawStart = name, s
			p.lastLaw, p.sentenceLaw = name, name
		} else if p.lawEnd >= 0 && p.lawEnd > p.lastCitationEnd() && p.lawEnd <= i && onlyJoiners(t[p.lawEnd:i]) {
			lawStart = p.lawStart // include the law name in Raw: 《X法》第N条
		}
		if law == "" {
			law = p.opt.Self
		}
		base = Citation{Law: law}
	}
	first := len(p.out)
	p.emit(levels, 0, base, i, malformed, ambiguous)
	if len(p.out) == first {
		return -1
	}
	if lawStart >= 0 {
		p.out[first].Start = lawStart
	}
	p.out[len(p.out)-1].End = end
	for k := first; k < len(p.out); k++ {
		p.out[k].Raw = t[p.out[k].Start:p.out[k].End]
	}
	if malformed != "" {
		for k := first; k < len(p.out); k++ {
			c := &p.out[k]
			if ambiguous {
				c.Article, c.Paragraph, c.Item = 0, 0, 0
				c.Malformed = "missing 条 or 款 in " + c.Raw + ": which was meant cannot be told"
			} else {
				c.Malformed = "missing " + malformed + " in " + c.Raw + ": read as " + c.Label()
			}
		}
	}
	p.last = &p.out[len(p.out)-1]
	p.lastEnd = end
	return end
}

func (p *citeParser) lastCitationEnd() int {
	if len(p.out) == 0 {
		return -1
	}
	return p.out[len(p.out)-1].End
}

func levels0End(levels []level, i int) int {
	if len(levels) == 0 {
		return i
	}
	return levels[0].ends[len(levels[0].ends)-1]
}

func hasUnit(levels []level, unit string) bool {
	for _, l := range levels {
		if l.unit == unit {
			return true
		}
	}
	return false
}

// emit appends the citations of levels[n:] under base: every member of a list
// but the last is cited alone, the last carries the levels below it.
func (p *citeParser) emit(levels []level, n int, base Citation, start int, malformed string, ambiguous bool) {
	if n == len(levels) {
		return
	}
	lv := levels[n]
	for k, v := range lv.nums {
		c := base
		switch lv.unit {
		case "款":
			c.Paragraph, c.Item = v, 0
		case "项":
			c.Item = v
		default:
			c.Article, c.ArticleSuffix, c.Paragraph, c.Item = v, "", 0, 0
			if k == len(lv.nums)-1 {
				c.ArticleSuffix = lv.suffix
			}
		}
		s := lv.starts[k]
		if k == 0 {
			s = start
		}
		if k == len(lv.nums)-1 && n+1 < len(levels) {
			p.emit(levels, n+1, c, s, malformed, ambiguous)
			continue
		}
		c.Start, c.End = s, lv.ends[k]
		p.out = append(p.out, c)
	}
}

// paraOrItem reports whether a 款 or 项 part (possibly missing its unit) starts at k.
func (p *citeParser) paraOrItem(t string, k int) (string, int, bool) {
	_, e, unit, _ := p.paraOrItemLevel(t, k, false)
	return unit, e, e > 0
}

// paraOrItemLevel reads 第N款, 第N、M款, 第（N）项, 第(N)(M)项, 第N、M项 at k (or,
// when noDi, （N）项 without 第), returning the level, its end and unit. miss
// names a unit left out where what was meant is certain: 项 in 第（三）, 款 in
// 第二第（三）项.
func (p *citeParser) paraOrItemLevel(t string, k int, noDi bool) (level, int, string, string) {
	j := k
	if !noDi {
		if !strings.HasPrefix(t[k:], "第") {
			return level{}, -1, "", ""
		}
		j = skipW(t, k+len("第"))
	}
	if lv, e := numList(t, j, true); e > 0 {
		m := skipW(t, e)
		switch {
		case strings.HasPrefix(t[m:], "款") && !lv.bracketed:
			lv.ends[len(lv.ends)-1] = m + len("款")
			return lv, m + len("款"), "款", ""
		case strings.HasPrefix(t[m:], "项"):
			lv.ends[len(lv.ends)-1] = m + len("项")
			return lv, m + len("项"), "项", ""
		case lv.bracketed && !noDi:
			return lv, e, "项", "项" // 第（三） without 项
		case !lv.bracketed && !noDi && len(lv.nums) == 1 && strings.HasPrefix(t[m:], "第"):
			// 第二第（三）项: a paragraph without 款 before an item
			if _, ie, unit, _ := p.paraOrItemLevel(t, m, false); ie > 0 && unit == "项" {
				lv.ends[0] = e
				return lv, e, "款", "款"
			}
		}
	}
	return level{}, -1, "", ""
}

// numList reads N, N、M、… (each optionally after 第); with items, also （N）（M）.
func numList(t string, j int, items bool) (level, int) {
	var lv level
	k := j
	bracketed := false
	for {
		s := k
		b := false
		if items {
			if r, w := utf8.DecodeRuneInString(t[k:]); r == '（' || r == '(' {
				b = true
				k = skipW(t, k+w)
			}
		}
		v, e, ok := scanNum(t, k)
		if !ok || (len(lv.nums) > 0 && b != bracketed) {
			break
		}
		if b {
			m := skipW(t, e)
			r, w := utf8.DecodeRuneInString(t[m:])
			if r != '）' && r != ')' {
				break
			}
			e = m + w
		}
		bracketed = b
		lv.nums = append(lv.nums, v)
		lv.starts = append(lv.starts, s)
		lv.ends = append(lv.ends, e)
		// next member: after 、，, (and 第), or a bracket right away
		m := skipW(t, e)
		if r, w := utf8.DecodeRuneInString(t[m:]); r == '、' || r == '，' || r == ',' {
			n := skipW(t, m+w)
			if strings.HasPrefix(t[n:], "第") {
				n = skipW(t, n+len("第"))
			}
			k = n
			if !startsNum(t, k, items) {
				break
			}
			continue
		}
		if b && startsNum(t, m, true) {
			k = m
			continue
		}
		break
	}
	if len(lv.nums) == 0 {
		return lv, -1
	}
	lv.bracketed = bracketed
	return lv, lv.ends[len(lv.ends)-1]
}

func startsNum(t string, k int, items bool) bool {
	r, _ := utf8.DecodeRuneInString(t[k:])
	return isNumRune(r) || items && (r == '（' || r == '(')
}

// scanNum reads a numeral at i, allowing whitespace inside it (一百二\n十四).
func scanNum(t string, i int) (int, int, bool) {
	var b strings.Builder
	end := -1
	j := i
	for {
		k := j
		for k < len(t) {
			r, w := utf8.DecodeRuneInString(t[k:])
			if !isNumRune(r) {
				break
			}
			b.WriteRune(r)
			k += w
		}
		if k == j {
			break
		}
		end = k
		j = skipW(t, k)
	}
	if end < 0 {
		return 0, -1, false
	}
	v, err := ParseChineseInt(b.String())
	if err != nil || v <= 0 || v > 10000 {
		return 0, -1, false
	}
	return int(v), end, true
}

func isNumRune(r rune) bool {
	return r >= '0' && r <= '9' || strings.ContainsRune("零〇一二两三四五六七八九十百千", r)
}

func isSpaceRune(r rune) bool {
	switch r {
	case ' ', '\t', '\r', '\n', '\u3000', '\u00a0', '\u2009', '\u202f':
		return true
	}
	return false
}

// skipW skips whitespace at i, at most one line break.
func skipW(t string, i int) int {
	nl := false
	for i < len(t) {
		r, w := utf8.DecodeRuneInString(t[i:])
		if r == '\n' {
			if nl {
				return i
			}
			nl = true
		} else if !isSpaceRune(r) {
			return i
		}
		i += w
	}
	return i
}

// chineseNumeral writes n (1…9999) in Chinese numerals: 一百二十四.
func chineseNumeral(n int) string {
	if n <= 0 || n >= 10000 {
		return ""
	}
	digits := []string{"零", "一", "二", "三", "四", "五", "六", "七", "八", "九"}
	units := []string{"千", "百", "十", ""}
	var b strings.Builder
	zero := false
	for k, d := range []int{n / 1000, n / 100 % 10, n / 10 % 10, n % 10} {
		switch {
		case d == 0:
			zero = b.Len() > 0
		default:
			if zero {
				b.WriteString("零")
				zero = false
			}
			if !(d == 1 && k == 2 && b.Len() == 0) {
				b.WriteString(digits[d])
			}
			b.WriteString(units[k])
		}
	}
	return b.String()
}

// onlySeparators reports whether s joins two citations: empty, whitespace, 、，
// 和 及 或 与 以及 至.
func onlySeparators(s string) bool {
	s = strings.TrimFunc(s, isSpaceRune)
	for _, sep := range []string{"以及", "、", "，", ",", "和", "及", "或", "与", "至"} {
		s = strings.ReplaceAll(s, sep, "")
	}
	return strings.TrimFunc(s, isSpaceRune) == ""
}

// onlyJoiners reports whether s joins a law name to its article: separators,
// whitespace (one line break) or a colon.
func onlyJoiners(s string) bool {
	return strings.Count(s, "\n") <= 1 && onlySeparators(strings.NewReplacer("：", "", ":", "").Replace(s))
}
