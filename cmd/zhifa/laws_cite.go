package main

import (
	"context"

	"zhifa/corpora"
)

func init() {
	register(&command{name: "cite", summary: "check the law citations in the text on stdin and print their texts", run: runCite})
}

// citeLimit bounds the text read from stdin.
const citeLimit = 8 << 20

func runCite(ctx context.Context, env *cmdEnv, args []string) error {
	fs := newFlagSet("cite")
	pos, err := fs.parse(args)
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
	return writeJSON(env.stdout, citeResult(c, string(text)))
}

// citeOutput is the contract of `zhifa cite` and POST /api/v1/nlp/cite.
type citeOutput struct {
	Citations []corpora.Resolution `json:"citations"`
}

func citeResult(c *corpora.Corpus, text string) citeOutput {
	rs := c.ResolveText(text)
	if rs == nil {
		rs = []corpora.Resolution{}
	}
	return citeOutput{Citations: rs}
}
