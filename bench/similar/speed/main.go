// Command speed measures the case library at scale: import (as `zhifa cases
// import` does it), similar-case lookups over the whole library, lookups over
// restricted pools (LeCaRD-style queries with "only"), and the memory held.
//
//	go run -tags ne ./bench/similar/speed import -data DIR FILE.jsonl[.gz]
//	go run -tags ne ./bench/similar/speed lookup -data DIR [-n 500] [-copies K] [-drop]
//	go run -tags ne ./bench/similar/speed pools -data DIR -queries Q.jsonl -pools POOLS.json [-out run.jsonl]
//
// Each prints its timings, the Go heap in use and the process's peak RSS.
// -cpuprofile FILE writes a CPU profile of the timed part, -memprofile FILE
// the heap at the end. -copies K (lookup) ranks over the library K times
// over, each copy with ids of its own and its own copy of every text and
// term: a synthetic library K times as large, for scale.
package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"runtime"
	"runtime/debug"
	"runtime/pprof"
	"sort"
	"strings"
	"syscall"
	"time"

	"zhifa/caselib"
	"zhifa/nlp"
	"zhifa/search"
)

func main() {
	if len(os.Args) < 2 {
		usage()
	}
	cmd, args := os.Args[1], os.Args[2:]
	fs := flag.NewFlagSet(cmd, flag.ExitOnError)
	data := fs.String("data", "", "data directory of the library")
	n := fs.Int("n", 500, "lookups (lookup)")
	queries := fs.String("queries", "", "JSONL of queries {id, text[, only]} (pools)")
	pools := fs.String("pools", "", "JSON {query id: [candidate ids]} (pools; else each query's only)")
	out := fs.String("out", "", "write the ranked ids, JSONL {id, cases:[{id}]} (pools)")
	top := fs.Int("top", 30, "cases per query written to -out (pools)")
	cpu := fs.String("cpuprofile", "", "write a CPU profile of the timed part")
	mem := fs.String("memprofile", "", "write a heap profile at the end")
	copies := fs.Int("copies", 1, "lookup over the library this many times over (synthetic scale-up)")
	drop := fs.Bool("drop", false, "lookup: once ranked, drop the cases' terms and structure and give the memory back, as the server does")
	must(fs.Parse(args))
	if *data == "" {
		usage()
	}
	nlp.Seg() // the dictionary load is not what is measured
	if *cpu != "" {
		f, err := os.Create(*cpu)
		must(err)
		must(pprof.StartCPUProfile(f))
		defer pprof.StopCPUProfile()
	}
	switch cmd {
	case "import":
		if fs.NArg() != 1 {
			usage()
		}
		runImport(*data, fs.Arg(0))
	case "lookup":
		runLookup(*data, *n, *copies, *drop)
	case "pools":
		runPools(*data, *queries, *pools, *out, *top)
	default:
		usage()
	}
	memory()
	if *mem != "" {
		f, err := os.Create(*mem)
		must(err)
		must(pprof.WriteHeapProfile(f))
		must(f.Close())
	}
}

func usage() {
	fmt.Fprintln(os.Stderr, "usage: speed import|lookup|pools -data DIR [flags] [FILE]")
	os.Exit(2)
}

func runImport(data, file string) {
	t0 := time.Now()
	lib, err := caselib.OpenWriter(data)
	must(err)
	defer lib.Close()
	res, err := lib.ImportFile(file, "", nil)
	must(err)
	t1 := time.Now()
	lib.Analyse()
	t2 := time.Now()
	must(lib.Save())
	t3 := time.Now()
	fmt.Printf("imported %d (skipped %d)  read+recognise %.1fs  analyse %.1fs  save %.1fs  total %.1fs\n",
		res.Imported, res.Skipped, t1.Sub(t0).Seconds(), t2.Sub(t1).Seconds(), t3.Sub(t2).Seconds(), t3.Sub(t0).Seconds())
}

func openRanker(data string, copies int) (*caselib.Library, *search.CaseRanker) {
	t0 := time.Now()
	lib, err := caselib.Open(data)
	must(err)
	if copies > 1 {
		base := lib.Cases("")
		for k := 1; k < copies; k++ {
			for _, c := range base {
				d := *c
				d.ID = fmt.Sprintf("%s~%d", c.ID, k)
				d.Text = strings.Clone(c.Text)
				terms := lib.TermsOf(c)
				d.Terms = make([]string, len(terms))
				for i, t := range terms {
					d.Terms[i] = strings.Clone(t)
				}
				lib.Put(&d)
			}
		}
	}
	t1 := time.Now()
	fmt.Print("after load: ")
	memory()
	rk := lib.Ranker("")
	t2 := time.Now()
	fmt.Printf("cases %d  load %.1fs  build %.1fs\n", lib.Len(), t1.Sub(t0).Seconds(), t2.Sub(t1).Seconds())
	return lib, rk
}

func runLookup(data string, n, copies int, drop bool) {
	lib, rk := openRanker(data, copies)
	if drop {
		lib.DropRankingInputs()
		debug.FreeOSMemory()
		fmt.Print("ranked, inputs dropped: ")
		memory()
	}
	cs := lib.Cases("")
	var lat, cpu []time.Duration
	// the CPU time of the lookup's own thread beside the wall time: on a
	// loaded machine the wall time's tail is mostly waiting for a core
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	for i := 0; i < n; i++ {
		c := cs[(i*7919)%len(cs)]
		r := []rune(c.Text)
		if len(r) > 400 {
			r = r[200:400]
		}
		c0 := threadCPU()
		s := time.Now()
		rk.Rank(string(r), search.CaseQuery{Top: 10})
		lat = append(lat, time.Since(s))
		cpu = append(cpu, threadCPU()-c0)
	}
	report("lookups", lat)
	report("lookups, CPU time of the thread", cpu)
}

// threadCPU is the user+system time of the calling OS thread (Linux
// RUSAGE_THREAD; 0 elsewhere).
func threadCPU() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(1, &ru) != nil { // RUSAGE_THREAD
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

type query struct {
	ID   json.RawMessage   `json:"id"`
	Text string            `json:"text"`
	Only []json.RawMessage `json:"only"`
}

func runPools(data, qfile, pfile, out string, top int) {
	_, rk := openRanker(data, 1)
	var poolOf map[string][]json.RawMessage
	if pfile != "" {
		b, err := os.ReadFile(pfile)
		must(err)
		must(json.Unmarshal(b, &poolOf))
	}
	f, err := os.Open(qfile)
	must(err)
	defer f.Close()
	var w *bufio.Writer
	if out != "" {
		of, err := os.Create(out)
		must(err)
		defer of.Close()
		w = bufio.NewWriter(of)
		defer w.Flush()
	}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	var lat []time.Duration
	t0 := time.Now()
	for sc.Scan() {
		if strings.TrimSpace(sc.Text()) == "" {
			continue
		}
		var q query
		must(json.Unmarshal(sc.Bytes(), &q))
		id, err := caselib.IDString(q.ID)
		must(err)
		only := q.Only
		if p, ok := poolOf[id]; ok {
			only = p
		}
		ids := []string{}
		for _, r := range only {
			s, err := caselib.IDString(r)
			must(err)
			ids = append(ids, s)
		}
		s := time.Now()
		hits := rk.Rank(q.Text, search.CaseQuery{Only: ids})
		lat = append(lat, time.Since(s))
		if w != nil {
			type hit struct {
				ID string `json:"id"`
			}
			line := struct {
				ID    string `json:"id"`
				Cases []hit  `json:"cases"`
			}{ID: id}
			for k, h := range hits {
				if k < top {
					line.Cases = append(line.Cases, hit{h.ID})
				}
			}
			b, _ := json.Marshal(line)
			w.Write(append(b, '\n'))
		}
	}
	must(sc.Err())
	fmt.Printf("queries %d in %.3fs\n", len(lat), time.Since(t0).Seconds())
	report("pool queries", lat)
}

func report(what string, lat []time.Duration) {
	if len(lat) == 0 {
		return
	}
	sort.Slice(lat, func(a, b int) bool { return lat[a] < lat[b] })
	fmt.Printf("%s %d  p50 %v  p99 %v  max %v\n", what, len(lat), lat[len(lat)/2], lat[len(lat)*99/100], lat[len(lat)-1])
}

// memory prints the heap in use now and the peak RSS of the process.
func memory() {
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	peak := ""
	if b, err := os.ReadFile("/proc/self/status"); err == nil {
		for _, ln := range strings.Split(string(b), "\n") {
			if strings.HasPrefix(ln, "VmHWM:") || strings.HasPrefix(ln, "VmRSS:") {
				peak += "  " + strings.Join(strings.Fields(ln), " ")
			}
		}
	}
	fmt.Printf("heap in use %d MB, heap from the OS %d MB%s\n", ms.HeapInuse>>20, (ms.HeapSys-ms.HeapReleased)>>20, peak)
}

func must(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
