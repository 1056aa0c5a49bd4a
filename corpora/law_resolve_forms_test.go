package corpora

import (
	"strings"
	"testing"
)

// Citation forms as decisions write them, resolved against the embedded laws.
// The sentences are synthetic, written for this test.
func TestResolveTextForms(t *testing.T) {
	type r struct {
		law             string
		art, para, item int
		valid           bool
		malformed       string // part of Malformed; "" when well-formed
		meant           string
	}
	const yp, xf = "中华人民共和国药品管理法", "中华人民共和国消防法"
	for _, tt := range []struct {
		name, text string
		want       []r
	}{
		{"list sharing 第 and 条", "依据《药品管理法》第四十一、五十一、七十四条的规定", []r{{yp, 41, 0, 0, true, "", ""}, {yp, 51, 0, 0, true, "", ""}, {yp, 74, 0, 0, true, "", ""}}},
		{"list with 条 each", "违反了《药品管理法》第四十三条、四十四条的规定", []r{{yp, 43, 0, 0, true, "", ""}, {yp, 44, 0, 0, true, "", ""}}},
		{"several items", "依照《药品管理法》第一百二十四条第一款第(一)(七)项", []r{{yp, 124, 1, 1, true, "", ""}, {yp, 124, 1, 7, true, "", ""}}},
		{"items with 、", "依照《药品管理法》第一百二十四条第一款第（一）、（三）项", []r{{yp, 124, 1, 1, true, "", ""}, {yp, 124, 1, 3, true, "", ""}}},
		{"ASCII colons and brackets", "法律依据:《消防法》(2021年修正):第十六条第一款第(四)项", []r{{xf, 16, 1, 4, true, "", ""}}},
		// the 2019 text's 第五十八条 has no items: both are reported, not guessed
		{"several items, article without items", "依照《药品管理法》第五十八条第一款第(一)(十四)项", []r{{yp, 58, 1, 1, false, "", ""}, {yp, 58, 1, 14, false, "", ""}}},
		{"PDF text", "依据《消防法》 第\n十六条第一款第(四) 项之规定", []r{{xf, 16, 1, 4, true, "", ""}}},
		{"alias then bare", "《中华人民共和国药品管理法》(以下简称药品管理法)。当事人违反药品管理法第九十八条第三款", []r{{yp, 98, 3, 0, true, "", ""}}},
		{"alias 《条例》", "《中华人民共和国食品安全法实施条例》（以下简称《条例》）。依据《条例》第六十七条第一款第（一）项", []r{{"中华人民共和国食品安全法实施条例", 67, 1, 1, true, "", ""}}},
		{"bare law name", "当事人违反食品安全法第一百二十四条第一款第（三）项", []r{{"中华人民共和国食品安全法", 124, 1, 3, true, "", ""}}},
		{"malformed, meant exists", "违反《药品管理法》第九十八第三款", []r{{yp, 98, 3, 0, false, "missing 条 in 《药品管理法》第九十八第三款", "《中华人民共和国药品管理法》第九十八条第三款"}}},
		{"malformed, cannot tell", "违反《消防法》第十六第（四）项", []r{{xf, 0, 0, 0, false, "cannot be told", ""}}},
	} {
		got := Default().ResolveText(tt.text)
		if len(got) != len(tt.want) {
			t.Errorf("%s: ResolveText(%q) = %+v, want %d", tt.name, tt.text, got, len(tt.want))
			continue
		}
		for i, g := range got {
			w := tt.want[i]
			if g.Law != w.law || g.Article != w.art || g.Paragraph != w.para || g.Item != w.item || g.Valid != w.valid ||
				(w.malformed == "") != (g.Malformed == "") || !strings.Contains(g.Malformed, w.malformed) || g.Meant != w.meant ||
				(g.Valid || g.Meant != "") && g.Text == "" {
				t.Errorf("%s: ResolveText(%q)[%d] = %+v, want %+v", tt.name, tt.text, i, g, w)
			}
		}
	}
}

// Cite refuses a malformed citation, naming it and what it was read as.
func TestCiteMalformed(t *testing.T) {
	r, err := Default().Cite("《中华人民共和国药品管理法》第九十八第三款")
	if err == nil || r.Valid || !strings.Contains(err.Error(), "第九十八第三款") || !strings.Contains(err.Error(), "第九十八条第三款") || r.Text == "" {
		t.Errorf("Cite(malformed) = %+v, %v", r, err)
	}
}
