package nlp

import (
	"bufio"
	"bytes"
	"compress/gzip"
	_ "embed"
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// The HMM that cuts runs of characters the dictionary does not join: gse's
// (github.com/go-ego/gse/hmm, from jieba), rewritten over arrays. Its
// emission table is dict/hmm_emit.txt.gz (see dict/SOURCES.md); the start
// and transition log-probabilities are gse's constants. The words are the
// same as gse's hmm.Cut gives (TestTokensSameAsGse, TestHMMSameAsGse).

//go:embed dict/hmm_emit.txt.gz
var hmmEmitGz []byte

// states in gse's order: B(egin) M(iddle) E(nd) S(ingle).
const (
	stB = iota
	stM
	stE
	stS
)

// stateByte is each state's letter: ties between equal probabilities go to the larger letter, as in gse.
var stateByte = [4]byte{'B', 'M', 'E', 'S'}

const hmmMinFloat = -3.14e100

var (
	hmmStart = [4]float64{stB: -0.26268660809250016, stM: -3.14e+100, stE: -3.14e+100, stS: -1.4652633398537678}
	// hmmPrev[y] are the states that may precede y, in gse's order, with
	// the log-probability of the transition.
	hmmPrev = [4][2]struct {
		s int
		p float64
	}{
		stB: {{stE, -0.5897149736854513}, {stS, -0.7211965654669841}},
		stM: {{stM, -1.2603623820268226}, {stB, -0.916290731874155}},
		stE: {{stB, -0.510825623765990}, {stM, -0.33344856811948514}},
		stS: {{stS, -0.6658631448798212}, {stE, -0.8085250474669937}},
	}
)

// hmmEmit is the emission log-probability of rune r in state s at
// [r*4+s], hmmMinFloat where gse has none; runes beyond the table have none.
type hmmModel struct{ emit []float64 }

func loadHMM() (*hmmModel, error) {
	zr, err := gzip.NewReader(bytes.NewReader(hmmEmitGz))
	if err != nil {
		return nil, fmt.Errorf("nlp: HMM table: %w", err)
	}
	type entry struct {
		r rune
		s int
		v float64
	}
	var es []entry
	var maxR rune
	sc := bufio.NewScanner(zr)
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) != 3 || len(f[0]) != 1 || strings.IndexByte("BMES", f[0][0]) < 0 {
			return nil, fmt.Errorf("nlp: HMM table: bad line %q", sc.Text())
		}
		r, err1 := strconv.ParseUint(f[1], 16, 32)
		v, err2 := strconv.ParseFloat(f[2], 64)
		if err1 != nil || err2 != nil {
			return nil, fmt.Errorf("nlp: HMM table: bad line %q", sc.Text())
		}
		es = append(es, entry{rune(r), strings.IndexByte("BMES", f[0][0]), v})
		maxR = max(maxR, rune(r))
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("nlp: HMM table: %w", err)
	}
	m := &hmmModel{emit: make([]float64, (int(maxR)+1)*4)}
	for i := range m.emit {
		m.emit[i] = hmmMinFloat
	}
	for _, e := range es {
		m.emit[int(e.r)*4+e.s] = e.v
	}
	return m, nil
}

func (m *hmmModel) emission(r rune, s int) float64 {
	if i := int(r)*4 + s; r >= 0 && i < len(m.emit) {
		return m.emit[i]
	}
	return hmmMinFloat
}

// better reports whether (p, s) beats (bp, bs): higher probability, ties to the larger state letter.
func better(p float64, s int, bp float64, bs int) bool {
	return p > bp || (p == bp && stateByte[s] > stateByte[bs])
}

// viterbi fills states with the most likely state of each rune (gse's hmm.Viterbi).
func (m *hmmModel) viterbi(obs []rune, sc *scratch) []byte {
	n := len(obs)
	back := sc.hmmBack[:0]
	back = append(back, make([][4]int8, n)...)
	sc.hmmBack = back
	var v [4]float64
	for y := 0; y < 4; y++ {
		v[y] = m.emission(obs[0], y) + hmmStart[y]
	}
	for t := 1; t < n; t++ {
		var nv [4]float64
		for y := 0; y < 4; y++ {
			em := m.emission(obs[t], y)
			a, b := hmmPrev[y][0], hmmPrev[y][1]
			pa := v[a.s] + a.p + em
			pb := v[b.s] + b.p + em
			if better(pb, b.s, pa, a.s) {
				nv[y], back[t][y] = pb, int8(b.s)
			} else {
				nv[y], back[t][y] = pa, int8(a.s)
			}
		}
		v = nv
	}
	last := stE
	if better(v[stS], stS, v[stE], stE) {
		last = stS
	}
	states := sc.hmmStates[:0]
	states = append(states, make([]byte, n)...)
	sc.hmmStates = states
	for t := n - 1; t >= 0; t-- {
		states[t] = byte(last)
		last = int(back[t][last])
	}
	return states
}

// cutHan emits the words of a run of Han characters s (runes rs, byte offsets off relative to s).
func (m *hmmModel) cutHan(s string, rs []rune, off []int32, sc *scratch, emit func(string)) {
	states := m.viterbi(rs, sc)
	begin, next := 0, 0
	for i := range rs {
		switch states[i] {
		case stB:
			begin = i
		case stE:
			emit(s[off[begin]:off[i+1]])
			next = i + 1
		case stS:
			emit(s[off[i]:off[i+1]])
			next = i + 1
		}
	}
	if next < len(rs) {
		emit(s[off[next]:])
	}
}

// hmmCut emits the words of s as gse's hmm.Cut(s) does: runs of Han through
// the HMM, numbers (1.5) and ASCII letter-digit runs whole, anything else in
// between as it stands.
func (m *hmmModel) hmmCut(s string, sc *scratch, emit func(string)) {
	for len(s) > 0 {
		han := hanRun(s)
		if han[0] == 0 {
			h := s[:han[1]]
			rs, off := sc.hmmRunes[:0], sc.hmmOff[:0]
			for i, r := range h {
				rs = append(rs, r)
				off = append(off, int32(i))
			}
			off = append(off, int32(len(h)))
			sc.hmmRunes, sc.hmmOff = rs, off
			m.cutHan(h, rs, off, sc, emit)
			s = s[han[1]:]
			continue
		}
		skip := skipMatch(s)
		if skip[0] == 0 {
			emit(s[:skip[1]])
			s = s[skip[1]:]
			continue
		}
		// up to whichever comes first (han[0], skip[0] are len(s) when absent)
		cut := min(han[0], skip[0])
		if cut >= len(s) {
			emit(s)
			return
		}
		emit(s[:cut])
		s = s[cut:]
	}
}

// hanRun is the first run of \p{Han} in s as [start, end), or [len, len].
func hanRun(s string) [2]int {
	start := -1
	for i, r := range s {
		if r >= utf8.RuneSelf && unicode.Is(unicode.Han, r) {
			if start < 0 {
				start = i
			}
		} else if start >= 0 {
			return [2]int{start, i}
		}
	}
	if start >= 0 {
		return [2]int{start, len(s)}
	}
	return [2]int{len(s), len(s)}
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

func isAlnum(c byte) bool { return isDigit(c) || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }

// skipMatch is the first match of gse's `(\d+\.\d+|[a-zA-Z0-9]+)` in s
// (leftmost, first alternative preferred), or [len, len].
func skipMatch(s string) [2]int {
	p := 0
	for p < len(s) && !isAlnum(s[p]) {
		p++
	}
	if p == len(s) {
		return [2]int{len(s), len(s)}
	}
	if isDigit(s[p]) {
		e := p
		for e < len(s) && isDigit(s[e]) {
			e++
		}
		if e+1 < len(s) && s[e] == '.' && isDigit(s[e+1]) {
			e += 2
			for e < len(s) && isDigit(s[e]) {
				e++
			}
			return [2]int{p, e}
		}
	}
	e := p
	for e < len(s) && isAlnum(s[e]) {
		e++
	}
	return [2]int{p, e}
}
