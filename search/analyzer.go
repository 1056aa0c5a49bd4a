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
	AnalyzerVersion = "gse-search-pos-2"
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
// boundaries; a sub-word shares the position of the word it lies in, so the
// positions count words, not sub-words.
type Tokenizer struct{}

// Tokenize implements analysis.Tokenizer.
func (Tokenizer) Tokenize(input []byte) analysis.TokenStream {
	toks := nlp.Seg().Tokens(string(input), true)
	// Longest first at each start, so a word comes before the sub-words it contains.
	sort.SliceStable(toks, func(i, j int) bool {
		if toks[i].Start != toks[j].Start {
			return toks[i].Start < toks[j].Start
		}
		return toks[i].End > toks[j].End
	})
	stream := make(analysis.TokenStream, 0, len(toks))
	type span struct{ s, e int }
	seen := make(map[span]bool, len(toks))
	pos, wordStart, wordEnd := 0, -1, -1
	for _, t := range toks {
		if !isWord(t.Text) || seen[span{t.Start, t.End}] || t.Start < 0 || t.End > len(input) || t.Start >= t.End {
			continue
		}
		seen[span{t.Start, t.End}] = true
		if t.Start < wordStart || t.End > wordEnd {
			pos++
			wordStart, wordEnd = t.Start, t.End
		}
		stream = append(stream, &analysis.Token{Term: []byte(t.Text), Start: t.Start, End: t.End, Position: pos, Type: tokenType(t.Text)})
	}
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
