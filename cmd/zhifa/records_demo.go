package main

import (
	"context"

	"zhifa/auth"
	"zhifa/records"
)

func init() {
	register(&command{name: "demo", summary: "load the synthetic demo county market-supervision bureau (idempotent)", run: runDemo})
}

func runDemo(ctx context.Context, env *cmdEnv, args []string) error {
	fs := newFlagSet("demo")
	pos, err := fs.parse(args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("unexpected argument %q", pos[0])
	}
	s, err := openRecords(ctx, fs)
	if err != nil {
		return err
	}
	defer s.Close()
	if err := records.LoadDemo(ctx, s); err != nil {
		return err
	}
	users, err := auth.LoadDemoUsers(ctx, s)
	if err != nil {
		return err
	}
	cases, err := s.ListCases(ctx)
	if err != nil {
		return err
	}
	return writeJSON(env.stdout, map[string]any{"agency_id": records.DemoAgencyID, "cases": len(cases), "users": users, "note": records.DemoNote})
}
