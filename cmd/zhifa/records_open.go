package main

import (
	"context"
	"errors"
	"fmt"
	"os"

	"zhifa/records"
)

func init() {
	// A fresh machine shows a populated system: load the demo bureau into an empty store.
	serveHooks = append(serveHooks, func(ctx context.Context, dataDir string) error {
		s, err := records.Open(ctx, dataDir)
		if err != nil {
			return err
		}
		defer s.Close()
		ags, err := s.ListAgencies(ctx)
		if err != nil || len(ags) > 0 {
			return err
		}
		return records.LoadDemo(ctx, s)
	})
}

// openRecords opens the store of the data directory given by --data.
func openRecords(ctx context.Context, fs *flagSet) (*records.Store, error) {
	dir, err := fs.dataDir()
	if err != nil {
		return nil, err
	}
	return records.Open(ctx, dir)
}

// recordsErr turns a field error into a usage-style message naming the field.
func recordsErr(err error) error {
	var fe *records.FieldError
	if errors.As(err, &fe) {
		return fmt.Errorf("invalid %s: %s", fe.Field, fe.Message)
	}
	return err
}

func actorFlag(fs *flagSet) *string {
	def := os.Getenv("USER")
	if def == "" {
		def = "cli"
	}
	return fs.String("actor", def, "who is acting (recorded in the access log and the audit chain)")
}
