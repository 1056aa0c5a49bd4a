package main

import (
	"context"

	"zhifa/corpora"
)

func init() {
	register(&command{name: "laws", summary: "list the laws with their versions and the date each text is current to; --stale: only those revised later than the text held", run: runLawList})
}

func runLawList(ctx context.Context, env *cmdEnv, args []string) error {
	fs := newFlagSet("laws")
	stale := fs.Bool("stale", false, "only laws revised later than the text held (laws/revisions.tsv)")
	pos, err := fs.parse(args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("unexpected argument %q; usage: zhifa laws [--stale] [--data DIR]", pos[0])
	}
	dir, err := fs.dataDir()
	if err != nil {
		return err
	}
	c, err := corpora.Load(dir)
	if err != nil {
		return err
	}
	return writeJSON(env.stdout, struct {
		Laws []corpora.LawSummary `json:"laws"`
	}{c.Summaries(*stale)})
}

// flagDate checks the --date flag (YYYY-MM-DD); "" means the current text.
func flagDate(v string) (string, error) {
	if v == "" {
		return "", nil
	}
	d, err := corpora.ParseDay(v)
	if err != nil {
		return "", usagef("--date: %v", err)
	}
	return d, nil
}
