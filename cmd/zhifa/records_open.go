package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"

	"zhifa/auth"
	"zhifa/records"
)

// serveDemo is set by serve --demo: load the demo bureau and its users.
var serveDemo bool

func init() {
	serveHooks = append(serveHooks, func(ctx context.Context, dataDir string) error {
		s, err := records.Open(ctx, dataDir)
		if err != nil {
			return err
		}
		defer s.Close()
		if serveDemo {
			ags, err := s.ListAgencies(ctx)
			if err != nil {
				return err
			}
			if len(ags) == 0 {
				if err := records.LoadDemo(ctx, s); err != nil {
					return err
				}
			}
			users, err := auth.LoadDemoUsers(ctx, s)
			if err != nil {
				return err
			}
			for _, u := range users {
				fmt.Fprintf(os.Stderr, "zhifa: demo user %-12s password %s (%s)\n", u.Login, u.Password, strings.Join(u.Roles, ","))
			}
		}
		ok, err := auth.HasAdmin(ctx, s)
		if err != nil {
			return err
		}
		if !ok {
			fmt.Fprintf(os.Stderr, "zhifa: no admin account yet: create one with  zhifa admin create --user NAME --data %s  (password on stdin)\n", dataDir)
		}
		return nil
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
