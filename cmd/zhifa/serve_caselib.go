package main

import (
	"context"
	"log/slog"
)

// This file's name sorts after records_open.go on purpose: serve hooks run in
// init order, and the library sync must see the demo cases loaded there.
func init() {
	serveHooks = append(serveHooks, func(ctx context.Context, dataDir string) error {
		res, err := syncLibraryDir(ctx, dataDir)
		if err != nil {
			return err
		}
		slog.Info("case library synced from records", "added", res.Added, "updated", res.Updated, "unchanged", res.Unchanged)
		return nil
	})
}
