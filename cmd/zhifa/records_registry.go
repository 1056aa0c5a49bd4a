package main

import (
	"context"
	"fmt"
	"os"
	"strings"

	"zhifa/records"
)

func init() {
	register(&command{name: "registry", summary: "import/export agencies, officers and power items as JSON or CSV: zhifa registry import|export", run: runRegistry})
}

func runRegistry(ctx context.Context, env *cmdEnv, args []string) error {
	if len(args) == 0 || (args[0] != "import" && args[0] != "export") {
		return usagef("usage: zhifa registry import FILE [--kind agencies|officers|power-items] | zhifa registry export [--kind K] [--format json|csv] [-o FILE]")
	}
	sub := args[0]
	fs := newFlagSet("registry " + sub)
	kind := fs.String("kind", "", "agencies, officers or power-items (required for CSV)")
	format := fs.String("format", "", "json or csv (default: from the file extension, else json)")
	out := fs.String("o", "", "output file (export; default stdout)")
	actor := actorFlag(fs)
	pos, err := fs.parse(args[1:])
	if err != nil {
		return err
	}
	s, err := openRecords(ctx, fs)
	if err != nil {
		return err
	}
	defer s.Close()
	if sub == "import" {
		if len(pos) != 1 {
			return usagef("usage: zhifa registry import FILE (use - for stdin)")
		}
		var data []byte
		if pos[0] == "-" {
			data, err = readAllStdin(env, 64<<20)
		} else {
			data, err = os.ReadFile(pos[0])
		}
		if err != nil {
			return err
		}
		f := *format
		if f == "" {
			f = "json"
			if strings.HasSuffix(strings.ToLower(pos[0]), ".csv") {
				f = "csv"
			}
		}
		var reg records.Registry
		switch f {
		case "json":
			reg, err = records.ReadRegistryJSON(data)
		case "csv":
			if *kind == "" {
				return usagef("--kind agencies|officers|power-items is required for CSV")
			}
			reg, err = records.ReadCSV(data, *kind)
		default:
			return usagef("--format must be json or csv, not %q", f)
		}
		if err != nil {
			return recordsErr(err)
		}
		n, err := s.ImportRegistry(ctx, reg, *actor)
		if err != nil {
			return recordsErr(err)
		}
		return writeJSON(env.stdout, map[string]int{"imported": n})
	}
	if len(pos) > 0 {
		return usagef("unexpected argument %q", pos[0])
	}
	reg, err := s.ExportRegistry(ctx)
	if err != nil {
		return err
	}
	w := env.stdout
	if *out != "" {
		f, err := os.Create(*out)
		if err != nil {
			return err
		}
		defer f.Close()
		w = f
	}
	f := *format
	if f == "" {
		f = "json"
		if strings.HasSuffix(strings.ToLower(*out), ".csv") {
			f = "csv"
		}
	}
	switch f {
	case "json":
		return writeJSON(w, reg)
	case "csv":
		if *kind == "" {
			return usagef("--kind agencies|officers|power-items is required for CSV")
		}
		return recordsErr(records.WriteCSV(w, *kind, reg))
	}
	return fmt.Errorf("%w", usagef("--format must be json or csv, not %q", f))
}
