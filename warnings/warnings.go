// Package warnings gathers every deadline the system knows (预警) into one
// list. Each workflow registers a Source from its own package (review,
// disclosure, inspect, …); the rules behind each kind stay in rules, pure.
package warnings

import (
	"context"
	"fmt"
	"sort"
	"sync"
	"time"

	"zhifa/records"
	"zhifa/rules"
)

// Source lists the warnings of one area as of now.
type Source func(ctx context.Context, st *records.Store, now time.Time) ([]rules.Warning, error)

var (
	mu      sync.RWMutex
	sources = map[string]Source{}
)

// Register adds (or replaces) a named source; call it from init().
func Register(name string, s Source) {
	mu.Lock()
	defer mu.Unlock()
	sources[name] = s
}

// Filter narrows the list; empty fields match everything.
type Filter struct {
	AgencyID string
	Kind     string
	CaseID   string
}

// Collect runs every source and returns the warnings that match f, soonest due first.
func Collect(ctx context.Context, st *records.Store, now time.Time, f Filter) ([]rules.Warning, error) {
	mu.RLock()
	names := make([]string, 0, len(sources))
	for n := range sources {
		names = append(names, n)
	}
	mu.RUnlock()
	sort.Strings(names)
	out := []rules.Warning{}
	for _, n := range names {
		mu.RLock()
		s := sources[n]
		mu.RUnlock()
		ws, err := s(ctx, st, now)
		if err != nil {
			return nil, fmt.Errorf("warnings: %s: %w", n, err)
		}
		for _, w := range ws {
			if (f.AgencyID == "" || w.AgencyID == f.AgencyID) && (f.Kind == "" || w.Kind == f.Kind) && (f.CaseID == "" || w.CaseID == f.CaseID) {
				out = append(out, w)
			}
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Due != out[j].Due {
			return out[i].Due < out[j].Due
		}
		return out[i].CaseID < out[j].CaseID
	})
	return out, nil
}
