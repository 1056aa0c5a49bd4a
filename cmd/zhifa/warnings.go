package main

import (
	"context"

	"zhifa/warnings"
)

func init() {
	register(&command{name: "warnings", summary: "every deadline the records know (预警), soonest first, as JSON", run: runWarnings})
}

func runWarnings(ctx context.Context, env *cmdEnv, args []string) error {
	fs := newFlagSet("warnings")
	agency := fs.String("agency", "", "only this agency's warnings")
	kind := fs.String("kind", "", "only warnings of this kind (decision_limit, service_limit, statement_period, hearing_period, transfer, limitation, annual_report, …)")
	asOf := fs.String("as-of", "", "compute as of this day (YYYY-MM-DD); default today")
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
	f, now, err := warnings.ParseRequest(ctx, s, *agency, *kind, *asOf)
	if err != nil {
		return recordsErr(err)
	}
	ws, err := warnings.Collect(ctx, s, now, f)
	if err != nil {
		return err
	}
	return writeJSON(env.stdout, ws)
}
