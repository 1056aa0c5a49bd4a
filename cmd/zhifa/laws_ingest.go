package main

import (
	"context"
	"strings"

	"zhifa/corpora"
	"zhifa/internal/lawsync"
	"zhifa/records"
)

func init() {
	register(&command{name: "ingest", summary: "add law files or versions: zhifa ingest --laws DIR (validated, dates from the header lines, copied into DATA/laws and the records for the other nodes, index rebuilt); zhifa ingest --pack 浙江[,山东…]|all (a province's local regulations from the embedded law pack)", run: runIngest})
}

type ingestedLaw struct {
	File     string `json:"file"`
	Law      string `json:"law"`
	Articles int    `json:"articles"`
	Status   string `json:"status"`
	Version  string `json:"version"`  // the revision the text is: 2024-12-31 修正
	InForce  string `json:"in_force"` // the day it took effect
	Basis    string `json:"in_force_basis"`
}

func runIngest(ctx context.Context, env *cmdEnv, args []string) error {
	fs := newFlagSet("ingest")
	lawsDir := fs.String("laws", "", "directory of law files (# 标题, history, <!-- INFO END -->, 第X条 …)")
	pack := fs.String("pack", "", "provinces whose law packs to load, comma-separated (北京 上海 浙江 山东 河南 广东 重庆), or all")
	pos, err := fs.parse(args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("unexpected argument %q", pos[0])
	}
	if *lawsDir == "" && *pack == "" {
		return usagef("--laws: missing; usage: zhifa ingest --laws DIR | --pack PROVINCE[,…]|all [--data DIR]")
	}
	if *lawsDir != "" && *pack != "" {
		return usagef("--pack: give --laws or --pack, not both")
	}
	dir, err := fs.dataDir()
	if err != nil {
		return err
	}
	var packs []string
	var laws []*corpora.Law
	if *pack != "" {
		if packs, err = corpora.IngestPacks(dir, strings.Split(*pack, ",")); err != nil {
			return usagef("--pack: %v", err)
		}
	} else if laws, err = corpora.IngestLaws(*lawsDir, dir); err != nil {
		return err
	}
	c, ix, err := openLaws(dir) // rebuilds the index with the new laws
	if err != nil {
		return err
	}
	defer ix.Close()
	// into the records too: every node over the same database pulls them
	st, err := records.Open(ctx, dir)
	if err != nil {
		return err
	}
	defer st.Close()
	if _, err := lawsync.Publish(ctx, st, "ingest", dir); err != nil {
		return err
	}
	out := struct {
		Ingested []ingestedLaw `json:"ingested"`
		Laws     int           `json:"laws"`
		Packs    []string      `json:"packs,omitempty"` // the provinces whose packs the data directory loads
	}{Laws: len(c.Laws()), Packs: packs, Ingested: []ingestedLaw{}}
	for _, l := range laws {
		out.Ingested = append(out.Ingested, ingestedLaw{File: l.File, Law: l.Name, Articles: len(l.Articles), Status: l.Status, Version: l.VersionLabel(), InForce: l.InForce, Basis: l.InForceBasis})
	}
	return writeJSON(env.stdout, out)
}
