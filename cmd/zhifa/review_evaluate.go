package main

import (
	"context"
	"fmt"
	"os"

	"zhifa/review"
)

func init() {
	register(&command{name: "evaluate", summary: "案卷评查: zhifa evaluate --case ID | --sample N --from DATE --to DATE --seed S [--xlsx FILE] [--standard FILE]", run: runEvaluate})
}

func runEvaluate(ctx context.Context, env *cmdEnv, args []string) error {
	fs := newFlagSet("evaluate")
	id := fs.String("case", "", "score one decided case")
	n := fs.Int("sample", 0, "score a seeded random sample of this many closed cases")
	from := fs.String("from", "", "sample: decisions from this date (YYYY-MM-DD)")
	to := fs.String("to", "", "sample: decisions up to this date (YYYY-MM-DD)")
	seed := fs.Uint64("seed", 0, "sample: the seed; the same seed and records give the same sample")
	xlsx := fs.String("xlsx", "", "sample: also write the per-agency report as XLSX here")
	stdFile := fs.String("standard", "", "a 案卷标准 file instead of the shipped one")
	actor := actorFlag(fs)
	st, err := openFor(ctx, fs, args)
	if err != nil {
		return err
	}
	defer st.Close()
	std := review.DefaultStandard()
	if *stdFile != "" {
		b, err := os.ReadFile(*stdFile)
		if err != nil {
			return fmt.Errorf("standard: %w", err)
		}
		if std, err = review.ParseStandard(*stdFile, b); err != nil {
			return err
		}
	}
	switch {
	case *id != "" && *n != 0:
		return usagef("--case or --sample, not both")
	case *id != "":
		ev, err := review.EvaluateCase(ctx, st, *id, *actor, std)
		if err != nil {
			return reviewErr(err)
		}
		return writeJSON(env.stdout, ev)
	case *n != 0:
		if *from == "" || *to == "" {
			return usagef("--sample needs --from and --to")
		}
		rep, err := review.Sample(ctx, st, *n, *from, *to, *seed, *actor, std)
		if err != nil {
			return reviewErr(err)
		}
		if *xlsx != "" {
			b, err := review.ReportXLSX(rep, std)
			if err != nil {
				return err
			}
			if err := os.WriteFile(*xlsx, b, 0o640); err != nil {
				return fmt.Errorf("--xlsx: %w", err)
			}
		}
		return writeJSON(env.stdout, rep)
	}
	return usagef("usage: zhifa evaluate --case ID | --sample N --from DATE --to DATE --seed S [--xlsx FILE]")
}
