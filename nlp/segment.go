package nlp

import (
	"bytes"
	"compress/gzip"
	_ "embed"
	"fmt"
	"io"
	"runtime/debug"
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

// Segmenter cuts Chinese text into words with gse's simplified dictionary
// and zhifa's legal user dictionary: the words of gse's Cut in HMM mode, by
// zhifa's own cutter over a compact copy of the dictionary (dict_trie.go).
// It is safe for concurrent use.
type Segmenter struct {
	seg *dict
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
		g, err := loadGse()
		if err != nil {
			panic(err.Error())
		}
		m, err := loadHMM()
		if err != nil {
			panic(err.Error())
		}
		segInst = &Segmenter{seg: newDict(g, m)}
		// gse's own dictionary is garbage now: give its memory back at once.
		g = nil
		debug.FreeOSMemory()
	})
	return segInst
}

// loadGse loads gse with the embedded dictionaries (the reference the
// cutter is built from and tested against).
func loadGse() (*gse.Segmenter, error) {
	g := &gse.Segmenter{SkipLog: true}
	dict, err := zhDict()
	if err != nil {
		return nil, fmt.Errorf("nlp: embedded dictionary does not decompress: %w", err)
	}
	// LoadDictEmbed with the text itself: it never reads the module cache.
	if err := g.LoadDictEmbed(dict); err != nil {
		return nil, fmt.Errorf("nlp: embedded gse dictionary does not load: %w", err)
	}
	if err := g.LoadDictStr(legalDict); err != nil {
		return nil, fmt.Errorf("nlp: legal user dictionary does not load: %w", err)
	}
	return g, nil
}

var scratchPool = sync.Pool{New: func() any { return new(scratch) }}

func getScratch() *scratch { return scratchPool.Get().(*scratch) }

func putScratch(sc *scratch) {
	if cap(sc.runes) > 1<<16 { // one huge sentence: do not keep its buffers
		*sc = scratch{}
	}
	clear(sc.toks) // no text kept alive by the pool
	sc.toks = sc.toks[:0]
	scratchPool.Put(sc)
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
	return s.AppendTokens(nil, text, search)
}

// AppendTokens appends the tokens of text (as Tokens returns them) to out.
// Token texts are substrings of text: nothing is allocated per token.
func (s *Segmenter) AppendTokens(out []Token, text string, search bool) []Token {
	sc := getScratch()
	defer putScratch(sc)
	sentences(text, func(off int, sent string) {
		out = s.appendSentence(out, sent, off, search, sc)
	})
	return out
}

// appendSentence appends the tokens of one sentence, which starts at byte off
// of the text (token texts are substrings of sent).
func (s *Segmenter) appendSentence(out []Token, sent string, off int, search bool, sc *scratch) []Token {
	pos := 0
	s.seg.cut(sent, sc, func(w string) {
		i := 0
		if !strings.HasPrefix(sent[pos:], w) {
			if i = strings.Index(sent[pos:], w); i < 0 {
				return
			}
		}
		start := pos + i
		pos += i + len(w)
		if allSpace(w) {
			return
		}
		text := sent[start : start+len(w)]
		if search {
			out = s.appendSubwords(out, text, off+start)
		}
		out = append(out, Token{Text: text, Start: off + start, End: off + start + len(w)})
	})
	return out
}

func allSpace(w string) bool {
	for _, r := range w {
		if !unicode.IsSpace(r) {
			return false
		}
	}
	return true
}

// appendSubwords appends the dictionary words of two and three characters
// inside w (a substring of the text at start), as gse's search mode does.
func (s *Segmenter) appendSubwords(out []Token, w string, start int) []Token {
	if utf8.RuneCountInString(w) <= 2 {
		return out
	}
	var offs [64]int
	bs := offs[:0]
	for i := range w {
		bs = append(bs, i)
	}
	bs = append(bs, len(w))
	nr := len(bs) - 1
	d := s.seg
	for n := 2; n <= 3 && n < nr; n++ {
		for i := 0; i+n <= nr; i++ {
			node := int32(0)
			for k := i; k < i+n && (k == i || node != 0); k++ {
				r, _ := utf8.DecodeRuneInString(w[bs[k]:])
				node = d.child(node, r)
			}
			if node != 0 && d.nodes[node].freq > 0 {
				out = append(out, Token{Text: w[bs[i]:bs[i+n]], Start: start + bs[i], End: start + bs[i+n]})
			}
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
