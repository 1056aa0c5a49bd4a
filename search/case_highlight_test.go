package search

import (
	"math/rand"
	"reflect"
	"strings"
	"testing"
)

// highlightsBySplit is how highlights were cut before: the whole text split
// into sentences, each tested for the shared words. The faster cut must
// return the same.
func highlightsBySplit(text string, shared []string) []string {
	out := []string{}
	used := map[string]bool{}
	for _, sent := range strings.FieldsFunc(text, func(c rune) bool { return c == '。' || c == '\n' || c == '；' }) {
		hit := false
		for _, s := range shared {
			if strings.Contains(sent, s) {
				hit = true
				sent = strings.ReplaceAll(sent, s, "<em>"+s+"</em>")
			}
		}
		if hit && !used[sent] {
			used[sent] = true
			if rs := []rune(sent); len(rs) > 160 {
				sent = string(rs[:160]) + "…"
			}
			out = append(out, strings.TrimSpace(sent))
			if len(out) == 3 {
				break
			}
		}
	}
	return out
}

func TestCaseHighlightsAsSplit(t *testing.T) {
	defer func(w int) { highlightWindow = w }(highlightWindow)
	for _, w := range []int{1, 4, 7, 64, 2048} {
		highlightWindow = w
		testHighlightsAsSplit(t)
	}
}

func testHighlightsAsSplit(t *testing.T) {
	// synthetic texts（合成）: sentences of a few words, repeated ones, long
	// ones, ends of every kind, words that hold one another
	words := []string{"盗窃", "窃", "手机", "被告人", "价值", "人民币", "元", " ", "，", "电动车", "某甲"}
	ends := []string{"。", "；", "\n", "。。", "\n\n", ""}
	rng := rand.New(rand.NewSource(1))
	r := &CaseRanker{}
	long := 0
	for n := 0; n < 3000; n++ {
		var b strings.Builder
		// a third of the texts run over several windows of the search
		for s := rng.Intn(12) + 40*(n%3/2); s >= 0; s-- {
			for w := rng.Intn(8); w >= 0; w-- {
				b.WriteString(words[rng.Intn(len(words))])
			}
			if rng.Intn(6) == 0 {
				b.WriteString(strings.Repeat("很长的句子（合成）", 1+rng.Intn(60)))
			}
			b.WriteString(ends[rng.Intn(len(ends))])
		}
		var shared []string
		for k := rng.Intn(4); k >= 0; k-- {
			shared = append(shared, []string{"盗窃", "窃", "手机", "价值", "电动车", "动", "无此词"}[rng.Intn(7)])
		}
		if rng.Intn(10) == 0 {
			shared = nil
		}
		text := b.String()
		if len(text) > 3*2048 {
			long++
		}
		e := &caseEntry{doc: CaseDoc{Text: text}}
		got, want := r.highlights(e, shared), highlightsBySplit(text, shared)
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("window %d, text %q shared %q:\n got  %q\n want %q", highlightWindow, text, shared, got, want)
		}
	}
	if long < 300 {
		t.Fatalf("only %d texts longer than three windows", long)
	}
}
