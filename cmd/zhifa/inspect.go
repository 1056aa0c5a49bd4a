package main

import (
	"context"
	"errors"
	"os"
	"path/filepath"

	"zhifa/disclosure"
	"zhifa/inspect"
)

func init() {
	register(&command{name: "inspect", summary: "双随机 registries and results: import targets|matters FILE, plan FILE, result", run: runInspect})
}

func runInspect(ctx context.Context, env *cmdEnv, args []string) error {
	if len(args) == 0 {
		return usagef("which one? zhifa inspect import|plan|result|publish")
	}
	switch args[0] {
	case "import":
		return runInspectImport(ctx, env, args[1:])
	case "plan":
		return runInspectPlan(ctx, env, args[1:])
	case "result":
		return runInspectResult(ctx, env, args[1:])
	case "publish":
		return runInspectPublish(ctx, env, args[1:])
	}
	return usagef("unknown subcommand %q; expected import, plan, result or publish", args[0])
}

// zhifa inspect import targets|matters FILE --agency ID (CSV UTF-8 or XLSX).
func runInspectImport(ctx context.Context, env *cmdEnv, args []string) error {
	fs := newFlagSet("inspect import")
	agency := fs.String("agency", "", "the agency the registry belongs to")
	actor := actorFlag(fs)
	pos, err := fs.parse(args)
	if err != nil {
		return err
	}
	if len(pos) != 2 || (pos[0] != "targets" && pos[0] != "matters") {
		return usagef("usage: zhifa inspect import targets|matters FILE --agency ID")
	}
	if *agency == "" {
		return usagef("--agency is required")
	}
	data, err := os.ReadFile(pos[1])
	if err != nil {
		return err
	}
	format := inspect.FormatOf(filepath.Base(pos[1]), data)
	s, err := openRecords(ctx, fs)
	if err != nil {
		return err
	}
	defer s.Close()
	var n int
	if pos[0] == "targets" {
		var ts []inspect.Target
		if ts, err = inspect.ReadTargets(data, format, *agency); err == nil {
			n, err = len(ts), inspect.PutTargets(ctx, s, *actor, ts)
		}
	} else {
		var ms []inspect.Matter
		if ms, err = inspect.ReadMatters(data, format, *agency); err == nil {
			n, err = len(ms), inspect.PutMatters(ctx, s, *actor, ms)
		}
	}
	var ie *inspect.ImportError
	if errors.As(err, &ie) {
		return errors.New(pos[1] + ": " + ie.Error())
	}
	if err != nil {
		return recordsErr(err)
	}
	return writeJSON(env.stdout, map[string]any{"imported": n, "agency": *agency, "kind": pos[0]})
}

// zhifa inspect plan FILE: store a plan (JSON).
func runInspectPlan(ctx context.Context, env *cmdEnv, args []string) error {
	fs := newFlagSet("inspect plan")
	actor := actorFlag(fs)
	pos, err := fs.parse(args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("usage: zhifa inspect plan FILE")
	}
	var p inspect.Plan
	if err := readStrictJSON(pos[0], &p); err != nil {
		return usagef("%s: %v", pos[0], err)
	}
	s, err := openRecords(ctx, fs)
	if err != nil {
		return err
	}
	defer s.Close()
	if p, err = inspect.PutPlan(ctx, s, *actor, p); err != nil {
		return recordsErr(err)
	}
	return writeJSON(env.stdout, p)
}

// zhifa inspect result --draw ID --target T --outcome O --date D [--case ID] [--note N].
func runInspectResult(ctx context.Context, env *cmdEnv, args []string) error {
	fs := newFlagSet("inspect result")
	var r inspect.InspectionResult
	fs.StringVar(&r.DrawID, "draw", "", "draw id (plan-xxxxxxxxxxxx)")
	fs.StringVar(&r.Target, "target", "", "drawn target id")
	fs.StringVar(&r.Outcome, "outcome", "", "no_problem|corrected|case_filed|transferred|unreachable, or its Chinese name")
	fs.StringVar(&r.Date, "date", "", "inspection date YYYY-MM-DD")
	fs.StringVar(&r.CaseID, "case", "", "the case opened (立案查处)")
	fs.StringVar(&r.Note, "note", "", "note")
	actor := actorFlag(fs)
	pos, err := fs.parse(args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("unexpected argument %q", pos[0])
	}
	if r.DrawID == "" {
		return usagef("--draw is required")
	}
	s, err := openRecords(ctx, fs)
	if err != nil {
		return err
	}
	defer s.Close()
	if r, err = inspect.RecordResult(ctx, s, *actor, r); err != nil {
		return recordsErr(err)
	}
	return writeJSON(env.stdout, r)
}

// zhifa inspect publish --draw ID: the draw and its results so far on the
// portal (随机抽查结果); again after more results, updated with the reason.
func runInspectPublish(ctx context.Context, env *cmdEnv, args []string) error {
	fs := newFlagSet("inspect publish")
	draw := fs.String("draw", "", "draw id (plan-xxxxxxxxxxxx)")
	actor := actorFlag(fs)
	pos, err := fs.parse(args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("unexpected argument %q", pos[0])
	}
	if *draw == "" {
		return usagef("--draw is required")
	}
	s, err := openRecords(ctx, fs)
	if err != nil {
		return err
	}
	defer s.Close()
	x, err := disclosure.PublishDraw(ctx, s, *draw, *actor)
	if err != nil {
		return recordsErr(err)
	}
	return writeJSON(env.stdout, x)
}
