// Command gen writes a SYNTHETIC similar-case evaluation set (not real cases):
// criminal judgments built from fact templates of confusable charges, and
// queries that describe facts without naming the charge. Relevance is known by
// construction: same charge and same amount tier = 2, same charge = 1, other = 0.
//
//	gen -out DIR [-queries 100] [-pool 100] [-library 0]
//
// writes DIR/cases.jsonl (candidates), DIR/queries.jsonl ({"id","text","only"}),
// DIR/labels.jsonl; with -library N, DIR/library.jsonl of N cases for speed runs.
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"strings"
)

type charge struct {
	name  string
	verbs []string // what was done
	objs  []string
	place []string
}

// Confusable charges share objects and places, so words alone mislead.
var charges = []charge{
	{"盗窃", []string{"秘密窃取", "趁无人之机偷走", "撬锁后窃得", "扒窃"}, []string{"手机", "钱包", "电动车", "现金", "笔记本电脑"}, []string{"商场", "小区", "公交车上", "出租屋"}},
	{"抢夺", []string{"趁其不备夺走", "飞车抢走", "猛拉后夺取"}, []string{"手机", "挎包", "金项链", "钱包"}, []string{"路边", "公交站", "商场门口"}},
	{"抢劫", []string{"持刀威胁后劫取", "殴打后强行拿走", "以暴力相威胁劫得"}, []string{"手机", "现金", "钱包", "电动车"}, []string{"小区", "路边", "出租屋"}},
	{"诈骗", []string{"冒充客服骗取", "虚构投资项目骗得", "谎称可以办理贷款骗取"}, []string{"现金", "钱款", "手机"}, []string{"网络", "电话中", "出租屋"}},
	{"故意伤害", []string{"持刀刺伤", "拳打脚踢致伤", "用砖头砸伤"}, []string{"被害人头部", "被害人手臂", "被害人面部"}, []string{"饭店", "路边", "小区"}},
	{"寻衅滋事", []string{"无故殴打", "随意损毁", "强拿硬要"}, []string{"路人", "店内财物", "被害人手机"}, []string{"饭店", "商场", "路边"}},
	{"交通肇事", []string{"驾驶机动车撞倒", "违章驾驶撞伤", "酒后驾车撞击"}, []string{"行人", "电动车驾驶人", "被害人"}, []string{"路口", "国道", "路边"}},
	{"危险驾驶", []string{"醉酒驾驶机动车", "血液酒精含量超标驾驶", "追逐竞驶"}, []string{"小型轿车", "摩托车"}, []string{"路口", "国道", "城区道路"}},
	{"掩饰、隐瞒犯罪所得", []string{"明知是赃物而收购", "帮助销售赃物", "低价收购来路不明的"}, []string{"手机", "电动车", "笔记本电脑"}, []string{"二手店", "出租屋", "商场"}},
	{"开设赌场", []string{"组织他人赌博并抽头", "提供场所供人赌博", "建立网络赌博平台"}, []string{"现金", "赌资"}, []string{"出租屋", "网络", "饭店"}},
}

var tiers = []struct {
	lo, hi int
	label  string
}{{500, 3000, "数额较小"}, {5000, 30000, "数额较大"}, {50000, 300000, "数额巨大"}}

var names = []string{"张", "李", "王", "赵", "刘", "陈", "杨", "黄", "周", "吴"}

func facts(r *rand.Rand, c charge, tier int) string {
	amt := tiers[tier].lo + r.Intn(tiers[tier].hi-tiers[tier].lo)
	var b strings.Builder
	fmt.Fprintf(&b, "2023年%d月%d日，被告人%s某在%s%s被害人的%s，", 1+r.Intn(12), 1+r.Intn(28), names[r.Intn(len(names))], c.place[r.Intn(len(c.place))], c.verbs[r.Intn(len(c.verbs))], c.objs[r.Intn(len(c.objs))])
	fmt.Fprintf(&b, "涉案价值人民币%d元。", amt)
	extras := []string{"案发后被告人主动投案，如实供述。", "被告人曾因犯罪被判处有期徒刑，系累犯。", "赃物已追回并发还被害人。", "被告人已赔偿被害人损失并取得谅解。", "被告人到案后如实供述自己的罪行。"}
	b.WriteString(extras[r.Intn(len(extras))])
	return b.String()
}

func judgment(r *rand.Rand, c charge, tier int, id int) map[string]any {
	n := names[r.Intn(len(names))]
	f := facts(r, c, tier)
	text := fmt.Sprintf("某某市某某区人民法院刑事判决书。公诉机关某某区人民检察院。被告人%s某，男，汉族。某某区人民检察院以起诉书指控被告人%s某犯%s罪，向本院提起公诉。本院依法组成合议庭，公开开庭审理了本案。经审理查明：%s上述事实，被告人在开庭审理过程中亦无异议，并有证人证言、被告人供述等证据证实，足以认定。本院认为，被告人%s某的行为已构成%s罪。依照《中华人民共和国刑法》之规定，判决如下：被告人%s某犯%s罪，判处有期徒刑%d个月。",
		n, n, c.name, f, n, c.name, n, c.name, 6+r.Intn(60))
	return map[string]any{"id": id, "title": fmt.Sprintf("%s某%s一审刑事判决书", n, c.name+"罪"), "text": text}
}

func main() {
	out := flag.String("out", "", "output folder")
	nq := flag.Int("queries", 100, "queries")
	pool := flag.Int("pool", 100, "candidates per query")
	lib := flag.Int("library", 0, "library size for speed runs (0 = none)")
	flag.Parse()
	if *out == "" {
		fmt.Fprintln(os.Stderr, "-out required")
		os.Exit(2)
	}
	must(os.MkdirAll(*out, 0o755))
	r := rand.New(rand.NewSource(42))
	cf := create(filepath.Join(*out, "cases.jsonl"))
	qf := create(filepath.Join(*out, "queries.jsonl"))
	lf := create(filepath.Join(*out, "labels.jsonl"))
	next := 1
	for q := 0; q < *nq; q++ {
		ci, tier := r.Intn(len(charges)), r.Intn(len(tiers))
		labels := map[string]int{}
		only := []string{}
		for k := 0; k < *pool; k++ {
			cj, tj := ci, r.Intn(len(tiers))
			if k >= 25 { // the rest: confusable other charges
				for cj == ci {
					cj = r.Intn(len(charges))
				}
			}
			id := fmt.Sprint(next)
			next++
			cf.Encode(judgment(r, charges[cj], tj, next-1))
			g := 0
			if cj == ci {
				g = 1
				if tj == tier {
					g = 2
				}
			}
			labels[id] = g
			only = append(only, id)
		}
		r.Shuffle(len(only), func(i, j int) { only[i], only[j] = only[j], only[i] })
		qf.Encode(map[string]any{"id": fmt.Sprintf("q%d", q), "text": facts(r, charges[ci], tier), "only": only})
		lf.Encode(map[string]any{"id": fmt.Sprintf("q%d", q), "labels": labels})
	}
	if *lib > 0 {
		bf := create(filepath.Join(*out, "library.jsonl"))
		for i := 0; i < *lib; i++ {
			m := judgment(r, charges[r.Intn(len(charges))], r.Intn(len(tiers)), i+1)
			// pad to 1–3 KB with more facts
			t := m["text"].(string)
			for len(t) < 1000+r.Intn(2000) {
				t += facts(r, charges[r.Intn(len(charges))], r.Intn(len(tiers)))
			}
			m["text"] = t
			bf.Encode(m)
		}
	}
}

func create(p string) *json.Encoder {
	f, err := os.Create(p)
	must(err)
	e := json.NewEncoder(f)
	e.SetEscapeHTML(false)
	return e
}

func must(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
