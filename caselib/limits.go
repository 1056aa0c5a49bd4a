package caselib

import (
	"fmt"
	"io"
	"os"
)

// Bounds on one imported case. A decision's full text runs to tens of
// kilobytes; recognising and indexing it costs in proportion, so a text is
// bounded rather than trusted, and the short fields are bounded to what a
// page can show.
const (
	MaxTextBytes  = 1 << 20 // text
	MaxShortBytes = 1 << 10 // id, title, agency, date, kind, penalty_basis, outcome, collection, each tag
	MaxTags       = 100
	// maxLineBytes bounds one JSONL line (the text is escaped within it).
	maxLineBytes = 2*MaxTextBytes + 64<<10
	// maxDocxBytes bounds a .docx read from a folder before it is unpacked.
	maxDocxBytes = 16 << 20
)

// checkLengths names the first field of a case past its bound.
func checkLengths(id string, rc rawCase, collection string) error {
	if len(rc.Text) > MaxTextBytes {
		return fmt.Errorf("text is %d bytes; at most %d are accepted", len(rc.Text), MaxTextBytes)
	}
	for _, f := range []struct{ name, v string }{{"id", id}, {"title", rc.Title}, {"agency", rc.Agency},
		{"date", rc.Date}, {"kind", rc.Kind}, {"penalty_basis", rc.PenaltyBasis}, {"outcome", rc.Outcome}, {"collection", collection}} {
		if len(f.v) > MaxShortBytes {
			return fmt.Errorf("%s is %d bytes; at most %d are accepted", f.name, len(f.v), MaxShortBytes)
		}
	}
	if len(rc.Tags) > MaxTags {
		return fmt.Errorf("tags has %d entries; at most %d are accepted", len(rc.Tags), MaxTags)
	}
	for i, t := range rc.Tags {
		if len(t) > MaxShortBytes {
			return fmt.Errorf("tags[%d] is %d bytes; at most %d are accepted", i, len(t), MaxShortBytes)
		}
	}
	return nil
}

// readFileMax reads a file of at most max bytes.
func readFileMax(path string, max int64) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, max+1))
	if err != nil {
		return nil, err
	}
	if int64(len(b)) > max {
		return nil, fmt.Errorf("file is larger than %d bytes", max)
	}
	return b, nil
}
