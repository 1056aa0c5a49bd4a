package main

import (
	"context"

	"zhifa/records"
)

func init() {
	register(&command{name: "keys", summary: "the audit signing keys: zhifa keys list | zhifa keys rotate (new key, handed over in the chain)", run: runKeys})
	register(&command{name: "checkpoint", summary: "write and print a signed checkpoint (Merkle tree head) of the whole audit chain, for publishing", run: runCheckpoint})
}

func runKeys(ctx context.Context, env *cmdEnv, args []string) error {
	if len(args) == 0 || (args[0] != "list" && args[0] != "rotate") {
		return usagef("usage: zhifa keys list | zhifa keys rotate [--actor NAME]")
	}
	fs := newFlagSet("keys " + args[0])
	actor := actorFlag(fs)
	pos, err := fs.parse(args[1:])
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("unexpected argument %q", pos[0])
	}
	s, err := openRecords(ctx, fs)
	if err != nil {
		return err
	}
	defer s.Close()
	if args[0] == "rotate" {
		if _, err := s.RotateKey(ctx, *actor); err != nil {
			return err
		}
	}
	spans, err := s.KeySpans(ctx)
	if err != nil {
		return err
	}
	return writeJSON(env.stdout, map[string]any{"key_file": s.KeyPath(), "key_id": s.KeyID(), "keys": spans})
}

func runCheckpoint(ctx context.Context, env *cmdEnv, args []string) error {
	fs := newFlagSet("checkpoint")
	pos, err := fs.parse(args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("unexpected argument %q", pos[0])
	}
	s, err := openRecords(ctx, fs)
	if err != nil {
		return err
	}
	defer s.Close()
	c, err := s.Checkpoint(ctx)
	if err != nil {
		return err
	}
	return writeJSON(env.stdout, struct {
		records.Checkpoint
		PublicKey string `json:"public_key"`
	}{c, s.PublicKeyHex()})
}
