package main

import (
	"context"
	"errors"
	"fmt"

	"zhifa/web"
)

func init() { registerCasesSub("assist", runCasesAssist) }

// zhifa cases assist --case ID [--basis CITATION] [--decided YYYY-MM-DD] [--top N]:
// the suggestion, transfer check, pushed norms, similar cases and dispute
// points for a stored case, as POST /api/v1/cases/{id}/assist answers them.
func runCasesAssist(ctx context.Context, env *cmdEnv, args []string) error {
	fs := newFlagSet("cases assist")
	id := fs.String("case", "", "the stored case")
	basis := fs.String("basis", "", "penalty basis, when the case does not say it yet")
	decided := fs.String("decided", "", "decision date YYYY-MM-DD (benchmarks in force then)")
	top := fs.Int("top", 0, "similar cases and norms to list (0: the default)")
	actor := actorFlag(fs)
	pos, err := fs.parse(args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("unexpected argument %q", pos[0])
	}
	if err := need("case", *id); err != nil {
		return err
	}
	dir, err := fs.dataDir()
	if err != nil {
		return err
	}
	srv := web.New(web.Options{DataDir: dir})
	defer srv.Close(ctx)
	ans, err := srv.Assist(ctx, *id, *actor, web.AssistOptions{PenaltyBasis: *basis, DecisionDate: *decided, Top: *top})
	var ae *web.APIError
	if errors.As(err, &ae) {
		if ae.Field != "" {
			return fmt.Errorf("--%s: %s", ae.Field, ae.Message)
		}
		return errors.New(ae.Message)
	}
	if err != nil {
		return err
	}
	return writeJSON(env.stdout, ans)
}
