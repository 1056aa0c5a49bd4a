package nlp

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// Each form published decisions use, with its exact masked text. All people,
// numbers, companies and addresses are synthetic.
func TestRedactForms(t *testing.T) {
	for _, tt := range []struct{ name, in, want string }{
		{"label with ASCII colon", "当事人基本情况:韩春兰，女", "当事人基本情况:韩某某，女"},
		{"姓名或者单位名称 field", "当事人姓名或者单位名称：丁学文\n统一社会信用代码：92430223MA4LN6W0LE", "当事人姓名或者单位名称：丁某某\n统一社会信用代码：92430223MA4LN6W0LE"},
		{"pipe table cell", "| 法定代表人(负责人)姓名 | 卜建华 |", "| 法定代表人(负责人)姓名 | 卜某某 |"},
		{"full-width pipe table", "｜经营者｜廖建新｜", "｜经营者｜廖某某｜"},
		{"tab table", "法定代表人（负责人）\t邬建国", "法定代表人（负责人）\t邬某某"},
		{"经营者 field", "经营者：李国栋", "经营者：李某某"},
		{"ASCII brackets in the label", "法定代表人(负责人、经营者):彭淑华", "法定代表人(负责人、经营者):彭某某"},
		{"spaces as separator", "姓名  米晓光    性别  男", "姓名  米某某    性别  男"},
		{"consumer in the facts", "消费者王丽华在当事人处购买", "消费者王某某在当事人处购买"},
		{"witnesses listed", "证人李四、张小燕证实", "证人李某、张某某证实"},
		{"buyer", "购买人孙建军亦购买", "购买人孙某某亦购买"},
		{"complainants listed", "投诉人：沈玉兰、管志鹏", "投诉人：沈某某、管某某"},
		{"victim before a noun", "被侵害人许卫东头部受伤", "被侵害人许某某头部受伤"},
		{"name after 的 before the act", "聘用未取得医师资格的吕芳从事诊疗活动", "聘用未取得医师资格的吕某从事诊疗活动"},
		{"organisation after a role stays", "被投诉人：长沙市开福区鲜果坊水果店", "被投诉人：长沙市开福区鲜果坊水果店"},
		{"officers already masked stay", "执法人员：肖某、戴某", "执法人员：肖某、戴某"},
		{"住址 to the house number", "住址：湖南省长沙市岳麓区麓山南路932号，", "住址：湖南省长沙市岳麓区********，"},
		{"家住", "家住长沙市岳麓区桔子洲街道潇湘中路328号9栋。", "家住长沙市岳麓区***************。"},
		{"a company's 住所地 stays", "当事人：厦门海韵茶业有限公司，住所地：厦门市思明区湖滨南路357号。", "当事人：厦门海韵茶业有限公司，住所地：厦门市思明区湖滨南路357号。"},
		{"a person's 住所地 goes", "当事人：柯淑贞，女，住所地：厦门市湖里区金尚路88号502室。", "当事人：柯某某，女，住所地：厦门市湖里区**********。"},
		{"the operator's 住所 after the ID goes", "当事人：攸县金城超市\n经营者：彭淑华\n身份证件号码：430223196010184919\n住所：湖南省株洲市攸县城关镇东门街8号", "当事人：攸县金城超市\n经营者：彭某某\n身份证件号码：430223********4919\n住所：湖南省株洲市攸县********"},
		{"经营场所 stays", "经营场所：湖南省株洲市攸县春联路56号", "经营场所：湖南省株洲市攸县春联路56号"},
		{"ID masked in part keeps no birth date", "身份证号码：43022319870929****", "身份证号码：430223************"},
		{"ID masked with X", "身份证号码：4305231977XXXXXXXX", "身份证号码：430523********XXXX"},
		{"ID already masked properly", "身份证号码：430223********0277", "身份证号码：430223********0277"},
		{"ID in groups", "身份证号：4403 0619 6803 0608 53", "身份证号：4403 06** **** **08 53"},
		{"old 15-digit ID after a label", "驾驶证/居民身份证号码：430523630416948", "驾驶证/居民身份证号码：430523******948"},
		{"phones with separators", "联系电话：138-7331-2256，固定电话：(0731)22781234，0731 2278 5566，028－85432167", "联系电话：138-****-2256，固定电话：(0731)****1234，0731 **** 5566，028－****2167"},
		{"local number after a label", "电话：22345678", "电话：****5678"},
		{"agency collection account stays", "罚款缴至攸县财政局非税收入汇缴账户，开户行：中国农业银行攸县支行，账号：18520101040012345。", "罚款缴至攸县财政局非税收入汇缴账户，开户行：中国农业银行攸县支行，账号：18520101040012345。"},
		{"personal card in groups", "当事人本人银行卡（卡号6228 4800 1234 5678 912）", "当事人本人银行卡（卡号**** **** **** ***8 912）"},
		{"case number stays", "立案号：4302232021000123456", "立案号：4302232021000123456"},
		{"文号 with digits stays", "攸市监罚字〔2021〕第2021000789号", "攸市监罚字〔2021〕第2021000789号"},
		{"officers' certificate numbers stay", "执法证号：43022321001、14300123011", "执法证号：43022321001、14300123011"},
		{"birth date goes, sex, ethnicity and age stay", "韩春兰，女，汉族，1987年9月29日出生，32岁", "韩某某，女，汉族，****年*月**日出生，32岁"},
		{"出生日期 field", "出生日期:1966-12-14", "出生日期:****-**-**"},
		{"a year of birth alone stays", "女，1975年出生", "女，1975年出生"},
		{"name wrapped across lines", "经营者：欧阳\n建平，身份证号码：430102196107081038", "经营者：欧阳\n某某，身份证号码：430102********1038"},
		{"form line before a paragraph", "质量负责人：全志明\n经查，全志明称", "质量负责人：全某某\n经查，全某某称"},
		{"table with a header row", "| 序号 | 当事人 | 出生日期 | 住址 |\n|---|---|---|---|\n| 1 | 屈海波 | 1969年3月14日 | 四川省成都市锦江区春熙路8号 |", "| 序号 | 当事人 | 出生日期 | 住址 |\n|---|---|---|---|\n| 1 | 屈某某 | ****年*月**日 | 四川省成都市锦江区***** |"},
		{"an all-digit ID that is also a valid credit code is an ID", "身份证号码  370202196105142465", "身份证号码  370202********2465"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got, spans := Redact(tt.in)
			if got != tt.want {
				t.Errorf("Redact(%q)\n got %q\nwant %q", tt.in, got, tt.want)
			}
			for _, sp := range spans {
				if tt.in[sp.Start:sp.End] != sp.Text {
					t.Errorf("span %+v does not match the input", sp)
				}
			}
		})
	}
}

// A Redactor carries the names it found into the next document of the case:
// the 决定书 names the legal representative with no label.
func TestRedactorAcrossDocuments(t *testing.T) {
	r := NewRedactor()
	a, _ := r.Redact("行政处罚信息摘要\n当事人：株洲市天元区瑞丰机械厂，法定代表人：梁振宇。")
	b, spans := r.Redact("行政处罚决定书\n经查，梁振宇于2022年4月安排工人生产。")
	if a != "行政处罚信息摘要\n当事人：株洲市天元区瑞丰机械厂，法定代表人：梁某某。" {
		t.Errorf("first document %q", a)
	}
	if b != "行政处罚决定书\n经查，梁某某于2022年4月安排工人生产。" || len(spans) != 1 || spans[0].Kind != "name" {
		t.Errorf("second document %q %v", b, spans)
	}
	// a fresh Redact does not know it
	if c, _ := Redact("经查，梁振宇于2022年4月安排工人生产。"); c != "经查，梁振宇于2022年4月安排工人生产。" {
		t.Errorf("package Redact kept state: %q", c)
	}
	k := NewRedactor()
	k.Know("梁振宇", "某某", "")
	if c, _ := k.Redact("梁振宇签收。"); c != "梁某某签收。" {
		t.Errorf("known name not masked: %q", c)
	}
}

func BenchmarkRedact(b *testing.B) {
	docs := loadSet(b, "testdata/redact/tuning.txt")
	var text []string
	size := 0
	for _, d := range docs {
		text = append(text, d.text)
		size += len(d.text)
	}
	Redact(text[0]) // load the dictionary outside the timing
	b.SetBytes(int64(size))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, s := range text {
			Redact(s)
		}
	}
}

// BenchmarkRedactLarge masks one text of the whole tuning set repeated to
// about 1 MB (a batch of decisions in one call): per-byte cost close to
// BenchmarkRedact's shows the rules stay linear in the text.
func BenchmarkRedactLarge(b *testing.B) {
	docs := loadSet(b, "testdata/redact/tuning.txt")
	var sb strings.Builder
	for sb.Len() < 1<<20 {
		for _, d := range docs {
			sb.WriteString(d.text)
			sb.WriteString("\n\n")
		}
	}
	text := sb.String()
	Redact(docs[0].text)
	b.SetBytes(int64(len(text)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		Redact(text)
	}
}

func FuzzRedactForms(f *testing.F) {
	for _, s := range []string{"当事人：张三，男，1987年9月29日出生，身份证号码：43022319870929****，住址：湖南省攸县联星街道12号",
		"| 当事人 | 出生日期 |\n|---|---|\n| 李四 | 1990年1月1日 |", "经营者：欧阳\n建平", "账号：6228 4800 1234 5678 912", "（0731）22781234", "年年年1987年", "男女\n男", "执法证号：", "〔2021〕", "住所（住址）：\n"} {
		f.Add(s)
	}
	// the dictionary loads once per fuzzing process, not inside an input's time
	Seg()
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return
		}
		masked, spans := Redact(s)
		prev := 0
		for _, sp := range spans {
			if sp.Start < prev || sp.End > len(s) || sp.Start >= sp.End || s[sp.Start:sp.End] != sp.Text {
				t.Fatalf("span %+v out of order or not matching %q", sp, s)
			}
			prev = sp.End
		}
		if utf8.RuneCountInString(masked) != utf8.RuneCountInString(s) || strings.Count(masked, "\n") != strings.Count(s, "\n") {
			t.Fatalf("masked text %q does not keep the length and lines of %q", masked, s)
		}
	})
}
