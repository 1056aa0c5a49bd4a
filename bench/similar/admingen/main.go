// Command admingen writes a SYNTHETIC evaluation set of administrative penalty
// decisions (not real cases) from the real Jiangmen discretion table: every
// decision describes one violation of the table (one of its alternatives) and
// one tier's circumstance, and — in the library only — cites the entry's
// penalty provision and states a fine in the tier's range. A query is the
// facts of another such decision, without citation or fine. Relevance follows
// the method "decisions that cite the same articles and fall in the same
// benchmark tier are relevant": same entry and same tier = 2, same entry
// (same articles, another tier) = 1, anything else = 0.
//
//	admingen -out DIR [-queries 100] [-seed 1]
//
// writes DIR/cases.jsonl, DIR/queries.jsonl ({"id","text","only"}) and DIR/labels.jsonl.
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"zhifa/corpora"
)

type tier struct {
	Level     string `json:"level"`
	Condition string `json:"condition"`
	Standard  string `json:"standard"`
	Fine      *struct {
		Kind string  `json:"kind"`
		Min  float64 `json:"min"`
		Max  float64 `json:"max"`
	} `json:"fine"`
}

type entry struct {
	ID        string `json:"id"`
	Sheet     string `json:"sheet"`
	Violation string `json:"violation"`
	Citations []struct {
		Citation string `json:"citation"`
	} `json:"citations"`
	Tiers []tier `json:"tiers"`
}

var (
	industries = []string{"化工", "电镀", "印染", "食品", "五金", "塑料", "家具", "陶瓷", "造纸", "纺织", "皮革", "建材", "机械", "电子", "印刷"}
	fillers    = []string{
		"执法人员出示执法证件并说明来意，当事人负责人在场。",
		"检查时该单位正在生产。",
		"当事人对检查结果无异议，并在笔录上签字确认。",
		"执法人员对现场进行了拍照取证。",
		"当事人称对相关规定不了解。",
		"现场检查时当事人未能提供相关资料。",
		"执法人员调取了当事人的营业执照复印件。",
	}
	alternatives = regexp.MustCompile(`，或者|；或者|或者|；`)
)

// act picks one alternative of the violation, as a decision states what was done.
func act(r *rand.Rand, v string) string {
	v = strings.TrimSuffix(strings.TrimSpace(v), "的")
	parts := alternatives.Split(v, -1)
	p := strings.TrimSpace(parts[r.Intn(len(parts))])
	if p == "" {
		p = v
	}
	return strings.TrimSuffix(p, "的")
}

func facts(r *rand.Rand, e *entry, t tier) string {
	var b strings.Builder
	fmt.Fprintf(&b, "2024年%d月%d日，执法人员对某某%s有限公司（合成数据）进行现场检查。", 1+r.Intn(12), 1+r.Intn(28), industries[r.Intn(len(industries))])
	fmt.Fprintf(&b, "经查，当事人%s。", act(r, e.Violation))
	if t.Condition != "" {
		fmt.Fprintf(&b, "另查明，%s。", strings.TrimSuffix(t.Condition, "的"))
	}
	b.WriteString(fillers[r.Intn(len(fillers))])
	b.WriteString(fillers[r.Intn(len(fillers))])
	return b.String()
}

func decision(r *rand.Rand, e *entry, t tier) (string, float64) {
	fine := 0.0
	if t.Fine != nil && t.Fine.Max > 0 {
		fine = t.Fine.Min + float64(r.Intn(int(t.Fine.Max-t.Fine.Min)/1000+1))*1000
	}
	text := facts(r, e, t) + "上述事实，有现场检查笔录、询问笔录、现场照片等证据为证。" +
		"依据" + e.Citations[0].Citation + "的规定，参照裁量基准（" + t.Standard + "），" +
		fmt.Sprintf("本局决定对当事人作出如下行政处罚：罚款人民币%.0f元。", fine)
	return text, fine
}

func main() {
	out := flag.String("out", "", "output directory")
	nq := flag.Int("queries", 100, "queries")
	seed := flag.Int64("seed", 1, "random seed")
	flag.Parse()
	if *out == "" {
		fmt.Fprintln(os.Stderr, "admingen: -out DIR is required")
		os.Exit(2)
	}
	raw, err := corpora.FS.ReadFile("discretion/jiangmen/entries.json")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	var file struct {
		Entries []entry `json:"entries"`
	}
	if err := json.Unmarshal(raw, &file); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	var es []*entry
	bySheet := map[string][]*entry{}
	for i := range file.Entries {
		e := &file.Entries[i]
		if len(e.Tiers) >= 2 && len(e.Citations) > 0 {
			es = append(es, e)
			bySheet[e.Sheet] = append(bySheet[e.Sheet], e)
		}
	}
	r := rand.New(rand.NewSource(*seed))
	if err := os.MkdirAll(*out, 0o755); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	cf, _ := os.Create(filepath.Join(*out, "cases.jsonl"))
	qf, _ := os.Create(filepath.Join(*out, "queries.jsonl"))
	lf, _ := os.Create(filepath.Join(*out, "labels.jsonl"))
	defer cf.Close()
	defer qf.Close()
	defer lf.Close()
	cenc, qenc, lenc := json.NewEncoder(cf), json.NewEncoder(qf), json.NewEncoder(lf)
	for _, enc := range []*json.Encoder{cenc, qenc, lenc} {
		enc.SetEscapeHTML(false)
	}
	n := 0
	for q := 0; q < *nq; q++ {
		e := es[r.Intn(len(es))]
		ti := r.Intn(len(e.Tiers))
		qid := fmt.Sprintf("q%03d", q)
		labels := map[string]int{}
		var only []string
		add := func(ce *entry) {
			t := r.Intn(len(ce.Tiers))
			text, fine := decision(r, ce, ce.Tiers[t])
			n++
			id := fmt.Sprintf("a%05d", n)
			g := 0
			if ce == e {
				g = 1
				if ce.Tiers[t].Level == e.Tiers[ti].Level {
					g = 2
				}
			}
			labels[id] = g
			only = append(only, id)
			_ = cenc.Encode(map[string]any{"id": id, "title": "行政处罚决定书（合成）", "text": text, "fine": fine, "kind": "行政处罚"})
		}
		for i := 0; i < 20; i++ { // same entry, tiers at random
			add(e)
		}
		same := bySheet[e.Sheet]
		for i := 0; i < 40; i++ { // same law, other entries: shared words
			if ce := same[r.Intn(len(same))]; ce != e {
				add(ce)
			}
		}
		for len(only) < 100 {
			if ce := es[r.Intn(len(es))]; ce != e {
				add(ce)
			}
		}
		r.Shuffle(len(only), func(i, j int) { only[i], only[j] = only[j], only[i] })
		_ = qenc.Encode(map[string]any{"id": qid, "text": facts(r, e, e.Tiers[ti]), "only": only})
		_ = lenc.Encode(map[string]any{"id": qid, "labels": labels})
	}
	fmt.Printf("%d queries, %d candidate decisions, %d benchmark entries\n", *nq, n, len(es))
}
