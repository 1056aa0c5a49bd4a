// Command speed measures similar-case lookup over a library imported with
// `zhifa cases import`: time to load and build the ranking, then p50/p99 of
// lookups for facts taken from the library's own cases (first 200 runes).
//
//	go run -tags ne ./bench/similar/speed -data DIR [-n 500]
package main

import (
	"flag"
	"fmt"
	"os"
	"sort"
	"time"

	"zhifa/caselib"
	"zhifa/nlp"
	"zhifa/search"
)

func main() {
	data := flag.String("data", "", "data directory with an imported library")
	n := flag.Int("n", 500, "lookups")
	flag.Parse()
	nlp.Seg()
	t0 := time.Now()
	lib, err := caselib.Open(*data)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	t1 := time.Now()
	rk := lib.Ranker("")
	t2 := time.Now()
	cs := lib.Cases("")
	fmt.Printf("cases %d  load %.1fs  build %.1fs\n", len(cs), t1.Sub(t0).Seconds(), t2.Sub(t1).Seconds())
	var lat []time.Duration
	for i := 0; i < *n; i++ {
		c := cs[(i*7919)%len(cs)]
		r := []rune(c.Text)
		if len(r) > 400 {
			r = r[200:400]
		}
		s := time.Now()
		rk.Rank(string(r), search.CaseQuery{Top: 10})
		lat = append(lat, time.Since(s))
	}
	sort.Slice(lat, func(a, b int) bool { return lat[a] < lat[b] })
	fmt.Printf("lookups %d  p50 %v  p99 %v  max %v\n", len(lat), lat[len(lat)/2], lat[len(lat)*99/100], lat[len(lat)-1])
}
