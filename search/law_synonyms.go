package search

import (
	"bufio"
	_ "embed"
	"strings"
	"sync"
)

// law_synonyms.tsv: officer's term → words the law itself uses (with why).
//
//go:embed law_synonyms.tsv
var synonymsTSV string

// law_intent.tsv: words that make a query about procedure.
//
//go:embed law_intent.tsv
var intentTSV string

var (
	intentOnce  sync.Once
	intentWords []string
)

// isProcedural reports whether q asks about procedure rather than conduct.
func isProcedural(q string) bool {
	intentOnce.Do(func() {
		for _, l := range strings.Split(intentTSV, "\n") {
			if l = strings.TrimSpace(l); l != "" && !strings.HasPrefix(l, "#") {
				intentWords = append(intentWords, l)
			}
		}
	})
	for _, w := range intentWords {
		if strings.Contains(q, w) {
			return true
		}
	}
	return false
}

type synonym struct{ term, expansion string }

var (
	synOnce sync.Once
	syns    []synonym
)

func loadSynonyms() []synonym {
	synOnce.Do(func() {
		sc := bufio.NewScanner(strings.NewReader(synonymsTSV))
		for sc.Scan() {
			line := sc.Text()
			if strings.HasPrefix(line, "#") || strings.TrimSpace(line) == "" {
				continue
			}
			f := strings.Split(line, "\t")
			if len(f) < 2 {
				continue
			}
			syns = append(syns, synonym{strings.TrimSpace(f[0]), strings.TrimSpace(f[1])})
		}
	})
	return syns
}

// expandQuery appends the law's own words for every officer's term in q. A
// term counts only where it starts and ends on word boundaries, so 酒驾 is
// not found inside 醉酒驾驶.
func expandQuery(q string) string {
	var b strings.Builder
	b.WriteString(q)
	var starts, ends map[int]bool
	for _, s := range loadSynonyms() {
		if !strings.Contains(q, s.term) {
			continue
		}
		if starts == nil {
			starts, ends = map[int]bool{0: true}, map[int]bool{len(q): true}
			for _, t := range (Tokenizer{}).Tokenize([]byte(q)) {
				starts[t.Start], ends[t.End] = true, true
			}
		}
		for off := 0; ; {
			i := strings.Index(q[off:], s.term)
			if i < 0 {
				break
			}
			i += off
			if starts[i] && ends[i+len(s.term)] {
				b.WriteString(" ")
				b.WriteString(s.expansion)
				break
			}
			off = i + len(s.term)
		}
	}
	return b.String()
}
