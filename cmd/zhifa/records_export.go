package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
)

func init() {
	register(&command{name: "export", summary: "write a self-contained, offline-verifiable case file: zhifa export --case ID -o FILE", run: runExport})
}

func runExport(ctx context.Context, env *cmdEnv, args []string) error {
	fs := newFlagSet("export")
	caseID := fs.String("case", "", "case id")
	out := fs.String("o", "", "output file (default stdout)")
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
	b, err := s.ExportCase(ctx, *caseID, *actor)
	if err != nil {
		return err
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
