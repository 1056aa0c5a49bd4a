package records

import (
	"bytes"
	"errors"
	"regexp"
	"strings"

	"zhifa/internal/safezip"
)

var tagRe = regexp.MustCompile(`<[^>]+>`)

// DocumentText is the text of a stored document: a DOCX's body, else the bytes as text.
func DocumentText(b []byte) string {
	if !bytes.HasPrefix(b, []byte("PK\x03\x04")) {
		return string(b)
	}
	zr, err := safezip.NewReader(b)
	if err != nil {
		if errors.Is(err, safezip.ErrLimit) {
			return "" // a stored bomb has no text worth reading
		}
		return string(b)
	}
	x, err := zr.ReadFile("word/document.xml")
	if err != nil {
		return ""
	}
	s := strings.ReplaceAll(string(x), "</w:p>", "\n")
	return tagRe.ReplaceAllString(s, "")
}
