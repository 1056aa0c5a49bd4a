package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"zhifa/internal/jsonpath"

	"zhifa/records"
)

func init() {
	register(&command{name: "verify", summary: "re-check the audit chain and stored files (or a case bundle with --bundle FILE)", run: runVerify})
	register(&command{name: "pubkey", summary: "print the agency's Ed25519 audit public key (hex)", run: runPubkey})
}

func runVerify(ctx context.Context, env *cmdEnv, args []string) error {
	fs := newFlagSet("verify")
	bundle := fs.String("bundle", "", "verify this exported case file offline instead of the store")
	since := fs.String("since", "", "with --bundle: a checkpoint file (zhifa checkpoint output) held from before; the bundle must prove it extends it")
	trusted := fs.String("key", "", "with --bundle: the agency's public key (hex, or its key id) as published; comma-separated for several")
	pos, err := fs.parse(args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("unexpected argument %q", pos[0])
	}
	var r records.VerifyResult
	if *bundle != "" {
		data, err := os.ReadFile(*bundle)
		if err != nil {
			return fmt.Errorf("bundle: %w", err)
		}
		var b records.Bundle
		// the error names the JSON field (format: …), not a Go type
		if err := jsonpath.Decode(data, &b, false); err != nil {
			return fmt.Errorf("bundle %s is not a case file: %w", *bundle, err)
		}
		var keys []string
		for _, k := range strings.Split(*trusted, ",") {
			if k = strings.TrimSpace(k); k != "" {
				keys = append(keys, k)
			}
		}
		check := records.BundleCheck{TrustedKeys: keys}
		if *since != "" {
			raw, err := os.ReadFile(*since)
			if err != nil {
				return fmt.Errorf("since: %w", err)
			}
			var c records.Checkpoint
			if err := json.Unmarshal(raw, &c); err != nil || c.Root == "" {
				return fmt.Errorf("since: %s is not a checkpoint", *since)
			}
			check.Since = append(check.Since, c)
		}
		r = records.VerifyBundleWith(&b, check)
	} else {
		if *trusted != "" || *since != "" {
			return usagef("--key and --since go with --bundle")
		}
		s, err := openRecords(ctx, fs)
		if err != nil {
			return err
		}
		defer s.Close()
		r = s.Verify(ctx)
	}
	if err := writeJSON(env.stdout, r); err != nil {
		return err
	}
	if !r.OK {
		return fmt.Errorf("verification failed at entry %d (%s %s): %s", r.FirstBad, r.Entity, r.EntityID, r.Reason)
	}
	return nil
}

func runPubkey(ctx context.Context, env *cmdEnv, args []string) error {
	fs := newFlagSet("pubkey")
	if _, err := fs.parse(args); err != nil {
		return err
	}
	s, err := openRecords(ctx, fs)
	if err != nil {
		return err
	}
	defer s.Close()
	_, err = fmt.Fprintln(env.stdout, s.PublicKeyHex())
	return err
}
