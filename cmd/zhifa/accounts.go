package main

import (
	"context"
	"fmt"
	"strings"

	"zhifa/auth"
)

func init() {
	register(&command{name: "admin", summary: "accounts: zhifa admin create --user NAME (password on stdin)", run: runAdmin})
	register(&command{name: "token", summary: "API tokens: zhifa token create|list|revoke --user NAME", run: runToken})
}

func runAdmin(ctx context.Context, env *cmdEnv, args []string) error {
	if len(args) == 0 || args[0] != "create" {
		return usagef("usage: zhifa admin create --user NAME [--role admin,…] [--agency ID] [--region R] [--officer ID] (password on stdin)")
	}
	fs := newFlagSet("admin create")
	login := fs.String("user", "", "the login name")
	roles := fs.String("role", auth.RoleAdmin, "roles, comma-separated: officer, reviewer, trainer, supervisor, admin")
	agency := fs.String("agency", "", "the user's agency (officers, reviewers)")
	region := fs.String("region", "", "a supervisor's region: agencies whose region starts with it")
	officer := fs.String("officer", "", "the officer record the user is (their cases' reads are not logged)")
	s, err := openFor(ctx, fs, args[1:])
	if err != nil {
		return err
	}
	defer s.Close()
	if *login == "" {
		return usagef("--user is required")
	}
	b, err := readAllStdin(env, 4096)
	if err != nil {
		return err
	}
	pw := strings.TrimRight(string(b), "\r\n")
	u, err := auth.CreateUser(ctx, s, *login, auth.User{Login: *login, Roles: strings.Split(*roles, ","), AgencyID: *agency, Region: *region, OfficerID: *officer}, pw)
	if err != nil {
		return reviewErr(err)
	}
	u.Hash = ""
	return writeJSON(env.stdout, u)
}

// zhifa token create --user NAME [--scope read|write] [--name LABEL]: the token is the last line.
func runToken(ctx context.Context, env *cmdEnv, args []string) error {
	if len(args) == 0 {
		return usagef("usage: zhifa token create|list|revoke …")
	}
	sub := args[0]
	fs := newFlagSet("token " + sub)
	login := fs.String("user", "", "the user the token acts as")
	scope := fs.String("scope", "write", "read or write")
	name := fs.String("name", "", "a label (which system uses it)")
	id := fs.String("id", "", "revoke: the token's id (from list) or the token itself")
	s, err := openFor(ctx, fs, args[1:])
	if err != nil {
		return err
	}
	defer s.Close()
	switch sub {
	case "create":
		if *login == "" {
			return usagef("--user is required")
		}
		secret, t, err := auth.CreateToken(ctx, s, "cli", *login, *scope, *name)
		if err != nil {
			return reviewErr(err)
		}
		fmt.Fprintf(env.stdout, "# token %s for %s (scope %s): send it as Authorization: Bearer <token>; it is shown only once\n%s\n", t.ID[:12], t.Login, t.Scope, secret)
		return nil
	case "list":
		if *login == "" {
			return usagef("--user is required")
		}
		ts, err := auth.ListTokens(ctx, s, *login)
		if err != nil {
			return err
		}
		return writeJSON(env.stdout, ts)
	case "revoke":
		if *id == "" {
			return usagef("--id is required")
		}
		if err := auth.Revoke(ctx, s, "cli", *id); err != nil {
			return err
		}
		return writeJSON(env.stdout, map[string]any{"revoked": *id})
	}
	return usagef("unknown subcommand %q; expected create, list or revoke", sub)
}
