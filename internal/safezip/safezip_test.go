package safezip

import (
	"errors"
	"io"
	"strings"
	"testing"

	"zhifa/internal/safezip/ziptest"
)

func bomb(t testing.TB, size int, lie bool) []byte { return ziptest.Bomb(size, lie) }

func archive(t testing.TB, files map[string]string) []byte { return ziptest.Archive(files) }

func TestBombRefused(t *testing.T) {
	b := bomb(t, 60<<20, false)
	if len(b) > 200<<10 {
		t.Fatalf("bomb is %d bytes, meant to be small", len(b))
	}
	_, err := NewReader(b)
	var ze *Error
	if !errors.As(err, &ze) || !errors.Is(err, ErrLimit) || ze.Entry != "word/document.xml" {
		t.Fatalf("60 MB entry: err = %v, want a limit error naming word/document.xml", err)
	}
}

func TestLyingHeaderStopsAtLimit(t *testing.T) {
	b := bomb(t, 40<<20, true)
	r, err := NewReader(b)
	if err != nil {
		t.Fatalf("the directory claims 1000 bytes: %v", err)
	}
	got, err := r.ReadFile("word/document.xml")
	if err == nil {
		t.Fatal("a part inflating far past its header was read whole")
	}
	if len(got) > int(Default.Entry)+64<<10 {
		t.Fatalf("read %d bytes before stopping", len(got))
	}
}

func TestLimits(t *testing.T) {
	many := map[string]string{}
	for i := 0; i < 1001; i++ {
		many[strings.Repeat("a", i%7)+string(rune('a'+i%26))+"/"+strings.Repeat("x", i/26)+".xml"] = "x"
	}
	atBound := map[string]string{}
	for k, v := range many {
		if len(atBound) < 1000 {
			atBound[k] = v
		}
	}
	inner := archive(t, map[string]string{"a.txt": "x"})
	for _, tc := range []struct {
		name string
		b    []byte
		l    Limits
		want string // "" means accepted
	}{
		{"plain", archive(t, map[string]string{"word/document.xml": "<w:t>x</w:t>"}), Default, ""},
		{"entries", archive(t, many), Default, "1001 entries"},
		{"entries at the bound", archive(t, atBound), Default, ""},
		{"total at the bound", archive(t, map[string]string{"a": strings.Repeat("x", 500), "b": strings.Repeat("x", 500)}), Limits{10, 1000, 1000}, ""},
		{"nested by name", archive(t, map[string]string{"word/embeddings/x.xlsx": "x"}), Default, "inside an archive"},
		{"traversal", archive(t, map[string]string{"../../etc/passwd": "x"}), Default, "leaves the archive"},
		{"total", archive(t, map[string]string{"a": strings.Repeat("x", 600), "b": strings.Repeat("x", 600)}), Limits{10, 1000, 1000}, "more than 1000"},
		{"nested by content", archive(t, map[string]string{"word/media/x.bin": string(inner)}), Default, "inside an archive"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r, err := NewReaderLimits(tc.b, tc.l)
			if err == nil {
				for _, f := range r.Files {
					var rc io.ReadCloser
					if rc, err = r.Open(f); err == nil {
						_, err = io.Copy(io.Discard, rc)
						rc.Close()
					}
					if err != nil {
						break
					}
				}
			}
			if tc.want == "" {
				if err != nil {
					t.Fatalf("refused: %v", err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tc.want) || !errors.Is(err, ErrLimit) {
				t.Fatalf("err = %v, want a limit error with %q", err, tc.want)
			}
		})
	}
}

func TestNotAZip(t *testing.T) {
	if _, err := NewReader([]byte("plain text")); err == nil || errors.Is(err, ErrLimit) {
		t.Fatalf("err = %v, want a format error", err)
	}
}
