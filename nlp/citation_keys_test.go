package nlp

import (
	"slices"
	"testing"
)

func TestArticleKeys(t *testing.T) {
	for _, tc := range []struct {
		text string
		want []string
	}{
		// the same article in Chinese and Arabic numerals is one key; paragraphs do not split it
		{"依据《中华人民共和国食品安全法》第一百二十四条第一款第（三）项和《中华人民共和国食品安全法》第124条", []string{"《中华人民共和国食品安全法》第124条"}},
		{"违反《行政处罚法》第三十三条，依照《行政处罚法》第五十一条", []string{"《行政处罚法》第33条", "《行政处罚法》第51条"}},
		{"依照本法第三条", nil}, // no law named
		{"", nil},
	} {
		if got := ArticleKeys(tc.text); !slices.Equal(got, tc.want) {
			t.Errorf("ArticleKeys(%q) = %q, want %q", tc.text, got, tc.want)
		}
	}
}
