package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"

	"zhifa/rules"
)

func init() {
	register(&command{name: "transfer", summary: "crime-transfer flags for a case (JSON on stdin)", run: runTransfer})
}

func runTransfer(ctx context.Context, env *cmdEnv, args []string) error {
	fs := newFlagSet("transfer")
	if _, err := fs.parse(args); err != nil {
		return err
	}
	in, err := readRulesInput(env)
	if err != nil {
		return err
	}
	res, err := rules.Transfer(in)
	if err != nil {
		return err
	}
	return writeJSON(env.stdout, res)
}

// readRulesInput decodes the suggest/transfer input from stdin, strictly.
func readRulesInput(env *cmdEnv) (rules.Input, error) {
	var in rules.Input
	b, err := readAllStdin(env, 4<<20)
	if err != nil {
		return in, err
	}
	if len(bytes.TrimSpace(b)) == 0 {
		return in, usagef("expected a JSON object on stdin")
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&in); err != nil {
		var te *json.UnmarshalTypeError
		var se *json.SyntaxError
		switch {
		case errors.As(err, &te):
			return in, fmt.Errorf("%s: expected %s, got JSON %s", te.Field, te.Type, te.Value)
		case errors.As(err, &se):
			return in, fmt.Errorf("malformed JSON at byte %d: %v", se.Offset, se)
		case errors.Is(err, io.ErrUnexpectedEOF):
			return in, fmt.Errorf("malformed JSON: unexpected end of input")
		}
		return in, fmt.Errorf("input: %v", err)
	}
	return in, nil
}
