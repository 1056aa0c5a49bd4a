package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// flagSet is a flag.FlagSet that always has --data and accepts flags after
// positional arguments (`zhifa search 首违不罚 --top 5`).
type flagSet struct {
	*flag.FlagSet
	data *string
}

func newFlagSet(name string) *flagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	return &flagSet{FlagSet: fs, data: fs.String("data", "", "data directory (default $ZHIFA_DATA or a per-user directory)")}
}

// parse parses flags anywhere among args and returns the positional arguments.
func (fs *flagSet) parse(args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.FlagSet.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, usagef("flags:\n%s", fs.defaults())
			}
			return nil, usagef("%v", err)
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return pos, nil
		}
		if rest[0] == "--" {
			return append(pos, rest[1:]...), nil
		}
		pos = append(pos, rest[0])
		args = rest[1:]
	}
}

func (fs *flagSet) defaults() string {
	var b = new(stringsBuilder)
	fs.FlagSet.SetOutput(b)
	fs.FlagSet.PrintDefaults()
	fs.FlagSet.SetOutput(io.Discard)
	return b.String()
}

type stringsBuilder struct{ b []byte }

func (s *stringsBuilder) Write(p []byte) (int, error) { s.b = append(s.b, p...); return len(p), nil }
func (s *stringsBuilder) String() string              { return string(s.b) }

// dataDir returns the data directory, creating it: --data, then $ZHIFA_DATA,
// then a per-user directory, so tests and instances never share state by accident.
func (fs *flagSet) dataDir() (string, error) {
	dir := *fs.data
	if dir == "" {
		dir = os.Getenv("ZHIFA_DATA")
	}
	if dir == "" {
		base := os.Getenv("XDG_DATA_HOME")
		if base == "" {
			home, err := os.UserHomeDir()
			if err != nil {
				return "", fmt.Errorf("no --data given and no home directory: %w", err)
			}
			base = filepath.Join(home, ".local", "share")
		}
		dir = filepath.Join(base, "zhifa")
	}
	if err := os.MkdirAll(dir, 0o750); err != nil {
		return "", fmt.Errorf("data directory %s: %w", dir, err)
	}
	return dir, nil
}

// writeJSON writes v as indented JSON with Chinese left unescaped.
func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// readAllStdin reads the whole of stdin, refusing absurd sizes.
func readAllStdin(env *cmdEnv, limit int64) ([]byte, error) {
	b, err := io.ReadAll(io.LimitReader(env.stdin, limit+1))
	if err != nil {
		return nil, fmt.Errorf("reading stdin: %w", err)
	}
	if int64(len(b)) > limit {
		return nil, usagef("stdin is larger than %d bytes", limit)
	}
	return b, nil
}
