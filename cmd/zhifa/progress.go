package main

import (
	"fmt"
	"io"
	"os"
	"strings"
	"time"
)

// importProgress shows how far an import is on stderr: a bar redrawn in
// place when stderr is a terminal, else a plain line every 1,000 cases (as
// logs and pipes want). stdout is never touched.
type importProgress struct {
	w     io.Writer
	tty   bool
	start time.Time
	last  time.Time
	drawn bool
	// what was last reported, drawn once more when the bar ends
	done       int
	read, size int64
}

func newImportProgress(w io.Writer) *importProgress {
	return &importProgress{w: w, tty: isTerminal(w), start: time.Now()}
}

// isTerminal: a character device, and not a terminal that cannot redraw.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok || os.Getenv("TERM") == "dumb" {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

// update is caselib's Watch: done cases, read of size bytes (or files).
func (p *importProgress) update(done int, read, size int64) {
	if !p.tty {
		if done%1000 == 0 {
			fmt.Fprintf(p.w, "imported %d cases\n", done)
		}
		return
	}
	p.done, p.read, p.size = done, read, size
	now := time.Now()
	if p.drawn && now.Sub(p.last) < 100*time.Millisecond {
		return
	}
	p.last, p.drawn = now, true
	fmt.Fprint(p.w, "\r"+bar(done, read, size, now.Sub(p.start)))
}

// phase ends the bar and says what comes next (analysing, saving).
func (p *importProgress) phase(msg string) {
	if p.tty && p.drawn {
		fmt.Fprintln(p.w, "\r"+bar(p.done, p.read, p.size, time.Since(p.start)))
		p.drawn = false
	}
	fmt.Fprintln(p.w, msg)
}

// bar is one line: [#####-----]  45%  4,100 cases  12.3 s  ~15 s left
func bar(done int, read, size int64, took time.Duration) string {
	const width = 30
	frac := 0.0
	if size > 0 {
		frac = min(1, float64(read)/float64(size))
	}
	n := int(frac * width)
	line := fmt.Sprintf("[%s%s] %3.0f%%  %d cases  %.1f s", strings.Repeat("#", n), strings.Repeat("-", width-n),
		frac*100, done, took.Seconds())
	if frac > 0.02 && frac < 1 {
		left := time.Duration(float64(took) * (1 - frac) / frac)
		line += fmt.Sprintf("  ~%.0f s left", left.Seconds())
	}
	return line + "   " // covers a longer line drawn before
}
