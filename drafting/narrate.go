package drafting

import (
	"context"
	"strings"

	"zhifa/corpora"
)

// Narrate lets l reword the facts statement and the discretion reasoning of m. The prompt holds
// the case facts, the proposed decision and the texts of the provided articles; the answer is
// checked (CheckNarrative) before it replaces the template text. An LLM failure keeps the
// template text and adds a warning.
func Narrate(ctx context.Context, l *LLM, c *corpora.Corpus, m Model, rec Record, onDelta func(string)) (Model, []string) {
	if l == nil {
		return m, nil
	}
	if l.Budget > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, l.Budget)
		defer cancel()
	}
	var laws strings.Builder
	for _, cit := range rec.Citations {
		for _, r := range c.ResolveText(cit) {
			if r.Valid {
				laws.WriteString(r.Raw + "：" + r.Text + "\n")
			}
		}
	}
	var warn []string
	for _, part := range []struct {
		name string
		text *string
	}{{"案件事实", &m.Facts}, {"裁量理由", &m.Discretion}} {
		if strings.TrimSpace(*part.text) == "" {
			continue
		}
		prompt := "请改写以下" + part.name + "，使其通顺规范，只使用给出的事实、金额、日期和条文。\n" +
			part.name + "：" + *part.text + "\n拟处理：" + m.Decision + "\n适用条文：\n" + laws.String()
		out, err := l.Rewrite(ctx, prompt, onDelta)
		if err != nil {
			warn = append(warn, part.name+": LLM unavailable, template text kept ("+err.Error()+")")
			continue
		}
		checked, w := CheckNarrative(c, out, *part.text, rec)
		*part.text = checked
		warn = append(warn, w...)
	}
	return m, warn
}
