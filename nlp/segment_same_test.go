package nlp

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/go-ego/gse"
	"github.com/go-ego/gse/hmm"
)

// refTokens is Tokens as it was written over gse's own Cut: the reference
// the cutter must match token for token.
func refTokens(g *gse.Segmenter, text string, search bool) []Token {
	var out []Token
	sentences(text, func(off int, sent string) {
		pos := 0
		for _, w := range g.Cut(sent, true) {
			i := strings.Index(sent[pos:], w)
			if i < 0 {
				continue
			}
			start := off + pos + i
			pos += i + len(w)
			if strings.TrimFunc(w, unicode.IsSpace) == "" {
				continue
			}
			if search {
				rs := []rune(w)
				if len(rs) > 2 {
					for n := 2; n <= 3 && n < len(rs); n++ {
						b := 0
						for i := 0; i+n <= len(rs); i++ {
							sub := string(rs[i : i+n])
							if f, _, ok := g.Find(sub); ok && f > 0 {
								out = append(out, Token{Text: sub, Start: start + b, End: start + b + len(sub)})
							}
							b += len(string(rs[i]))
						}
					}
				}
			}
			out = append(out, Token{Text: w, Start: start, End: start + len(w)})
		}
	})
	return out
}

var (
	refOnce sync.Once
	refSeg  *gse.Segmenter
)

func reference(t testing.TB) *gse.Segmenter {
	refOnce.Do(func() {
		g, err := loadGse()
		if err != nil {
			t.Fatal(err)
		}
		refSeg = g
	})
	return refSeg
}

// Tricky inputs, synthetic: upper case (gse lower-cases, and the word is then
// not found in the text), digits and decimals, full-width forms, characters
// outside the BMP, invalid UTF-8, traditional characters, spaces and tabs.
var sameCases = []string{
	"",
	"当事人超范围使用食品添加剂，货值金额不足一万元。",
	"依据GB2760-2014标准和ABC公司的Q/XYZ 0001S企业标准，罚款5000元、3.5万元、12.5%。",
	"第一百二十三条 第２款（一）项：ＡＢＣ１２３，　全角空格",
	"𠀀𠀁汉字 emoji😀测试\t\t制表\r\n换行",
	"无效\xff\xfe字节\xe4\xb8在中间。",
	"中華人民共和國行政處罰法 臺灣 張三豐",
	"许卫东头部受伤，王某某、李四于2023年5月6日14时30分许在xx路",
	"   ",
	"abc DEF ghi 123 4.56 7.8.9 ΑΒΓ Привет",
	"（二）违法所得；\n\n\n（三）没收违法所得并处罚款……",
}

func TestTokensSameAsGse(t *testing.T) {
	g := reference(t)
	s := Seg()
	texts := append([]string{}, sameCases...)
	files, _ := filepath.Glob("../corpora/laws/*.md")
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		texts = append(texts, string(b))
	}
	if len(files) == 0 {
		t.Log("law corpus not present: synthetic cases only")
	}
	for _, search := range []bool{false, true} {
		for n, text := range texts {
			want, got := refTokens(g, text, search), s.Tokens(text, search)
			if !slices.Equal(want, got) {
				for i := range min(len(want), len(got)) {
					if want[i] != got[i] {
						t.Fatalf("text %d search=%v: token %d is %+v, gse gives %+v", n, search, i, got[i], want[i])
					}
				}
				t.Fatalf("text %d search=%v: %d tokens, gse gives %d", n, search, len(got), len(want))
			}
		}
	}
}

func TestCutSameAsGse(t *testing.T) {
	g := reference(t)
	s := Seg()
	for _, text := range sameCases {
		if want, got := g.Cut(text, true), s.seg.Cut(text, true); !slices.Equal(want, got) {
			t.Errorf("Cut(%q) = %q, gse gives %q", text, got, want)
		}
	}
}

func TestFindSameAsGse(t *testing.T) {
	g := reference(t)
	s := Seg()
	words := []string{"", "中", "中华", "中华人", "中华人民共和国", "违法所得", "货值金额", "陈述", "gb", "GB", "abc", "许", "卫东", "𠀀", "的", "罚款5000", "行政处罚法", "中华人民共和国食品安全法"}
	for i, tok := range g.Dict.Tokens {
		if i%997 == 0 {
			words = append(words, tok.Text())
		}
	}
	for _, w := range words {
		f1, p1, ok1 := g.Find(w)
		f2, p2, ok2 := s.seg.Find(w)
		if f1 != f2 || p1 != p2 || ok1 != ok2 {
			t.Errorf("Find(%q) = %v %q %v, gse gives %v %q %v", w, f2, p2, ok2, f1, p1, ok1)
		}
	}
}

// Concurrent cutting gives the same tokens as one at a time.
func TestTokensConcurrent(t *testing.T) {
	s := Seg()
	want := make([][]Token, len(sameCases))
	for i, c := range sameCases {
		want[i] = s.Tokens(c, true)
	}
	var wg sync.WaitGroup
	for w := 0; w < 4; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for r := 0; r < 50; r++ {
				for i, c := range sameCases {
					if got := s.Tokens(c, true); !slices.Equal(got, want[i]) {
						t.Errorf("concurrent cut of case %d differs", i)
						return
					}
				}
			}
		}()
	}
	wg.Wait()
}

// The HMM gives gse's words on runs of Han characters and on mixed runs
// (synthetic strings drawn from the table's characters and a few others).
func TestHMMSameAsGse(t *testing.T) {
	s := Seg()
	pick := []rune("的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处理府研质")
	pick = append(pick, 'a', '1', '.', '5', '，', '%', 'Z', ' ', '𠀀')
	texts := []string{"许卫东", "王某某李四", "张三丰盗窃", "一二三四五六七八九十", "第12.5条abc的3.x"}
	rnd := uint32(7)
	for n := 0; n < 3000; n++ {
		var b strings.Builder
		for k := 0; k < 1+n%9; k++ {
			rnd = rnd*1664525 + 1013904223
			b.WriteRune(pick[int(rnd>>8)%len(pick)])
		}
		texts = append(texts, b.String())
	}
	sc := getScratch()
	defer putScratch(sc)
	for _, text := range texts {
		var got []string
		s.seg.hmm.hmmCut(text, sc, func(w string) { got = append(got, w) })
		if want := hmm.Cut(text); !slices.Equal(got, want) {
			t.Fatalf("hmmCut(%q) = %q, gse gives %q", text, got, want)
		}
	}
}

// BenchmarkCutGse is the reference for BenchmarkCut: the same text through
// gse's own Cut (as Tokens did before), for a ratio measured in one run.
func BenchmarkCutGse(b *testing.B) {
	text := benchText(b)
	g := reference(b)
	b.SetBytes(int64(len(text)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		refTokens(g, text, false)
	}
}

func TestCutWithPart(t *testing.T) {
	s := Seg()
	text := "公诉机关指控。经审理查明：2017年8月15日，被告人张某驾驶货车撞伤吉某；本院认为，被告人构成交通肇事罪！判决如下\n如不服"
	for from := 0; from <= len(text); from++ {
		for to := from; to <= len(text); to += 7 {
			if !utf8.ValidString(text[from:to]) {
				continue
			}
			whole, part := s.CutWithPart(text, from, to)
			if want := s.Cut(text); !slices.Equal(whole, want) {
				t.Fatalf("whole = %q, Cut gives %q", whole, want)
			}
			if want := s.Cut(text[from:to]); !slices.Equal(part, want) && !(len(part) == 0 && len(want) == 0) {
				t.Fatalf("part [%d:%d] = %q, Cut of the part gives %q", from, to, part, want)
			}
		}
	}
}
