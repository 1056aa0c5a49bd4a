package main

import (
	"context"

	"zhifa/corpora"
)

func init() {
	register(&command{name: "ingest", summary: "add law files: zhifa ingest --laws DIR (validated, copied into DATA/laws, index rebuilt)", run: runIngest})
}

type ingestedLaw struct {
	File     string `json:"file"`
	Law      string `json:"law"`
	Articles int    `json:"articles"`
	Status   string `json:"status"`
}

func runIngest(ctx context.Context, env *cmdEnv, args []string) error {
	fs := newFlagSet("ingest")
	lawsDir := fs.String("laws", "", "directory of law files (# 标题, history, <!-- INFO END -->, 第X条 …)")
	pos, err := fs.parse(args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("unexpected argument %q", pos[0])
	}
	if *lawsDir == "" {
		return usagef("--laws: missing; usage: zhifa ingest --laws DIR [--data DIR]")
	}
	dir, err := fs.dataDir()
	if err != nil {
		return err
	}
	laws, err := corpora.IngestLaws(*lawsDir, dir)
	if err != nil {
		return err
	}
	c, ix, err := openLaws(dir) // rebuilds the index with the new laws
	if err != nil {
		return err
	}
	defer ix.Close()
	out := struct {
		Ingested []ingestedLaw `json:"ingested"`
		Laws     int           `json:"laws"`
	}{Laws: len(c.Laws())}
	for _, l := range laws {
		out.Ingested = append(out.Ingested, ingestedLaw{File: l.File, Law: l.Name, Articles: len(l.Articles), Status: l.Status})
	}
	return writeJSON(env.stdout, out)
}
