package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"time"

	"zhifa/inspect"
)

func init() {
	register(&command{name: "draw", summary: "双随机 draw of a plan (id or JSON file) from a seed; prints {plan, seed, lists_sha256, draws}", run: runDraw})
}

func runDraw(ctx context.Context, env *cmdEnv, args []string) error {
	fs := newFlagSet("draw")
	planArg := fs.String("plan", "", "plan id, or a JSON file holding a plan")
	seed := fs.String("seed", "", "the draw's seed; when absent an unpredictable one is made (crypto/rand) and recorded before the result")
	listsFile := fs.String("lists", "", "re-run from published lists (a JSON file: the \"lists\" of a recorded draw) without any store")
	actor := actorFlag(fs)
	pos, err := fs.parse(args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("unexpected argument %q", pos[0])
	}
	if *listsFile != "" {
		if *seed == "" {
			return usagef("--lists needs the published --seed")
		}
		var l inspect.Lists
		if err := readStrictJSON(*listsFile, &l); err != nil {
			return usagef("--lists: %v", err)
		}
		res, err := inspect.Draw(l, *seed)
		if err != nil {
			return recordsErr(err)
		}
		return writeJSON(env.stdout, res)
	}
	if *planArg == "" {
		return usagef("--plan ID|FILE is required")
	}
	s, err := openRecords(ctx, fs)
	if err != nil {
		return err
	}
	defer s.Close()
	var p inspect.Plan
	if st, err := os.Stat(*planArg); err == nil && !st.IsDir() {
		if err := readStrictJSON(*planArg, &p); err != nil {
			return usagef("--plan %s: %v", *planArg, err)
		}
	} else if p, err = inspect.GetPlan(ctx, s, *planArg); err != nil {
		return fmt.Errorf("--plan: %w", err)
	}
	res, err := inspect.Run(ctx, s, *actor, p, *seed, time.Now())
	if err != nil {
		return recordsErr(err)
	}
	return writeJSON(env.stdout, res)
}

// readStrictJSON decodes a file into v, refusing unknown fields.
func readStrictJSON(path string, v any) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return fmt.Errorf("%s", strings.TrimPrefix(err.Error(), "json: "))
	}
	return nil
}
