package rules

import (
	"bytes"
	"io/fs"
	"testing"

	"zhifa/corpora"
)

// An agency's benchmark file and an operator's holiday schedule: any bytes
// load or give an error naming where; never a panic.
func FuzzLoadBenchmarkFile(f *testing.F) {
	if b, err := fs.ReadFile(corpora.FS, "discretion/jiangmen/entries.json"); err == nil {
		f.Add(b[:min(len(b), 4000)])
	}
	for _, s := range []string{`{}`, `{"name":"x","entries":[{"id":"a","model":"tiers"}]}`, `{"entries":[{"when":"goods_value >"}]}`, `[`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		_, _ = LoadBenchmarkFile("fuzz.json", b)
	})
}

func FuzzLoadHolidays(f *testing.F) {
	for _, s := range []string{"2027-01-01 holiday 元旦\n2027-02-06 workday 春节\n", "# c\n\n2027-13-01 holiday x", "2027-01-02 workday", "x y z"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		_, _ = LoadHolidays(bytes.NewReader(b), "fuzz.txt")
	})
}
