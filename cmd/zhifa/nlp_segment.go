package main

import (
	"bufio"
	"context"
	"fmt"
	"strings"
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
	pos, err := fs.parse(args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("unexpected argument %q: the text is read from stdin", pos[0])
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
	w := bufio.NewWriter(env.stdout)
	lines := strings.Split(strings.TrimSuffix(string(text), "\n"), "\n")
	var cutTime time.Duration
	for _, line := range lines {
		if err := ctx.Err(); err != nil {
			return err
		}
		t0 := time.Now()
		toks := seg.Tokens(strings.TrimSuffix(line, "\r"), search)
		cutTime += time.Since(t0)
		first := true
		for _, t := range toks {
			if !nlp.IsWord(t.Text) {
				continue
			}
			if !first {
				w.WriteByte(' ')
			}
			w.WriteString(t.Text)
			first = false
		}
		w.WriteByte('\n')
	}
	if err := w.Flush(); err != nil {
		return err
	}
	if *bench {
		mb := float64(len(text)) / 1e6
		fmt.Fprintf(env.stderr, "zhifa segment --mode %s: %.2f MB in %.3f s = %.2f MB/s\n", *mode, mb, cutTime.Seconds(), mb/cutTime.Seconds())
	}
	return nil
}
