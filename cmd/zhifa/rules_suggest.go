package main

import (
	"context"
	"fmt"
	"os"

	"zhifa/corpora"
	"zhifa/rules"
)

func init() {
	register(&command{name: "suggest", summary: "discretion suggestion for a case (JSON on stdin)", run: runSuggest})
}

func runSuggest(ctx context.Context, env *cmdEnv, args []string) error {
	fs := newFlagSet("suggest")
	bench := fs.String("benchmark", "", "an agency's own benchmark file (JSON), used ahead of the embedded ones")
	if _, err := fs.parse(args); err != nil {
		return err
	}
	if *bench != "" {
		b, err := os.ReadFile(*bench)
		if err != nil {
			return fmt.Errorf("benchmark file: %w", err)
		}
		if _, err := rules.UseBenchmarkFile(*bench, b); err != nil {
			return err
		}
	}
	dir, err := fs.dataDir()
	if err != nil {
		return err
	}
	in, err := readRulesInput(env)
	if err != nil {
		return err
	}
	c, err := corpora.Load(dir) // the embedded laws and those ingested
	if err != nil {
		return err
	}
	s, err := rules.SuggestIn(c, in)
	if err != nil {
		return err
	}
	return writeJSON(env.stdout, s)
}
