package main

import (
	"bytes"
	"strings"
	"testing"
	"time"
)

func TestImportProgressPlainWhenNotTerminal(t *testing.T) {
	var b bytes.Buffer
	p := newImportProgress(&b)
	if p.tty {
		t.Fatal("a buffer taken for a terminal")
	}
	for n := 100; n <= 2500; n += 100 {
		p.update(n, int64(n), 2500)
	}
	p.phase("analysing")
	if got, want := b.String(), "imported 1000 cases\nimported 2000 cases\nanalysing\n"; got != want {
		t.Errorf("plain output %q, want %q", got, want)
	}
}

func TestImportProgressBar(t *testing.T) {
	var b bytes.Buffer
	p := &importProgress{w: &b, tty: true, start: time.Now()}
	p.update(100, 50, 200)
	p.update(200, 60, 200) // within 100 ms of the last draw: not drawn
	p.phase("saving")
	out := b.String()
	// drawn at 100 cases, not at 200 (too soon), then once more as it ends
	if strings.Count(out, "\r") != 2 || !strings.Contains(out, " 25%  100 cases") || !strings.Contains(out, " 30%  200 cases") ||
		!strings.HasSuffix(out, "\nsaving\n") {
		t.Errorf("terminal output %q", out)
	}
	for _, c := range []struct {
		done       int
		read, size int64
		bar        string
	}{
		{0, 0, 0, "[------------------------------]   0%"},
		{10, 1, 2, "[###############---------------]  50%"},
		{10, 3, 2, "[##############################] 100%"},
	} {
		if got := bar(c.done, c.read, c.size, time.Second); !strings.HasPrefix(got, c.bar) {
			t.Errorf("bar(%d, %d, %d) = %q, want %q…", c.done, c.read, c.size, got, c.bar)
		}
	}
	if got := bar(10, 1, 4, 10*time.Second); !strings.Contains(got, "~30 s left") {
		t.Errorf("no time left in %q", got)
	}
}
