package main

import (
	"context"
	"fmt"
	"strings"

	"zhifa/caselib"
	"zhifa/corpora"
	"zhifa/search"
	"zhifa/web"
)

func init() {
	register(&command{name: "normpush", summary: "articles an officer needs for the facts on stdin (执法规范精准推送)", run: runNormPush})
}

// runNormPush: zhifa normpush [--top N] [--fine AMOUNT] [--collection C] --data DIR < facts
func runNormPush(ctx context.Context, env *cmdEnv, args []string) error {
	fs := newFlagSet("normpush")
	top := fs.Int("top", 5, "substantive articles (violated and penalty provisions)")
	fine := fs.Float64("fine", 0, "proposed fine, if any (pushes the hearing and payment rules)")
	coll := fs.String("collection", "", "case library collection whose similar cases vote for articles")
	if _, err := fs.parse(args); err != nil {
		return err
	}
	if *top < 0 || *top > search.MaxTop {
		return usagef("--top must be between 0 and %d", search.MaxTop)
	}
	if *fine < 0 {
		return usagef("--fine must not be negative")
	}
	dir, err := fs.dataDir()
	if err != nil {
		return err
	}
	b, err := readAllStdin(env, 1<<20)
	if err != nil {
		return err
	}
	facts := strings.TrimSpace(string(b))
	if facts == "" {
		return usagef("facts expected on stdin")
	}
	ic := corpora.Default()
	if search.CoreLawIndexOnly() {
		ic = corpora.Core()
	}
	ix, err := search.OpenLawIndex(dir, ic)
	if err != nil {
		return fmt.Errorf("law index: %w", err)
	}
	defer ix.Close()
	q := search.NormQuery{Facts: facts, Top: *top, Fine: *fine, Benchmarks: web.NormBenchmarks, Obligations: web.NormObligations}
	lib, err := caselib.Open(dir)
	if err != nil {
		return err
	}
	defer lib.Close()
	if lib.Len() > 0 {
		q.Cases = lib.Ranker(*coll)
	}
	norms, err := search.PushNorms(ix, q)
	if err != nil {
		return err
	}
	return writeJSON(env.stdout, map[string]any{"norms": norms})
}
