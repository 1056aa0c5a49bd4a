package caselib

import (
	"bufio"
	"compress/gzip"
	"encoding/json"
	"math/rand"
	"os"
	"reflect"
	"strings"
	"testing"
)

// plainRecognise is Recognise with the markers found by their regexps alone,
// as before litRe: what Recognise must keep returning.
func plainRecognise(text string) *Structure {
	return recognise(text, func(i int) int {
		if loc := sectionMarkers[i].re.FindStringIndex(text); loc != nil {
			return loc[0]
		}
		return -1
	})
}

func TestLitReMatchesRegexp(t *testing.T) {
	// pieces that make markers, near-misses and the whitespace ^\s* looks at;
	// random texts of them (synthetic) put every marker at every distance.
	pieces := []string{"当事人：", "当事人", "被告人", "被告人姓名：", "\n", "\n  ", " ", "\t", "。", "，", "经查，", "经查",
		"经审理查明", "公诉机关指控", "违法事实如", "上述事实，有", "以上违法事实主要有", "现场笔录等", "证据为证", "证明",
		"证据：", "证据如下", "主要证据：", "违反了《", "当事人的上述行为违反《", "违法行为已违反《", "依据《", "本院认为",
		"鉴于", "综合考虑", "依法予以从轻处罚", "应当减轻行政处罚", "从重", "决定对当事人给予如下行政处罚", "决定如下",
		"判决如下", "责令当事人", "现查明", "本局查明", "经调查，", "调查发现：", "裁量理由", "考虑到", "被处罚人名称：",
		"被申请人：", "以上事实由", "已由", "证实", "处罚决定如", "\n证据：", "决定不予行政处罚", "处罚决定：", "某某", "甲乙丙丁戊己庚辛壬癸子丑寅卯", "1,200元"}
	rnd := rand.New(rand.NewSource(1))
	for n := 0; n < 20000; n++ {
		var b strings.Builder
		for k := rnd.Intn(40); k >= 0; k-- {
			b.WriteString(pieces[rnd.Intn(len(pieces))])
		}
		text := b.String()
		for _, m := range sectionMarkers {
			want := -1
			if loc := m.re.FindStringIndex(text); loc != nil {
				want = loc[0]
			}
			if got := firstIndex(text, m.fast); got != want {
				t.Fatalf("%s in %q: litRe %d, regexp %d", m.name, text, got, want)
			}
		}
	}
}

func TestRecogniseUnchangedOnJudgments(t *testing.T) {
	texts := []string{syntheticDecision}
	// real candidate judgments when the corpus is there: every 10th of 9,088
	if f, err := os.Open("../../shared/corpora/lecard-dev/candidates_all.jsonl.gz"); err == nil {
		defer f.Close()
		zr, err := gzip.NewReader(f)
		if err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(zr)
		sc.Buffer(make([]byte, 1<<20), 64<<20)
		for n := 0; sc.Scan(); n++ {
			if n%10 != 0 {
				continue
			}
			var rc struct {
				Text string `json:"text"`
			}
			if err := json.Unmarshal(sc.Bytes(), &rc); err != nil {
				t.Fatal(err)
			}
			texts = append(texts, rc.Text)
		}
	}
	for i, text := range texts {
		if got, want := Recognise(text), plainRecognise(text); !reflect.DeepEqual(got, want) {
			t.Fatalf("text %d: Recognise %+v, by regexps alone %+v", i, got, want)
		}
	}
	t.Logf("%d texts", len(texts))
}

func TestNewLitReRefusesUnbounded(t *testing.T) {
	for _, expr := range []string{`当事人.*`, `^当事人`, `当事人$`, `(?m)^\s*当事人\s+`} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("newLitRe(%q) accepted", expr)
				}
			}()
			newLitRe(expr, "当事人")
		}()
	}
}

func TestEnrichCodes(t *testing.T) {
	// synthetic numbers: an ID with a lower-case check character, a credit
	// code, and runs one character too short for either
	cases := []struct{ head, id, code string }{
		{"当事人：张某\n身份证号码：11010119900101123x\n", "11010119900101123x", ""},
		{"当事人：张某\n身份证号码：110101199001011234\n", "110101199001011234", ""},
		{"统一社会信用代码：91440700MA0000000X\n", "", "91440700MA0000000X"},
		{"统一社会信用代码：91440700MA0000000\n", "", ""},
		{"身份证号码：1101011990010112x\n", "", ""},
	}
	for _, c := range cases {
		s := &Structure{}
		s.enrich(c.head)
		if s.IDNumber != c.id || s.CreditCode != c.code {
			t.Errorf("%q: id %q code %q; want %q %q", c.head, s.IDNumber, s.CreditCode, c.id, c.code)
		}
	}
}
