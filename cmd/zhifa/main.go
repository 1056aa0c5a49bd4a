// Command zhifa is the one binary of zhifa: the server and every tool around it.
//
// Each subcommand lives in its own file and registers itself in init(), so
// areas of the product can be added without touching this file.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"sort"
	"syscall"
)

// command is one subcommand: `zhifa <name> [flags] [args]`.
type command struct {
	name    string
	summary string
	// run gets the arguments after the subcommand name. Returning a
	// *usageError prints the message and exits 2; any other error exits 1.
	run func(ctx context.Context, env *cmdEnv, args []string) error
}

// cmdEnv carries the process's streams so tests can drive commands in-process.
type cmdEnv struct {
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
}

var commands = map[string]*command{}

func register(c *command) {
	if _, dup := commands[c.name]; dup {
		panic("zhifa: command registered twice: " + c.name)
	}
	commands[c.name] = c
}

// usageError is a mistake in how the command was called.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

func usagef(format string, a ...any) error { return &usageError{fmt.Sprintf(format, a...)} }

func main() {
	slog.SetDefault(slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: logLevel()})))
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := runMain(ctx, &cmdEnv{stdin: os.Stdin, stdout: os.Stdout, stderr: os.Stderr}, os.Args[1:])
	stop()
	os.Exit(code)
}

func logLevel() slog.Level {
	if os.Getenv("ZHIFA_DEBUG") != "" {
		return slog.LevelDebug
	}
	return slog.LevelInfo
}

// runMain dispatches to a subcommand and turns its error into an exit code.
func runMain(ctx context.Context, env *cmdEnv, args []string) int {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		printUsage(env.stdout)
		return 0
	}
	c, ok := commands[args[0]]
	if !ok {
		fmt.Fprintf(env.stderr, "zhifa: unknown command %q (run `zhifa help`)\n", args[0])
		return 2
	}
	err := c.run(ctx, env, args[1:])
	if err == nil {
		return 0
	}
	var ue *usageError
	if errors.As(err, &ue) {
		fmt.Fprintf(env.stderr, "zhifa %s: %s\n", c.name, ue.msg)
		return 2
	}
	fmt.Fprintf(env.stderr, "zhifa %s: %v\n", c.name, err)
	return 1
}

func printUsage(w io.Writer) {
	fmt.Fprintln(w, "usage: zhifa <command> [--data DIR] [flags]")
	fmt.Fprintln(w, "\ncommands:")
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  %-10s %s\n", n, commands[n].summary)
	}
}
