package nlp

import (
	"regexp"
	"sort"
	"strings"
	"unicode/utf8"
)

// labelSet finds label words in one pass: at each character the labels
// beginning with it are tried, longest first, and then the optional tail
// (numbering, brackets, 姓名 …) with an anchored expression. An unanchored
// alternation of dozens of Chinese words is several times slower in RE2.
type labelSet struct {
	byFirst map[rune][]string
	tail    *regexp.Regexp
}

func newLabelSet(words string, tail string) *labelSet {
	ls := &labelSet{byFirst: map[rune][]string{}}
	for _, w := range strings.Split(words, "|") {
		r := firstRuneOf(w)
		ls.byFirst[r] = append(ls.byFirst[r], w)
	}
	for _, ws := range ls.byFirst {
		sort.Slice(ws, func(i, j int) bool { return len(ws[i]) > len(ws[j]) })
	}
	if tail != "" {
		ls.tail = regexp.MustCompile("^(?:" + tail + ")")
	}
	return ls
}

// labelHit is one label: text[start:end], the word itself text[start:wordEnd].
type labelHit struct{ start, wordEnd, end int }

func (ls *labelSet) findAll(text string) []labelHit {
	var out []labelHit
	for i := 0; i < len(text); {
		r, w := utf8.DecodeRuneInString(text[i:])
		adv := w
		for _, l := range ls.byFirst[r] {
			if strings.HasPrefix(text[i:], l) {
				end := i + len(l)
				if ls.tail != nil {
					if m := ls.tail.FindStringIndex(text[end:]); m != nil {
						end += m[1]
					}
				}
				out = append(out, labelHit{i, i + len(l), end})
				adv = end - i
				break
			}
		}
		i += adv
	}
	return out
}
