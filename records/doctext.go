package records

import (
	"archive/zip"
	"bytes"
	"io"
	"regexp"
	"strings"
)

var tagRe = regexp.MustCompile(`<[^>]+>`)

// DocumentText is the text of a stored document: a DOCX's body, else the bytes as text.
func DocumentText(b []byte) string {
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		return string(b)
	}
	for _, f := range zr.File {
		if f.Name != "word/document.xml" {
			continue
		}
		rc, err := f.Open()
		if err != nil {
			return ""
		}
		x, _ := io.ReadAll(io.LimitReader(rc, 32<<20))
		rc.Close()
		s := strings.ReplaceAll(string(x), "</w:p>", "\n")
		return tagRe.ReplaceAllString(s, "")
	}
	return ""
}
