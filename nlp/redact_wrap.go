package nlp

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// A line break inside a paragraph (text taken from a PDF wraps at the margin,
// even inside a name or a phone number) is joined before the rules run:
// 欧阳\n建平 is one name. A break before a form field (住址：…), a table row,
// a heading or after closing punctuation is kept.
var fieldStartRe = regexp.MustCompile(`^(?:[^\s，。；,;：:]{1,14}[：:]|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)]|第[一二三四五六七八九十百]+条|[|｜#=])`)

// joinWraps returns text with wrapped line breaks removed and, when it removed
// any, idx mapping each byte of the joined text to its byte in text (with one
// entry more for the end).
func joinWraps(text string) (string, []int) {
	// the line breaks that are wraps, found before anything is allocated
	var cut []int
	for start := 0; ; {
		nl := strings.IndexByte(text[start:], '\n')
		if nl < 0 {
			break
		}
		end := start + nl
		next := text[end+1:]
		if k := strings.IndexByte(next, '\n'); k >= 0 {
			next = next[:k]
		}
		if wraps(text[start:end], next) {
			cut = append(cut, end)
		}
		start = end + 1
	}
	if len(cut) == 0 {
		return text, nil
	}
	var b strings.Builder
	b.Grow(len(text))
	idx := make([]int, 0, len(text)+1)
	prev := 0
	for _, c := range append(cut, len(text)) {
		b.WriteString(text[prev:c])
		for i := prev; i < c; i++ {
			idx = append(idx, i)
		}
		prev = c + 1
	}
	idx = append(idx, len(text))
	return b.String(), idx
}

// wraps reports whether the break between line and next is a wrap inside a
// paragraph.
func wraps(line, next string) bool {
	if line == "" || next == "" || strings.ContainsRune(line, '\t') || strings.ContainsRune(next, '\t') {
		return false
	}
	last, _ := utf8.DecodeLastRuneInString(line)
	first, _ := utf8.DecodeRuneInString(next)
	if !wordRune(last) || !wordRune(first) {
		return false
	}
	if t := strings.TrimSpace(line); strings.HasPrefix(t, "|") || strings.HasPrefix(t, "｜") {
		return false
	}
	return !fieldStartRe.MatchString(next)
}

func wordRune(r rune) bool {
	return unicode.Is(unicode.Han, r) || (r < utf8.RuneSelf && isASCIIAlnum(byte(r)))
}
