package main

import (
	"bufio"
	"context"
	"fmt"
	"runtime"
	"strings"
	"sync"
	"time"

	"zhifa/nlp"
)

func init() {
	register(&command{name: "segment", summary: "cut each line on stdin into the words the law index sees", run: runSegment})
}

func runSegment(ctx context.Context, env *cmdEnv, args []string) error {
	fs := newFlagSet("segment")
	mode := fs.String("mode", "precise", "precise or search (finer, overlapping words, as indexed)")
	bench := fs.Bool("bench", false, "print the cutting throughput (dictionary load excluded) on stderr")
	jobs := fs.Int("jobs", runtime.GOMAXPROCS(0), "lines are cut on this many cores")
	rounds := fs.Int("rounds", 1, "with --bench: cut the input this many times and time them all (a longer, steadier measure)")
	pos, err := fs.parse(args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("unexpected argument %q: the text is read from stdin", pos[0])
	}
	if *jobs < 1 {
		return usagef("--jobs must be at least 1, got %d", *jobs)
	}
	if *rounds < 1 {
		return usagef("--rounds must be at least 1, got %d", *rounds)
	}
	if *rounds > 1 && !*bench {
		return usagef("--rounds is for --bench")
	}
	if *mode != "precise" && *mode != "search" {
		return usagef("--mode must be precise or search, got %q", *mode)
	}
	text, err := readAllStdin(env, nlpLimit)
	if err != nil {
		return err
	}
	if len(text) == 0 {
		return nil
	}
	seg := nlp.Seg()
	search := *mode == "search"
	lines := strings.Split(strings.TrimSuffix(string(text), "\n"), "\n")
	// chunks of lines cut on all cores, written in order
	const chunk = 256
	outs := make([][]byte, (len(lines)+chunk-1)/chunk)
	t0 := time.Now()
	for round := 0; round < *rounds && ctx.Err() == nil; round++ {
		var wg sync.WaitGroup
		next := make(chan int)
		for j := 0; j < max(1, *jobs); j++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				var toks []nlp.Token
				for c := range next {
					b := outs[c][:0] // the last round's, reused
					for _, line := range lines[c*chunk : min(len(lines), (c+1)*chunk)] {
						toks = seg.AppendTokens(toks[:0], strings.TrimSuffix(line, "\r"), search)
						first := true
						for _, t := range toks {
							if !nlp.IsWord(t.Text) {
								continue
							}
							if !first {
								b = append(b, ' ')
							}
							b = append(b, t.Text...)
							first = false
						}
						b = append(b, '\n')
					}
					outs[c] = b
				}
			}()
		}
		for c := range outs {
			if ctx.Err() != nil {
				break
			}
			next <- c
		}
		close(next)
		wg.Wait()
	}
	cutTime := time.Since(t0)
	if err := ctx.Err(); err != nil {
		return err
	}
	w := bufio.NewWriter(env.stdout)
	for _, b := range outs {
		w.Write(b)
	}
	if err := w.Flush(); err != nil {
		return err
	}
	if *bench {
		mb := float64(len(text)) * float64(*rounds) / 1e6
		fmt.Fprintf(env.stderr, "zhifa segment --mode %s --jobs %d --rounds %d: %.2f MB in %.3f s = %.2f MB/s\n", *mode, *jobs, *rounds, mb, cutTime.Seconds(), mb/cutTime.Seconds())
	}
	return nil
}
