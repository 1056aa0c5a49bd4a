package nlp

import (
	"strings"
	"testing"
	"time"
)

// Citation forms as decisions write them. All sentences are synthetic, written
// for these tests in the style of 行政处罚决定书.
func TestParseCitationForms(t *testing.T) {
	type c struct {
		law       string
		art       int
		para, itm int
		raw       string
		malformed string // a part of the Malformed message; "" when well-formed
	}
	const yp = "中华人民共和国药品管理法"
	for _, tt := range []struct {
		name, in string
		known    []string
		want     []c
	}{
		{"article list sharing 第 and 条", "依据《药品管理法》第四十一、五十一、七十四条的规定", nil, []c{
			{"药品管理法", 41, 0, 0, "《药品管理法》第四十一", ""}, {"药品管理法", 51, 0, 0, "五十一", ""}, {"药品管理法", 74, 0, 0, "七十四条", ""}}},
		{"article list with 条 each", "违反了《药品管理法》第四十三条、四十四条第一款的规定", nil, []c{
			{"药品管理法", 43, 0, 0, "《药品管理法》第四十三条", ""}, {"药品管理法", 44, 1, 0, "四十四条第一款", ""}}},
		{"several items, ASCII brackets", "依照《药品管理法》第五十八条第一款第(一)(十四)项", nil, []c{
			{"药品管理法", 58, 1, 1, "《药品管理法》第五十八条第一款第(一)", ""}, {"药品管理法", 58, 1, 14, "(十四)项", ""}}},
		{"several items, full-width with 、", "《消防法》第十六条第一款第（一）、（三）项", nil, []c{
			{"消防法", 16, 1, 1, "《消防法》第十六条第一款第（一）", ""}, {"消防法", 16, 1, 3, "（三）项", ""}}},
		{"item continuation without 第", "《消防法》第十六条第一款第（一）项、（三）项", nil, []c{
			{"消防法", 16, 1, 1, "《消防法》第十六条第一款第（一）项", ""}, {"消防法", 16, 1, 3, "（三）项", ""}}},
		{"PDF line break and spaces inside", "依据《消防法》 第\n十六条第一款第(四) 项之规定", nil, []c{
			{"消防法", 16, 1, 4, "《消防法》 第\n十六条第一款第(四) 项", ""}}},
		{"PDF break between law and article", "依据《消防法》\n第十六条", nil, []c{{"消防法", 16, 0, 0, "《消防法》\n第十六条", ""}}},
		{"PDF break inside a numeral", "《消防法》第六\n十条", nil, []c{{"消防法", 60, 0, 0, "《消防法》第六\n十条", ""}}},
		{"ASCII version note and colon", "法律依据：《消防法》(2021年修正)：第十六条", nil, []c{{"消防法", 16, 0, 0, "《消防法》(2021年修正)：第十六条", ""}}},
		{"a sentence end is not joined by whitespace", "违反《消防法》第十六条。 第二款不适用", nil, []c{{"消防法", 16, 0, 0, "《消防法》第十六条", ""}}},
		{"a blank line ends the citation", "《消防法》第十六条\n\n第二十条", nil, []c{{"消防法", 16, 0, 0, "《消防法》第十六条", ""}, {"", 20, 0, 0, "第二十条", ""}}},
		{"alias in 《》", "《中华人民共和国药品管理法》（以下简称《药品管理法》）……依照《药品管理法》第一百二十四条", nil, []c{{yp, 124, 0, 0, "《药品管理法》第一百二十四条", ""}}},
		{"alias without 《》, ASCII brackets", "《中华人民共和国药品管理法》(以下简称药品管理法)。当事人违反药品管理法第九十八条第三款", nil, []c{{yp, 98, 3, 0, "药品管理法第九十八条第三款", ""}}},
		{"alias with colon and quotes", "《中华人民共和国药品管理法》（以下简称：“药品管理法”）。依据药品管理法 第九十八条", nil, []c{{yp, 98, 0, 0, "药品管理法 第九十八条", ""}}},
		{"the name itself as alias, used bare", "《药品管理法》(以下简称药品管理法)。依据药品管理法第一百二十四条", nil, []c{{"药品管理法", 124, 0, 0, "药品管理法第一百二十四条", ""}}},
		{"bare alias in a later sentence, another law between", "《中华人民共和国药品管理法》（以下简称《药品管理法》）。依据《行政处罚法》第三十二条和药品管理法第一百二十四条", nil, []c{
			{"行政处罚法", 32, 0, 0, "《行政处罚法》第三十二条", ""}, {yp, 124, 0, 0, "药品管理法第一百二十四条", ""}}},
		{"《条例》 as an alias", "《医疗器械监督管理条例》（以下简称《条例》）。依据《条例》第八十六条第一款第（三）项", nil, []c{{"医疗器械监督管理条例", 86, 1, 3, "《条例》第八十六条第一款第（三）项", ""}}},
		{"bare law name known to the caller", "当事人违反了食品安全法第一百二十四条", []string{"食品安全法", "安全法"}, []c{{"食品安全法", 124, 0, 0, "食品安全法第一百二十四条", ""}}},
		{"bare name unknown stays unnamed", "当事人违反了食品安全法第一百二十四条", nil, []c{{"", 124, 0, 0, "第一百二十四条", ""}}},
		{"missing 条", "依据《药品管理法》第九十八第三款", nil, []c{{"药品管理法", 98, 3, 0, "《药品管理法》第九十八第三款", "read as 第九十八条第三款"}}},
		{"missing 款", "《药品管理法》第九十八条第三第（二）项", nil, []c{{"药品管理法", 98, 3, 2, "《药品管理法》第九十八条第三第（二）项", "read as 第九十八条第三款第（二）项"}}},
		{"missing 项", "《消防法》第十六条第一款第（四）的规定", nil, []c{{"消防法", 16, 1, 4, "《消防法》第十六条第一款第（四）", "missing 项"}}},
		{"missing 条 or 款: cannot tell", "《消防法》第十六第（四）项", nil, []c{{"消防法", 0, 0, 0, "《消防法》第十六第（四）项", "cannot be told"}}},
		{"ordinals are not citations", "第一次检查，第三名当事人，第二批", nil, nil},
	} {
		var known func(string) bool
		if tt.known != nil {
			known = func(n string) bool {
				for _, k := range tt.known {
					if k == n {
						return true
					}
				}
				return false
			}
		}
		got := ParseCitationsOpt(tt.in, CiteOptions{KnownLaw: known})
		if len(got) != len(tt.want) {
			t.Errorf("%s: ParseCitationsOpt(%q) = %+v, want %d citations", tt.name, tt.in, got, len(tt.want))
			continue
		}
		for i, g := range got {
			w := tt.want[i]
			if g.Law != w.law || g.Article != w.art || g.Paragraph != w.para || g.Item != w.itm || g.Raw != w.raw || tt.in[g.Start:g.End] != g.Raw ||
				(w.malformed == "") != (g.Malformed == "") || !strings.Contains(g.Malformed, w.malformed) {
				t.Errorf("%s: ParseCitationsOpt(%q)[%d] = %+v, want %+v", tt.name, tt.in, i, g, w)
			}
		}
	}
}

func TestCitationLabel(t *testing.T) {
	for _, tt := range []struct {
		c    Citation
		want string
	}{
		{Citation{Article: 98, Paragraph: 3}, "第九十八条第三款"},
		{Citation{Article: 124, Paragraph: 1, Item: 3}, "第一百二十四条第一款第（三）项"},
		{Citation{Article: 10}, "第十条"},
		{Citation{Article: 1010, ArticleSuffix: "之一"}, "第一千零一十条之一"},
		{Citation{Article: 105}, "第一百零五条"},
		{Citation{}, ""},
	} {
		if got := tt.c.Label(); got != tt.want {
			t.Errorf("%+v.Label() = %q, want %q", tt.c, got, tt.want)
		}
	}
}

// A long text with one citation and many numbers and 第 after it is parsed in
// linear time (a continuation is only looked for right after a citation).
func TestParseCitationsLongText(t *testing.T) {
	text := "《消防法》第十六条" + strings.Repeat("第一二三四五六七八九十，", 100000)
	start := time.Now()
	if got := ParseCitations(text); len(got) != 1 {
		t.Fatalf("%d citations", len(got))
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("took %v", d)
	}
}
