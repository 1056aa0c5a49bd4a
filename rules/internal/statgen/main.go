// Command statgen writes corpora/discretion/statutory/*.json: the statutory
// fine range of every paragraph of the listed laws that states one, with the
// exact words carrying each figure. Run from the repository root:
//
//	go run -tags ne ./rules/internal/statgen
//
// Review the output before committing it; rules/statutory_test.go checks every
// entry against the law corpus.
package main

import (
	"encoding/json"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"

	"zhifa/corpora"
	"zhifa/nlp"
	"zhifa/rules"
)

// laws are the laws with penalty articles and no published benchmark.
var laws = []string{
	"中华人民共和国食品安全法", "中华人民共和国产品质量法", "中华人民共和国广告法", "中华人民共和国药品管理法",
	"中华人民共和国价格法", "中华人民共和国大气污染防治法", "中华人民共和国水污染防治法", "中华人民共和国安全生产法",
	"中华人民共和国消防法", "中华人民共和国道路交通安全法", "中华人民共和国电子商务法", "中华人民共和国反不正当竞争法",
	"中华人民共和国消费者权益保护法", "中华人民共和国固体废物污染环境防治法", "中华人民共和国个人信息保护法",
	"中华人民共和国商标法", "中华人民共和国计量法", "中华人民共和国特种设备安全法", "价格违法行为行政处罚规定",
}

// notPenalty are paragraphs that state a fine figure but set no penalty for a
// violation (see corpora/discretion/statutory/SPOTCHECK.md).
var notPenalty = map[string]string{
	"daolu-jiaotong-anquan-fa-107-1": "当场处罚 (简易程序): when a 200元以下 fine may be decided on the spot",
}

// overrides are paragraphs whose fine the patterns cannot read, checked by hand.
var overrides = map[string]struct {
	fine   rules.FineRule
	quotes []string
}{
	// 按照前款规定处罚 (可以处10万元以下); 10万–50万 only when 情节严重
	"jiage-weifa-xingwei-chufa-guiding-11-2": {rules.FineRule{Max: 100000}, []string{"按照前款规定处罚", "处10万元以上50万元以下的罚款"}},
	// two acts in one paragraph; the entry prices the first (未按照规定对施工项目进行安全管理:
	// 十万元以下). The second (非法转让施工资质: 违法所得二倍以上五倍以下) would exceed
	// that maximum if applied to the first act; it is not represented (see SPOTCHECK.md).
	"anquan-shengchan-fa-103-3": {rules.FineRule{Max: 100000}, []string{"处十万元以下的罚款"}},
	// the floor differs by trade: 生产、批发 按十万元, 零售 按一万元 (circumstance "retail")
	"yaopin-guanli-fa-117-1": {rules.FineRule{Base: "goods_value", MinTimes: 10, MaxTimes: 20, BaseFloor: 100000, RetailBaseFloor: 10000},
		[]string{"货值金额十倍以上二十倍以下", "货值金额不足十万元的，按十万元计算", "零售的药品货值金额不足一万元的，按一万元计算"}},
}

func main() {
	c := corpora.Default()
	out := "corpora/discretion/statutory"
	total, articles := 0, 0
	for _, name := range laws {
		law := c.Law(name)
		if law == nil {
			log.Fatalf("law %s not in the corpus", name)
		}
		var entries []rules.StatutoryRange
		for _, a := range law.Articles {
			had := false
			for pi, para := range a.Paragraphs {
				text, _ := a.Select(pi+1, 0)
				cit := fmt.Sprintf("《%s》%s", law.Name, a.Label)
				if len(a.Paragraphs) > 1 {
					cit += "第" + corpora.ChineseNumeral(pi+1) + "款"
				}
				id := fmt.Sprintf("%s-%d%s-%d", strings.TrimSuffix(filepath.Base(law.File), ".md"), a.Number, a.Suffix, pi+1)
				if items := itemEntries(para, id, cit); len(items) > 0 {
					// 发生一般事故的，处…；发生较大事故的，处…: each item states its own
					// fine; the paragraph entry spans them for a citation without an item.
					had = true
					entries = append(entries, spanEntry(items, law.Name, a, pi+1, id, cit, text))
					entries = append(entries, items...)
					continue
				}
				if _, no := notPenalty[id]; no {
					continue
				}
				if pi > 0 {
					if prev := pricedItems(a, pi+1, law.Name, fmt.Sprintf("%s-%d%s", strings.TrimSuffix(filepath.Base(law.File), ".md"), a.Number, a.Suffix)); len(prev) > 0 {
						// the paragraph itself: the span of the fines it sets for 前款's items
						had = true
						span := spanEntry(prev, law.Name, a, pi+1, id, cit, text)
						for i := range prev {
							prev[i].Paragraph, prev[i].QuoteParagraph = pi, pi+1
						}
						entries = append(entries, span)
						entries = append(entries, prev...)
						continue
					}
				}
				rule, quotes, ok := rules.FineFromText(text)
				if o, over := overrides[id]; over {
					rule, quotes, ok = o.fine, o.quotes, true
				}
				if !ok {
					continue
				}
				had = true
				entries = append(entries, rules.StatutoryRange{
					ID: id, Citation: cit, Law: law.Name, Article: a.Number, ArticleSuffix: a.Suffix, Paragraph: pi + 1,
					Violation: violation(text), Fine: rule, Quotes: quotes,
				})
			}
			if had {
				articles++
			}
		}
		if len(entries) == 0 {
			continue
		}
		b, err := json.MarshalIndent(entries, "", " ")
		if err != nil {
			log.Fatal(err)
		}
		file := filepath.Join(out, strings.TrimSuffix(filepath.Base(law.File), ".md")+".json")
		if err := os.WriteFile(file, append(b, '\n'), 0o644); err != nil {
			log.Fatal(err)
		}
		total += len(entries)
	}
	fmt.Printf("%d entries, %d articles\n", total, articles)
}

// itemEntries returns one entry per item when the paragraph's lead-in states
// no fine and its items state fixed ranges of their own; nil otherwise.
func itemEntries(para corpora.Paragraph, id, cit string) []rules.StatutoryRange {
	if len(para.Items) == 0 {
		return nil
	}
	lead := strings.SplitN(para.Text, "\n", 2)[0]
	if _, _, ok := rules.FineFromText(lead); ok {
		return nil
	}
	var out []rules.StatutoryRange
	for k, it := range para.Items {
		rule, quotes, ok := rules.FineFromText(it)
		if !ok || rule.Base != "" {
			return nil // every item priced, fixed ranges only
		}
		out = append(out, rules.StatutoryRange{
			ID: fmt.Sprintf("%s-%d", id, k+1), Citation: cit + "第（" + corpora.ChineseNumeral(k+1) + "）项",
			Item: k + 1, Violation: itemViolation(it),
			Fine: rule, Quotes: quotes,
		})
	}
	return out
}

// spanEntry is the paragraph entry over its items: the lowest minimum to the
// highest maximum of the fixed ranges (there is at least one). It fills the
// law fields of the items too.
func spanEntry(items []rules.StatutoryRange, law string, a *corpora.Article, para int, id, cit, text string) rules.StatutoryRange {
	lo, hi := -1, -1
	for i := range items {
		items[i].Law, items[i].Article, items[i].ArticleSuffix, items[i].Paragraph = law, a.Number, a.Suffix, para
		if items[i].Fine.Base != "" {
			continue // a multiple has no fixed bounds to span
		}
		if lo < 0 || items[i].Fine.Min < items[lo].Fine.Min {
			lo = i
		}
		if hi < 0 || items[i].Fine.Max > items[hi].Fine.Max {
			hi = i
		}
	}
	if lo < 0 {
		log.Fatalf("%s: items priced by multiples only; transcribe by hand", id)
	}
	quotes := []string{items[lo].Quotes[0]}
	if hi != lo {
		quotes = append(quotes, items[hi].Quotes[0])
	}
	return rules.StatutoryRange{
		ID: id, Citation: cit, Law: law, Article: a.Number, ArticleSuffix: a.Suffix, Paragraph: para,
		Violation: violation(text), Fine: rules.FineRule{Min: items[lo].Fine.Min, Max: items[hi].Fine.Max}, Quotes: quotes,
	}
}

const numChars = `[零〇一二两三四五六七八九十百千万亿0-9.,]+`

var reItemsMultiple = regexp.MustCompile(`有前款((?:第[一二三四五六七八九十]+项、?)+)行为(?:之一)?(?:的)?，处所需处置费用(` + numChars + `)倍以上(` + numChars + `)倍以下(?:的)?罚款，所需处置费用不足(` + numChars + `元)的，按(` + numChars + `元)计算`)

var reItemsPriced = regexp.MustCompile(`(单位|个人)?有前款((?:第[一二三四五六七八九十]+项、?)+)行为(?:之一)?(?:的)?，处(` + numChars + `元)以上(` + numChars + `元)以下(?:的)?罚款`)

// pricedItems reads "有前款第一项、第八项行为之一，处…" sentences of paragraph
// p: one entry per item of paragraph p-1 (fixed ranges; fines on 个人 and on
// 处置费用 are left to the text).
func pricedItems(a *corpora.Article, p int, law, idBase string) []rules.StatutoryRange {
	text, _ := a.Select(p, 0)
	prevPara := a.Paragraphs[p-2]
	type priced struct {
		items, quote string
		fine         rules.FineRule
	}
	var ps []priced
	for _, m := range reItemsPriced.FindAllStringSubmatch(text, -1) {
		if m[1] == "个人" {
			continue
		}
		lo, _ := nlp.ParseMoney(m[3])
		hi, _ := nlp.ParseMoney(m[4])
		ps = append(ps, priced{m[2], m[0], rules.FineRule{Min: lo, Max: hi}})
	}
	for _, m := range reItemsMultiple.FindAllStringSubmatch(text, -1) {
		lo, _ := nlp.ParseChineseInt(m[2])
		hi, _ := nlp.ParseChineseInt(m[3])
		floor, _ := nlp.ParseMoney(m[5])
		ps = append(ps, priced{m[1], m[0], rules.FineRule{Base: "disposal_cost", MinTimes: float64(lo), MaxTimes: float64(hi), BaseFloor: floor}})
	}
	var out []rules.StatutoryRange
	for _, pr := range ps {
		for _, it := range strings.Split(strings.ReplaceAll(pr.items, "、", ""), "项") {
			n64, err := nlp.ParseChineseInt(strings.TrimPrefix(it, "第"))
			n := int(n64)
			if err != nil || n < 1 || n > len(prevPara.Items) {
				continue
			}
			cit := fmt.Sprintf("《%s》%s第%s款第（%s）项", law, a.Label, corpora.ChineseNumeral(p-1), corpora.ChineseNumeral(n))
			out = append(out, rules.StatutoryRange{
				ID: fmt.Sprintf("%s-%d-%d", idBase, p-1, n), Citation: cit,
				Item: n, Violation: itemViolation(prevPara.Items[n-1]), Fine: pr.fine, Quotes: []string{pr.quote},
			})
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Item < out[j].Item })
	return out
}

// itemViolation is an item's own words before its fine: 发生一般事故.
func itemViolation(it string) string {
	s := strings.TrimLeft(it, "（）一二三四五六七八九十")
	for _, cut := range []string{"的，处", "，处", "；", "。"} {
		if i := strings.Index(s, cut); i > 0 {
			return s[:i]
		}
	}
	return s
}

// violation is the clause before the penalty: what the act is.
func violation(text string) string {
	s := strings.SplitN(text, "\n", 2)[0]
	for _, cut := range []string{"的，由", "的，处", "的，责令", "的，依照"} {
		if i := strings.Index(s, cut); i > 0 {
			s = s[:i]
			break
		}
	}
	if r := []rune(s); len(r) > 80 {
		s = string(r[:80]) + "…"
	}
	return s
}
