package drafting

import (
	"archive/zip"
	"bytes"
	"io"
	"strings"
	"testing"
)

// synthetic test case, not a real party.
func sample() Model {
	return Model{
		Agency: AgencyProfile{Name: "示例市市场监督管理局", Seal: "示例市市场监督管理局（印章）", Bank: "示例银行", BankAccount: "0000-0000", ReviewBody: "示例市人民政府", Court: "示例市人民法院"},
		Party:  Party{Name: "示例食品有限公司（合成数据）", Kind: "organization", IDNumber: "91000000000000000X", Address: "示例市示例路1号"},
		Facts:  "当事人销售超过保质期的食品。", Evidence: []string{"现场检查笔录", "询问笔录"},
		Violated: "《中华人民共和国食品安全法》第三十四条第（十）项", Basis: "《中华人民共和国食品安全法》第一百二十四条第一款",
		Discretion: "综合考虑违法情节，", Decision: "没收违法经营的食品；", Fine: 150000,
		Number: "示市监罚〔2026〕12号", Date: "2026年11月22日",
	}
}

func docXML(t *testing.T, b []byte) string {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	var all string
	for _, f := range zr.File {
		rc, _ := f.Open()
		x, _ := io.ReadAll(rc)
		rc.Close()
		all += string(x)
	}
	return all
}

func TestKindsFillAndRead(t *testing.T) {
	for _, kind := range Kinds() {
		d, err := Fill(kind, sample())
		if err != nil {
			t.Fatal(err)
		}
		b, err := DOCX(d)
		if err != nil {
			t.Fatal(err)
		}
		b2, _ := DOCX(d)
		if !bytes.Equal(b, b2) {
			t.Fatalf("%s: not deterministic", kind)
		}
		x := docXML(t, b)
		for _, want := range []string{`w:w="11906"`, `w:top="2098"`, `w:left="1588"`, `linePitch="579"`, "仿宋_GB2312", "方正小标宋简体", kind, "150000.00元", "示市监罚〔2026〕12号", "PAGE"} {
			if !strings.Contains(x, want) {
				t.Errorf("%s: missing %q", kind, want)
			}
		}
		if len(d.Warnings) != 0 {
			t.Errorf("%s: warnings %v", kind, d.Warnings)
		}
	}
}

func TestDecisionTexts(t *testing.T) {
	d, _ := Fill("行政处罚决定书", sample())
	s := strings.Join(d.Paragraphs, "")
	for _, want := range []string{"十五日", "百分之三", "六十日", "六个月", "示例市人民政府", "示例市人民法院"} {
		if !strings.Contains(s, want) {
			t.Errorf("missing %q", want)
		}
	}
}

func TestHearingThreshold(t *testing.T) {
	m := sample()
	d, _ := Fill("行政处罚事先告知书", m)
	if !strings.Contains(strings.Join(d.Paragraphs, ""), "听证") {
		t.Error("150000 for an organization: hearing right missing")
	}
	m.Fine = 50000
	d, _ = Fill("行政处罚事先告知书", m)
	if strings.Contains(strings.Join(d.Paragraphs, ""), "听证") {
		t.Error("50000 for an organization: hearing right must not appear")
	}
}

func TestMissingFields(t *testing.T) {
	m := sample()
	m.Party.Address = ""
	d, err := Fill("行政处罚决定书", m)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(strings.Join(d.Paragraphs, ""), "【缺：当事人住所】") || len(d.Warnings) != 1 {
		t.Errorf("marked text/warnings wrong: %v", d.Warnings)
	}
}

func TestUnknownKind(t *testing.T) {
	if _, err := Fill("不存在", sample()); err == nil || !strings.Contains(err.Error(), "行政处罚决定书") {
		t.Errorf("want error listing kinds, got %v", err)
	}
}

func BenchmarkDecision(b *testing.B) {
	m := sample()
	for b.Loop() {
		d, _ := Fill("行政处罚决定书", m)
		_, _ = DOCX(d)
	}
}
