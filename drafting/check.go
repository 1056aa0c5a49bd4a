package drafting

import (
	"fmt"
	"regexp"
	"strings"

	"zhifa/corpora"
	"zhifa/nlp"
)

// Record is what a generated narrative may state: the citations provided in the prompt, and the
// record's amounts and dates.
type Record struct {
	Citations []string  // e.g. 《中华人民共和国食品安全法》第一百二十四条第一款
	Amounts   []float64 // yuan
	Dates     []string  // YYYY-MM-DD
}

var dateRe = regexp.MustCompile(`(\d{4})\s*(?:年|-)\s*(\d{1,2})\s*(?:月|-)\s*(\d{1,2})日?`)

// CheckNarrative keeps the sentences of text whose every citation resolves in the corpus and is
// among rec's, and whose every amount and date is the record's. The first offending sentence
// is replaced by fallback (the template's wording), later ones dropped; each gives a warning.
func CheckNarrative(c *corpora.Corpus, text, fallback string, rec Record) (string, []string) {
	allowed := map[string]bool{}
	for _, s := range rec.Citations {
		for _, r := range c.ResolveText(s) {
			if r.Valid {
				allowed[citeKey(r)] = true
			}
		}
	}
	dates := map[string]bool{}
	for _, d := range rec.Dates {
		dates[normDate(d)] = true
	}
	var out strings.Builder
	var warn []string
	replaced := false
	for _, s := range sentences(text) {
		if why := offends(c, s, allowed, rec.Amounts, dates); why != "" {
			warn = append(warn, fmt.Sprintf("LLM wording rejected (%s): %s", why, strings.TrimSpace(s)))
			if !replaced {
				out.WriteString(fallback)
				replaced = true
			}
			continue
		}
		out.WriteString(s)
	}
	return out.String(), warn
}

func offends(c *corpora.Corpus, s string, allowed map[string]bool, amounts []float64, dates map[string]bool) string {
	for _, cit := range c.Parse(s) {
		r := c.Resolve(cit)
		if r.Malformed != "" {
			return "malformed citation: " + r.Malformed
		}
		if !r.Valid {
			return "citation not in the law corpus: " + cit.Raw
		}
		if !allowed[citeKey(r)] {
			return "citation not among those provided: " + cit.Raw
		}
	}
	for _, a := range nlp.ExtractAmounts(s) {
		ok := false
		for _, v := range amounts {
			ok = ok || (a.Value-v < 0.005 && v-a.Value < 0.005)
		}
		if !ok {
			return "amount not in the record: " + a.Text
		}
	}
	for _, m := range dateRe.FindAllStringSubmatch(s, -1) {
		if !dates[normDate(m[0])] {
			return "date not in the record: " + m[0]
		}
	}
	return ""
}

func citeKey(r corpora.Resolution) string {
	return fmt.Sprintf("%s#%d%s", r.Law, r.Article, r.ArticleSuffix)
}

func normDate(s string) string {
	m := dateRe.FindStringSubmatch(s)
	if m == nil {
		return s
	}
	var y, mo, d int
	fmt.Sscanf(m[1]+" "+m[2]+" "+m[3], "%d %d %d", &y, &mo, &d)
	return fmt.Sprintf("%04d-%02d-%02d", y, mo, d)
}

// sentences splits after 。！？; the delimiters stay with their sentence.
func sentences(text string) []string {
	var out []string
	start := 0
	for i, r := range text {
		if r == '。' || r == '！' || r == '？' {
			end := i + len(string(r))
			out = append(out, text[start:end])
			start = end
		}
	}
	if start < len(text) {
		out = append(out, text[start:])
	}
	return out
}
