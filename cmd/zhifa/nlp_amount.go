package main

import (
	"context"

	"zhifa/nlp"
)

func init() {
	register(&command{name: "amount", summary: "print every money amount in the text on stdin, in yuan", run: runAmount})
}

// nlpLimit bounds the text the text tools read from stdin.
const nlpLimit = 64 << 20

// amountOutput is the contract of `zhifa amount` and POST /api/v1/nlp/amount.
type amountOutput struct {
	Amounts []nlp.Amount `json:"amounts"`
}

func runAmount(ctx context.Context, env *cmdEnv, args []string) error {
	fs := newFlagSet("amount")
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
	amounts := nlp.ExtractAmounts(string(text))
	if amounts == nil {
		amounts = []nlp.Amount{}
	}
	return writeJSON(env.stdout, amountOutput{Amounts: amounts})
}
