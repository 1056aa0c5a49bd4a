// Command lecard measures the similar-case ranking on the LeCaRD development
// split (shared/corpora/lecard-dev): it imports the 9,088 candidates into a
// library (as `zhifa cases import` does), predicts each query's charge with the
// library's charge model and reports its accuracy, ranks each query's pool of
// 100 with plain BM25 and with each signal added in turn, and prints the
// paper's metrics and the times.
//
//	go run -tags ne ./bench/similar/lecard [-corpus ../shared/corpora/lecard-dev] [-data DIR]
//
// -data keeps the imported library between runs (imported when empty;
// -import-only stops there); a re-run then only builds the ranking (seconds)
// and ranks. -steps REGEXP runs only the steps whose name matches (and skips
// the held-out charge accuracy), for a quick loop over one change.
// Metrics as LeCaRD's metrics.py computes them: NDCG@k with gains = labels 0–3
// over the ranking restricted to the labelled candidates, ideal = the query's
// labels sorted; P@5 and MAP count label 3 as relevant, on the same restricted
// ranking (MAP over the queries that have a label 3). Full-pool NDCG@30 ranks
// all 100, unlabelled as 0.
package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"runtime/pprof"
	"sort"
	"strconv"
	"strings"
	"time"

	"zhifa/caselib"
	"zhifa/nlp"
	"zhifa/search"
)

type query struct {
	ID     string   `json:"id"`
	Text   string   `json:"text"`
	Crimes []string `json:"crimes"`
}

type step struct {
	name  string
	plain bool
	opt   search.CaseOptions
}

func main() {
	corpus := flag.String("corpus", "../shared/corpora/lecard-dev", "the LeCaRD development split")
	data := flag.String("data", "", "library data directory (default: a fresh temporary one)")
	importOnly := flag.Bool("import-only", false, "import into -data and stop")
	only := flag.String("steps", "", "run only the steps whose name matches this regexp (and skip the facts-only index and the held-out charge accuracy unless a step needs them)")
	heldOut := flag.Bool("heldout", false, "with -steps, still measure the charge model on a held-out tenth of the library")
	runOut := flag.String("run", "", "write each step's rankings to this file (step, query, rank, candidate, score; tab-separated)")
	cpuprof := flag.String("cpuprofile", "", "write a CPU profile of the ranking steps to this file")
	flag.Parse()
	nlp.Seg()

	dir := *data
	if dir == "" {
		d, err := os.MkdirTemp("", "lecard-")
		must(err)
		defer os.RemoveAll(d)
		dir = d
	}
	t0 := time.Now()
	lib, err := caselib.Open(dir)
	must(err)
	if lib.Len() == 0 {
		lib.Close()
		w, err := caselib.OpenWriter(dir)
		must(err)
		res, err := w.ImportFile(filepath.Join(*corpus, "candidates_all.jsonl.gz"), "", nil)
		must(err)
		must(w.Save())
		w.Close()
		fmt.Printf("import: %d cases (skipped %d) in %.1fs\n", res.Imported, res.Skipped, time.Since(t0).Seconds())
		lib, err = caselib.Open(dir)
		must(err)
	}
	defer lib.Close()
	if *importOnly {
		return
	}
	t1 := time.Now()
	fmt.Printf("library: %d cases, open %.1fs\n", lib.Len(), t1.Sub(t0).Seconds())

	queries := readQueries(filepath.Join(*corpus, "queries.jsonl"))
	var pools map[string][]string
	b, err := os.ReadFile(filepath.Join(*corpus, "pools.json"))
	must(err)
	var rawPools map[string][]json.RawMessage
	must(json.Unmarshal(b, &rawPools))
	pools = map[string][]string{}
	for q, ids := range rawPools {
		for _, r := range ids {
			s, err := caselib.IDString(r)
			must(err)
			pools[q] = append(pools[q], s)
		}
	}
	labels := readQrels(filepath.Join(*corpus, "qrels.tsv"))

	steps := benchSteps()
	if *only != "" {
		re, err := regexp.Compile(*only)
		must(err)
		var keep []step
		for _, s := range steps {
			if re.MatchString(s.name) {
				keep = append(keep, s)
			}
		}
		steps = keep
	}

	t2 := time.Now()
	base := lib.Ranker("")
	fmt.Printf("ranking built (BM25 index + charge model): %.1fs\n", time.Since(t2).Seconds())
	// an index per way of weighing the parts, built once
	type build struct {
		factsOnly  bool
		rest, soft float64
	}
	bo := base.Options()
	built := map[build]*search.CaseRanker{{bo.FactsOnly, bo.RestWeight, bo.ChargeSoft}: base}
	index := func(o search.CaseOptions) *search.CaseRanker {
		k := build{o.FactsOnly, o.RestWeight, o.ChargeSoft}
		if built[k] == nil {
			t := time.Now()
			bo := search.DefaultCaseOptions()
			bo.FactsOnly, bo.RestWeight, bo.ChargeSoft = o.FactsOnly, o.RestWeight, o.ChargeSoft
			built[k] = lib.RankerWith("", bo)
			fmt.Printf("index (facts only %v, rest weight %g, soft charges %g) %.1fs\n", o.FactsOnly, o.RestWeight, o.ChargeSoft, time.Since(t).Seconds())
		}
		return built[k]
	}

	chargeAccuracy(base, queries)
	if *only == "" || *heldOut {
		heldOutAccuracy(lib)
	}

	if *cpuprof != "" {
		f, err := os.Create(*cpuprof)
		must(err)
		must(pprof.StartCPUProfile(f))
		defer pprof.StopCPUProfile()
	}
	var run *bufio.Writer
	if *runOut != "" {
		f, err := os.Create(*runOut)
		must(err)
		defer f.Close()
		run = bufio.NewWriter(f)
		defer run.Flush()
	}
	fmt.Printf("\n| ranking | NDCG@10 | NDCG@20 | NDCG@30 | full-pool NDCG@30 | P@5 | MAP | ms/query median (p99; all queries) |\n| --- | --- | --- | --- | --- | --- | --- | --- |\n")
	for _, s := range steps {
		rk := index(s.opt).WithOptions(s.opt)
		var m metrics
		var lat []time.Duration
		for _, q := range queries {
			pool := pools[q.ID]
			st := time.Now()
			hits := rk.Rank(q.Text, search.CaseQuery{Only: pool, Plain: s.plain})
			lat = append(lat, time.Since(st))
			ids := make([]string, len(hits))
			for i, h := range hits {
				ids[i] = h.ID
				if run != nil {
					fmt.Fprintf(run, "%s\t%s\t%d\t%s\t%g\n", strings.TrimSpace(s.name), q.ID, i+1, h.ID, h.Score)
				}
			}
			m.add(ids, labels[q.ID])
		}
		var all time.Duration
		for _, d := range lat {
			all += d
		}
		sort.Slice(lat, func(a, b int) bool { return lat[a] < lat[b] })
		r := m.mean()
		fmt.Printf("| %s | %.3f | %.3f | %.3f | %.3f | %.3f | %.3f | %.1f (%.1f; %.0f) |\n", s.name, r[0], r[1], r[2], r[3], r[4], r[5],
			ms(lat[len(lat)/2]), ms(lat[len(lat)*99/100]), ms(all))
	}
	fmt.Printf("\ntotal %.1fs\n", time.Since(t0).Seconds())
}

// benchSteps are the rankings compared, each read against the row before it.
func benchSteps() []step {
	// the rows before the 2026-12-04 ones were measured at the posterior scale 40
	prev := search.CaseOptions{ChargeWeight: 0.6, PRFShare: 1, AmountWeight: 0.2, PartyWeight: 0.1, ChargeScale: 40}
	model := prev
	model.ChargeModel, model.PRFShare = true, 0
	w1 := model
	w1.ChargeWeight = 1
	w2 := model
	w2.ChargeWeight = 2
	circ := w1
	circ.CircumstanceWeight = 0.1
	once := circ
	once.QueryOnce = true
	mix := circ
	mix.PRFShare = 0.3
	ship := search.DefaultCaseOptions()
	steps := []step{
		{name: "BM25 alone (plain)", plain: true, opt: prev},
		{name: "previous: + charge vote of the top-5 BM25 0.6, amount 0.2, party 0.1", opt: prev},
		{name: "charge from the model (tf-idf centroids of library facts), weight 0.6", opt: model},
		{name: "charge weight 1.0", opt: w1},
		{name: "charge weight 2.0 (same charge first, BM25 second)", opt: w2},
		{name: "weight 1.0 + key circumstances 0.1 (自首/累犯/未遂/谅解/…, harm)", opt: circ},
		{name: "  + each query word once", opt: once},
		{name: "  + top-5 vote mixed in (0.3)", opt: mix},
		{name: "  facts part only for BM25", opt: withFactsOnly(circ)},
		{name: "shipped (DefaultCaseOptions: scale 80, query words 1+ln(count))", opt: ship},
	}
	with := func(name string, f func(o *search.CaseOptions)) step {
		o := ship
		f(&o)
		return step{name: name, opt: o}
	}
	plainWith := func(name string, f func(o *search.CaseOptions)) step {
		s := with(name, f)
		s.plain = true
		return s
	}
	steps = append(steps,
		with("before: charge scale 40, each query word once", func(o *search.CaseOptions) { o.ChargeScale, o.QueryOnce, o.QueryLogTF = 40, true, false }),
		with("charge scale 80 (held-out log-likelihood), each query word once", func(o *search.CaseOptions) { o.QueryOnce, o.QueryLogTF = true, false }),
		plainWith("plain: each query word once", func(o *search.CaseOptions) { o.QueryOnce = true }),
		plainWith("plain: each query word once, facts only", func(o *search.CaseOptions) { o.QueryOnce, o.FactsOnly = true, true }),
		plainWith("plain: each query word once, rest 0.5", func(o *search.CaseOptions) { o.QueryOnce, o.RestWeight = true, 0.5 }),
		plainWith("plain: each query word once, b 0.5", func(o *search.CaseOptions) { o.QueryOnce, o.B = true, 0.5 }),
		plainWith("plain: each query word once, b 0.9", func(o *search.CaseOptions) { o.QueryOnce, o.B = true, 0.9 }),
		plainWith("plain: each query word once, k1 2", func(o *search.CaseOptions) { o.QueryOnce, o.K1 = true, 2 }),
		plainWith("plain: each query word once, k1 0.6", func(o *search.CaseOptions) { o.QueryOnce, o.K1 = true, 0.6 }),
		with("try: BM25 b 0.9", func(o *search.CaseOptions) { o.B = 0.9 }),
		with("try: BM25 k1 2", func(o *search.CaseOptions) { o.K1 = 2 }),
		with("ablate: amount 0", func(o *search.CaseOptions) { o.AmountWeight = 0 }),
		with("ablate: circumstances 0", func(o *search.CaseOptions) { o.CircumstanceWeight = 0 }),
		with("ablate: party 0", func(o *search.CaseOptions) { o.PartyWeight = 0 }),
		with("ablate: charge weight 2", func(o *search.CaseOptions) { o.ChargeWeight = 2 }),
		with("ablate: charge weight 0.5", func(o *search.CaseOptions) { o.ChargeWeight = 0.5 }),
		with("try: soft charge agreement 0.5", func(o *search.CaseOptions) { o.ChargeSoft = 0.5 }),
		with("try: soft charge agreement 0.25", func(o *search.CaseOptions) { o.ChargeSoft = 0.25 }),
		with("try: soft charge agreement 1", func(o *search.CaseOptions) { o.ChargeSoft = 1 }),
		with("try: rest weight 0.5 (facts 3× the rest)", func(o *search.CaseOptions) { o.RestWeight = 0.5 }),
		with("try: rest weight 0.25 (facts 5× the rest)", func(o *search.CaseOptions) { o.RestWeight = 0.25 }),
	)
	for _, fb := range []struct {
		docs, terms int
		w           float64
		idf         bool
	}{{10, 20, 0.1, false}, {10, 20, 0.2, false}, {10, 20, 0.3, false}, {10, 20, 0.2, true}, {20, 20, 0.2, true}} {
		steps = append(steps, with(fmt.Sprintf("try: RM3 %d cases, %d words, weight %g, idf %v", fb.docs, fb.terms, fb.w, fb.idf), func(o *search.CaseOptions) {
			o.FeedbackDocs, o.FeedbackTerms, o.FeedbackWeight, o.FeedbackIDF = fb.docs, fb.terms, fb.w, fb.idf
		}))
	}
	return steps
}

func withFactsOnly(o search.CaseOptions) search.CaseOptions { o.FactsOnly = true; return o }

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

// chargeAccuracy compares the model's most likely charge with the query's
// charges (crimes, used for nothing else).
func chargeAccuracy(rk *search.CaseRanker, queries []query) {
	var n, inAny, primary, top3 int
	for _, q := range queries {
		if len(q.Crimes) == 0 {
			continue
		}
		n++
		g := rk.PredictCharges(q.Text)
		if len(g) == 0 {
			continue
		}
		want := map[string]bool{}
		for _, c := range q.Crimes {
			want[search.CanonicalCharge(c)] = true
		}
		if want[g[0].Charge] {
			inAny++
		}
		if g[0].Charge == search.CanonicalCharge(q.Crimes[0]) {
			primary++
		}
		for k := 0; k < len(g) && k < 3; k++ {
			if want[g[k].Charge] {
				top3++
				break
			}
		}
	}
	fmt.Printf("charge prediction on the %d queries with crimes: top-1 among crimes %d (%.1f%%), top-1 = first crime %d (%.1f%%), one of top-3 among crimes %d (%.1f%%)\n",
		n, inAny, pct(inAny, n), primary, pct(primary, n), top3, pct(top3, n))
}

// heldOutAccuracy trains on nine tenths of the library and predicts the
// charge of the other tenth from its facts part: the model's accuracy
// measured without the queries at all.
func heldOutAccuracy(lib *caselib.Library) {
	cs := lib.Cases("")
	var train []search.CaseDoc
	type test struct{ facts, charge string }
	var tests []test
	for i, c := range cs {
		if i%10 != 0 {
			train = append(train, search.CaseDoc{ID: c.ID, Title: c.Title, Text: c.Text, Terms: lib.TermsOf(c), FactsTerms: c.FactsTerms})
			continue
		}
		ch := search.JudgedCharges(c.Title, c.Text)
		f := c.Text
		if st := c.Structure; st != nil && st.Facts != "" {
			f = st.Facts
		}
		if j := strings.Index(f, "本院认为"); j > 0 {
			f = f[:j]
		}
		if len(ch) > 0 {
			tests = append(tests, test{f, ch[0]})
		}
	}
	base := search.NewCaseRanker(train)
	// the scale of the posterior is chosen here, by the log-likelihood of
	// the held-out charges, never on the queries
	for _, scale := range []float64{10, 20, 40, 80, 160, 320} {
		o := base.Options()
		o.ChargeScale = scale
		rk := base.WithOptions(o)
		ok := 0
		var ll float64
		for _, t := range tests {
			g := rk.PredictCharges(t.facts)
			if len(g) > 0 && g[0].Charge == t.charge {
				ok++
			}
			p := 1e-4
			for _, x := range g {
				if x.Charge == t.charge {
					p = x.P
				}
			}
			ll += math.Log(p)
		}
		fmt.Printf("held-out tenth of the library (%d cases, facts part only), scale %g: top-1 %d (%.1f%%), mean log-likelihood %.3f\n",
			len(tests), scale, ok, pct(ok, len(tests)), ll/float64(len(tests)))
	}
}

func pct(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return 100 * float64(a) / float64(b)
}

type metrics struct {
	n, nMAP                          int
	n10, n20, n30, full30, p5, apSum float64
}

func (m *metrics) add(ranked []string, lab map[string]int) {
	var restricted []int
	full := make([]int, 0, len(ranked))
	for _, id := range ranked {
		g, ok := lab[id]
		full = append(full, g)
		if ok {
			restricted = append(restricted, g)
		}
	}
	var ideal []int
	for _, g := range lab {
		ideal = append(ideal, g)
	}
	sort.Sort(sort.Reverse(sort.IntSlice(ideal)))
	m.n++
	m.n10 += ndcg(restricted, ideal, 10)
	m.n20 += ndcg(restricted, ideal, 20)
	m.n30 += ndcg(restricted, ideal, 30)
	m.full30 += ndcg(full, ideal, 30)
	hits := 0
	for i := 0; i < 5 && i < len(restricted); i++ {
		if restricted[i] == 3 {
			hits++
		}
	}
	m.p5 += float64(hits) / 5
	var ap float64
	rel := 0
	for i, g := range restricted {
		if g == 3 {
			rel++
			ap += float64(rel) / float64(i+1)
		}
	}
	if rel > 0 {
		m.apSum += ap / float64(rel)
		m.nMAP++
	}
}

func (m *metrics) mean() [6]float64 {
	n := float64(m.n)
	return [6]float64{m.n10 / n, m.n20 / n, m.n30 / n, m.full30 / n, m.p5 / n, m.apSum / math.Max(1, float64(m.nMAP))}
}

func ndcg(gains, ideal []int, k int) float64 {
	var dcg, idcg float64
	for i := 0; i < k; i++ {
		d := math.Log2(float64(i + 2))
		if i < len(gains) {
			dcg += float64(gains[i]) / d
		}
		if i < len(ideal) {
			idcg += float64(ideal[i]) / d
		}
	}
	if idcg == 0 {
		return 0
	}
	return dcg / idcg
}

func readQueries(path string) []query {
	f, err := os.Open(path)
	must(err)
	defer f.Close()
	var out []query
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	for sc.Scan() {
		if strings.TrimSpace(sc.Text()) == "" {
			continue
		}
		var q query
		must(json.Unmarshal(sc.Bytes(), &q))
		out = append(out, q)
	}
	must(sc.Err())
	return out
}

func readQrels(path string) map[string]map[string]int {
	f, err := os.Open(path)
	must(err)
	defer f.Close()
	out := map[string]map[string]int{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		fs := strings.Fields(sc.Text())
		if len(fs) != 4 {
			continue
		}
		g, err := strconv.Atoi(fs[3])
		must(err)
		if out[fs[0]] == nil {
			out[fs[0]] = map[string]int{}
		}
		out[fs[0]][fs[2]] = g
	}
	must(sc.Err())
	return out
}

func must(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
