package caselib

import (
	"fmt"
	"regexp"
	"regexp/syntax"
	"strings"
	"unicode/utf8"
)

// litRe finds where a regexp first matches by looking for literals every
// match contains and running the regexp only around them. Go's regexp has no
// literal prefix to skip ahead with on alternations such as the section
// markers, so it steps its NFA over every byte of a long judgment; this is
// what took three quarters of an import's CPU. The answer is the same as
// re.FindStringIndex(text)[0]: a match containing a literal at q lies within
// span bytes of q, and windows are tried in order of q until no later one can
// start earlier than the best found.
type litRe struct {
	re   *regexp.Regexp
	lits []string
	span int // longest match in bytes, not counting the whitespace after ^
	// line: the pattern is (?m)^\s*REST and every literal starts REST.
	line bool
}

// newLitRe compiles expr; lits must be such that every match contains one
// of them (for a (?m)^\s* pattern, begins with one). It panics, like
// regexp.MustCompile, on a pattern it cannot bound.
func newLitRe(expr string, lits ...string) *litRe {
	t, err := syntax.Parse(expr, syntax.Perl)
	if err != nil {
		panic(err)
	}
	x := &litRe{re: regexp.MustCompile(expr), lits: lits}
	if t.Op == syntax.OpConcat && len(t.Sub) > 2 && t.Sub[0].Op == syntax.OpBeginLine && isSpaceStar(t.Sub[1]) {
		x.line = true
		t = &syntax.Regexp{Op: syntax.OpConcat, Sub: t.Sub[2:]}
	}
	n, ok := maxBytes(t)
	if !ok {
		panic(fmt.Sprintf("litRe %q: unbounded or anchored", expr))
	}
	x.span = n
	return x
}

// isSpaceStar is \s* (Go's \s is ASCII: tab, newline, form feed, return, space).
func isSpaceStar(t *syntax.Regexp) bool {
	if t.Op != syntax.OpStar || t.Sub[0].Op != syntax.OpCharClass {
		return false
	}
	r := t.Sub[0].Rune
	for i := 0; i < len(r); i += 2 {
		for c := r[i]; c <= r[i+1]; c++ {
			if c > ' ' || !isSpace(byte(c)) {
				return false
			}
		}
	}
	return true
}

func isSpace(b byte) bool { return b == ' ' || b == '\t' || b == '\n' || b == '\f' || b == '\r' }

// maxBytes is the longest UTF-8 text t can match; false when unbounded or
// when t holds an assertion a window could get wrong (^ $ \b).
func maxBytes(t *syntax.Regexp) (int, bool) {
	switch t.Op {
	case syntax.OpEmptyMatch:
		return 0, true
	case syntax.OpLiteral:
		n := 0
		for _, r := range t.Rune {
			n += utf8.RuneLen(r)
		}
		return n, true
	case syntax.OpCharClass, syntax.OpAnyChar, syntax.OpAnyCharNotNL:
		n := 1
		for _, r := range t.Rune {
			if l := utf8.RuneLen(r); l > n {
				n = l
			}
		}
		if t.Op != syntax.OpCharClass {
			n = utf8.UTFMax
		}
		return n, true
	case syntax.OpCapture, syntax.OpQuest:
		return maxBytes(t.Sub[0])
	case syntax.OpRepeat:
		n, ok := maxBytes(t.Sub[0])
		return n * t.Max, ok && t.Max >= 0
	case syntax.OpConcat, syntax.OpAlternate:
		total := 0
		for _, s := range t.Sub {
			n, ok := maxBytes(s)
			if !ok {
				return 0, false
			}
			if t.Op == syntax.OpConcat {
				total += n
			} else if n > total {
				total = n
			}
		}
		return total, true
	}
	return 0, false
}

// index is the start of the leftmost match in text, or -1.
func (x *litRe) index(text string) int {
	best := -1
	next := make([]int, len(x.lits)) // next occurrence of each literal at or after pos; -1 none left
	for i := range next {
		next[i] = -2
	}
	for pos := 0; ; {
		q := -1
		for i, l := range x.lits {
			if next[i] != -1 && next[i] < pos {
				if j := strings.Index(text[pos:], l); j >= 0 {
					next[i] = pos + j
				} else {
					next[i] = -1
				}
			}
			if next[i] >= 0 && (q < 0 || next[i] < q) {
				q = next[i]
			}
		}
		if q < 0 {
			return best
		}
		pos = q + 1
		from, bound, ok := x.window(text, q)
		if best >= 0 && bound >= best {
			return best // windows only move right
		}
		if !ok {
			continue
		}
		to := min(len(text), q+x.span)
		if loc := x.re.FindStringIndex(text[from:to]); loc != nil && (best < 0 || from+loc[0] < best) {
			best = from + loc[0]
		}
	}
}

// window is where to run the regexp for a literal at q: from, a lower bound
// on the start of any match containing q, and false when none can.
func (x *litRe) window(text string, q int) (from, bound int, ok bool) {
	if !x.line {
		from = max(0, q-x.span)
		for from > 0 && !utf8.RuneStart(text[from]) {
			from--
		}
		return from, from, true
	}
	// ^\s*REST with REST at q: the match starts at the first line start
	// within the whitespace before q, and the window must begin there so
	// that ^ means what it means in the whole text.
	r := q
	for r > 0 && isSpace(text[r-1]) {
		r--
	}
	if r == 0 {
		return 0, 0, true
	}
	if i := strings.IndexByte(text[r:q], '\n'); i >= 0 {
		return r + i + 1, r, true
	}
	return 0, r, false
}

// firstIndex is the leftmost start of any of the patterns, or -1.
func firstIndex(text string, xs []*litRe) int {
	best := -1
	for _, x := range xs {
		if i := x.index(text); i >= 0 && (best < 0 || i < best) {
			best = i
		}
	}
	return best
}

// containsAny reports whether text contains one of lits: a regexp every
// match of which contains one is not worth running otherwise.
func containsAny(text string, lits ...string) bool {
	for _, l := range lits {
		if strings.Contains(text, l) {
			return true
		}
	}
	return false
}
