package drafting

import (
	"strings"
	"testing"

	"zhifa/corpora"
)

func TestCheckNarrative(t *testing.T) {
	c := corpora.Default()
	rec := Record{Citations: []string{"《中华人民共和国食品安全法》第一百二十四条第一款"}, Amounts: []float64{6000, 60000}, Dates: []string{"2026-03-10"}}
	const fallback = "【模板事实】。"
	// synthetic narratives
	for _, tc := range []struct {
		name, text, want, warn string
	}{
		{"faithful", "2026年3月10日，当事人货值金额6000元。依据《中华人民共和国食品安全法》第一百二十四条第一款处罚款6万元。", "依据《中华人民共和国食品安全法》第一百二十四条第一款", ""},
		{"invented article", "当事人违法。依据《中华人民共和国食品安全法》第九百九十九条处罚。", "【模板事实】", "not in the law corpus"},
		{"real but not provided", "依据《中华人民共和国行政处罚法》第三十二条从轻处罚。", "【模板事实】", "not among those provided"},
		{"malformed citation", "依据《中华人民共和国食品安全法》第一百二十四第一款处罚。", "【模板事实】", "malformed citation: missing 条 in 《中华人民共和国食品安全法》第一百二十四第一款: read as 第一百二十四条第一款"},
		{"list with one not provided", "依据《中华人民共和国食品安全法》第一百二十四条、一百二十五条处罚。", "【模板事实】", "not among those provided: 一百二十五条"},
		{"bare law name not provided", "依据食品安全法第一百二十五条处罚。", "【模板事实】", "not among those provided: 食品安全法第一百二十五条"},
		{"wrong amount", "货值金额7000元。", "【模板事实】", "amount"},
		{"wrong date", "2026年3月11日检查。", "【模板事实】", "date"},
	} {
		got, warn := CheckNarrative(c, tc.text, fallback, rec)
		if !strings.Contains(got, tc.want) {
			t.Errorf("%s: got %q", tc.name, got)
		}
		if tc.warn == "" && len(warn) > 0 || tc.warn != "" && (len(warn) == 0 || !strings.Contains(warn[0], tc.warn)) {
			t.Errorf("%s: warnings %v", tc.name, warn)
		}
	}
}
