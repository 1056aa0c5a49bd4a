package main

import (
	"context"

	"zhifa/caselib"
	"zhifa/records"
)

func init() {
	registerCasesSub("sync", runCasesSync)
}

// runCasesSync: zhifa cases sync [CASE_ID...] --data DIR — decided cases from
// records join the library in 本机关案例, masked; idempotent.
func runCasesSync(ctx context.Context, env *cmdEnv, args []string) error {
	fs := newFlagSet("cases sync")
	pos, err := fs.parse(args)
	if err != nil {
		return err
	}
	dir, err := fs.dataDir()
	if err != nil {
		return err
	}
	res, err := syncLibraryDir(ctx, dir, pos...)
	if err != nil {
		return err
	}
	return writeJSON(env.stdout, res)
}

func syncLibraryDir(ctx context.Context, dir string, ids ...string) (caselib.SyncResult, error) {
	st, err := records.Open(ctx, dir)
	if err != nil {
		return caselib.SyncResult{}, err
	}
	defer st.Close()
	lib, err := caselib.OpenWriter(dir)
	if err != nil {
		return caselib.SyncResult{}, err
	}
	defer lib.Close()
	return caselib.SyncFromRecords(ctx, lib, st, ids...)
}
