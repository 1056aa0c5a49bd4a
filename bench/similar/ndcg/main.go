// Command ndcg scores ranked output of `zhifa similar --batch` against graded
// labels: labels JSONL {"id":query,"labels":{"caseID":grade,...}}, run JSONL
// {"id":query,"cases":[{"id":...}]}. Prints mean NDCG@10 and NDCG@30.
package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"sort"
)

type labelLine struct {
	ID     string             `json:"id"`
	Labels map[string]float64 `json:"labels"`
}

type runLine struct {
	ID    string `json:"id"`
	Cases []struct {
		ID string `json:"id"`
	} `json:"cases"`
}

func ndcg(ranked []string, labels map[string]float64, k int) float64 {
	var dcg float64
	for i, id := range ranked {
		if i >= k {
			break
		}
		dcg += (math.Pow(2, labels[id]) - 1) / math.Log2(float64(i+2))
	}
	var ideal []float64
	for _, g := range labels {
		ideal = append(ideal, g)
	}
	sort.Sort(sort.Reverse(sort.Float64Slice(ideal)))
	var idcg float64
	for i, g := range ideal {
		if i >= k {
			break
		}
		idcg += (math.Pow(2, g) - 1) / math.Log2(float64(i+2))
	}
	if idcg == 0 {
		return 0
	}
	return dcg / idcg
}

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: ndcg LABELS.jsonl RUN.jsonl")
		os.Exit(2)
	}
	labels := map[string]map[string]float64{}
	read(os.Args[1], func(b []byte) {
		var l labelLine
		must(json.Unmarshal(b, &l))
		labels[l.ID] = l.Labels
	})
	var n, s10, s30 float64
	read(os.Args[2], func(b []byte) {
		var r runLine
		must(json.Unmarshal(b, &r))
		lab, ok := labels[r.ID]
		if !ok {
			return
		}
		ids := make([]string, len(r.Cases))
		for i, c := range r.Cases {
			ids[i] = c.ID
		}
		n++
		s10 += ndcg(ids, lab, 10)
		s30 += ndcg(ids, lab, 30)
	})
	if n == 0 {
		fmt.Fprintln(os.Stderr, "no query of the run has labels")
		os.Exit(1)
	}
	fmt.Printf("queries %d  NDCG@10 %.4f  NDCG@30 %.4f\n", int(n), s10/n, s30/n)
}

func read(path string, f func([]byte)) {
	fh, err := os.Open(path)
	must(err)
	defer fh.Close()
	sc := bufio.NewScanner(fh)
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	for sc.Scan() {
		if len(sc.Bytes()) > 0 {
			f(sc.Bytes())
		}
	}
	must(sc.Err())
}

func must(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
