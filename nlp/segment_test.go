package nlp

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func TestCutKeepsLegalTermsWhole(t *testing.T) {
	s := Seg()
	text := "当事人超范围使用食品添加剂，货值金额不足一万元，违法所得五千元，没收违法所得，责令改正。符合首违不罚情形的，依法不予处罚；醉酒驾驶机动车的，构成危险驾驶罪。经法制审核，当事人提出陈述申辩，逾期不缴纳的加处罚款，可以申请行政复议或者提起行政诉讼。依照《中华人民共和国食品安全法》和《行政处罚法》的规定，责令停产停业，吊销许可证，统一社会信用代码"
	words := s.Cut(text)
	for _, term := range []string{"货值金额", "违法所得", "没收违法所得", "责令改正", "首违不罚", "不予处罚", "食品添加剂", "醉酒驾驶", "法制审核", "陈述申辩", "加处罚款", "行政复议", "行政诉讼", "中华人民共和国食品安全法", "行政处罚法", "责令停产停业", "吊销许可证", "统一社会信用代码"} {
		if !slices.Contains(words, term) {
			t.Errorf("%s is not a whole word in %q", term, strings.Join(words, " "))
		}
	}
	if strings.Join(words, "") != text {
		t.Errorf("precise words do not add up to the text")
	}
}

func TestTokensSpans(t *testing.T) {
	s := Seg()
	text := "第一条 为了规范行政处罚。\n当事人 张三\t罚款5000元！"
	for _, search := range []bool{false, true} {
		toks := s.Tokens(text, search)
		if len(toks) == 0 {
			t.Fatal("no tokens")
		}
		for _, tok := range toks {
			if text[tok.Start:tok.End] != tok.Text {
				t.Errorf("search=%v: token %+v does not match its span %q", search, tok, text[tok.Start:tok.End])
			}
			if strings.TrimSpace(tok.Text) == "" {
				t.Errorf("search=%v: whitespace token %+v", search, tok)
			}
		}
	}
}

func TestCutSearch(t *testing.T) {
	got := Seg().CutSearch("中华人民共和国食品安全法")
	for _, w := range []string{"中华", "人民", "共和国", "食品", "安全法", "中华人民共和国食品安全法"} {
		if !slices.Contains(got, w) {
			t.Errorf("search mode lacks %s: %v", w, got)
		}
	}
}

// Every law name of the corpus is one word, so a query for a law name finds it.
func TestLegalDictHasCorpusLawNames(t *testing.T) {
	files, _ := filepath.Glob("../corpora/laws/*.md")
	if len(files) == 0 {
		t.Skip("law corpus not present")
	}
	dict := "\n" + legalDict
	if n := strings.Count(legalDict, "\n"); n < 150 {
		t.Errorf("legal dictionary has %d entries, want at least 150", n)
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, line := range strings.Split(string(b), "\n") {
			if strings.HasPrefix(line, "# ") && !strings.Contains(line, "SOURCES") {
				name := strings.ReplaceAll(strings.TrimPrefix(line, "# "), " ", "")
				if i := strings.IndexAny(name, "（("); i > 0 {
					name = name[:i]
				}
				if !strings.Contains(dict, "\n"+name+" ") {
					t.Errorf("%s: law name %s missing from dict/legal.txt", filepath.Base(f), name)
				}
				break
			}
		}
	}
}

func TestIsWord(t *testing.T) {
	for tok, want := range map[string]bool{"罚款": true, "5000": true, "，": false, "。": false, "《": false, " ": false, "GB": true, "——": false} {
		if IsWord(tok) != want {
			t.Errorf("IsWord(%q) = %v", tok, !want)
		}
	}
}

func benchText(b *testing.B) string {
	files, _ := filepath.Glob("../corpora/laws/*.md")
	var sb strings.Builder
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		sb.Write(data)
	}
	text := sb.String()
	if len(text) > 1<<20 {
		text = text[:strings.LastIndex(text[:1<<20], "\n")+1]
	}
	return text
}

func BenchmarkCut(b *testing.B) {
	text := benchText(b)
	s := Seg()
	b.SetBytes(int64(len(text)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		s.Cut(text)
	}
}
