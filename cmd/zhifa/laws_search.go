package main

import (
	"context"
	"errors"
	"strings"

	"zhifa/search"
)

func init() {
	register(&command{name: "search", summary: "search law articles: zhifa search \"<query>\" [--law NAME] [--status S] [--level L] [--province P] [--top N] [--date YYYY-MM-DD]", run: runSearch})
}

func runSearch(ctx context.Context, env *cmdEnv, args []string) error {
	fs := newFlagSet("search")
	law := fs.String("law", "", "only this law (official or short name)")
	status := fs.String("status", "", "only laws with this status, e.g. 现行有效")
	level := fs.String("level", "", "only texts of this level: 法律, 行政法规, 部门规章, 司法解释, 地方性法规")
	province := fs.String("province", "", "the national texts and this province's local regulations (浙江 …)")
	top := fs.Int("top", search.DefaultTop, "number of hits (1-100)")
	dateFlag := fs.String("date", "", "act date YYYY-MM-DD: each hit says whether its text is the version in force then")
	pos, err := fs.parse(args)
	if err != nil {
		return err
	}
	date, err := flagDate(*dateFlag)
	if err != nil {
		return err
	}
	q := strings.TrimSpace(strings.Join(pos, " "))
	if q == "" {
		return usagef("query: missing; usage: zhifa search \"<query>\" [--law NAME] [--status S] [--top N]")
	}
	if *top < 1 || *top > search.MaxTop {
		return usagef("--top: %d is out of range [1, %d]", *top, search.MaxTop)
	}
	dir, err := fs.dataDir()
	if err != nil {
		return err
	}
	c, ix, err := openLaws(dir)
	if err != nil {
		return err
	}
	defer ix.Close()
	hits, err := ix.Search(q, search.LawQuery{Law: *law, Status: *status, Level: *level, Province: *province, Top: *top})
	switch {
	case errors.Is(err, search.ErrUnknownLaw):
		return usagef("--law: %v", err)
	case errors.Is(err, search.ErrUnknownStatus):
		return usagef("--status: %v", err)
	case errors.Is(err, search.ErrUnknownLevel):
		return usagef("--level: %v", err)
	case errors.Is(err, search.ErrUnknownProv):
		return usagef("--province: %v", err)
	case errors.Is(err, search.ErrEmptyQuery):
		return usagef("query: nothing to search for in %q", q)
	case err != nil:
		return err
	}
	if date != "" {
		return writeJSON(env.stdout, struct {
			Hits []search.DatedHit `json:"hits"`
			Date string            `json:"date"`
		}{search.DateHits(c, hits, date), date})
	}
	return writeJSON(env.stdout, struct {
		Hits []search.LawHit `json:"hits"`
	}{hits})
}
