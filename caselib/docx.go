package caselib

import (
	"archive/zip"
	"encoding/xml"
	"fmt"
	"io"
	"strings"
)

// docxText reads the paragraphs of a .docx (word/document.xml), one per line.
func docxText(path string) (string, error) {
	zr, err := zip.OpenReader(path)
	if err != nil {
		return "", fmt.Errorf("docx: %w", err)
	}
	defer zr.Close()
	for _, f := range zr.File {
		if f.Name != "word/document.xml" {
			continue
		}
		rc, err := f.Open()
		if err != nil {
			return "", fmt.Errorf("docx: %w", err)
		}
		defer rc.Close()
		dec := xml.NewDecoder(io.LimitReader(rc, 64<<20))
		var b strings.Builder
		inText := false
		for {
			tok, err := dec.Token()
			if err == io.EOF {
				return b.String(), nil
			}
			if err != nil {
				return "", fmt.Errorf("docx: %w", err)
			}
			switch t := tok.(type) {
			case xml.StartElement:
				inText = t.Name.Local == "t"
			case xml.EndElement:
				if t.Name.Local == "p" {
					b.WriteByte('\n')
				}
				inText = false
			case xml.CharData:
				if inText {
					b.Write(t)
				}
			}
		}
	}
	return "", fmt.Errorf("docx: no word/document.xml")
}
