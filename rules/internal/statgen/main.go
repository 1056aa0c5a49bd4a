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
	"strings"

	"zhifa/corpora"
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
			for pi := range a.Paragraphs {
				text, _ := a.Select(pi+1, 0)
				rule, quotes, ok := rules.FineFromText(text)
				if !ok {
					continue
				}
				had = true
				cit := fmt.Sprintf("《%s》%s", law.Name, a.Label)
				if len(a.Paragraphs) > 1 {
					cit += "第" + corpora.ChineseNumeral(pi+1) + "款"
				}
				entries = append(entries, rules.StatutoryRange{
					ID:       fmt.Sprintf("%s-%d%s-%d", strings.TrimSuffix(filepath.Base(law.File), ".md"), a.Number, a.Suffix, pi+1),
					Citation: cit, Law: law.Name, Article: a.Number, ArticleSuffix: a.Suffix, Paragraph: pi + 1,
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
