package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"strconv"
	"strings"
)

func init() {
	register(&command{name: "export", summary: "write a self-contained, offline-verifiable case file: zhifa export --case ID -o FILE [--since SIZE]", run: runExport})
}

func runExport(ctx context.Context, env *cmdEnv, args []string) error {
	fs := newFlagSet("export")
	caseID := fs.String("case", "", "case id")
	out := fs.String("o", "", "output file (default stdout)")
	since := fs.String("since", "", "checkpoint sizes (comma-separated) the bundle proves it extends, e.g. one published or held by the court")
	actor := actorFlag(fs)
	pos, err := fs.parse(args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("unexpected argument %q", pos[0])
	}
	if *caseID == "" {
		return usagef("--case ID is required")
	}
	s, err := openRecords(ctx, fs)
	if err != nil {
		return err
	}
	defer s.Close()
	var sizes []int64
	for _, f := range strings.Split(*since, ",") {
		if f = strings.TrimSpace(f); f == "" {
			continue
		}
		n, err := strconv.ParseInt(f, 10, 64)
		if err != nil || n < 1 {
			return usagef("--since: %q is not a checkpoint size", f)
		}
		sizes = append(sizes, n)
	}
	b, err := s.ExportCaseSince(ctx, *caseID, *actor, sizes)
	if err != nil {
		return recordsErr(err)
	}
	data, err := json.Marshal(b)
	if err != nil {
		return err
	}
	if *out == "" {
		_, err = env.stdout.Write(append(data, '\n'))
		return err
	}
	if err := os.WriteFile(*out, data, 0o640); err != nil {
		return fmt.Errorf("export: %w", err)
	}
	return nil
}
