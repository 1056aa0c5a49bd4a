package main

import (
	"context"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"zhifa/nlp"
)

func init() {
	register(&command{name: "redact", summary: "mask natural persons' personal data in the text on stdin (--json adds the spans)", run: runRedact})
}

// redactOutput is the contract of `zhifa redact --json` and POST /api/v1/nlp/redact.
type redactOutput struct {
	Text  string     `json:"text"`
	Spans []nlp.Span `json:"spans"`
}

func runRedact(ctx context.Context, env *cmdEnv, args []string) error {
	fs := newFlagSet("redact")
	asJSON := fs.Bool("json", false, "print {\"text\", \"spans\"} instead of the masked text")
	var names []string
	fs.Func("name", "a natural person's name to mask wherever it occurs, even with no label (repeatable)", func(v string) error {
		v = strings.TrimSpace(v)
		if n := utf8.RuneCountInString(v); n < 2 || n > 6 {
			return fmt.Errorf("a name has 2 to 6 characters, got %q", v)
		}
		names = append(names, v)
		return nil
	})
	pos, err := fs.parse(args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("unexpected argument %q: the text is read from stdin", pos[0])
	}
	text, err := readAllStdin(env, nlpLimit)
	if err != nil {
		return err
	}
	r := nlp.NewRedactor()
	r.Know(names...)
	masked, spans := r.Redact(string(text))
	if *asJSON {
		return writeJSON(env.stdout, redactOutput{Text: masked, Spans: spans})
	}
	_, err = io.WriteString(env.stdout, masked)
	return err
}
