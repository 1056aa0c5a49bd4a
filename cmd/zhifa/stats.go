package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"

	"zhifa/stats"
)

func init() {
	register(&command{name: "stats", summary: "annual statistics (统计年报) of a year from the records, as JSON or XLSX", run: runStats})
}

func runStats(ctx context.Context, env *cmdEnv, args []string) error {
	fs := newFlagSet("stats")
	year := fs.Int("year", 0, "the year (required)")
	agency := fs.String("agency", "", "one agency only")
	format := fs.String("format", "json", "json or xlsx")
	out := fs.String("o", "", "write to this file instead of stdout")
	pos, err := fs.parse(args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("unexpected argument %q", pos[0])
	}
	if *year == 0 {
		return usagef("--year is required")
	}
	if *format != "json" && *format != "xlsx" {
		return usagef("--format %q: expected json or xlsx", *format)
	}
	var w io.Writer = env.stdout
	var f *os.File
	if *out != "" {
		if f, err = os.Create(*out); err != nil {
			return err
		}
		w = f
	}
	s, err := openRecords(ctx, fs)
	if err != nil {
		return closeRemove(f, err)
	}
	defer s.Close()
	rep, err := stats.Year(ctx, s, *year, *agency)
	if err != nil {
		return closeRemove(f, recordsErr(err))
	}
	var buf bytes.Buffer
	if *format == "xlsx" {
		err = stats.WriteXLSX(&buf, rep)
	} else {
		err = writeJSON(&buf, rep)
	}
	if err == nil {
		_, err = w.Write(buf.Bytes())
	}
	if f != nil {
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			os.Remove(*out)
		} else {
			return writeJSON(env.stdout, map[string]any{"year": rep.Year, "format": *format, "output": *out, "bytes": buf.Len()})
		}
	}
	if err != nil {
		return fmt.Errorf("stats: %w", err)
	}
	return nil
}

// closeRemove drops a half-made output file.
func closeRemove(f *os.File, err error) error {
	if f != nil {
		f.Close()
		os.Remove(f.Name())
	}
	return err
}
