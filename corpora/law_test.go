package corpora

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"zhifa/nlp"
)

// countArticleLines counts lines of the raw file that start an article, the
// way a reader counts them: 第X条 / 第X条之一 followed by a space.
func countArticleLines(t *testing.T, file string) int {
	t.Helper()
	data, err := FS.ReadFile("laws/" + file)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, l := range strings.Split(string(data), "\n") {
		if articleRe.MatchString(strings.TrimSpace(l)) {
			n++
		}
	}
	return n
}

func TestArticleCounts(t *testing.T) {
	c := Default()
	tests := []struct {
		law      string
		articles int
	}{
		{"行政处罚法", 86},
		{"食品安全法", 154},
		{"行政许可法", 83},
		{"行政强制法", 71},
		{"中华人民共和国刑法", countArticleLines(t, "xingfa.md")},
		{"刑法", 505},
	}
	for _, tt := range tests {
		l := c.Law(tt.law)
		if l == nil {
			t.Fatalf("%s not found", tt.law)
		}
		if len(l.Articles) != tt.articles {
			t.Errorf("%s: %d articles, want %d", tt.law, len(l.Articles), tt.articles)
		}
	}
	// Every embedded law's article count matches its text.
	for _, l := range c.Laws() {
		if l.Origin != OriginCore {
			continue // pack texts: TestPackFiles
		}
		if want := countArticleLines(t, l.File); want > 0 && len(l.Articles) != want {
			t.Errorf("%s: %d articles, text has %d", l.File, len(l.Articles), want)
		}
	}
}

func TestLawMetadata(t *testing.T) {
	c := Default()
	tests := []struct {
		name, full, promulgated, revised, status string
	}{
		{"《行政处罚法》", "中华人民共和国行政处罚法", "1996-03-17", "2021-01-22", StatusInForce},
		{"中华人民共和国行政强制法", "中华人民共和国行政强制法", "2011-06-30", "", StatusInForce},
		{"環境噪聲污染防治法", "中华人民共和国环境噪声污染防治法", "1996-10-29", "2018-12-29", StatusRepealed},
		{"公安机关办理行政案件程序规定", "公安机关办理行政案件程序规定", "2012-12-03", "2018-11-25", StatusInForce},
		{"危害食品安全刑事案件解释", "最高人民法院、最高人民检察院关于办理危害食品安全刑事案件适用法律若干问题的解释", "2021-12-13", "", StatusInForce},
		{"行诉法解释", "最高人民法院关于适用《中华人民共和国行政诉讼法》的解释", "2017-11-13", "", StatusInForce},
	}
	for _, tt := range tests {
		l := c.Law(tt.name)
		if l == nil {
			t.Errorf("Law(%q) = nil", tt.name)
			continue
		}
		if l.Name != tt.full || l.Promulgated != tt.promulgated || l.Revised != tt.revised || l.Status != tt.status {
			t.Errorf("Law(%q) = %s %s %s %s, want %s %s %s %s", tt.name, l.Name, l.Promulgated, l.Revised, l.Status, tt.full, tt.promulgated, tt.revised, tt.status)
		}
	}
	if l := c.Law("《中华人民共和国行政处罚法（2021年修订）》"); l == nil || l.Name != "中华人民共和国行政处罚法" {
		t.Errorf("name with a version note: %v", l)
	}
	for _, bad := range []string{"", "《》", "不存在法", "法", "（2021年修订）"} {
		if l := c.Law(bad); l != nil {
			t.Errorf("Law(%q) = %s, want nil", bad, l.Name)
		}
	}
}

func TestArticleStructure(t *testing.T) {
	c := Default()
	a := c.Article("刑法", 133, "之一")
	if a == nil {
		t.Fatal("刑法 第一百三十三条之一 missing")
	}
	if a.Label != "第一百三十三条之一" || !strings.HasPrefix(a.Text, "在道路上驾驶机动车") {
		t.Errorf("label %q text %.40q", a.Label, a.Text)
	}
	if len(a.Paragraphs) < 2 || len(a.Paragraphs[0].Items) != 4 || !strings.HasPrefix(a.Paragraphs[0].Items[1], "（二）醉酒驾驶机动车") {
		t.Errorf("paragraphs %+v", a.Paragraphs)
	}
	if len(a.Path) == 0 || !strings.Contains(strings.Join(a.Path, "/"), "第二編") && !strings.Contains(strings.Join(a.Path, "/"), "分则") {
		t.Errorf("path %v", a.Path)
	}
	f := c.Article("食品安全法", 124, "")
	if f == nil || len(f.Paragraphs) != 3 || len(f.Paragraphs[0].Items) != 9 {
		t.Fatalf("食品安全法 124: %+v", f)
	}
	if !strings.HasPrefix(f.Paragraphs[0].Items[2], "（三）生产经营超范围、超限量使用食品添加剂的食品") {
		t.Errorf("item 3 = %q", f.Paragraphs[0].Items[2])
	}
	if !strings.Contains(strings.Join(f.Path, "/"), "法律责任") {
		t.Errorf("path %v", f.Path)
	}
	// Point-numbered documents (一、二、) are parsed as articles too.
	j := c.Law("人民检察院办理行政执法机关移送涉嫌犯罪案件的规定")
	if j == nil || len(j.Articles) != 15 {
		t.Errorf("检察院规定: %v", j)
	}
}

func TestResolve(t *testing.T) {
	c := Default()
	tests := []struct {
		in     string
		valid  bool
		law    string
		prefix string
		reason string
	}{
		{"《中华人民共和国食品安全法》第一百二十四条第一款第（三）项", true, "中华人民共和国食品安全法", "（三）生产经营超范围、超限量使用食品添加剂的食品", ""},
		{"《行政处罚法》第三十三条", true, "中华人民共和国行政处罚法", "违法行为轻微并及时改正", ""},
		{"《刑法》第一百三十三条之一第一款第二项", true, "中华人民共和国刑法", "（二）醉酒驾驶机动车", ""},
		{"《行政处罚法》第三十三条第二款", true, "中华人民共和国行政处罚法", "当事人有证据足以证明没有主观过错", ""},
		{"《行政处罚法》第八百条", false, "中华人民共和国行政处罚法", "", ReasonNoArticle},
		{"《行政处罚法》第三十三条第九款", false, "中华人民共和国行政处罚法", "", ReasonNoParagraph},
		{"《食品安全法》第一百二十四条第一款第（十）项", false, "中华人民共和国食品安全法", "", ReasonNoItem},
		{"《火星管理法》第一条", false, "火星管理法", "", ReasonUnknownLaw},
	}
	for _, tt := range tests {
		r, err := c.Cite(tt.in)
		if r.Valid != tt.valid || r.Law != tt.law || !strings.HasPrefix(r.Text, tt.prefix) || !strings.HasPrefix(r.Reason, tt.reason) {
			t.Errorf("Cite(%s) = %+v", tt.in, r)
		}
		if (err == nil) != tt.valid {
			t.Errorf("Cite(%s) err = %v", tt.in, err)
		}
	}
	if _, err := c.Cite("没有引用"); err == nil {
		t.Error("Cite without a citation: no error")
	}
	rs := c.ResolveText("依据《食品安全法》第一百二十四条第一款第（三）项、第一百二十六条，决定如下。")
	if len(rs) != 2 || !rs[0].Valid || !rs[1].Valid || rs[1].Law != "中华人民共和国食品安全法" || rs[1].Article != 126 {
		t.Errorf("ResolveText = %+v", rs)
	}
	_ = nlp.Citation{}
}

const syntheticLaw = "# 某某市测试管理条例\n\n2026年1月1日 某某市人大常委会通过（合成的测试数据）\n\n<!-- INFO END -->\n\n## 第一章 总则\n\n第一条 为了测试，制定本条例。\n\n第二条 有下列情形之一的，罚款一千元：\n\n（一）甲；\n\n（二）乙。\n\n前款规定以外的，警告。\n"

func TestAddDirAndIngest(t *testing.T) {
	src := t.TempDir()
	if err := os.WriteFile(filepath.Join(src, "test-tiaoli.md"), []byte(syntheticLaw), 0o644); err != nil {
		t.Fatal(err)
	}
	data := t.TempDir()
	laws, err := IngestLaws(src, data)
	if err != nil || len(laws) != 1 {
		t.Fatalf("IngestLaws = %v, %v", laws, err)
	}
	c, err := Load(data)
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Laws()) != len(Default().Laws())+1 {
		t.Errorf("Load: %d laws", len(c.Laws()))
	}
	r, err := c.Cite("《某某市测试管理条例》第二条第一款第（二）项")
	if err != nil || r.Text != "（二）乙。" {
		t.Errorf("cite ingested law: %+v %v", r, err)
	}
	if Default().Law("某某市测试管理条例") != nil {
		t.Error("Load modified the embedded corpus")
	}
}

func TestTraditionalLawFileNormalised(t *testing.T) {
	dir := t.TempDir()
	text := "# 某某市測試條例\n\n２０２６年１月１日 通過（合成的測試數據）\n\n<!-- INFO END -->\n\n第一條　為了測試，制定本條例。\n\n第二條　違反本條例的，處罰款５０００元。\n"
	if err := os.WriteFile(filepath.Join(dir, "fanti.md"), []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	laws, err := ParseDir(dir)
	if err != nil || len(laws) != 1 {
		t.Fatalf("ParseDir: %v %v", laws, err)
	}
	l := laws[0]
	if l.Name != "某某市测试条例" || l.Promulgated != "2026-01-01" || len(l.Articles) != 2 {
		t.Fatalf("law %q %q %d articles", l.Name, l.Promulgated, len(l.Articles))
	}
	if got := l.Articles[1].Text; got != "违反本条例的，处罚款5000元。" {
		t.Errorf("article 2 text %q", got)
	}
}

func TestMalformedLawFiles(t *testing.T) {
	tests := []struct{ name, text, want string }{
		{"no-title.md", "中华人民共和国某法\n<!-- INFO END -->\n第一条 文。\n", "no-title.md:1: expected the title"},
		{"no-info.md", "# 某法\n\n第一条 文。\n", "no-info.md:3: missing"},
		{"no-articles.md", "# 某法\n<!-- INFO END -->\n\n只有一段话。\n", "no-articles.md:3: no articles"},
		{"order.md", "# 某法\n<!-- INFO END -->\n第二条 文。\n第一条 文。\n", "order.md:4: article 第一条 comes after 第二条"},
	}
	for _, tt := range tests {
		dir := t.TempDir()
		if err := os.WriteFile(filepath.Join(dir, tt.name), []byte(tt.text), 0o644); err != nil {
			t.Fatal(err)
		}
		_, err := IngestLaws(dir, t.TempDir())
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: err = %v, want %q", tt.name, err, tt.want)
		}
	}
}

func TestPoliciesNormalised(t *testing.T) {
	p := Policies()
	y := p["yancheng-2019-45-traditional-garbled.txt"]
	if y == "" {
		t.Fatal("yancheng policy missing")
	}
	for _, bad := range []string{"(zhí)", "(fā)", "執", "鹽", "(qū)"} {
		if strings.Contains(y, bad) {
			t.Errorf("normalised policy text still contains %q", bad)
		}
	}
	if !strings.Contains(y, "行政执法公示制度") {
		t.Error("normalised policy text lacks 行政执法公示制度")
	}
}

// BenchmarkParseEmbedded parses the 95 core texts.
func BenchmarkParseEmbedded(b *testing.B) {
	for i := 0; i < b.N; i++ {
		if _, err := parseCore(); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkParseNationalPack reads, decompresses and parses the national pack.
func BenchmarkParseNationalPack(b *testing.B) {
	for i := 0; i < b.N; i++ {
		if _, err := LoadPack(PackNational); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkReadNationalPack only reads and decompresses it.
func BenchmarkReadNationalPack(b *testing.B) {
	for i := 0; i < b.N; i++ {
		if _, err := ReadPack(PackNational); err != nil {
			b.Fatal(err)
		}
	}
}
