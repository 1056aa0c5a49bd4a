package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"

	"zhifa/caselib"
)

func init() {
	registerCasesSub("export", runCasesExport)
}

// runCasesExport: zhifa cases export [--collection NAME] [-o FILE] --data DIR (JSONL, re-importable)
func runCasesExport(ctx context.Context, env *cmdEnv, args []string) error {
	fs := newFlagSet("cases export")
	coll := fs.String("collection", "", "collection to export (default all)")
	outPath := fs.String("o", "", "output file (default stdout)")
	if _, err := fs.parse(args); err != nil {
		return err
	}
	dir, err := fs.dataDir()
	if err != nil {
		return err
	}
	lib, err := caselib.Open(dir)
	if err != nil {
		return err
	}
	var w io.Writer = env.stdout
	if *outPath != "" {
		f, err := os.Create(*outPath)
		if err != nil {
			return fmt.Errorf("-o: %w", err)
		}
		defer f.Close()
		w = f
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	for _, c := range lib.Cases(*coll) {
		cc := *c
		cc.Terms = nil
		if err := enc.Encode(&cc); err != nil {
			return fmt.Errorf("export: %w", err)
		}
	}
	return nil
}
