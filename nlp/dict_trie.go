package nlp

import (
	"math"
	"slices"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/go-ego/gse"
)

// dict is zhifa's copy of the loaded gse dictionary as a rune trie, and a
// cutter that gives exactly the words of gse's Cut(text, true) (DAG of
// dictionary words, best route by frequency, HMM for unknown runs) without
// gse's per-call maps and string conversions. Built once from gse's loaded
// dictionary, after which gse's own copy (about 130 MB with its search-mode
// sub-segments) is dropped.
type dict struct {
	first []int32 // node of the one-rune word or prefix r, for r < 1<<16 (0 = none)
	// the rest, per node: its children's runes kidRune[kidStart[n]:kidStart[n+1]],
	// sorted, and their nodes beside them in kidNode (a hash map of every edge
	// was half of the segmenter's time, one cache miss per character)
	kidStart []int32
	kidRune  []rune
	kidNode  []int32
	nodes    []trieNode // node 0 is the root
	pos      []string   // part-of-speech tags, indexed by trieNode.pos
	hmm      *hmmModel
	// logTotal is log(total frequency); notFound is the route weight of a
	// character that is no dictionary entry (log(1) - logTotal).
	logTotal, notFound float64
}

type trieNode struct {
	freq float64 // frequency of the word ending here; 0 = only a prefix of words
	w    float64 // route weight: log(freq) - logTotal (-Inf for a mere prefix)
	pos  uint16
	word bool
}

func newDict(g *gse.Segmenter, m *hmmModel) *dict {
	toks := g.Dict.Tokens
	d := &dict{hmm: m, first: make([]int32, 1<<16), nodes: make([]trieNode, 1, len(toks)*2)}
	edges := make(map[uint64]int32, len(toks)) // parent<<32 | rune → node, while building
	child := func(node int32, r rune) int32 {
		if node == 0 && r < 1<<16 && r >= 0 {
			return d.first[r]
		}
		return edges[uint64(node)<<32|uint64(uint32(r))]
	}
	d.logTotal = math.Log(g.Dict.TotalFreq())
	d.notFound = math.Log(1.0) - d.logTotal
	posIdx := map[string]uint16{}
	for i := range toks {
		t := &toks[i]
		text := t.Text()
		if text == "" || !utf8.ValidString(text) {
			continue
		}
		node := int32(0)
		for _, r := range text {
			next := child(node, r)
			if next == 0 {
				next = int32(len(d.nodes))
				d.nodes = append(d.nodes, trieNode{w: math.Inf(-1)})
				if node == 0 && r < 1<<16 {
					d.first[r] = next
				} else {
					edges[uint64(node)<<32|uint64(uint32(r))] = next
				}
			}
			node = next
		}
		nd := &d.nodes[node]
		if nd.word {
			continue // gse keeps the first entry of a word
		}
		p, ok := posIdx[t.Pos()]
		if !ok {
			p = uint16(len(d.pos))
			posIdx[t.Pos()] = p
			d.pos = append(d.pos, t.Pos())
		}
		nd.word, nd.freq, nd.pos = true, t.Freq(), p
		nd.w = math.Log(nd.freq) - d.logTotal
	}
	d.freeze(edges)
	return d
}

// freeze lays the edges out per parent node, sorted by rune.
func (d *dict) freeze(edges map[uint64]int32) {
	d.kidStart = make([]int32, len(d.nodes)+1)
	for k := range edges {
		d.kidStart[k>>32+1]++
	}
	for n := 1; n < len(d.kidStart); n++ {
		d.kidStart[n] += d.kidStart[n-1]
	}
	d.kidRune, d.kidNode = make([]rune, len(edges)), make([]int32, len(edges))
	fill := slices.Clone(d.kidStart[:len(d.nodes)])
	for k, v := range edges {
		p := k >> 32
		d.kidRune[fill[p]], d.kidNode[fill[p]] = rune(uint32(k)), v
		fill[p]++
	}
	for n := range d.nodes {
		lo, hi := d.kidStart[n], d.kidStart[n+1]
		if hi-lo > 1 {
			sort.Sort(kids{d.kidRune[lo:hi], d.kidNode[lo:hi]})
		}
	}
}

type kids struct {
	r []rune
	n []int32
}

func (k kids) Len() int           { return len(k.r) }
func (k kids) Less(i, j int) bool { return k.r[i] < k.r[j] }
func (k kids) Swap(i, j int) {
	k.r[i], k.r[j] = k.r[j], k.r[i]
	k.n[i], k.n[j] = k.n[j], k.n[i]
}

// child is the node below node for rune r (0 = none).
func (d *dict) child(node int32, r rune) int32 {
	if node == 0 && r < 1<<16 && r >= 0 {
		return d.first[r]
	}
	lo, hi := d.kidStart[node], d.kidStart[node+1]
	for hi-lo > 8 {
		m := int32(uint32(lo+hi) >> 1)
		if d.kidRune[m] < r {
			lo = m + 1
		} else {
			hi = m + 1 // r is at or before m
		}
	}
	for ; lo < hi; lo++ {
		if d.kidRune[lo] >= r {
			if d.kidRune[lo] == r {
				return d.kidNode[lo]
			}
			return 0
		}
	}
	return 0
}

// Find is gse's Dictionary.Find: the word's frequency and tag; ok is also
// true (with frequency 0) when w is only the beginning of dictionary words.
func (d *dict) Find(w string) (freq float64, pos string, ok bool) {
	if w == "" {
		return 0, "", false
	}
	node := int32(0)
	for _, r := range w {
		if node = d.child(node, r); node == 0 {
			return 0, "", false
		}
	}
	nd := &d.nodes[node]
	if !nd.word {
		return 0, "", true
	}
	return nd.freq, d.pos[nd.pos], true
}

// findRunes is Find over runes.
func (d *dict) findRunes(rs []rune) (freq float64, ok bool) {
	if len(rs) == 0 {
		return 0, false
	}
	node := int32(0)
	for _, r := range rs {
		if node = d.child(node, r); node == 0 {
			return 0, false
		}
	}
	return d.nodes[node].freq, true
}

// Cut returns the words of s as gse's Cut(s, true) does (HMM on; the flag
// is there so that callers read as before and must be true).
func (d *dict) Cut(s string, hmmOn bool) []string {
	if !hmmOn {
		panic("nlp: the cutter always uses the HMM")
	}
	sc := getScratch()
	defer putScratch(sc)
	var out []string
	d.cut(s, sc, func(w string) { out = append(out, w) })
	return out
}

// scratch holds one cut's buffers, reused through a pool.
type scratch struct {
	runes    []rune
	off      []int32 // byte offset of each rune, and the length at the end
	dagStart []int32 // per rune: first entry in dagEnd/dagW
	dagEnd   []int32
	dagW     []float64
	routeW   []float64
	routeI   []int32
	toks     []Token // CutWithPart's
	// the HMM's
	hmmRunes  []rune
	hmmOff    []int32
	hmmBack   [][4]int8
	hmmStates []byte
}

// cut calls emit with each word of sent (lower-cased, as gse cuts), in order;
// the words are substrings of strings.ToLower(sent), so sent itself when it
// has no upper-case letters and is valid UTF-8.
func (d *dict) cut(sent string, sc *scratch, emit func(string)) {
	low := strings.ToLower(sent)
	rs, off := sc.runes[:0], sc.off[:0]
	for i, r := range low {
		rs = append(rs, r)
		off = append(off, int32(i))
	}
	off = append(off, int32(len(low)))
	sc.runes, sc.off = rs, off
	n := len(rs)
	if n == 0 {
		return
	}
	// the DAG: for each start, the ends of the dictionary words there (freq > 0)
	ds, de, dw := sc.dagStart[:0], sc.dagEnd[:0], sc.dagW[:0]
	for k := 0; k < n; k++ {
		ds = append(ds, int32(len(de)))
		node := d.child(0, rs[k])
		first := node
		for i := k; node != 0; {
			if nd := &d.nodes[node]; nd.word && nd.freq > 0 {
				de = append(de, int32(i))
				dw = append(dw, nd.w)
			}
			if i++; i >= n {
				break
			}
			node = d.child(node, rs[i])
		}
		if int(ds[k]) == len(de) {
			de = append(de, int32(k))
			if first != 0 {
				dw = append(dw, d.nodes[first].w) // a prefix only: log(0)
			} else {
				dw = append(dw, d.notFound)
			}
		}
	}
	ds = append(ds, int32(len(de)))
	sc.dagStart, sc.dagEnd, sc.dagW = ds, de, dw
	// the best route from the end, ties to the longer word (gse's calc)
	rw, ri := sc.routeW[:0], sc.routeI[:0]
	rw = append(rw, make([]float64, n+1)...)
	ri = append(ri, make([]int32, n+1)...)
	for idx := n - 1; idx >= 0; idx-- {
		bestF, bestI := 0.0, int32(-1)
		for e := ds[idx]; e < ds[idx+1]; e++ {
			i := de[e]
			f := dw[e] + rw[i+1]
			if bestI < 0 || bestF < f || (bestF == f && bestI < i) {
				bestF, bestI = f, i
			}
		}
		rw[idx], ri[idx] = bestF, bestI
	}
	sc.routeW, sc.routeI = rw, ri
	// words along the route; runs of single characters go through the HMM
	buf := -1
	flush := func(end int) {
		if buf < 0 {
			return
		}
		a := buf
		buf = -1
		s := low[off[a]:off[end]]
		if end-a == 1 {
			emit(s)
			return
		}
		if f, ok := d.findRunes(rs[a:end]); ok && f != 0 {
			for k := a; k < end; k++ {
				emit(low[off[k]:off[k+1]])
			}
			return
		}
		if alnumASCII(s) {
			emit(s) // what the HMM's [a-zA-Z0-9]+ rule gives
			return
		}
		d.hmm.hmmCut(s, sc, emit)
	}
	for x := 0; x < n; {
		y := int(ri[x]) + 1
		if y-x == 1 {
			if buf < 0 {
				buf = x
			}
		} else {
			flush(x)
			emit(low[off[x]:off[y]])
		}
		x = y
	}
	flush(n)
}

func alnumASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('a' <= c && c <= 'z' || '0' <= c && c <= '9' || 'A' <= c && c <= 'Z') {
			return false
		}
	}
	return true
}
