package main

import (
	"context"

	"zhifa/caselib"
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
	res, err := syncLibrary(ctx, fs, pos...)
	if err != nil {
		return err
	}
	return writeJSON(env.stdout, res)
}

func syncLibrary(ctx context.Context, fs *flagSet, ids ...string) (caselib.SyncResult, error) {
	dir, err := fs.dataDir()
	if err != nil {
		return caselib.SyncResult{}, err
	}
	return syncLibraryDir(ctx, dir, ids...)
}

func syncLibraryDir(ctx context.Context, dir string, ids ...string) (caselib.SyncResult, error) {
	st, err := openRecordsDir(ctx, dir)
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
