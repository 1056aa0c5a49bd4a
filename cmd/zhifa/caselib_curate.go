package main

import (
	"context"
	"errors"

	"zhifa/caselib"
)

// Curation of the trainers' case library: tags, annotations, the exemplary
// mark, collections and discussion threads.
func init() {
	registerCasesSub("tag", runCasesTag)
	registerCasesSub("annotate", runCasesAnnotate)
	registerCasesSub("exemplary", runCasesExemplary)
	registerCasesSub("collections", runCasesCollections)
	registerCasesSub("thread", runCasesThread)
	registerCasesSub("detail", runCasesDetail)
}

// runCasesDetail: zhifa cases detail ID --data DIR — a library case with its mark, annotations and threads.
func runCasesDetail(ctx context.Context, env *cmdEnv, args []string) error {
	fs := newFlagSet("cases detail")
	pos, err := fs.parse(args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("usage: zhifa cases detail ID --data DIR")
	}
	lib, err := openLibraryWriter(fs)
	if err != nil {
		return err
	}
	defer lib.Close()
	d, err := lib.Detail(ctx, pos[0])
	if err != nil {
		return libraryErr(err)
	}
	d.Case = d.Case.Public()
	return writeJSON(env.stdout, d)
}

// openLibraryWriter opens the library's database (without loading the cases).
func openLibraryWriter(fs *flagSet) (*caselib.Library, error) {
	dir, err := fs.dataDir()
	if err != nil {
		return nil, err
	}
	return caselib.OpenWriter(dir)
}

// libraryErr: bad input names its field (exit 2); an unknown case or thread is a failure (exit 1).
func libraryErr(err error) error {
	var fe *caselib.FieldError
	if errors.As(err, &fe) {
		name := "--" + fe.Field
		if fe.Field == "tags" {
			name = "TAG" // the tags are the positional arguments
		}
		return usagef("invalid %s: %s", name, fe.Message)
	}
	return err
}

// runCasesTag: zhifa cases tag ID TAG... [--remove] --data DIR
func runCasesTag(ctx context.Context, env *cmdEnv, args []string) error {
	fs := newFlagSet("cases tag")
	remove := fs.Bool("remove", false, "remove the tags instead of adding them")
	pos, err := fs.parse(args)
	if err != nil {
		return err
	}
	if len(pos) < 2 {
		return usagef("usage: zhifa cases tag ID TAG... [--remove] --data DIR")
	}
	lib, err := openLibraryWriter(fs)
	if err != nil {
		return err
	}
	defer lib.Close()
	var tags []string
	if *remove {
		tags, err = lib.RemoveTags(ctx, pos[0], pos[1:]...)
	} else {
		tags, err = lib.AddTags(ctx, pos[0], pos[1:]...)
	}
	if err != nil {
		return libraryErr(err)
	}
	return writeJSON(env.stdout, map[string]any{"id": pos[0], "tags": tags})
}

// runCasesAnnotate: zhifa cases annotate ID --author A --role R --text T [--quote Q] --data DIR
func runCasesAnnotate(ctx context.Context, env *cmdEnv, args []string) error {
	fs := newFlagSet("cases annotate")
	author := fs.String("author", "", "who writes the note")
	role := fs.String("role", "trainer", "officer, reviewer or trainer")
	text := fs.String("text", "", "the note")
	quote := fs.String("quote", "", "the passage of the case's text the note is about")
	pos, err := fs.parse(args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("usage: zhifa cases annotate ID --author A --role R --text T [--quote Q] --data DIR")
	}
	lib, err := openLibraryWriter(fs)
	if err != nil {
		return err
	}
	defer lib.Close()
	a, err := lib.Annotate(ctx, pos[0], caselib.Annotation{Author: *author, Role: *role, Text: *text, Quote: *quote})
	if err != nil {
		return libraryErr(err)
	}
	return writeJSON(env.stdout, a)
}

// runCasesExemplary: zhifa cases exemplary ID [--clear] --by A --reason R --data DIR
func runCasesExemplary(ctx context.Context, env *cmdEnv, args []string) error {
	fs := newFlagSet("cases exemplary")
	clear := fs.Bool("clear", false, "clear the mark")
	by := fs.String("by", "", "who sets or clears the mark")
	reason := fs.String("reason", "", "why")
	pos, err := fs.parse(args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("usage: zhifa cases exemplary ID [--clear] --by A --reason R --data DIR")
	}
	lib, err := openLibraryWriter(fs)
	if err != nil {
		return err
	}
	defer lib.Close()
	m, err := lib.SetExemplary(ctx, pos[0], !*clear, *by, *reason)
	if err != nil {
		return libraryErr(err)
	}
	return writeJSON(env.stdout, m)
}

// runCasesCollections: zhifa cases collections --data DIR
func runCasesCollections(ctx context.Context, env *cmdEnv, args []string) error {
	fs := newFlagSet("cases collections")
	pos, err := fs.parse(args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("unexpected argument %q", pos[0])
	}
	lib, err := openLibraryWriter(fs)
	if err != nil {
		return err
	}
	defer lib.Close()
	cs, err := lib.Collections(ctx)
	if err != nil {
		return err
	}
	return writeJSON(env.stdout, map[string]any{"collections": cs})
}

const threadUsage = `usage: zhifa cases thread new CASE_ID --title T --author A --role R [--text FIRST_COMMENT] --data DIR
       zhifa cases thread comment THREAD_ID --author A --role R --text T --data DIR
       zhifa cases thread show THREAD_ID --data DIR
       zhifa cases thread list CASE_ID --data DIR`

// runCasesThread: discussion threads on hard cases (疑难案例网上探讨).
func runCasesThread(ctx context.Context, env *cmdEnv, args []string) error {
	if len(args) == 0 {
		return usagef("%s", threadUsage)
	}
	sub := args[0]
	fs := newFlagSet("cases thread " + sub)
	title := fs.String("title", "", "thread title")
	author := fs.String("author", "", "who writes")
	role := fs.String("role", "", "officer, reviewer or trainer")
	text := fs.String("text", "", "the comment")
	pos, err := fs.parse(args[1:])
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("%s", threadUsage)
	}
	switch sub {
	case "new", "comment", "show", "list":
	default:
		return usagef("unknown thread subcommand %q; expected new, comment, show or list", sub)
	}
	lib, err := openLibraryWriter(fs)
	if err != nil {
		return err
	}
	defer lib.Close()
	var v any
	switch sub {
	case "new":
		v, err = lib.NewThread(ctx, pos[0], *title, *author, *role, *text)
	case "comment":
		v, err = lib.Comment(ctx, pos[0], *author, *role, *text)
	case "show":
		v, err = lib.Thread(ctx, pos[0])
	case "list":
		if _, err = lib.Case(ctx, pos[0]); err == nil {
			var ts []caselib.Thread
			ts, err = lib.Threads(ctx, pos[0])
			v = map[string]any{"threads": ts}
		}
	}
	if err != nil {
		return libraryErr(err)
	}
	return writeJSON(env.stdout, v)
}
