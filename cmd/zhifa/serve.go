package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	_ "net/http/pprof" // only served with --pprof
	"os"
	"path/filepath"
	"runtime"
	"time"
	"zhifa/auth"
	"zhifa/disclosure"
	"zhifa/drafting"
	"zhifa/web"
)

func init() {
	register(&command{name: "serve", summary: "run the HTTP server (API under /api/v1)", run: runServe})
}

func runServe(ctx context.Context, env *cmdEnv, args []string) error {
	fs := newFlagSet("serve")
	addr := fs.String("addr", envOr("ZHIFA_ADDR", "127.0.0.1:8080"), "listen address ($ZHIFA_ADDR)")
	tdir := templatesFlag(fs)
	holidays := holidaysFlag(fs)
	redisURL := fs.String("redis", "", "Redis for sessions and login lockouts shared by several nodes, e.g. redis://127.0.0.1:6379/0 ($ZHIFA_REDIS_URL); empty keeps them in the records and on this node")
	pprofAddr := fs.String("pprof", "", "also serve Go's profiler (net/http/pprof) on this address, e.g. 127.0.0.1:6060; for measuring only, never on a public address")
	follow := fs.Duration("follow", envDuration("ZHIFA_FOLLOW_INTERVAL", 250*time.Millisecond), "how often this node reads the change streams of the shared store to keep its search indexes current ($ZHIFA_FOLLOW_INTERVAL)")
	fs.BoolVar(&serveDemo, "demo", false, "load the demo bureau and demo users (passwords printed at start); for trying zhifa on a throwaway --data directory")
	if _, err := fs.parse(args); err != nil {
		return err
	}
	tpl, err := loadTemplates(*tdir)
	if err != nil {
		return err
	}
	if *tdir != "" {
		slog.Info("agency templates", "dir", *tdir)
	}
	cal, err := loadCalendar(*holidays)
	if err != nil {
		return err
	}
	if *holidays != "" {
		slog.Info("holiday schedule", "file", *holidays)
	}
	dir, err := fs.dataDir()
	if err != nil {
		return err
	}
	// templates an admin uploaded (ui_admin_templates.go) when --templates names none
	if own := filepath.Join(dir, "templates"); *tdir == "" {
		if _, err := os.Stat(own); err == nil {
			if tpl, err = drafting.LoadDir(own); err != nil {
				return fmt.Errorf("templates in %s: %w", own, err)
			}
			slog.Info("agency templates", "dir", own)
		}
	}
	for _, hook := range serveHooks {
		if err := hook(ctx, dir); err != nil {
			return err
		}
	}
	if *redisURL == "" {
		*redisURL = os.Getenv("ZHIFA_REDIS_URL") // not the flag's default: --help would print its password
	}
	var rdb *auth.Redis
	if *redisURL != "" {
		// ZHIFA_REDIS_PREFIX lets several deployments (or tests) share one Redis
		if rdb, err = auth.OpenRedis(*redisURL, os.Getenv("ZHIFA_REDIS_PREFIX"), nil); err != nil {
			return fmt.Errorf("--redis: %w", err)
		}
		defer rdb.Close()
		pctx, cancel := context.WithTimeout(ctx, 2*time.Second)
		if err := rdb.Ping(pctx); err != nil {
			slog.Warn("redis not reachable at start; serving, with logins limited on this node until it is", "err", err.Error())
		} else {
			slog.Info("redis: sessions and login lockouts shared", "addr", rdb.Client.Options().Addr)
		}
		cancel()
	}
	disclosure.UseCalendar(cal) // decisions' disclosures are due on the same calendar
	srv := web.New(web.Options{DataDir: dir, Templates: tpl, Calendar: cal, Redis: rdb})
	go func() {
		// the whole pack's law index builds in the background on first start (/healthz law_index)
		if err := srv.StartLawIndex(); err != nil {
			slog.Error("law index", "err", err.Error())
		}
	}()
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", *addr, err)
	}
	slog.Info("zhifa serving", "addr", ln.Addr().String(), "data", dir)
	fmt.Fprintf(env.stderr, "zhifa: listening on http://%s (data %s)\n", ln.Addr(), dir)
	if !serveDemo {
		// a store without accounts: a one-time link creates the first admin
		tok, err := srv.OpenSetup(ctx)
		if err != nil {
			ln.Close()
			return err
		}
		if tok != "" {
			fmt.Fprintf(env.stderr, "zhifa: no users yet: create the first admin at http://%s/setup?token=%s (valid once, until this process ends)\n", ln.Addr(), tok)
		}
	}
	if *pprofAddr != "" {
		pl, err := net.Listen("tcp", *pprofAddr)
		if err != nil {
			ln.Close()
			return fmt.Errorf("--pprof: listen on %s: %w", *pprofAddr, err)
		}
		defer pl.Close()
		fmt.Fprintf(env.stderr, "zhifa: profiler on http://%s/debug/pprof/\n", pl.Addr())
		// the mutex and block profiles are empty unless sampled: one lock
		// contention event in 5, blocking events of 100 µs or more
		runtime.SetMutexProfileFraction(5)
		runtime.SetBlockProfileRate(100_000)
		go http.Serve(pl, nil) //nolint:errcheck // ends with the listener; net/http/pprof registers on the default mux
	}
	// the indexes follow the writes of every node over the same store; the
	// follower opens them (rebuilding a lost one) and catches up first
	fctx, stopFollow := context.WithCancel(ctx)
	followed := make(chan struct{})
	go func() { srv.FollowChanges(fctx, *follow); close(followed) }()
	defer func() { stopFollow(); <-followed }()
	errc := make(chan error, 1)
	go func() { errc <- srv.App.Listener(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	stopFollow()
	<-followed
	sctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := srv.Close(sctx); err != nil && !errors.Is(err, context.Canceled) {
		return err
	}
	return nil
}

// serveHooks run before the server starts (e.g. loading demo data into an empty store).
var serveHooks []func(ctx context.Context, dataDir string) error

// envDuration reads a duration ("250ms") from the environment, def when
// unset or unreadable.
func envDuration(name string, def time.Duration) time.Duration {
	if d, err := time.ParseDuration(os.Getenv(name)); err == nil && d > 0 {
		return d
	}
	return def
}

func envOr(name, def string) string {
	if v := os.Getenv(name); v != "" {
		return v
	}
	return def
}
