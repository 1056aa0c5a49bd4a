// Command search measures the law corpus and law search: parse time, index
// build and reopen time, and query latency (p50/p99) over the ranking table,
// with its top-1/top-5 hit rates. Run from the repository root:
//
//	go run -tags ne ./bench/search [-queries search/law_queries.tsv] [-rounds 20]
package main

import (
	"flag"
	"fmt"
	"os"
	"sort"
	"strconv"
	"strings"
	"time"

	"zhifa/corpora"
	"zhifa/nlp"
	"zhifa/search"
)

type pair struct {
	query, law, suffix string
	article            int
}

func main() {
	queries := flag.String("queries", "search/law_queries.tsv", "ranking table: query, law, article, suffix (tab-separated)")
	rounds := flag.Int("rounds", 20, "times each query is run for the latency figures")
	flag.Parse()
	if err := run(*queries, *rounds); err != nil {
		fmt.Fprintln(os.Stderr, "bench/search:", err)
		os.Exit(1)
	}
}

func run(queriesFile string, rounds int) error {
	pairs, err := readPairs(queriesFile)
	if err != nil {
		return err
	}
	t0 := time.Now()
	nlp.Seg()
	segLoad := time.Since(t0)

	c := corpora.Default()
	articles, bytes := 0, 0
	for _, l := range c.Laws() {
		articles += len(l.Articles)
		for _, a := range l.Articles {
			bytes += len(a.Text)
		}
	}

	dir, err := os.MkdirTemp("", "zhifa-bench-search-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	t0 = time.Now()
	ix, err := search.OpenLawIndex(dir, c)
	if err != nil {
		return err
	}
	build := time.Since(t0)
	ix.Close()
	t0 = time.Now()
	ix, err = search.OpenLawIndex(dir, c)
	if err != nil {
		return err
	}
	reopen := time.Since(t0)
	defer ix.Close()

	var lat []time.Duration
	top1, top5 := 0, 0
	for r := 0; r < rounds; r++ {
		for _, p := range pairs {
			t0 := time.Now()
			hits, err := ix.Search(p.query, search.LawQuery{Top: 10})
			lat = append(lat, time.Since(t0))
			if err != nil {
				return fmt.Errorf("%q: %w", p.query, err)
			}
			if r > 0 {
				continue
			}
			want := c.Article(p.law, p.article, p.suffix)
			for i, h := range hits {
				if want != nil && h.Law == want.LawName && h.Article == want.Number && h.ArticleSuffix == want.Suffix {
					if i == 0 {
						top1++
					}
					if i < 5 {
						top5++
					}
				}
			}
		}
	}
	sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
	pct := func(p float64) time.Duration { return lat[int(p*float64(len(lat)-1))] }
	fmt.Printf("| measure | value |\n| --- | --- |\n")
	fmt.Printf("| laws / articles / text | %d / %d / %.1f MB |\n", len(c.Laws()), articles, float64(bytes)/1e6)
	fmt.Printf("| corpus parse (embedded, normalised) | %v |\n", c.ParseTime.Round(time.Millisecond))
	fmt.Printf("| segmenter load | %v |\n", segLoad.Round(time.Millisecond))
	fmt.Printf("| index build (whole corpus) | %v (%.0f articles/s) |\n", build.Round(time.Millisecond), float64(articles)/build.Seconds())
	fmt.Printf("| index reopen (fingerprint matches) | %v |\n", reopen.Round(time.Millisecond))
	fmt.Printf("| search latency p50 / p99 (%d queries × %d) | %v / %v |\n", len(pairs), rounds, pct(0.50).Round(10*time.Microsecond), pct(0.99).Round(10*time.Microsecond))
	fmt.Printf("| top-1 / top-5 hit rate | %d/%d = %.2f / %d/%d = %.2f |\n", top1, len(pairs), float64(top1)/float64(len(pairs)), top5, len(pairs), float64(top5)/float64(len(pairs)))
	return nil
}

func readPairs(file string) ([]pair, error) {
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	var out []pair
	for n, line := range strings.Split(string(data), "\n") {
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) < 3 {
			return nil, fmt.Errorf("%s:%d: want query, law, article[, suffix]", file, n+1)
		}
		a, err := strconv.Atoi(f[2])
		if err != nil {
			return nil, fmt.Errorf("%s:%d: %w", file, n+1, err)
		}
		p := pair{query: f[0], law: f[1], article: a}
		if len(f) > 3 {
			p.suffix = f[3]
		}
		out = append(out, p)
	}
	return out, nil
}
