package main

import (
	"context"
	"fmt"
	"strings"

	"zhifa/corpora"
	"zhifa/search"
)

func init() {
	register(&command{name: "normpush", summary: "articles an officer needs for the facts on stdin (执法规范精准推送)", run: runNormPush})
}

// pushedNorm is one pushed article with why it was pushed.
type pushedNorm struct {
	Role    string  `json:"role"` // violated_or_penalty | procedure
	Law     string  `json:"law"`
	Article int     `json:"article"`
	Label   string  `json:"label"`
	Text    string  `json:"text"`
	Score   float64 `json:"score,omitempty"`
	Why     string  `json:"why"`
}

// procedural rules of 行政处罚法 every penalty case touches; the hearing one
// only when a fine is proposed.
var procedureNorms = []struct {
	article int
	why     string
	onFine  bool
}{
	{44, "作出处罚决定前须告知拟处罚内容及陈述、申辩权（告知）", false},
	{58, "重大执法决定须经法制审核", false},
	{60, "行政处罚案件自立案之日起九十日内作出决定（期限）", false},
	{63, "较大数额罚款等，当事人有权要求听证", true},
}

// runNormPush: zhifa normpush [--top N] [--fine AMOUNT] --data DIR < facts
func runNormPush(ctx context.Context, env *cmdEnv, args []string) error {
	fs := newFlagSet("normpush")
	top := fs.Int("top", 5, "substantive articles")
	fine := fs.Float64("fine", 0, "proposed fine, if any (pushes the hearing rule)")
	if _, err := fs.parse(args); err != nil {
		return err
	}
	dir, err := fs.dataDir()
	if err != nil {
		return err
	}
	b, err := readAllStdin(env, 1<<20)
	if err != nil {
		return err
	}
	facts := strings.TrimSpace(string(b))
	if facts == "" {
		return usagef("facts expected on stdin")
	}
	c := corpora.Default()
	ix, err := search.OpenLawIndex(dir, c)
	if err != nil {
		return fmt.Errorf("law index: %w", err)
	}
	hits, err := ix.Search(facts, search.LawQuery{Top: *top})
	if err != nil {
		return err
	}
	out := []pushedNorm{}
	for _, h := range hits {
		out = append(out, pushedNorm{Role: "violated_or_penalty", Law: h.Law, Article: h.Article, Label: h.Label, Text: h.Text, Score: h.Score,
			Why: "匹配：" + strings.Join(h.Highlights, " … ")})
	}
	const apl = "中华人民共和国行政处罚法"
	for _, p := range procedureNorms {
		if p.onFine && *fine <= 0 {
			continue
		}
		if a := c.Article(apl, p.article, ""); a != nil {
			out = append(out, pushedNorm{Role: "procedure", Law: apl, Article: p.article, Label: a.Label, Text: a.Text, Why: p.why})
		}
	}
	return writeJSON(env.stdout, map[string]any{"norms": out})
}
