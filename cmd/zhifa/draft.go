package main

import (
	"context"
	"fmt"
	"os"
	"slices"
	"strings"

	"zhifa/drafting"
	"zhifa/web"
)

func init() {
	register(&command{name: "draft", summary: "draft a case document as DOCX (GB/T 9704)", run: runDraft})
}

// draftSummary is what `zhifa draft` prints.
type draftSummary struct {
	DocumentID string   `json:"document_id"`
	Kind       string   `json:"kind"`
	Number     string   `json:"number"`
	SHA256     string   `json:"sha256"`
	Size       int      `json:"size"`
	Output     string   `json:"output"`
	Warnings   []string `json:"warnings"`
}

func runDraft(ctx context.Context, env *cmdEnv, args []string) error {
	fs := newFlagSet("draft")
	kind := fs.String("kind", "", "document kind, e.g. 行政处罚决定书")
	caseID := fs.String("case", "", "case id (see zhifa cases list)")
	out := fs.String("o", "", "output .docx file")
	tdir := templatesFlag(fs)
	if _, err := fs.parse(args); err != nil {
		return err
	}
	if !slices.Contains(drafting.Kinds(), *kind) {
		return usagef("--kind: %q is not a document kind; kinds: %s", *kind, strings.Join(drafting.Kinds(), ", "))
	}
	if *caseID == "" {
		return usagef("--case is required")
	}
	if *out == "" {
		return usagef("-o is required")
	}
	tpl, err := loadTemplates(*tdir)
	if err != nil {
		return err
	}
	s, err := openRecords(ctx, fs)
	if err != nil {
		return err
	}
	defer s.Close()
	// the output is opened first: a 文号 allocated to a document nobody can
	// write would be a gap in the agency's numbering
	_, statErr := os.Stat(*out)
	f, err := os.OpenFile(*out, os.O_WRONLY|os.O_CREATE, 0o640)
	if err != nil {
		return fmt.Errorf("-o: %w", err)
	}
	r, err := web.DraftDocumentWith(ctx, s, tpl, *caseID, *kind, "zhifa draft")
	if err != nil {
		f.Close()
		if statErr != nil { // created here: leave nothing behind
			os.Remove(*out)
		}
		return recordsErr(err)
	}
	if err := f.Truncate(0); err != nil {
		f.Close()
		return fmt.Errorf("-o: %w", err)
	}
	if _, err := f.Write(r.Content); err != nil {
		f.Close()
		return fmt.Errorf("-o: %w", err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("-o: %w", err)
	}
	return writeJSON(env.stdout, draftSummary{DocumentID: r.DocumentID, Kind: r.Kind, Number: r.Number, SHA256: r.SHA256, Size: r.Size, Output: *out, Warnings: r.Warnings})
}

// templatesFlag adds --templates (default $ZHIFA_TEMPLATES): an agency's template directory.
func templatesFlag(fs *flagSet) *string {
	return fs.String("templates", os.Getenv("ZHIFA_TEMPLATES"), "agency template directory laid over the built-in templates ($ZHIFA_TEMPLATES)")
}

// loadTemplates loads dir over the embedded templates; "" is the embedded ones. A directory
// that does not check out is bad input naming the file (and line).
func loadTemplates(dir string) (*drafting.Templates, error) {
	if dir == "" {
		return drafting.Embedded(), nil
	}
	t, err := drafting.LoadDir(dir)
	if err != nil {
		return nil, usagef("--templates: %v", err)
	}
	return t, nil
}
