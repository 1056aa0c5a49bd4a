// Package nlp holds zhifa's Chinese text tools: normalisation, segmentation,
// numerals and money, citation parsing, validators and personal-data masking.
package nlp

import (
	"regexp"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/longbridgeapp/opencc"
)

var (
	t2sOnce sync.Once
	t2s     *opencc.OpenCC
)

func converter() *opencc.OpenCC {
	t2sOnce.Do(func() {
		cc, err := opencc.New("t2s")
		if err == nil {
			t2s = cc
		}
	})
	return t2s
}

// pinyinDebris matches a parenthesised pinyin syllable group that a broken
// encoding leaves right after a Han character, e.g. 執(zhí)法 or 範(fàn).
// At least one tone-marked vowel is required so that ordinary (a) (b) stay.
var pinyinDebris = regexp.MustCompile(`(\p{Han})[(（]([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ][a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]*)[)）]`)

// Normalize converts traditional to simplified Chinese (OpenCC t2s), maps
// full-width ASCII digits, letters and spaces to half-width (Chinese
// punctuation such as ，。（）《》 stays), removes whitespace between two CJK
// characters and removes the pinyin debris of broken encodings.
func Normalize(s string) string {
	if s == "" {
		return s
	}
	s = pinyinDebris.ReplaceAllString(s, "$1")
	s = fullWidthToASCII(s)
	if hasNonASCII(s) {
		if cc := converter(); cc != nil {
			if out, err := cc.Convert(s); err == nil {
				s = out
			}
		}
	}
	s = removeCJKSpaces(s)
	return s
}

func hasNonASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return true
		}
	}
	return false
}

// fullWidthToASCII maps Ｕ+FF10–FF19, FF21–FF3A, FF41–FF5A and the ideographic
// space to ASCII; full-width punctuation is kept because Chinese text uses it.
func fullWidthToASCII(s string) string {
	if !strings.ContainsFunc(s, func(r rune) bool {
		return (r >= 0xFF10 && r <= 0xFF19) || (r >= 0xFF21 && r <= 0xFF3A) || (r >= 0xFF41 && r <= 0xFF5A) || r == 0x3000
	}) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch {
		case (r >= 0xFF10 && r <= 0xFF19) || (r >= 0xFF21 && r <= 0xFF3A) || (r >= 0xFF41 && r <= 0xFF5A):
			b.WriteRune(r - 0xFEE0)
		case r == 0x3000:
			b.WriteByte(' ')
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

func isCJK(r rune) bool {
	return unicode.Is(unicode.Han, r) || (r >= 0x3000 && r <= 0x303F) || (r >= 0xFF00 && r <= 0xFF0F) || (r >= 0xFF1A && r <= 0xFF20) || r == '《' || r == '》'
}

// removeCJKSpaces drops runs of spaces/tabs between two CJK characters (a
// line break is kept: it separates paragraphs).
func removeCJKSpaces(s string) string {
	if !strings.ContainsAny(s, " \t\u00a0") {
		return s
	}
	rs := []rune(s)
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		if r == ' ' || r == '\t' || r == '\u00a0' {
			j := i
			for j < len(rs) && (rs[j] == ' ' || rs[j] == '\t' || rs[j] == '\u00a0') {
				j++
			}
			if i > 0 && j < len(rs) && isCJK(rs[i-1]) && isCJK(rs[j]) {
				i = j - 1
				continue
			}
		}
		b.WriteRune(r)
	}
	return b.String()
}

// NormalizeSimplified is Normalize without the traditional → simplified
// conversion, which is most of its cost: for text already checked to hold
// nothing t2s would change (the law pack's, see corpora.ParsePackFile).
func NormalizeSimplified(s string) string {
	if s == "" {
		return s
	}
	s = pinyinDebris.ReplaceAllString(s, "$1")
	s = fullWidthToASCII(s)
	return removeCJKSpaces(s)
}
