package main

import (
	"context"

	"zhifa/corpora"
)

func init() {
	register(&command{name: "cite", summary: "check the law citations in the text on stdin and print their texts [--date YYYY-MM-DD: the versions in force then]", run: runCite})
}

// citeLimit bounds the text read from stdin.
const citeLimit = 8 << 20

func runCite(ctx context.Context, env *cmdEnv, args []string) error {
	fs := newFlagSet("cite")
	dateFlag := fs.String("date", "", "act date YYYY-MM-DD: resolve each citation against the version in force then")
	pos, err := fs.parse(args)
	if err != nil {
		return err
	}
	date, err := flagDate(*dateFlag)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("unexpected argument %q: the text is read from stdin", pos[0])
	}
	dir, err := fs.dataDir()
	if err != nil {
		return err
	}
	text, err := readAllStdin(env, citeLimit)
	if err != nil {
		return err
	}
	c, err := corpora.Load(dir)
	if err != nil {
		return err
	}
	return writeJSON(env.stdout, citeResult(c, string(text), date))
}

// citeOutput is the contract of `zhifa cite` and POST /api/v1/nlp/cite.
type citeOutput struct {
	Citations []corpora.Resolution `json:"citations"`
}

func citeResult(c *corpora.Corpus, text, date string) citeOutput {
	rs := c.ResolveTextAt(text, date)
	if rs == nil {
		rs = []corpora.Resolution{}
	}
	return citeOutput{Citations: rs}
}
