package main

import (
	"bytes"
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

// runCasesExport: zhifa cases export [--collection NAME] [--format jsonl|docx] [-o FILE] --data DIR
// (JSONL, re-importable; or a DOCX training pack of the collection)
func runCasesExport(ctx context.Context, env *cmdEnv, args []string) error {
	fs := newFlagSet("cases export")
	coll := fs.String("collection", "", "collection to export (default all)")
	outPath := fs.String("o", "", "output file (default stdout)")
	format := fs.String("format", "jsonl", "jsonl (re-importable) or docx (training pack)")
	if _, err := fs.parse(args); err != nil {
		return err
	}
	if *format != "jsonl" && *format != "docx" {
		return usagef("--format: %q is not jsonl or docx", *format)
	}
	dir, err := fs.dataDir()
	if err != nil {
		return err
	}
	lib, err := caselib.OpenWriter(dir) // read from the database: no ranking terms to load
	if err != nil {
		return err
	}
	defer lib.Close()
	if *format == "docx" {
		return exportPack(ctx, env, lib, *coll, *outPath)
	}
	cs, _, err := lib.Find(ctx, caselib.Query{Collection: *coll})
	if err != nil {
		return err
	}
	if *coll != "" && len(cs) == 0 {
		return fmt.Errorf("export: collection %s not found", *coll) // as --format docx and the API say
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
	for _, c := range cs {
		if err := enc.Encode(c); err != nil {
			return fmt.Errorf("export: %w", err)
		}
	}
	return nil
}

// exportPack writes the DOCX training pack, to a temporary file renamed into
// place so a failed export leaves no half-written pack.
func exportPack(ctx context.Context, env *cmdEnv, lib *caselib.Library, coll, outPath string) error {
	var buf bytes.Buffer
	if err := lib.WritePack(ctx, &buf, coll); err != nil {
		if caselib.IsNotFound(err) {
			return fmt.Errorf("export: %w", err)
		}
		return err
	}
	if outPath == "" {
		_, err := env.stdout.Write(buf.Bytes())
		return err
	}
	tmp := outPath + ".tmp"
	if err := os.WriteFile(tmp, buf.Bytes(), 0o644); err != nil {
		return fmt.Errorf("-o: %w", err)
	}
	if err := os.Rename(tmp, outPath); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("-o: %w", err)
	}
	fmt.Fprintf(env.stderr, "wrote %s (%d bytes)\n", outPath, buf.Len())
	return nil
}
