// Package search holds zhifa's bleve indexes (law articles, cases) and the
// gse-based Chinese analyzer they share.
package search

import (
	"sort"
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
	// The custom analyzer type builds AnalyzerName from TokenizerName below.
	"github.com/blevesearch/bleve/v2/analysis/analyzer/custom"
	"github.com/blevesearch/bleve/v2/analysis/token/lowercase"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/registry"

	"zhifa/nlp"
)

const (
	// TokenizerName is the gse tokenizer registered with bleve.
	TokenizerName = "zhifa_gse"
	// AnalyzerName is the analyzer every Chinese text field uses.
	AnalyzerName = "zhifa_zh"
	// AnalyzerVersion changes whenever tokenisation changes, so that stored
	// indexes built by an older analyzer are rebuilt (it is part of every fingerprint).
	AnalyzerVersion = "gse-search-pos-1"
)

func init() {
	if err := registry.RegisterTokenizer(TokenizerName, func(map[string]interface{}, *registry.Cache) (analysis.Tokenizer, error) {
		return Tokenizer{}, nil
	}); err != nil {
		panic(err)
	}
}

// Tokenizer cuts Chinese text with gse in search mode (words and their
// sub-words). Every token carries its byte span, so highlights fall on word
// boundaries, and the position of the precise-mode word it lies in, so a
// sub-word shares its word's position and phrase queries match word by word.
type Tokenizer struct{}

// Tokenize implements analysis.Tokenizer.
func (Tokenizer) Tokenize(input []byte) analysis.TokenStream {
	text := string(input)
	seg := nlp.Seg()
	words := seg.Tokens(text, false)
	subs := seg.Tokens(text, true)
	stream := make(analysis.TokenStream, 0, len(words)+len(subs))
	type span struct{ s, e int }
	seen := make(map[span]bool, len(words)+len(subs))
	pos := 0
	wordPos := make([]int, len(words)) // 0 for dropped (punctuation) words
	for i, w := range words {
		if !isWord(w.Text) {
			continue
		}
		pos++
		wordPos[i] = pos
		seen[span{w.Start, w.End}] = true
		stream = append(stream, &analysis.Token{Term: []byte(w.Text), Start: w.Start, End: w.End, Position: pos, Type: tokenType(w.Text)})
	}
	for _, t := range subs {
		if !isWord(t.Text) || seen[span{t.Start, t.End}] {
			continue
		}
		j := sort.Search(len(words), func(k int) bool { return words[k].End > t.Start })
		if j == len(words) || wordPos[j] == 0 || t.End > words[j].End {
			continue // not inside one word: precise mode already covers it
		}
		seen[span{t.Start, t.End}] = true
		stream = append(stream, &analysis.Token{Term: []byte(t.Text), Start: t.Start, End: t.End, Position: wordPos[j], Type: tokenType(t.Text)})
	}
	sort.SliceStable(stream, func(a, b int) bool {
		if stream[a].Position != stream[b].Position {
			return stream[a].Position < stream[b].Position
		}
		return stream[a].Start < stream[b].Start
	})
	return stream
}

// isWord drops punctuation and whitespace tokens.
func isWord(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Han, r) {
			return true
		}
	}
	return false
}

func tokenType(s string) analysis.TokenType {
	r, _ := utf8.DecodeRuneInString(s)
	switch {
	case unicode.Is(unicode.Han, r):
		return analysis.Ideographic
	case unicode.IsDigit(r):
		return analysis.Numeric
	}
	return analysis.AlphaNumeric
}

// AddAnalyzer registers AnalyzerName (gse tokenizer + lower-casing) in an index mapping.
func AddAnalyzer(m *mapping.IndexMappingImpl) error {
	return m.AddCustomAnalyzer(AnalyzerName, map[string]interface{}{
		"type":          custom.Name,
		"tokenizer":     TokenizerName,
		"token_filters": []string{lowercase.Name},
	})
}
