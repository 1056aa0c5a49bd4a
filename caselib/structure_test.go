package caselib

import (
	"strings"
	"testing"
)

// A synthetic decision written the way 市场监管 decisions are.
const syntheticDecision = `某市市场监督管理局行政处罚决定书
某市监处罚〔2025〕18号
当事人：某某食品贸易有限公司（合成数据）
统一社会信用代码：91440700MA0000000X
法定代表人：张某
经查，当事人于2025年3月至5月销售超过保质期的食品“某牌饼干”共计120箱，货值金额人民币8,400元，违法所得人民币1,200元。
上述事实，有现场检查笔录、销售台账、当事人陈述等证据为证。
当事人的上述行为违反了《中华人民共和国食品安全法》第三十四条第（十）项的规定。依据《中华人民共和国食品安全法》第一百二十四条第一款第（五）项的规定，
鉴于当事人积极配合调查、主动召回，依法予以从轻处罚。
本局决定对当事人作出如下行政处罚：一、没收违法所得人民币1,200元；二、罚款人民币陆万元整。
当事人应当自收到本决定书之日起十五日内缴纳罚款。
如不服本处罚决定，可以在收到本决定书之日起六十日内申请行政复议。`

func TestRecognise(t *testing.T) {
	s := Recognise(syntheticDecision)
	if s == nil {
		t.Fatal("no structure recognised")
	}
	checks := []struct {
		name, got, prefix, notContains string
	}{
		{"party", s.Party, "当事人：某某食品贸易有限公司", "经查"},
		{"facts", s.Facts, "经查，当事人", "证据"},
		{"evidence", s.Evidence, "上述事实，有现场检查笔录", "违反"},
		{"basis", s.Basis, "当事人的上述行为违反了《中华人民共和国食品安全法》第三十四条", "鉴于"},
		{"reasons", s.Reasons, "鉴于当事人积极配合调查", "本局决定"},
		{"decision", s.Decision, "决定对当事人作出如下行政处罚", "十五日内"},
	}
	for _, c := range checks {
		if !strings.HasPrefix(c.got, c.prefix) || strings.Contains(c.got, c.notContains) {
			t.Errorf("%s = %q; want prefix %q and no %q", c.name, c.got, c.prefix, c.notContains)
		}
	}
	if s.Fine == nil || *s.Fine != 60000 {
		t.Errorf("fine = %v; want 60000 (陆万元整)", s.Fine)
	}
	if len(s.Citations) != 2 || s.Citations[1] != "《中华人民共和国食品安全法》第124条" {
		t.Errorf("citations = %v", s.Citations)
	}
	if s.PartyType != "organization" {
		t.Errorf("party type = %q", s.PartyType)
	}
	if len(s.Amounts) < 2 || s.Amounts[0] != 8400 {
		t.Errorf("amounts = %v", s.Amounts)
	}
}

func TestRecogniseFreeTextAndPerson(t *testing.T) {
	if s := Recognise("一段没有任何结构的培训笔记，讨论过期食品的认定。"); s != nil {
		t.Errorf("free text got structure %+v", s)
	}
	s := Recognise("当事人：李某，男，1980年生（合成数据）。\n经查，当事人无照经营烧烤摊。\n本局决定对当事人作出如下行政处罚：罚款人民币2000元。")
	if s == nil || s.PartyType != "person" || s.Fine == nil || *s.Fine != 2000 {
		t.Errorf("person case: %+v", s)
	}
}

// Import fills penalty basis and fine from the text when the file lacks them,
// and keeps the file's own values when it has them.
func TestImportFillsFromStructure(t *testing.T) {
	lib, err := Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	line1 := `{"id":"s1","title":"合成决定书","text":` + jsonString(syntheticDecision) + "}\n"
	line2 := `{"id":"s2","title":"合成决定书","text":` + jsonString(syntheticDecision) + `,"fine":5000,"penalty_basis":"《中华人民共和国食品安全法》第一百二十四条"}` + "\n"
	if res, err := lib.ImportJSONL(strings.NewReader(line1+line2), "", nil); err != nil || res.Imported != 2 {
		t.Fatalf("import: %+v %v", res, err)
	}
	c1, c2 := lib.Get("s1"), lib.Get("s2")
	if c1.Fine == nil || *c1.Fine != 60000 || c1.PenaltyBasis != "《中华人民共和国食品安全法》第124条" || c1.Structure == nil {
		t.Errorf("s1 not filled from text: fine %v basis %q", c1.Fine, c1.PenaltyBasis)
	}
	if *c2.Fine != 5000 || c2.PenaltyBasis != "《中华人民共和国食品安全法》第一百二十四条" {
		t.Errorf("s2 file values overridden: fine %v basis %q", *c2.Fine, c2.PenaltyBasis)
	}
}

func jsonString(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`)
	return `"` + r.Replace(s) + `"`
}

// The amount the ranking compares is the facts' (货值 8,400), not the fine (60,000).
func TestFactsAmount(t *testing.T) {
	c := &Case{Text: syntheticDecision, Structure: Recognise(syntheticDecision)}
	if got := c.factsAmount(); got != 8400 {
		t.Errorf("facts amount = %v, want 8400", got)
	}
	if got := (&Case{Text: "没有结构的文字，罚款五万元"}).factsAmount(); got != 0 {
		t.Errorf("unstructured case: %v, want 0 (the ranking then reads the whole text)", got)
	}
}
