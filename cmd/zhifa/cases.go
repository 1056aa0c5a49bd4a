package main

import (
	"context"
	"sort"
	"strings"
)

// `zhifa cases <sub>` groups the case commands: the records' cases (list, ...)
// and the trainers' case library (import, ...). Each area adds its own.
var casesSubs = map[string]func(ctx context.Context, env *cmdEnv, args []string) error{}

func registerCasesSub(name string, run func(ctx context.Context, env *cmdEnv, args []string) error) {
	if _, dup := casesSubs[name]; dup {
		panic("zhifa: cases subcommand registered twice: " + name)
	}
	casesSubs[name] = run
}

func init() {
	register(&command{name: "cases", summary: "cases: list, show, import, export … (zhifa cases <sub>)", run: runCases})
}

func runCases(ctx context.Context, env *cmdEnv, args []string) error {
	names := make([]string, 0, len(casesSubs))
	for n := range casesSubs {
		names = append(names, n)
	}
	sort.Strings(names)
	if len(args) == 0 {
		return usagef("which one? zhifa cases %s", strings.Join(names, "|"))
	}
	run, ok := casesSubs[args[0]]
	if !ok {
		return usagef("unknown subcommand %q; expected one of %s", args[0], strings.Join(names, ", "))
	}
	return run(ctx, env, args[1:])
}
