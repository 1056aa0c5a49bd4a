package caselib

import (
	"encoding/xml"
	"fmt"
	"io"
	"strings"

	"zhifa/internal/safezip"
)

// docxText reads the paragraphs of a .docx (word/document.xml), one per line.
// The package is opened within safezip's limits, and the text stops at
// MaxTextBytes: a small upload must not stand for an unbounded text.
func docxText(b []byte) (string, error) {
	zr, err := safezip.NewReader(b)
	if err != nil {
		return "", fmt.Errorf("docx: %w", err)
	}
	f := zr.File("word/document.xml")
	if f == nil {
		return "", fmt.Errorf("docx: no word/document.xml")
	}
	rc, err := zr.Open(f)
	if err != nil {
		return "", fmt.Errorf("docx: %w", err)
	}
	defer rc.Close()
	dec := xml.NewDecoder(rc)
	var sb strings.Builder
	inText := false
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			return sb.String(), nil
		}
		if err != nil {
			return "", fmt.Errorf("docx: %w", err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			inText = t.Name.Local == "t"
		case xml.EndElement:
			if t.Name.Local == "p" {
				sb.WriteByte('\n')
			}
			inText = false
		case xml.CharData:
			if inText {
				sb.Write(t)
			}
		}
		if sb.Len() > MaxTextBytes {
			return "", fmt.Errorf("docx: the text is longer than %d bytes", MaxTextBytes)
		}
	}
}
