// Command search measures the law corpus and law search: parse time, index
// build and reopen time, and query latency (p50/p99) over the ranking table,
// with its top-1/top-5 hit rates. Run from the repository root:
//
//	go run -tags ne ./bench/search [-queries search/law_queries.tsv,search/law_queries_pack.tsv] [-rounds 20] [-core] [-show]
//
// The index is of corpora.Default() (the core texts and the national pack),
// or of the core texts alone with -core; -show prints each pair's expected
// article instead, to check the tables by reading; -q QUERY -data DIR prints
// one query's ten hits (level, origin, score) from an index built before.
package main

import (
	"flag"
	"fmt"
	"os"
	"runtime"
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
	queries := flag.String("queries", "search/law_queries.tsv,search/law_queries_pack.tsv", "ranking tables (comma-separated): query, law, article, suffix (tab-separated)")
	rounds := flag.Int("rounds", 20, "times each query is run for the latency figures")
	core := flag.Bool("core", false, "index the 95 core texts only")
	show := flag.Bool("show", false, "print each pair's expected article and exit")
	dataDir := flag.String("data", "", "keep the index in DIR/index/laws (reused when current) instead of a temporary directory")
	one := flag.String("q", "", "print the ten best hits of this query (law, label, level, origin, score, text) and exit; several queries separated by ;")
	flag.Parse()
	if *one != "" {
		if err := showQuery(*one, *core, *dataDir); err != nil {
			fmt.Fprintln(os.Stderr, "bench/search:", err)
			os.Exit(1)
		}
		return
	}
	if *show {
		if err := showPairs(*queries); err != nil {
			fmt.Fprintln(os.Stderr, "bench/search:", err)
			os.Exit(1)
		}
		return
	}
	if err := run(*queries, *rounds, *core, *dataDir); err != nil {
		fmt.Fprintln(os.Stderr, "bench/search:", err)
		os.Exit(1)
	}
}

func readTables(files string) ([]pair, error) {
	var pairs []pair
	for _, f := range strings.Split(files, ",") {
		ps, err := readPairs(f)
		if err != nil {
			return nil, err
		}
		pairs = append(pairs, ps...)
	}
	return pairs, nil
}

func showPairs(files string) error {
	pairs, err := readTables(files)
	if err != nil {
		return err
	}
	c := corpora.Default()
	for _, p := range pairs {
		a := c.Article(p.law, p.article, p.suffix)
		if a == nil {
			return fmt.Errorf("%s → %s %d%s: no such article", p.query, p.law, p.article, p.suffix)
		}
		text := []rune(strings.ReplaceAll(a.Text, "\n", " "))
		if len(text) > 160 {
			text = text[:160]
		}
		fmt.Printf("%s\t%s %s\t%s\n", p.query, a.LawName, a.Label, string(text))
	}
	return nil
}

// showQuery prints the ten best hits of q, to see why a pair misses.
func showQuery(q string, core bool, dir string) error {
	if dir == "" {
		return fmt.Errorf("-q needs -data DIR (an index built before)")
	}
	c := corpora.Default()
	if core {
		c = corpora.Core()
	}
	ix, err := search.OpenLawIndex(dir, c)
	if err != nil {
		return err
	}
	defer ix.Close()
	for _, q := range strings.Split(q, ";") {
		if err := printHits(ix, c, strings.TrimSpace(q)); err != nil {
			return err
		}
	}
	return nil
}

// printHits prints the ten best hits of q.
func printHits(ix *search.LawIndex, c *corpora.Corpus, q string) error {
	fmt.Println("#", q)
	hits, err := ix.Search(q, search.LawQuery{Top: qTop})
	if err != nil {
		return err
	}
	for i, h := range hits {
		origin := ""
		if l := c.Law(h.Law); l != nil {
			origin = l.Origin
		}
		text := []rune(strings.ReplaceAll(h.Text, "\n", " "))
		if len(text) > 80 {
			text = text[:80]
		}
		fmt.Printf("%2d %7.3f %s %s [%s %s] %s\n", i+1, h.Score, h.Law, h.Label, h.Level, origin, string(text))
	}
	return nil
}

func run(queriesFile string, rounds int, core bool, keep string) error {
	pairs, err := readTables(queriesFile)
	if err != nil {
		return err
	}
	start := time.Now()
	var m0 runtime.MemStats
	runtime.ReadMemStats(&m0)
	t0 := time.Now()
	nlp.Seg()
	segLoad := time.Since(t0)

	c := corpora.Default()
	if core {
		c = corpora.Core()
	}
	parsed := time.Since(start)
	articles, bytes := 0, 0
	for _, l := range c.Laws() {
		articles += len(l.Articles)
		for _, a := range l.Articles {
			bytes += len(a.Text)
		}
	}

	dir := keep
	if dir == "" {
		tmp, err := os.MkdirTemp("", "zhifa-bench-search-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(tmp)
		dir = tmp
	}
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
	var misses []string
	top1, top5 := 0, 0
	for r := 0; r < rounds; r++ {
		for _, p := range pairs {
			t0 := time.Now()
			hits, err := ix.Search(p.query, search.LawQuery{Top: qTop})
			lat = append(lat, time.Since(t0))
			if err != nil {
				return fmt.Errorf("%q: %w", p.query, err)
			}
			if r > 0 {
				continue
			}
			want := c.Article(p.law, p.article, p.suffix)
			rank := 0
			for i, h := range hits {
				if want != nil && h.Law == want.LawName && h.Article == want.Number && h.ArticleSuffix == want.Suffix && rank == 0 {
					rank = i + 1
				}
				if want != nil && h.Law == want.LawName && h.Article == want.Number && h.ArticleSuffix == want.Suffix {
					if i == 0 {
						top1++
					}
					if i < 5 {
						top5++
					}
				}
			}
			if rank != 1 {
				top := ""
				if len(hits) > 0 {
					top = hits[0].Law + " " + hits[0].Label
				}
				misses = append(misses, fmt.Sprintf("%s → %s 第%d条%s at rank %d (first: %s)", p.query, p.law, p.article, p.suffix, rank, top))
			}
		}
	}
	sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
	pct := func(p float64) time.Duration { return lat[int(p*float64(len(lat)-1))] }
	fmt.Printf("| measure | value |\n| --- | --- |\n")
	fmt.Printf("| laws / articles / text | %d / %d / %.1f MB |\n", len(c.Laws()), articles, float64(bytes)/1e6)
	fmt.Printf("| corpus parse (embedded, normalised; segmenter loaded first) | %v |\n", parsed.Round(time.Millisecond))
	fmt.Printf("| segmenter load | %v |\n", segLoad.Round(time.Millisecond))
	fmt.Printf("| index build (whole corpus) | %v (%.0f articles/s) |\n", build.Round(time.Millisecond), float64(articles)/build.Seconds())
	fmt.Printf("| index reopen (fingerprint matches) | %v |\n", reopen.Round(time.Millisecond))
	fmt.Printf("| search latency p50 / p99 (%d queries × %d) | %v / %v |\n", len(pairs), rounds, pct(0.50).Round(10*time.Microsecond), pct(0.99).Round(10*time.Microsecond))
	fmt.Printf("| top-1 / top-5 hit rate | %d/%d = %.2f / %d/%d = %.2f |\n", top1, len(pairs), float64(top1)/float64(len(pairs)), top5, len(pairs), float64(top5)/float64(len(pairs)))
	var m1 runtime.MemStats
	runtime.ReadMemStats(&m1)
	fmt.Printf("| heap in use after the run / total from the OS | %.0f MB / %.0f MB |\n", float64(m1.HeapInuse)/1e6, float64(m1.Sys)/1e6)
	for _, m := range misses {
		fmt.Println("miss:", m)
	}
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

// qTop is how many hits -q prints ($LAWQ_TOP, default 10).
var qTop = func() int {
	if n, err := strconv.Atoi(os.Getenv("LAWQ_TOP")); err == nil && n > 0 {
		return n
	}
	return 10
}()
