package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"strings"

	"zhifa/caselib"
	"zhifa/search"
)

func init() {
	register(&command{name: "similar", summary: "similar cases from the case library for facts on stdin (or --batch QUERIES.jsonl)", run: runSimilar})
}

// runSimilar: zhifa similar [--collection NAME] [--only-file IDS] [--top N] [--batch Q.jsonl] [--plain] --data DIR
func runSimilar(ctx context.Context, env *cmdEnv, args []string) error {
	fs := newFlagSet("similar")
	coll := fs.String("collection", "", "rank only this collection")
	onlyFile := fs.String("only-file", "", "file of ids (one a line, or a JSON array): rank only those")
	top := fs.Int("top", 0, "how many cases (default 10; all of --only when not given)")
	batch := fs.String("batch", "", "JSONL of queries {\"id\",\"text\",\"only\":[ids]}: one JSON line out per query")
	plain := fs.Bool("plain", false, "BM25 alone, without the case structure (for comparison)")
	agency := fs.String("agency", "", "only cases of this agency")
	kind := fs.String("kind", "", "only cases of this kind")
	from := fs.String("from", "", "only cases dated on or after YYYY-MM-DD")
	to := fs.String("to", "", "only cases dated on or before YYYY-MM-DD")
	if _, err := fs.parse(args); err != nil {
		return err
	}
	if *top < 0 {
		return usagef("--top must be positive")
	}
	q := search.CaseQuery{Top: *top, Plain: *plain, Agency: *agency, Kind: *kind, From: *from, To: *to}
	if err := q.CheckDates(); err != nil {
		return usagef("--%v", err)
	}
	dir, err := fs.dataDir()
	if err != nil {
		return err
	}
	lib, err := caselib.Open(dir)
	if err != nil {
		return err
	}
	defer lib.Close()
	rk := lib.Ranker(*coll)
	if *batch != "" {
		return similarBatch(env, rk, *batch, q)
	}
	if *onlyFile != "" {
		ids, err := readIDFile(*onlyFile)
		if err != nil {
			return err
		}
		q.Only = ids
	}
	b, err := readAllStdin(env, 4<<20)
	if err != nil {
		return err
	}
	facts := strings.TrimSpace(string(b))
	if facts == "" {
		return usagef("facts expected on stdin")
	}
	hits := rk.Rank(facts, q)
	return writeJSON(env.stdout, struct {
		Cases []search.CaseHit `json:"cases"`
	}{hits})
}

func readIDFile(path string) ([]string, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("--only-file: %w", err)
	}
	b = bytes.TrimSpace(b)
	if len(b) > 0 && b[0] == '[' {
		var raw []json.RawMessage
		if err := json.Unmarshal(b, &raw); err != nil {
			return nil, usagef("--only-file %s: not a JSON array of ids: %v", path, err)
		}
		return rawIDs(raw)
	}
	ids := []string{}
	for _, ln := range strings.Split(string(b), "\n") {
		if s := strings.TrimSpace(ln); s != "" {
			ids = append(ids, s)
		}
	}
	return ids, nil
}

func rawIDs(raw []json.RawMessage) ([]string, error) {
	ids := make([]string, 0, len(raw))
	for _, r := range raw {
		id, err := caselib.IDString(r)
		if err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, nil
}

type batchAnswer struct {
	ID    string           `json:"id"`
	Cases []search.CaseHit `json:"cases"`
}

type similarQuery struct {
	ID   json.RawMessage   `json:"id"`
	Text string            `json:"text"`
	Only []json.RawMessage `json:"only"`
}

func similarBatch(env *cmdEnv, rk *search.CaseRanker, path string, base search.CaseQuery) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("--batch: %w", err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	w := bufio.NewWriter(env.stdout)
	defer w.Flush()
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	for n := 1; sc.Scan(); n++ {
		line := bytes.TrimSpace(sc.Bytes())
		if len(line) == 0 {
			continue
		}
		var q similarQuery
		if err := json.Unmarshal(line, &q); err != nil {
			fmt.Fprintf(env.stderr, "line %d: invalid JSON: %v (skipped)\n", n, err)
			continue
		}
		id, err := caselib.IDString(q.ID)
		if err != nil {
			fmt.Fprintf(env.stderr, "line %d: %v (skipped)\n", n, err)
			continue
		}
		cq := base
		if q.Only != nil {
			if cq.Only, err = rawIDs(q.Only); err != nil {
				fmt.Fprintf(env.stderr, "line %d: only: %v (skipped)\n", n, err)
				continue
			}
		}
		hits := rk.Rank(q.Text, cq)
		if err := enc.Encode(batchAnswer{ID: id, Cases: hits}); err != nil {
			return err
		}
	}
	return sc.Err()
}
