package rules

import (
	"fmt"
	"reflect"
	"strings"
	"testing"

	"zhifa/corpora"
	"zhifa/nlp"
)

// handChecked are links of the catalog read against both provisions by hand:
// penalty => obligation, as 法 article-paragraph-item (中华人民共和国 left off;
// 0 = the whole article or paragraph).
var handChecked = []string{
	"产品质量法 67-1-0 => 产品质量法 25-0-0",
	"城市房地产管理法 67-1-0 => 城市房地产管理法 40-1-0",
	"电子商务法 77-1-0 => 电子商务法 18-1-0",
	"电子商务法 82-1-0 => 电子商务法 35-0-0",
	"电子商务法 84-1-0 => 电子商务法 45-0-0",
	"反不正当竞争法 19-1-0 => 反不正当竞争法 7-0-0",
	"反不正当竞争法 22-1-0 => 反不正当竞争法 10-0-0",
	"公路法 75-1-0 => 公路法 25-0-0",
	"公路法 76-1-3 => 公路法 47-0-0",
	"公路法 76-1-6 => 公路法 52-0-0",
	"公路法 77-1-0 => 公路法 51-0-0",
	"公路法 80-1-0 => 公路法 55-0-0",
	"广东省大气污染防治条例 69-1-0 => 广东省大气污染防治条例 19-0-0",
	"广东省大气污染防治条例 72-1-0 => 广东省大气污染防治条例 22-1-0",
	"广东省大气污染防治条例 73-1-0 => 广东省大气污染防治条例 24-2-0",
	"广东省大气污染防治条例 75-1-0 => 广东省大气污染防治条例 27-2-0",
	"广东省大气污染防治条例 77-1-0 => 广东省大气污染防治条例 37-0-8",
	"广东省大气污染防治条例 80-1-0 => 广东省大气污染防治条例 44-3-0",
	"广东省大气污染防治条例 82-1-0 => 广东省大气污染防治条例 57-0-0",
	"广东省环境保护条例 64-2-0 => 广东省环境保护条例 12-3-0",
	"广东省环境保护条例 67-2-0 => 广东省环境保护条例 23-3-0",
	"广东省环境保护条例 69-1-0 => 广东省环境保护条例 25-1-0",
	"广东省环境保护条例 72-1-0 => 广东省环境保护条例 29-3-0",
	"广东省环境保护条例 74-1-0 => 广东省环境保护条例 40-2-0",
	"广东省环境保护条例 75-1-0 => 广东省环境保护条例 41-0-0",
	"广告法 57-1-2 => 广告法 15-0-0",
	"广告法 57-1-5 => 广告法 37-0-0",
	"广告法 58-1-2 => 广告法 17-0-0",
	"广告法 58-1-5 => 广告法 23-0-0",
	"广告法 58-1-8 => 广告法 26-0-0",
	"广告法 58-1-11 => 广告法 38-3-0",
	"广告法 58-1-14 => 广告法 46-0-0",
	"广告法 59-1-3 => 广告法 12-0-0",
	"广告法 59-3-0 => 广告法 19-0-0",
	"广告法 61-1-1 => 广告法 16-1-4",
	"广告法 62-1-0 => 广告法 43-0-0",
	"环境噪声污染防治法 48-1-0 => 环境噪声污染防治法 14-0-0",
	"环境噪声污染防治法 52-1-0 => 环境噪声污染防治法 17-0-0",
	"环境噪声污染防治法 56-1-0 => 环境噪声污染防治法 30-1-0",
	"环境噪声污染防治法 59-1-0 => 环境噪声污染防治法 44-2-0",
	"商标法 51-1-0 => 商标法 6-0-0",
	"商标法 68-1-3 => 商标法 4-0-0",
	"税收征收管理法 71-1-0 => 税收征收管理法 22-0-0",
	"数据安全法 48-2-0 => 数据安全法 36-0-0",
	"网络安全法 60-1-0 => 网络安全法 48-1-0",
	"网络安全法 63-1-0 => 网络安全法 27-0-0",
	"网络安全法 64-1-0 => 网络安全法 43-0-0",
	"网络安全法 66-1-0 => 网络安全法 37-0-0",
	"消防法 67-1-0 => 消防法 16-0-0",
	"消防法 67-1-0 => 消防法 21-2-0",
	"野生动物保护法 48-1-0 => 野生动物保护法 20-0-0",
	"野生动物保护法 48-1-0 => 野生动物保护法 24-1-0",
	"野生动物保护法 49-1-0 => 野生动物保护法 22-0-0",
	"野生动物保护法 49-2-0 => 野生动物保护法 20-0-0",
	"野生动物保护法 50-3-0 => 野生动物保护法 31-2-0",
	"野生动物保护法 52-1-0 => 野生动物保护法 28-1-0",
	"野生动物保护法 52-1-0 => 野生动物保护法 34-1-0",
	"野生动物保护法 52-2-0 => 野生动物保护法 34-2-0",
	"野生动物保护法 53-1-0 => 野生动物保护法 31-4-0",
	"野生动物保护法 57-1-0 => 野生动物保护法 38-0-0",
	"野生动物保护法 60-1-0 => 野生动物保护法 42-1-0",
	"安全生产法 97-1-7 => 安全生产法 30-1-0",
	"安全生产法 99-1-4 => 安全生产法 36-3-0",
	"安全生产法 99-1-8 => 安全生产法 36-4-0",
	"安全生产法 101-1-5 => 安全生产法 41-2-0",
	"安全生产法 113-1-3 => 安全生产法 20-1-0",
	"传染病防治法 69-1-3 => 传染病防治法 52-1-0",
	"传染病防治法 73-1-1 => 传染病防治法 29-1-0",
	"大气污染防治法 100-1-1 => 大气污染防治法 26-1-0",
	"大气污染防治法 103-1-3 => 大气污染防治法 66-1-0",
	"大气污染防治法 108-1-3 => 大气污染防治法 47-1-0",
	"大气污染防治法 115-1-2 => 大气污染防治法 69-3-0",
	"大气污染防治法 117-1-4 => 大气污染防治法 35-2-0",
	"电子商务法 80-1-4 => 电子商务法 31-1-0",
	"电子商务法 81-1-4 => 电子商务法 39-1-0",
	"动物防疫法 98-1-6 => 动物防疫法 55-1-0",
	"动物防疫法 106-2-2 => 动物防疫法 65-1-0",
	"放射性污染防治法 54-1-3 => 放射性污染防治法 42-3-0",
	"放射性污染防治法 57-1-2 => 放射性污染防治法 46-2-0",
	"固体废物污染环境防治法 102-1-2 => 固体废物污染环境防治法 56-1-0",
	"固体废物污染环境防治法 102-1-9 => 固体废物污染环境防治法 37-1-0",
	"固体废物污染环境防治法 111-1-5 => 固体废物污染环境防治法 57-2-0",
	"固体废物污染环境防治法 112-1-4 => 固体废物污染环境防治法 80-3-0",
	"固体废物污染环境防治法 112-1-9 => 固体废物污染环境防治法 84-1-0",
	"海洋环境保护法 97-1-1 => 海洋环境保护法 39-3-0",
	"海洋环境保护法 104-1-2 => 海洋环境保护法 65-1-0",
	"海洋环境保护法 110-1-1 => 海洋环境保护法 86-2-0",
	"海洋环境保护法 110-1-5 => 海洋环境保护法 88-2-0",
	"海洋环境保护法 111-1-5 => 海洋环境保护法 84-2-0",
	"环境噪声污染防治法 58-1-1 => 环境噪声污染防治法 45-1-0",
	"化妆品监督管理条例 59-1-3 => 化妆品监督管理条例 30-2-0",
	"化妆品监督管理条例 60-1-6 => 化妆品监督管理条例 44-5-0",
	"化妆品监督管理条例 62-1-2 => 化妆品监督管理条例 31-1-0",
	"矿产资源法 68-1-2 => 矿产资源法 39-1-0",
	"旅游法 96-1-4 => 旅游法 38-3-0",
	"农产品质量安全法 62-1-2 => 农产品质量安全法 59-2-0",
	"农产品质量安全法 70-1-3 => 农产品质量安全法 36-1-5",
	"农产品质量安全法 72-1-2 => 农产品质量安全法 36-1-4",
	"食品安全法 123-1-1 => 食品安全法 34-1-1",
	"食品安全法 123-1-5 => 食品安全法 34-1-12",
	"食品安全法 124-1-4 => 食品安全法 34-1-6",
	"食品安全法 125-1-1 => 食品安全法 34-1-9",
	"食品安全法 126-1-4 => 食品安全法 102-4-0",
	"食品安全法 126-1-11 => 食品安全法 47-1-0",
	"水法 72-1-2 => 水法 43-4-0",
	"水污染防治法 85-1-1 => 水污染防治法 33-1-0",
	"水污染防治法 85-1-5 => 水污染防治法 34-1-0",
	"水污染防治法 85-1-9 => 水污染防治法 40-3-0",
	"水污染防治法 90-1-5 => 水污染防治法 59-5-0",
	"税收征收管理法 60-1-3 => 税收征收管理法 20-1-0",
	"特种设备安全法 83-1-3 => 特种设备安全法 39-2-0",
	"特种设备安全法 84-1-3 => 特种设备安全法 48-1-0",
	"特种设备安全法 87-1-2 => 特种设备安全法 43-1-0",
	"特种设备安全法 93-1-6 => 特种设备安全法 55-2-0",
	"特种设备安全法 94-1-6 => 特种设备安全法 63-1-0",
	"特种设备安全法 94-1-11 => 特种设备安全法 70-3-0",
	"土壤污染防治法 91-1-3 => 土壤污染防治法 41-1-0",
	"文物保护法 83-1-2 => 文物保护法 29-2-0",
	"文物保护法 85-1-3 => 文物保护法 36-1-0",
	"文物保护法 87-1-3 => 文物保护法 60-1-0",
	"文物保护法 90-1-3 => 文物保护法 73-2-0",
	"文物保护法 94-1-1 => 文物保护法 65-1-0",
	"消防法 60-1-3 => 消防法 28-1-0",
	"消费者权益保护法 56-1-6 => 消费者权益保护法 20-1-0",
	"药品管理法 124-1-3 => 药品管理法 98-4-0",
	"药品管理法 127-1-5 => 药品管理法 79-1-0",
	"医疗器械监督管理条例 86-1-3 => 医疗器械监督管理条例 55-1-0",
	"医疗器械监督管理条例 88-1-3 => 医疗器械监督管理条例 47-1-0",
	"医疗器械监督管理条例 89-1-9 => 医疗器械监督管理条例 50-1-0",
	"医疗器械监督管理条例 90-1-4 => 医疗器械监督管理条例 52-1-0",
	"疫苗管理法 83-1-2 => 疫苗管理法 23-1-0",
	"娱乐场所管理条例 45-1-1 => 娱乐场所管理条例 19-1-0",
	"噪声污染防治法 77-1-2 => 噪声污染防治法 43-1-0",
	"噪声污染防治法 80-1-4 => 噪声污染防治法 54-2-0",
	"噪声污染防治法 82-1-2 => 噪声污染防治法 64-2-0",
	"职业病防治法 70-1-3 => 职业病防治法 24-1-0",
	"职业病防治法 72-1-1 => 职业病防治法 15-1-1",
	"职业病防治法 72-1-7 => 职业病防治法 37-1-0",
	"食品安全法 124-1-1 => 食品安全法 34-1-2",
	"食品安全法 124-1-2 => 食品安全法 34-1-3",
	"食品安全法 124-1-3 => 食品安全法 34-1-4",
	"食品安全法 124-1-5 => 食品安全法 34-1-10",
	"食品安全法 124-1-7 => 食品安全法 81-5-0",
	"食品安全法 124-1-8 => 食品安全法 37-1-0",
	"食品安全法 125-1-2 => 食品安全法 34-1-11",
	"食品安全法 125-1-3 => 食品安全法 69-1-0",
	"食品安全法 125-1-4 => 食品安全法 50-1-0",
	"食品安全法 126-1-5 => 食品安全法 33-1-5",
	"食品安全法 126-1-6 => 食品安全法 45-1-0",
	"食品安全法 126-1-8 => 食品安全法 82-3-0",
}

func shortProv(p Provision) string {
	return fmt.Sprintf("%s %d-%d-%d", strings.TrimPrefix(p.Law, "中华人民共和国"), p.Article, p.Paragraph, p.Item)
}

// The catalog holds every hand-checked link; each link rests on its source:
// a text link's words are the penalty's own and name the obligation, a
// matched link's words are in both provisions; and the data is what the
// corpus yields today (go run -tags ne ./rules/internal/violgen).
func TestViolationCatalog(t *testing.T) {
	cat, err := Violations()
	if err != nil {
		t.Fatal(err)
	}
	if len(handChecked) < 100 {
		t.Fatalf("only %d hand-checked links", len(handChecked))
	}
	have := map[string]bool{}
	for _, l := range cat.Links {
		have[shortProv(l.Penalty)+" => "+shortProv(l.Obligation)] = true
	}
	for _, h := range handChecked {
		if !have[h] {
			t.Errorf("hand-checked link %s is not in the catalog", h)
		}
	}
	c := corpora.Default()
	text := func(p Provision) string {
		a := c.Article(p.Law, p.Article, p.Suffix)
		if a == nil {
			return ""
		}
		s, _ := a.Select(p.Paragraph, p.Item)
		return s
	}
	for _, l := range cat.Links {
		pt, ot := text(l.Penalty), text(l.Obligation)
		if pt == "" || ot == "" {
			t.Errorf("%s => %s: a provision not in the corpus", shortProv(l.Penalty), shortProv(l.Obligation))
			continue
		}
		switch l.Kind {
		case "text":
			found := false
			for _, cit := range nlp.ParseCitationsIn(l.Quote, l.Penalty.Law) {
				found = found || cit.Article == l.Obligation.Article && cit.Paragraph == l.Obligation.Paragraph && cit.Item == l.Obligation.Item
			}
			if !strings.Contains(pt, l.Quote) || !strings.HasPrefix(l.Quote, "违反") || !found {
				t.Errorf("%s: text link %q is not the penalty's words naming %s", shortProv(l.Penalty), l.Quote, shortProv(l.Obligation))
			}
		case "match":
			if !strings.Contains(conductWords(pt), l.Quote) || !strings.Contains(conductWords(ot), l.Quote) || len([]rune(l.Quote)) < 8 {
				t.Errorf("%s => %s: matched words %q not in both", shortProv(l.Penalty), shortProv(l.Obligation), l.Quote)
			}
		default:
			t.Errorf("%s: kind %q", shortProv(l.Penalty), l.Kind)
		}
	}
	fresh := BuildViolationCatalog(c)
	if !reflect.DeepEqual(fresh.Links, cat.Links) || fresh.Penalties != cat.Penalties || fresh.Covered != cat.Covered {
		t.Errorf("corpora/violations/links.json is stale: regenerate with go run -tags ne ./rules/internal/violgen")
	}
	t.Logf("%d links; %d of %d penalty provisions covered (%.0f%%)", len(cat.Links), cat.Covered, cat.Penalties, 100*float64(cat.Covered)/float64(cat.Penalties))
}

// The lookup drafting and norm push use: the obligation of a penalty item.
func TestViolatedBy(t *testing.T) {
	for _, tc := range []struct{ penalty, want string }{
		{"《中华人民共和国食品安全法》第一百二十四条第一款第（五）项", "《中华人民共和国食品安全法》第三十四条第（十）项"},
		{"《中华人民共和国食品安全法》第一百二十四条第一款第（三）项", "《中华人民共和国食品安全法》第三十四条第（四）项"},
		{"《中华人民共和国广告法》第五十七条第（二）项", "《中华人民共和国广告法》第十五条"},
		{"《中华人民共和国商标法》第五十一条", "《中华人民共和国商标法》第六条"},
		{"《中华人民共和国电子商务法》第七十七条", "《中华人民共和国电子商务法》第十八条第一款、《中华人民共和国电子商务法》第十九条"},
		{"《中华人民共和国行政处罚法》第二十八条", ""},
	} {
		got, _ := ViolatedBy(tc.penalty)
		if got != tc.want {
			t.Errorf("%s: violated %q, want %q", tc.penalty, got, tc.want)
		}
	}
}

// Of a penalty article listing many conducts, the obligations of the
// conducts the facts describe.
func TestObligationsForFacts(t *testing.T) {
	got := ObligationsForFacts("中华人民共和国食品安全法", 124, "", "当事人经营超过保质期的食品（合成）", 2)
	found := false
	for _, l := range got {
		found = found || shortProv(l.Obligation) == "食品安全法 34-1-10"
	}
	if !found || len(got) > 2 {
		t.Fatalf("obligations %+v, want 第三十四条第（十）项 among at most two", got)
	}
	if got := ObligationsForFacts("中华人民共和国食品安全法", 124, "", "当事人未取得许可从事爆破作业（合成）", 2); len(got) != 0 {
		t.Errorf("facts unrelated to every item: %+v", got)
	}
}

func BenchmarkBuildViolationCatalog(b *testing.B) {
	c := corpora.Default()
	for b.Loop() {
		BuildViolationCatalog(c)
	}
}
