package review

import (
	"io/fs"
	"testing"

	"zhifa/corpora"
)

// An agency's review catalog: any bytes parse or give a file:line error; never a panic.
func FuzzParseCatalog(f *testing.F) {
	if b, err := fs.ReadFile(corpora.FS, "review/county-plan-catalog.json"); err == nil {
		f.Add(b)
	}
	for _, s := range []string{`{}`, `{"rules":[{"id":"x","when":{"fine_at_least":-1}}]}`, `{"rules":[`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		_, _ = ParseCatalog("fuzz.json", b)
	})
}
