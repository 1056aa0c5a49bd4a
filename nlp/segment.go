package nlp

import (
	"bytes"
	"compress/gzip"
	_ "embed"
	"io"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/go-ego/gse"
)

//go:embed dict/legal.txt
var legalDict string

// zhDictGz is gse's simplified-Chinese dictionary (see dict/SOURCES.md): with
// -tags ne gse itself embeds none.
//
//go:embed dict/zh_s.txt.gz
var zhDictGz []byte

func zhDict() (string, error) {
	zr, err := gzip.NewReader(bytes.NewReader(zhDictGz))
	if err != nil {
		return "", err
	}
	b, err := io.ReadAll(zr)
	if err != nil {
		return "", err
	}
	return string(b), nil
}

// Segmenter cuts Chinese text into words with gse, its embedded simplified
// and traditional dictionaries and zhifa's legal user dictionary.
type Segmenter struct {
	seg gse.Segmenter
}

// Token is one word and its byte span in the input.
type Token struct {
	Text       string
	Start, End int
}

var (
	segOnce sync.Once
	segInst *Segmenter
)

// Seg returns the process-wide segmenter, loading the dictionaries on first
// use (about a second). Loading reads only embedded data, never files.
func Seg() *Segmenter {
	segOnce.Do(func() {
		s := &Segmenter{}
		s.seg.SkipLog = true
		dict, err := zhDict()
		if err != nil {
			panic("nlp: embedded dictionary does not decompress: " + err.Error())
		}
		// LoadDictEmbed with the text itself: it never reads the module cache.
		if err := s.seg.LoadDictEmbed(dict); err != nil {
			panic("nlp: embedded gse dictionary does not load: " + err.Error())
		}
		if err := s.seg.LoadDictStr(legalDict); err != nil {
			panic("nlp: legal user dictionary does not load: " + err.Error())
		}
		segInst = s
	})
	return segInst
}

// sentences splits text after 。；！？ and newlines, keeping the byte offset of
// each piece; cutting short pieces is about twice as fast as one long string.
func sentences(text string, fn func(off int, s string)) {
	start := 0
	for i, r := range text {
		switch r {
		case '。', '；', '！', '？', '\n':
			end := i + utf8.RuneLen(r)
			fn(start, text[start:end])
			start = end
		}
	}
	if start < len(text) {
		fn(start, text[start:])
	}
}

// Cut returns the words of text in precise mode, sentence by sentence.
// Whitespace-only tokens are dropped; punctuation is kept as its own token.
func (s *Segmenter) Cut(text string) []string {
	toks := s.Tokens(text, false)
	out := make([]string, len(toks))
	for i, t := range toks {
		out[i] = t.Text
	}
	return out
}

// CutSearch returns the words of text in search mode: every precise word,
// preceded by the dictionary words of two and three characters inside it.
func (s *Segmenter) CutSearch(text string) []string {
	toks := s.Tokens(text, true)
	out := make([]string, len(toks))
	for i, t := range toks {
		out[i] = t.Text
	}
	return out
}

// Tokens returns words with byte spans. In search mode, words longer than
// two characters are preceded by the dictionary words inside them
// (中华人民共和国 → 中华 华人 人民 共和 共和国 中华人民共和国), as jieba's
// cut_for_search does.
func (s *Segmenter) Tokens(text string, search bool) []Token {
	var out []Token
	sentences(text, func(off int, sent string) {
		pos := 0
		for _, w := range s.seg.Cut(sent, true) {
			i := strings.Index(sent[pos:], w)
			if i < 0 {
				continue
			}
			start := off + pos + i
			pos += i + len(w)
			if strings.TrimFunc(w, unicode.IsSpace) == "" {
				continue
			}
			if search {
				out = s.appendSubwords(out, w, start)
			}
			out = append(out, Token{Text: w, Start: start, End: start + len(w)})
		}
	})
	return out
}

func (s *Segmenter) appendSubwords(out []Token, w string, start int) []Token {
	rs := []rune(w)
	if len(rs) <= 2 {
		return out
	}
	for n := 2; n <= 3 && n < len(rs); n++ {
		b := 0
		for i := 0; i+n <= len(rs); i++ {
			sub := string(rs[i : i+n])
			if f, _, ok := s.seg.Find(sub); ok && f > 0 {
				out = append(out, Token{Text: sub, Start: start + b, End: start + b + len(sub)})
			}
			b += utf8.RuneLen(rs[i])
		}
	}
	return out
}

// IsWord reports whether a token carries a letter or digit; tokens of only
// punctuation, symbols or spaces are not words (the law index drops them).
func IsWord(tok string) bool {
	for _, r := range tok {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return true
		}
	}
	return false
}
