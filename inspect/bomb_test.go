package inspect

import (
	"errors"
	"strings"
	"testing"

	"zhifa/internal/safezip/ziptest"
)

// A workbook that inflates past the archive limits is refused naming the
// file, before excelize unpacks it (its own bound is gigabytes).
func TestXLSXBombRefused(t *testing.T) {
	for name, b := range map[string][]byte{
		"declared": ziptest.Bomb(60<<20, false),
		"lying":    ziptest.Bomb(40<<20, true),
		"entries":  ziptest.Archive(manyEntries(1001)),
	} {
		_, err := ReadTargets(b, FormatXLSX, "syn-ag")
		var ie *ImportError
		if !errors.As(err, &ie) || ie.Lines[0].Field != "file" || !strings.Contains(ie.Lines[0].Message, "not an acceptable XLSX") {
			t.Errorf("%s: %v, want the file refused by the archive limits", name, err)
		}
	}
}

func manyEntries(n int) map[string]string {
	m := map[string]string{}
	for i := 0; i < n; i++ {
		m["xl/worksheets/sheet"+strings.Repeat("x", i%50)+string(rune('a'+i/50))+".xml"] = "x"
	}
	return m
}
