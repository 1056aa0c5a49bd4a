package nlp

import (
	"regexp"
	"strings"
)

// Citation is one reference to a law's article (条), paragraph (款) and item
// (项) as written in a text. Resolution against the law corpus happens in
// package corpora.
type Citation struct {
	Law           string // law name as written, without 《》; "" if none named or known
	Article       int
	ArticleSuffix string // 之一
	Paragraph     int    // 0 when absent
	Item          int    // 0 when absent
	Raw           string // the citation's own text
	Start, End    int    // byte span of Raw in the input
}

const numClass = `[0-9零〇一二两三四五六七八九十百千]+`

var citeRe = regexp.MustCompile(
	`《([^《》\n]{1,80})》(?:[（(][^（()）\n]{1,30}[）)])?` + // 1: law name (+ version note)
		`|(同法|本法|该法|本条例|该条例|本规定|本办法|本细则)` + // 2
		`|第(` + numClass + `)条(?:之(` + numClass + `))?` + // 3, 4
		`(?:第(` + numClass + `)款)?` + // 5
		`(?:第[（(]?(` + numClass + `)[）)]?项)?` + // 6
		`|第(` + numClass + `)款(?:第[（(]?(` + numClass + `)[）)]?项)?` + // 7, 8
		`|第[（(]?(` + numClass + `)[）)]?项`) // 9

// ParseCitations finds every article citation in text, in order. An article
// takes the law named before it in the same sentence; 同法/该法 mean the law
// named most recently; an article with no law gets Law "".
func ParseCitations(text string) []Citation { return ParseCitationsIn(text, "") }

// ParseCitationsIn is ParseCitations for text inside a law's own articles:
// 本法 (本条例, 本办法 …), and an article with no law named, mean selfLaw.
func ParseCitationsIn(text, selfLaw string) []Citation {
	var out []Citation
	lastLaw := ""              // the law named most recently anywhere
	lawStart, lawEnd := -1, -1 // span of the last law mention
	sentenceLaw := ""          // law in force for bare articles in this sentence
	sentenceStart := 0         // start of the current sentence
	lastEnd := -1              // end of the last citation
	var last *Citation         // the last citation, for 第二款 / 第（三）项 continuations
	for _, m := range citeRe.FindAllStringSubmatchIndex(text, -1) {
		start, end := m[0], m[1]
		if s := lastSentenceBreak(text, max(sentenceStart, 0), start); s >= 0 {
			sentenceStart = s
			sentenceLaw = ""
			last = nil
		}
		group := func(i int) string {
			if m[2*i] < 0 {
				return ""
			}
			return text[m[2*i]:m[2*i+1]]
		}
		switch {
		case m[2] >= 0:
			lastLaw = group(1)
			sentenceLaw = lastLaw
			lawStart, lawEnd = start, end
			last = nil
			continue
		case m[4] >= 0:
			switch group(2) {
			case "本法", "本条例", "本规定", "本办法", "本细则":
				if selfLaw != "" {
					sentenceLaw = selfLaw
				} else {
					sentenceLaw = lastLaw
				}
			default:
				sentenceLaw = lastLaw
			}
			lawStart, lawEnd = start, end
			last = nil
			continue
		case m[6] >= 0:
			art, err := ParseChineseInt(group(3))
			if err != nil || art <= 0 || art > 10000 {
				continue
			}
			c := Citation{Article: int(art)}
			if g := group(4); g != "" {
				c.ArticleSuffix = "之" + g
			}
			c.Paragraph = smallInt(group(5))
			c.Item = smallInt(group(6))
			c.Law = sentenceLaw
			if c.Law == "" {
				c.Law = selfLaw
			}
			c.Start, c.End = start, end
			if lawEnd >= 0 && onlySeparators(text[lawEnd:start]) && lawEnd > lastEnd {
				c.Start = lawStart // include the law name in Raw: 《X法》第N条
			}
			c.Raw = text[c.Start:c.End]
			out = append(out, c)
			last = &out[len(out)-1]
			lastEnd = end
		case m[14] >= 0: // 第N款 continuing the last citation
			if last == nil || !onlySeparators(text[lastEnd:start]) {
				continue
			}
			c := *last
			c.Paragraph = smallInt(group(7))
			c.Item = smallInt(group(8))
			c.Start, c.End, c.Raw = start, end, text[start:end]
			out = append(out, c)
			last = &out[len(out)-1]
			lastEnd = end
		case m[18] >= 0: // 第（N）项 continuing the last citation
			if last == nil || !onlySeparators(text[lastEnd:start]) {
				continue
			}
			c := *last
			c.Item = smallInt(group(9))
			c.Start, c.End, c.Raw = start, end, text[start:end]
			out = append(out, c)
			last = &out[len(out)-1]
			lastEnd = end
		}
	}
	return out
}

func smallInt(s string) int {
	if s == "" {
		return 0
	}
	v, err := ParseChineseInt(s)
	if err != nil || v > 10000 {
		return 0
	}
	return int(v)
}

// lastSentenceBreak returns the offset after the last sentence terminator in
// text[from:to], or -1 if there is none.
func lastSentenceBreak(text string, from, to int) int {
	if from > to {
		return -1
	}
	i := strings.LastIndexAny(text[from:to], "。；！？\n;!?")
	if i < 0 {
		return -1
	}
	_, w := firstRune(text[from+i:])
	return from + i + w
}

// onlySeparators reports whether s joins two citations: empty, spaces, 、，
// 和 及 或 与 以及 至.
func onlySeparators(s string) bool {
	s = strings.TrimSpace(s)
	for _, sep := range []string{"以及", "、", "，", ",", "和", "及", "或", "与", "至", " "} {
		s = strings.ReplaceAll(s, sep, "")
	}
	return s == ""
}
