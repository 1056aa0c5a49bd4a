package main

import (
	"context"
	"fmt"
	"time"

	"zhifa/caselib"
)

func init() {
	registerCasesSub("import", runCasesImport)
}

// runCasesImport: zhifa cases import FILE [--collection NAME] --data DIR
func runCasesImport(ctx context.Context, env *cmdEnv, args []string) error {
	fs := newFlagSet("cases import")
	coll := fs.String("collection", "", "collection to import into")
	pos, err := fs.parse(args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("usage: zhifa cases import FILE|FOLDER [--collection NAME] --data DIR")
	}
	dir, err := fs.dataDir()
	if err != nil {
		return err
	}
	// the cases already in the library need not be loaded: an import only adds and replaces
	lib, err := caselib.OpenWriter(dir)
	if err != nil {
		return err
	}
	defer lib.Close()
	prog := newImportProgress(env.stderr)
	res, err := lib.ImportFileWatch(pos[0], *coll, prog.update)
	prog.phase(fmt.Sprintf("read %d cases in %.1f s", res.Imported, time.Since(prog.start).Seconds()))
	for _, e := range res.Errors {
		fmt.Fprintf(env.stderr, "line %d: %s (skipped)\n", e.Line, e.Message)
	}
	if err != nil {
		return err
	}
	if res.Imported > 0 {
		fmt.Fprintf(env.stderr, "analysing %d cases\n", res.Imported)
		lib.Analyse()
		fmt.Fprintln(env.stderr, "saving")
		if err := lib.Save(); err != nil {
			return err
		}
		fmt.Fprintf(env.stderr, "done in %.1f s\n", time.Since(prog.start).Seconds())
	}
	if err := writeJSON(env.stdout, res); err != nil {
		return err
	}
	if res.Imported == 0 {
		return fmt.Errorf("nothing imported from %s", pos[0])
	}
	return nil
}
