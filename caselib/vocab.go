package caselib

import (
	"bytes"
	"encoding/json"
	"errors"
	"strings"
)

// vocab holds each word of the loaded cases' ranking terms once; a case's
// terms are indexes into it.
type vocab struct {
	words []string
	ids   map[string]int32
	// the cases' ids are cut from chunks of arenaChunk, so that they
	// are let go of whole, not left as holes among the texts
	chunk []int32
}

const arenaChunk = 1 << 20

func newVocab() *vocab { return &vocab{ids: map[string]int32{}} }

func (v *vocab) id(w []byte) int32 {
	if t, ok := v.ids[string(w)]; ok { // no allocation for the lookup
		return t
	}
	s := string(w)
	t := int32(len(v.words))
	v.words = append(v.words, s)
	v.ids[s] = t
	return t
}

var errTerms = errors.New("not a JSON array of strings")

// decode reads the terms column (a JSON array of strings, as Save writes it)
// into word ids, without a string per term. "null" is no terms.
func (v *vocab) decode(b []byte) ([]int32, error) {
	b = bytes.TrimSpace(b)
	if string(b) == "null" {
		return []int32{}, nil
	}
	if len(b) < 2 || b[0] != '[' || b[len(b)-1] != ']' {
		return nil, errTerms
	}
	n := bytes.Count(b, []byte{','}) + 1
	if cap(v.chunk)-len(v.chunk) < n {
		v.chunk = make([]int32, 0, max(arenaChunk, n))
	}
	out := v.chunk[len(v.chunk) : len(v.chunk) : len(v.chunk)+n]
	i, end := 1, len(b)-1
	skip := func() {
		for i < end && (b[i] == ' ' || b[i] == '\t' || b[i] == '\n' || b[i] == '\r') {
			i++
		}
	}
	for skip(); i < end; {
		if b[i] != '"' {
			return nil, errTerms
		}
		j, esc := i+1, false
		for j < end && b[j] != '"' {
			if b[j] == '\\' {
				esc = true
				j++
			}
			j++
		}
		if j >= end {
			return nil, errTerms
		}
		if esc {
			var s string
			if err := json.Unmarshal(b[i:j+1], &s); err != nil {
				return nil, err
			}
			out = append(out, v.id([]byte(s)))
		} else {
			out = append(out, v.id(b[i+1:j]))
		}
		i = j + 1
		skip()
		if i < end {
			if b[i] != ',' {
				return nil, errTerms
			}
			i++
			skip()
			if i == end {
				return nil, errTerms
			}
		}
	}
	v.chunk = v.chunk[:len(v.chunk)+len(out)]
	return out, nil
}

// words are the terms of ids.
func (v *vocab) terms(ids []int32) []string {
	out := make([]string, len(ids))
	for k, t := range ids {
		out[k] = v.words[t]
	}
	return out
}

// interner makes the loaded cases share what repeats among them (agencies,
// kinds, articles cited …) and makes the recognised sections point into the
// text they were cut from, rather than hold a second copy of it each.
type interner map[string]string

func (in interner) str(s *string) {
	if *s == "" {
		return
	}
	if t, ok := in[*s]; ok {
		*s = t
		return
	}
	in[*s] = *s
}

func (in interner) strs(ss []string) {
	for k := range ss {
		in.str(&ss[k])
	}
}

// texts copies the loaded cases' texts into a few large strings, each text
// a part of one: read row by row, they were scattered among what decoding
// the rows left behind, and that garbage then held their memory.
func texts(cs []*Case) {
	const chunk = 16 << 20
	var b strings.Builder
	var pending []*Case
	cut := func() {
		all := b.String()
		off := 0
		for _, c := range pending {
			c.Text = all[off : off+len(c.Text)]
			off += len(c.Text)
		}
		b, pending = strings.Builder{}, pending[:0]
	}
	for _, c := range cs {
		if b.Len() > 0 && b.Len()+len(c.Text) > chunk {
			cut()
		}
		if b.Len() == 0 {
			b.Grow(max(chunk, len(c.Text)))
		}
		b.WriteString(c.Text)
		pending = append(pending, c)
	}
	cut()
}

func (in interner) compact(c *Case) {
	for _, s := range []*string{&c.Collection, &c.Agency, &c.Date, &c.Kind, &c.PenaltyBasis, &c.Outcome} {
		in.str(s)
	}
	st := c.Structure
	if st == nil {
		return
	}
	for _, s := range []*string{&st.Party, &st.Facts, &st.Evidence, &st.Basis, &st.Reasons, &st.Decision} {
		if *s == "" {
			continue
		}
		if k := strings.Index(c.Text, *s); k >= 0 {
			*s = c.Text[k : k+len(*s)]
		}
	}
	in.str(&st.PartyType)
	in.strs(st.Citations)
	in.strs(st.Violated)
	in.strs(st.Penalty)
	in.strs(st.Penalties)
}
