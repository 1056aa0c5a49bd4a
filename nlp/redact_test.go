package nlp

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// All people, numbers and addresses below are synthetic.
func TestRedact(t *testing.T) {
	id := synthID(t, "11010119900307123")
	cc, _ := CreditCodeCheckChar("91320000134777388")
	credit := "91320000134777388" + string(cc)
	for _, tt := range []struct {
		name, in string
		want     []string // substrings of the masked text
		gone     []string // must not appear in the masked text
		kinds    []string // kinds of the spans, in order
	}{
		{"party name", "当事人张三，男，1990年3月7日出生。", []string{"当事人张某，男，****年*月*日出生"}, []string{"张三", "1990"}, []string{"name", "birth_date"}},
		{"three-character name", "当事人：王小明", []string{"当事人：王某某"}, []string{"小明"}, []string{"name"}},
		{"compound surname", "姓名：欧阳娜娜", []string{"姓名：欧阳某某"}, []string{"娜娜"}, []string{"name"}},
		{"legal representative", "法定代表人李建国，统一社会信用代码" + credit, []string{"法定代表人李某某", credit}, []string{"建国"}, []string{"name"}},
		{"name repeated", "当事人赵四于2026年1月5日经营。经查，赵四无证经营。", []string{"经查，赵某无证经营"}, []string{"赵四"}, []string{"name", "name"}},
		{"id number", "身份证号码：" + id + "。", []string{"110101********" + id[14:]}, []string{id}, []string{"id_number"}},
		{"mobile", "联系电话13812345678；", []string{"138****5678"}, []string{"13812345678"}, []string{"phone"}},
		{"mobile +86", "电话+8613912345678", []string{"+86139****5678"}, []string{"13912345678"}, []string{"phone"}},
		{"landline", "电话010-62345678", []string{"010-****5678"}, []string{"62345678"}, []string{"phone"}},
		{"address", "住址：北京市朝阳区建国路88号院3号楼2单元101室，", []string{"住址：北京市朝阳区*", "，"}, []string{"建国路"}, []string{"address"}},
		{"address county", "家庭住址：江苏省盐城市射阳县合德镇人民路1号。", []string{"江苏省盐城市射阳县*"}, []string{"合德镇"}, []string{"address"}},
		{"address after 住", "当事人张三，男，住北京市朝阳区建国路88号。", []string{"住北京市朝阳区******"}, []string{"建国路"}, []string{"name", "address"}},
		{"bank account", "开户银行账号6222021234567890123", []string{"***************0123"}, []string{"6222021234567890123"}, []string{"bank_account"}},
		{"name straight before the act", "当事人张三销售过期食品。", []string{"当事人张某销售过期食品"}, []string{"张三"}, []string{"name"}},
		{"three characters before the act", "当事人李小明经营无证餐馆。", []string{"当事人李某某经营无证餐馆"}, []string{"小明"}, []string{"name"}},
		{"shop name before the act stays", "当事人张记餐馆经营部未取得许可。", []string{"张记餐馆经营部"}, nil, nil},
		{"company stays", "当事人南京某某食品有限公司，统一社会信用代码" + credit + "，罚款五万元。", []string{"南京某某食品有限公司", credit, "五万元"}, nil, nil},
		{"agency and law stay", "盐城市市场监督管理局依据《中华人民共和国食品安全法》第一百二十四条作出行政处罚决定，罚款人民币贰万元整。", []string{"盐城市市场监督管理局", "《中华人民共和国食品安全法》第一百二十四条", "人民币贰万元整"}, nil, nil},
		{"name before sex", "经查，刘德明，男，汉族，无业。", []string{"刘某某，男"}, []string{"德明"}, []string{"name"}},
		{"words after role words stay", "当事人陈述，当事人应当依法缴纳罚款，主要负责人和安全生产管理人员，申请人申请行政复议", []string{"当事人陈述", "当事人应当", "负责人和安全生产", "申请人申请"}, nil, nil},
		{"residence words in law text stay", "由违法行为人居住地的公安机关管辖；住址、工作单位和联系方式发生变动的", []string{"居住地的公安机关管辖", "住址、工作单位"}, nil, nil},
		{"shop stays", "经营者张三餐饮店", []string{"张三餐饮店"}, nil, nil},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got, spans := Redact(tt.in)
			for _, w := range tt.want {
				if !strings.Contains(got, w) {
					t.Errorf("Redact(%q) = %q, lacks %q", tt.in, got, w)
				}
			}
			for _, g := range tt.gone {
				if strings.Contains(got, g) {
					t.Errorf("Redact(%q) = %q, still shows %q", tt.in, got, g)
				}
			}
			var kinds []string
			for _, sp := range spans {
				kinds = append(kinds, sp.Kind)
				if tt.in[sp.Start:sp.End] != sp.Text {
					t.Errorf("span %+v does not match the input", sp)
				}
			}
			if strings.Join(kinds, ",") != strings.Join(tt.kinds, ",") {
				t.Errorf("Redact(%q) kinds %v, want %v (masked %q)", tt.in, kinds, tt.kinds, got)
			}
		})
	}
}

// The law texts name no natural person: redaction must leave them alone.
func TestRedactLawTextUnchanged(t *testing.T) {
	// every law text and policy plan of the corpus, about 3 MB in one text
	files, _ := filepath.Glob("../corpora/laws/*.md")
	policy, _ := filepath.Glob("../corpora/policy/*.txt")
	files = append(files, policy...)
	if len(files) == 0 {
		t.Skip("law corpus not present")
	}
	var sb strings.Builder
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		sb.Write(b)
	}
	_, spans := Redact(sb.String())
	for i, sp := range spans {
		if i < 20 {
			t.Errorf("law text masked as %s: %q", sp.Kind, sp.Text)
		}
	}
}
