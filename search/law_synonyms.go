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

// expandQuery appends the law's own words for every officer's term in q.
func expandQuery(q string) string {
	var b strings.Builder
	b.WriteString(q)
	for _, s := range loadSynonyms() {
		if strings.Contains(q, s.term) {
			b.WriteString(" ")
			b.WriteString(s.expansion)
		}
	}
	return b.String()
}
