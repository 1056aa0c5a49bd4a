// Command portal-load fills a data directory with N synthetic published
// decisions (internal/portalgen) and their 50 synthetic agencies, written
// through records like any disclosure, so that `zhifa serve` on it shows
// them on the portal. With -cases it also writes the same decisions as a
// case-library JSONL file for `zhifa cases import` (similar-case lookups).
//
//	go run -tags ne ./bench/portal/load -data DIR [-n 100000] [-cases FILE.jsonl]
package main

import (
	"bufio"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"log"
	"os"
	"time"

	"zhifa/disclosure"
	"zhifa/internal/portalgen"
	"zhifa/records"
)

const actor = "synthetic-load"

func main() {
	dir := flag.String("data", "", "data directory (required)")
	n := flag.Int("n", 100000, "decisions")
	cases := flag.String("cases", "", "also write the decisions as case-library JSONL to this file")
	seed := flag.Uint64("seed", 20261201, "generator seed (the benchmark's by default)")
	flag.Parse()
	if *dir == "" {
		log.Fatal("-data: is required")
	}
	ctx := context.Background()
	st, err := records.Open(ctx, *dir)
	if err != nil {
		log.Fatal(err)
	}
	defer st.Close()
	t0 := time.Now()
	for _, a := range portalgen.Agencies() {
		if _, err := st.PutAgency(ctx, records.Agency{ID: a.ID, Name: a.Name, Level: "县", Region: "示例省"}, actor); err != nil {
			log.Fatal(err)
		}
	}
	ds := portalgen.Generate(*n, *seed)
	if *cases != "" {
		if err := writeCases(*cases, ds); err != nil {
			log.Fatal(err)
		}
	}
	const batch = 1000
	for i := 0; i < len(ds); i += batch {
		var ws []records.ObjectWrite
		for _, g := range ds[i:min(i+batch, len(ds))] {
			at, _ := time.Parse("2006-01-02", g.Date)
			d := disclosure.Disclosure{ID: g.ID, CaseID: "synthetic-" + g.ID, AgencyID: g.AgencyID, Kind: g.Kind,
				DecidedOn: g.Date, DueOn: g.Date, Status: disclosure.StatusPublished, PublishedOn: g.Date, PublishedBy: actor,
				ExpiresOn: g.Expires, CreatedAt: at,
				Versions: []disclosure.Version{{N: 1, Text: g.Text(), Actor: actor, At: at, Summary: disclosure.Summary{
					Agency: g.Agency, Number: g.Number, Party: g.Party, CreditID: g.CreditID, Violation: g.Violation,
					Facts: g.Facts, Basis: g.Basis, Result: g.Result, Date: g.Date}}}}
			ws = append(ws, records.ObjectWrite{Kind: disclosure.Kind, ID: d.ID, CaseID: d.CaseID, Key: d.AgencyID, Action: "create", Value: d})
		}
		if err := st.PutObjects(ctx, actor, ws...); err != nil {
			log.Fatal(err)
		}
	}
	took := time.Since(t0)
	fmt.Printf("%d decisions, %d agencies in %.1f s (%.0f/s)\n", len(ds), len(portalgen.Agencies()), took.Seconds(), float64(len(ds))/took.Seconds())
}

// writeCases writes ds as case-library records (the fields caselib reads;
// titles say the decisions are synthetic).
func writeCases(path string, ds []portalgen.Decision) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	w := bufio.NewWriter(f)
	enc := json.NewEncoder(w)
	for _, d := range ds {
		rec := map[string]string{"id": d.ID, "title": d.Title() + "（合成）", "text": d.Text(), "agency": d.Agency, "date": d.Date, "kind": d.Kind}
		if err := enc.Encode(rec); err != nil {
			f.Close()
			return err
		}
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
