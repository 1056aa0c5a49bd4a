package search

import (
	"testing"
)

func TestTokenizer(t *testing.T) {
	tests := []struct {
		in   string
		must []string // whole words the index must see
	}{
		{"超范围使用食品添加剂的，没收违法所得。", []string{"使用", "没收"}},
		{"违反本法规定，有下列情形之一", []string{"违反", "规定"}},
	}
	for _, tt := range tests {
		ts := (Tokenizer{}).Tokenize([]byte(tt.in))
		seen := map[string]bool{}
		lastPos := 0
		for _, tok := range ts {
			term := string(tok.Term)
			if tt.in[tok.Start:tok.End] != term {
				t.Errorf("%q: token %q has span [%d,%d) = %q", tt.in, term, tok.Start, tok.End, tt.in[tok.Start:tok.End])
			}
			if !isWord(term) {
				t.Errorf("%q: punctuation token %q", tt.in, term)
			}
			if tok.Position < lastPos || tok.Position < 1 {
				t.Errorf("%q: position %d after %d", tt.in, tok.Position, lastPos)
			}
			lastPos = tok.Position
			seen[term] = true
		}
		for _, w := range tt.must {
			if !seen[w] {
				t.Errorf("%q: no token %q in %v", tt.in, w, ts)
			}
		}
	}
	if ts := (Tokenizer{}).Tokenize([]byte("，。、 ")); len(ts) != 0 {
		t.Errorf("punctuation only: %v", ts)
	}
}
