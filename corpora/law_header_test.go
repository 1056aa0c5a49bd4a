package corpora

import (
	"reflect"
	"testing"
)

func TestParseEvents(t *testing.T) {
	tests := []struct {
		name    string
		history []string
		want    []Event
	}{
		{"law revised by the standing committee", []string{
			"1996年3月17日 第八届全国人民代表大会第四次会议通过",
			"2009年8月27日 第十一届全国人民代表大会常务委员会第十次会议《关于修改部分法律的决定》第一次修正",
			"2021年1月22日 第十三届全国人民代表大会常务委员会第二十五次会议修订",
		}, []Event{{"1996-03-17", EventAdopted, ""}, {"2009-08-27", EventAmended, ""}, {"2021-01-22", EventRevised, ""}}},
		{"a wrapped line continues the one before", []string{
			"2012年2月29日 第十一届全国人民代表大会常务委员会第二十五次会议《关于修改〈中华人民共和国",
			"清洁生产促进法〉的决定》修正",
		}, []Event{{"2012-02-29", EventAmended, ""}}},
		{"city regulation approved by the province", []string{
			"2020年5月29日 丽水市第四届人民代表大会常务委员会第二十五次会议通过",
			"2020年7月31日 浙江省第十三届人民代表大会常务委员会第二十二次会议批准",
		}, []Event{{"2020-05-29", EventAdopted, ""}, {"2020-07-31", EventApproved, ""}}},
		{"promulgated and effective", []string{"2017年8月6日 中华人民共和国国务院令第684号公布", "2017年10月1日 施行"},
			[]Event{{"2017-08-06", EventPromulgated, ""}, {"2017-10-01", EventEffective, ""}}},
		{"no dated line", []string{"最高人民法院发布"}, nil},
	}
	for _, tt := range tests {
		got := parseEvents(tt.history)
		for i := range got {
			got[i].Text = ""
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s: parseEvents = %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestDeriveIssuerAndLevel(t *testing.T) {
	tests := []struct {
		name    string
		history []string
		issuer  string
		level   string
	}{
		{"中华人民共和国食品安全法", []string{"2009年2月28日 第十一届全国人民代表大会常务委员会第七次会议通过"}, "全国人大常委会", LevelLaw},
		{"中华人民共和国刑法", []string{"1979年7月1日 第五届全国人民代表大会第二次会议通过"}, "全国人民代表大会", LevelLaw},
		{"娱乐场所管理条例", []string{"2006年1月29日 中华人民共和国国务院令第458号公布"}, "国务院", LevelAdminReg},
		{"公安机关办理行政案件程序规定", []string{"2012年12月3日 公安部部长办公会议通过"}, "公安部", LevelDeptRule},
		{"市场监督管理行政处罚信息公示规定", []string{"2021年7月30日 国家市场监督管理总局令第45号公布"}, "国家市场监督管理总局", LevelDeptRule},
		{"最高人民法院 最高人民检察院关于办理侵犯知识产权刑事案件具体应用法律若干问题的解释（三）", nil, "最高人民法院、最高人民检察院", LevelJudicial},
		{"人民检察院办理行政执法机关移送涉嫌犯罪案件的规定", []string{"2001年9月10日 最高人民检察院第九届检察委员会第九十六次会议通过"}, "最高人民检察院", LevelJudicial},
		{"丽水市城市养犬管理规定", []string{"2020年5月29日 丽水市第四届人民代表大会常务委员会第二十五次会议通过"}, "丽水市人大常委会", LevelLocalReg},
		{"广东省环境保护条例", []string{"2004年9月24日 广东省第十届人民代表大会常务委员会第十三次会议通过"}, "广东省人大常委会", LevelLocalReg},
	}
	for _, tt := range tests {
		is := deriveIssuer(tt.name, tt.history)
		if is != tt.issuer {
			t.Errorf("deriveIssuer(%s) = %q, want %q", tt.name, is, tt.issuer)
		}
		if lv := deriveLevel(tt.name, is); lv != tt.level {
			t.Errorf("deriveLevel(%s, %s) = %q, want %q", tt.name, is, lv, tt.level)
		}
	}
}

// Every core text has a level and an issuer, and its events agree with the
// dates the corpus reported before (Promulgated is the first event).
func TestCoreLevels(t *testing.T) {
	for _, l := range Default().Laws() {
		if l.Origin == OriginPack {
			continue // TestPackLaws
		}
		if l.Level == "" || l.Issuer == "" {
			t.Errorf("%s: level %q issuer %q", l.File, l.Level, l.Issuer)
		}
		if len(l.Events) > 0 && l.Events[0].Date != l.Promulgated {
			t.Errorf("%s: first event %s, promulgated %s", l.File, l.Events[0].Date, l.Promulgated)
		}
		if l.Origin != OriginCore {
			t.Errorf("%s: origin %q", l.File, l.Origin)
		}
	}
	want := map[string][3]string{
		"行政处罚法":       {LevelLaw, "全国人民代表大会", ""},
		"化妆品监督管理条例":   {LevelAdminReg, "国务院", ""},
		"广东省大气污染防治条例": {LevelLocalReg, "广东省人大常委会", "广东"},
		"公安行政案件程序规定":  {LevelDeptRule, "公安部", ""},
	}
	for name, w := range want {
		l := Default().Law(name)
		if got := [3]string{l.Level, l.Issuer, l.Province}; got != w {
			t.Errorf("%s: %v, want %v", name, got, w)
		}
	}
}
