package search

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"zhifa/corpora"
	"zhifa/nlp"
)

// BenchmarkLawSearch runs the 48 queries of law_queries.tsv (top 10 each) on
// the whole embedded corpus, each answer computed (uncached) or remembered
// (cached); the index is kept under $TMPDIR so a rerun reopens it.
//
//	go test -tags ne -run XXX -bench LawSearch -benchtime 480x ./search
func BenchmarkLawSearch(b *testing.B) {
	ix, err := OpenLawIndex(filepath.Join(os.TempDir(), "zhifa-lawbench"), corpora.Default())
	if err != nil {
		b.Fatal(err)
	}
	defer ix.Close()
	var qs []string
	for _, c := range loadRankTable(b) {
		qs = append(qs, strings.TrimSpace(nlp.Normalize(c.query)))
	}
	b.Run("uncached", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			if _, err := ix.search(qs[i%len(qs)], LawQuery{Top: DefaultTop}); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("cached", func(b *testing.B) {
		for _, q := range qs {
			ix.Search(q, LawQuery{})
		}
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			if _, err := ix.Search(qs[i%len(qs)], LawQuery{}); err != nil {
				b.Fatal(err)
			}
		}
	})
}
