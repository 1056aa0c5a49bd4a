package nlp

import "strconv"

// ArticleKeys are the articles cited in text as 《law》第N条, each once in
// order of appearance, so that the same article written in Chinese or Arabic
// numerals compares equal (the case library and the similar-case ranking
// compare cases by them).
func ArticleKeys(text string) []string {
	var out []string
	seen := map[string]bool{}
	for _, ct := range ParseCitations(text) {
		if ct.Law == "" || ct.Article == 0 {
			continue
		}
		k := "《" + ct.Law + "》第" + strconv.Itoa(ct.Article) + "条"
		if !seen[k] {
			seen[k] = true
			out = append(out, k)
		}
	}
	return out
}
