package drafting

import (
	"archive/zip"
	"bytes"
	"io"
	"regexp"
	"strings"
	"testing"
)

// synthetic test case, not a real party.
func sample() Model {
	return Model{
		Agency: AgencyProfile{Name: "示例市市场监督管理局", Seal: "示例市市场监督管理局（印章）", Bank: "示例银行", BankAccount: "0000-0000", ReviewBody: "示例市人民政府", Court: "示例市人民法院"},
		Party:  Party{Name: "示例食品有限公司（合成数据）", Kind: "organization", IDNumber: "91000000000000000X", Address: "示例市示例路1号", Representative: "甲某（合成）"},
		Facts:  "当事人销售超过保质期的食品。", Evidence: []string{"现场检查笔录", "询问笔录"},
		Violated: "《中华人民共和国食品安全法》第三十四条第（十）项", Basis: "《中华人民共和国食品安全法》第一百二十四条第一款",
		Discretion: "综合考虑违法情节，", Decision: "没收违法经营的食品；", Fine: 150000,
		Number: "示市监罚〔2026〕12号", Date: "2026年11月22日",
		Case:   CaseInfo{ID: "syn-1", CaseNo: "示市监立字〔2026〕3号", Title: "示例食品有限公司销售过期食品案（合成数据）", FiledOn: "2026-03-10"},
		Review: "同意。", Reviewer: "审核员甲（合成）", ReviewDate: "2026年11月18日", Hearing: "2026年12月1日9时，本机关听证室", HearingHost: "主持人乙（合成）", HearingNoticeDate: "2026年11月23日",
		HearingStatements: "当事人请求从轻处罚", Discussion: "2026年11月20日，本机关会议室", DiscussionDate: "2026年11月20日",
		DiscussionParticipants: []string{"局长丙（合成）", "副局长丁（合成）"}, ClosingDate: "2026年12月20日",
		DiscussionResult: "同意拟处罚意见。", Deadline: "2026年12月1日前", TransferTo: "示例市公安局",
		TransferReason: "销售金额达到立案追诉标准。", ServedDocument: "行政处罚决定书（示市监罚〔2026〕12号）", Execution: "罚款已缴清。",
		CaseSource: "根据群众举报", NoticeDate: "2026年11月10日", Statements: "当事人在陈述中称系初次违法，请求从轻处罚。",
		StatementsReply: "经复核，当事人所称初次违法属实，但销售过期食品数量较大，不予采纳。",
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

// titleRun and bodyRun are a 2号小标宋 title run and a 3号仿宋 body run.
var (
	titleRun = regexp.MustCompile(`<w:rFonts[^>]*w:eastAsia="方正小标宋简体"[^>]*>(</w:rFonts>)?<w:sz w:val="44">`)
	bodyRun  = regexp.MustCompile(`<w:rFonts[^>]*w:eastAsia="仿宋_GB2312"[^>]*>(</w:rFonts>)?<w:sz w:val="32">`)
)

// docPart is one part of a DOCX package.
func docPart(t *testing.T, b []byte, name string) string {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range zr.File {
		if f.Name == name {
			rc, _ := f.Open()
			x, _ := io.ReadAll(rc)
			rc.Close()
			return string(x)
		}
	}
	t.Fatalf("no %s", name)
	return ""
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
		wants := []string{`w:w="11906"`, `w:h="16838"`, `w:top="2098"`, `w:left="1588"`, `w:right="1474"`, `w:bottom="1984"`, `linePitch="579"`, `w:type="lines"`, `<w:spacing w:val="-6">`, `w:sz w:val="44"`, `w:sz w:val="32"`, "仿宋_GB2312", "方正小标宋简体", kind, "PAGE"}
		wants = append(wants, keyTexts[kind]...)
		for _, want := range wants {
			if !strings.Contains(x, want) {
				t.Errorf("%s: missing %q", kind, want)
			}
		}
		// the runs themselves carry the fonts, not only the font table and the defaults
		doc := docPart(t, b, "word/document.xml")
		for _, re := range []*regexp.Regexp{titleRun, bodyRun} {
			if !re.MatchString(doc) {
				t.Errorf("%s: document.xml has no run matching %s", kind, re)
			}
		}
		if len(d.Warnings) != 0 {
			t.Errorf("%s: warnings %v", kind, d.Warnings)
		}
	}
}

// keyTexts are what each kind must say for the synthetic case.
var keyTexts = map[string][]string{
	"行政处罚决定书":   {"示市监罚〔2026〕12号", "150000.00元", "十五日", "百分之三", "六十日", "六个月"},
	"行政处罚事先告知书": {"示市监罚〔2026〕12号", "150000.00元", "陈述和申辩", "听证"},
	"不予行政处罚决定书": {"第三十三条", "六十日", "六个月"},
	"听证通知书":     {"第六十四条", "回避", "主持人乙（合成）", "2026年11月23日"},
	"案件调查终结报告":  {"150000.00元", "示市监立字〔2026〕3号"},
	"法制审核意见书":   {"第五十八条", "同意。", "审核员甲（合成）", "2026年11月18日"},
	"集体讨论记录":    {"第五十七条", "同意拟处罚意见。", "局长丙（合成）、副局长丁（合成）", "当事人请求从轻处罚。"},
	"责令改正通知书":   {"责令", "2026年12月1日前"},
	"涉嫌犯罪案件移送书": {"示例市公安局", "移送"},
	"送达回证":      {"受送达人", "示市监罚〔2026〕12号"},
	"结案审批表":     {"罚款已缴清。", "2026年12月20日", "集体讨论结论：同意拟处罚意见。"},
	"立案审批表":     {"立案", "2026-03-10"},
	"信息摘要":      {"150000.00元", "示市监罚〔2026〕12号"},
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

// The 较大数额罚款 levels of templates/hearing.json (市场监督管理行政处罚听证办法 第五条):
// 10,000 yuan for a person, 100,000 for an organization, each included ("以上").
func TestHearingThreshold(t *testing.T) {
	for _, c := range []struct {
		kind string
		fine float64
		want bool
	}{
		{"person", 9999.99, false},
		{"person", 10000, true},
		{"person", 10000.01, true},
		{"person", 50000, true}, // a person's fine the organization's level would not reach
		{"organization", 10000, false},
		{"organization", 50000, false},
		{"organization", 99999.99, false},
		{"organization", 100000, true},
		{"organization", 100000.01, true},
		{"organization", 150000, true},
	} {
		m := sample()
		m.Party.Kind, m.Fine = c.kind, c.fine
		for _, kind := range []string{"行政处罚事先告知书", "行政处罚决定书"} {
			d, err := Fill(kind, m)
			if err != nil {
				t.Fatal(err)
			}
			if got := strings.Contains(strings.Join(d.Paragraphs, ""), "要求听证"); got != c.want {
				t.Errorf("%s, %s fined %.2f: hearing right stated %v, want %v", kind, c.kind, c.fine, got, c.want)
			}
		}
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

func TestEveryKindHasChecks(t *testing.T) {
	if len(Kinds()) != len(keyTexts) {
		t.Errorf("kinds %v, checked %d", Kinds(), len(keyTexts))
	}
}

func TestSummaryMasksPerson(t *testing.T) {
	m := sample()
	m.Party = Party{Name: "张三", Kind: "person"}
	m.Facts = "当事人张三（男，身份证号110101199003074514，电话13800138000）销售过期食品。"
	d, err := Fill("信息摘要", m)
	if err != nil {
		t.Fatal(err)
	}
	s := strings.Join(d.Paragraphs, "")
	for _, leak := range []string{"110101199003074514", "13800138000"} {
		if strings.Contains(s, leak) {
			t.Errorf("summary leaks %s: %s", leak, s)
		}
	}
}

// TestDOCXPackage checks the package is godocx's (its core properties and document root) with
// the parts GB/T 9704 needs added, and the zip is written with fixed times and order.
func TestDOCXPackage(t *testing.T) {
	d, err := Fill("行政处罚决定书", sample())
	if err != nil {
		t.Fatal(err)
	}
	b, err := DOCX(d)
	if err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	parts := map[string]string{}
	for i, f := range zr.File {
		if i == 0 && f.Name != "[Content_Types].xml" {
			t.Errorf("first part %s", f.Name)
		}
		if !f.Modified.Equal(zipTime) {
			t.Errorf("%s: modified %v", f.Name, f.Modified)
		}
		rc, _ := f.Open()
		x, _ := io.ReadAll(rc)
		rc.Close()
		parts[f.Name] = string(x)
	}
	for part, want := range map[string]string{
		"docProps/core.xml":            "<dc:creator>zhifa</dc:creator>", // not godocx's own name
		"docProps/app.xml":             "<Application>zhifa</Application>",
		"word/document.xml":            `mc:Ignorable="w14 wp14 w15"`, // godocx's document root
		"word/footer1.xml":             "PAGE",
		"word/_rels/document.xml.rels": "footer1.xml",
		"[Content_Types].xml":          "/word/footer1.xml",
		"word/fontTable.xml":           `<w:font w:name="仿宋_GB2312"><w:altName w:val="Noto Serif CJK SC"/>`,
	} {
		if !strings.Contains(parts[part], want) {
			t.Errorf("%s: missing %q", part, want)
		}
	}
	if !strings.Contains(parts["docProps/core.xml"], "<dc:title>行政处罚决定书</dc:title>") {
		t.Error("title not in the core properties")
	}
	for _, p := range []string{"docProps/thumbnail.jpeg", "word/stylesWithEffects.xml"} {
		if _, ok := parts[p]; ok {
			t.Errorf("%s still in the package", p)
		}
	}
	if strings.Contains(parts["_rels/.rels"], "thumbnail") || strings.Contains(parts["word/_rels/document.xml.rels"], "stylesWithEffects") {
		t.Error("relationship to a dropped part")
	}
}

func TestDocNumberLine(t *testing.T) {
	for s, want := range map[string]bool{
		"示县市监罚〔2026〕1号": true,
		"示市监罚〔2026〕12号": true,
		"【缺：文号】":        false,
		"案件名称：示例案（案号：示县市监立字〔2026〕3号）": false,
	} {
		if got := docNumber.MatchString(s); got != want {
			t.Errorf("%s: %v", s, got)
		}
	}
}
