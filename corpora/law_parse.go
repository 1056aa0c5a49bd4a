package corpora

import (
	"bufio"
	"bytes"
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"zhifa/nlp"
)

var (
	// An article starts a line: 第X条 or 第X条之一, then a space (ASCII, full-width or tab).
	// Matched on the raw line so that normalisation cannot merge label and text.
	articleRe = regexp.MustCompile(`^第([零〇一二三四五六七八九十百千0-9０-９]+)[条條](之[一二三四五六七八九十]+)?[ \t　]+(.*)$`)
	// Documents without 第X条 (some 规定, 纪要) number their points 一、二、….
	pointRe   = regexp.MustCompile(`^([一二三四五六七八九十百]+)、(.*)$`)
	headingRe = regexp.MustCompile(`^(#{2,6})[ \t　]*(.*)$`)
	itemRe    = regexp.MustCompile(`^[（(]([一二三四五六七八九十]+)[）)]`)
	dateRe    = regexp.MustCompile(`(\d{4})年(\d{1,2})月(\d{1,2})日`)
	// 法名(2021-01-22).md: the pack's file names carry the version's date.
	fileDateRe = regexp.MustCompile(`\((\d{4}-\d{2}-\d{2})\)\.md$`)
)

const infoEnd = "<!-- INFO END -->"

// ParseLaw parses one law file: `# 标题`, history lines, `<!-- INFO END -->`,
// then the body with ##/### headings (编/章/节) and articles 第X条. Every text
// is normalised with nlp.Normalize. Errors name the file and line.
func ParseLaw(file string, data []byte) (*Law, error) {
	return parseLaw(file, data, nlp.Normalize)
}

// parseLaw is ParseLaw with the normalisation to apply: for a pack file that
// holds no traditional characters, nlp.NormalizeSimplified (see
// ParsePackFile), which saves most of the parse time.
func parseLaw(file string, data []byte, norm func(string) string) (*Law, error) {
	lines := splitLines(data)
	errf := func(line int, format string, a ...any) error {
		return fmt.Errorf("%s:%d: %s", file, line, fmt.Sprintf(format, a...))
	}
	base := file
	if i := strings.LastIndexAny(base, `/\`); i >= 0 {
		base = base[i+1:]
	}
	law := &Law{File: base, Status: StatusInForce}
	if strings.Contains(base, "superseded") || strings.Contains(base, "repealed") {
		law.Status = StatusRepealed // the file name says the text is no longer in force
	}

	// Title: the first non-blank line must be "# 标题".
	i := 0
	for i < len(lines) && strings.TrimSpace(lines[i]) == "" {
		i++
	}
	if i == len(lines) || !strings.HasPrefix(lines[i], "# ") {
		return nil, errf(i+1, "expected the title line \"# 标题\"")
	}
	law.Name = strings.TrimSpace(norm(strings.TrimSpace(strings.TrimPrefix(lines[i], "# "))))
	if law.Name == "" {
		return nil, errf(i+1, "empty title")
	}
	i++

	// History lines up to the INFO END marker.
	var history []string
	var header []headerLine
	for ; i < len(lines) && strings.TrimSpace(lines[i]) != infoEnd; i++ {
		if t := strings.TrimSpace(lines[i]); t != "" {
			history = append(history, norm(t))
			header = append(header, headerLine{i + 1, history[len(history)-1]})
		}
	}
	if i == len(lines) {
		return nil, errf(len(lines), "missing %q after the title and history lines", infoEnd)
	}
	law.Promulgated, law.Revised = historyDates(history)
	law.applyHeader(history)
	if m := fileDateRe.FindStringSubmatch(base); m != nil {
		law.Version = m[1]
	} else {
		law.Version = law.Promulgated
		for _, e := range law.Events {
			if e.Kind != EventEffective { // the version is the text adopted, not the day it takes effect
				law.Version = e.Date
			}
		}
	}
	law.headerEnd = i + 1
	law.dated, law.headerErr = headerEvents(file, header)
	i++

	body := lines[i:]
	first := i + 1 // 1-based line number of body[0]
	pointMode := true
	for _, l := range body {
		if articleRe.MatchString(l) {
			pointMode = false
			break
		}
	}
	if err := parseBody(law, body, first, pointMode, errf, norm); err != nil {
		return nil, err
	}
	if len(law.Articles) == 0 {
		return nil, errf(first, "no articles (expected lines starting with 第X条 followed by a space)")
	}
	law.ShortNames = autoShortNames(law.Name)
	return law, nil
}

func splitLines(data []byte) []string {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	var lines []string
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 0, 64<<10), 4<<20)
	for sc.Scan() {
		lines = append(lines, strings.TrimRight(sc.Text(), "\r"))
	}
	return lines
}

// historyDates: the first dated line is the promulgation; the last line that
// says 修正/修订/修改 is the latest revision.
func historyDates(history []string) (promulgated, revised string) {
	for n, h := range history {
		m := dateRe.FindStringSubmatch(h)
		if m == nil {
			continue
		}
		y, _ := strconv.Atoi(m[1])
		mo, _ := strconv.Atoi(m[2])
		d, _ := strconv.Atoi(m[3])
		date := fmt.Sprintf("%04d-%02d-%02d", y, mo, d)
		if promulgated == "" {
			promulgated = date
			continue
		}
		if n > 0 && strings.ContainsAny(h, "正订改") && (strings.Contains(h, "修正") || strings.Contains(h, "修订") || strings.Contains(h, "修改")) {
			revised = date
		}
	}
	return promulgated, revised
}

type errFunc func(line int, format string, a ...any) error

func parseBody(law *Law, body []string, first int, pointMode bool, errf errFunc, norm func(string) string) error {
	var (
		path     []string // headings, index = level-2
		cur      *Article
		preamble []string
		lastRank = [2]int{-1, -1}
	)
	closeArticle := func() {
		if cur != nil {
			finishArticle(cur)
			law.Articles = append(law.Articles, cur)
			cur = nil
		}
	}
	for n, raw := range body {
		lineNo := first + n
		line := strings.TrimSpace(raw)
		if line == "" {
			continue
		}
		if m := headingRe.FindStringSubmatch(line); m != nil {
			text := norm(strings.TrimSpace(m[2]))
			if pointMode && cur != nil {
				// In point-numbered documents sub-headings belong to the point's text.
				cur.Paragraphs = append(cur.Paragraphs, Paragraph{Text: text})
				continue
			}
			closeArticle()
			level := len(m[1]) - 2
			if level > len(path) {
				level = len(path)
			}
			path = append(path[:level:level], text)
			continue
		}
		var num int
		var suffix, rest string
		started := false
		if pointMode {
			if m := pointRe.FindStringSubmatch(line); m != nil {
				v, err := nlp.ParseChineseInt(m[1])
				if err != nil {
					return errf(lineNo, "bad point number %q: %v", m[1], err)
				}
				num, rest, started = int(v), m[2], true
			}
		} else if m := articleRe.FindStringSubmatch(line); m != nil {
			v, err := nlp.ParseChineseInt(norm(m[1]))
			if err != nil || v <= 0 {
				return errf(lineNo, "bad article number %q", m[1])
			}
			num, suffix, rest, started = int(v), m[2], m[3], true
		}
		if started {
			rank := [2]int{num, suffixRank(suffix)}
			if rank[0] < lastRank[0] || (rank[0] == lastRank[0] && rank[1] <= lastRank[1]) {
				return errf(lineNo, "article %s comes after %s: articles must be in increasing order", articleLabel(num, suffix), articleLabel(lastRank[0], suffixName(lastRank[1])))
			}
			lastRank = rank
			closeArticle()
			cur = &Article{LawName: law.Name, Number: num, Suffix: suffix, Label: articleLabel(num, suffix), Path: append([]string(nil), path...)}
			if t := norm(strings.TrimSpace(rest)); t != "" {
				cur.Paragraphs = append(cur.Paragraphs, Paragraph{Text: t})
			}
			continue
		}
		text := norm(line)
		if cur == nil {
			preamble = append(preamble, text)
			continue
		}
		if itemRe.MatchString(text) && len(cur.Paragraphs) > 0 {
			p := &cur.Paragraphs[len(cur.Paragraphs)-1]
			p.Items = append(p.Items, text)
			continue
		}
		cur.Paragraphs = append(cur.Paragraphs, Paragraph{Text: text})
	}
	closeArticle()
	law.Preamble = strings.Join(preamble, "\n")
	return nil
}

// finishArticle fills the paragraph texts with their items and the whole text.
func finishArticle(a *Article) {
	var all []string
	for i := range a.Paragraphs {
		p := &a.Paragraphs[i]
		if len(p.Items) > 0 {
			p.Text = p.Text + "\n" + strings.Join(p.Items, "\n")
		}
		all = append(all, p.Text)
	}
	a.Text = strings.Join(all, "\n")
}

// suffixRank orders 之一, 之二 … after the plain article.
func suffixRank(s string) int {
	if s == "" {
		return 0
	}
	v, err := nlp.ParseChineseInt(strings.TrimPrefix(s, "之"))
	if err != nil {
		return 0
	}
	return int(v)
}

func suffixName(rank int) string {
	if rank <= 0 {
		return ""
	}
	return "之" + ChineseNumeral(rank)
}

func articleLabel(num int, suffix string) string {
	if num < 0 {
		return "(start)"
	}
	return "第" + ChineseNumeral(num) + "条" + suffix
}

// ChineseNumeral writes 0 < n < 100000 the way article numbers are written: 十, 十二, 一百零五, 一百二十四.
func ChineseNumeral(n int) string {
	digits := []string{"零", "一", "二", "三", "四", "五", "六", "七", "八", "九"}
	if n <= 0 || n >= 100000 {
		return strconv.Itoa(n)
	}
	units := []string{"", "十", "百", "千", "万"}
	var parts []int
	for x := n; x > 0; x /= 10 {
		parts = append(parts, x%10)
	}
	var b strings.Builder
	zero := false
	for i := len(parts) - 1; i >= 0; i-- {
		d := parts[i]
		if d == 0 {
			zero = true
			continue
		}
		if zero && b.Len() > 0 {
			b.WriteString("零")
		}
		zero = false
		if !(d == 1 && i == 1 && i == len(parts)-1) { // 十二, not 一十二
			b.WriteString(digits[d])
		}
		b.WriteString(units[i])
	}
	return b.String()
}

// autoShortNames derives the names a law is cited by from its official name.
func autoShortNames(name string) []string {
	var out []string
	if s := strings.TrimPrefix(name, "中华人民共和国"); s != name && s != "" {
		out = append(out, s)
	}
	// 最高人民法院、最高人民检察院关于办理…的解释 → 关于办理…的解释 and 办理…的解释
	if i := strings.Index(name, "关于"); i > 0 {
		out = append(out, name[i:], name[i+len("关于"):])
	}
	return out
}
