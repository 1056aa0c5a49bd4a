package caselib

import (
	"context"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/gomutex/godocx"
)

// roleNames are the Chinese names of Roles.
var roleNames = map[string]string{"officer": "执法人员", "reviewer": "法制审核人员", "trainer": "培训教员"}

// WritePack writes a collection ("" = all cases) as a DOCX training pack: a
// title line, then per case its title, tags, exemplary mark, text (masked
// when the case is masked), annotations and discussion threads.
func (l *Library) WritePack(ctx context.Context, w io.Writer, collection string) error {
	cs, _, err := l.Find(ctx, Query{Collection: collection})
	if err != nil {
		return err
	}
	if len(cs) == 0 {
		if collection == "" {
			return &NotFoundError{What: "collection", ID: "(all)"}
		}
		return &NotFoundError{What: "collection", ID: collection}
	}
	doc, err := godocx.NewDocument()
	if err != nil {
		return fmt.Errorf("training pack: %w", err)
	}
	name := collection
	if name == "" {
		name = "全部案例"
	}
	if _, err := doc.AddHeading(xmlSafe("案例培训资料："+name), 0); err != nil {
		return fmt.Errorf("training pack: %w", err)
	}
	doc.AddParagraph(fmt.Sprintf("共%d件案例，%s导出。", len(cs), time.Now().Format("2006年1月2日")))
	for i, c := range cs {
		d, err := l.Detail(ctx, c.ID)
		if err != nil {
			return err
		}
		pc := d.Case.Public()
		if _, err := doc.AddHeading(xmlSafe(fmt.Sprintf("%d. %s", i+1, pc.Title)), 1); err != nil {
			return fmt.Errorf("training pack: %w", err)
		}
		var meta []string
		meta = append(meta, "编号："+pc.ID)
		for _, kv := range [][2]string{{"执法机关", pc.Agency}, {"日期", pc.Date}, {"类别", pc.Kind}, {"处罚依据", pc.PenaltyBasis}, {"结果", pc.Outcome}} {
			if kv[1] != "" {
				meta = append(meta, kv[0]+"："+kv[1])
			}
		}
		if pc.Fine != nil {
			meta = append(meta, fmt.Sprintf("罚款：%s元", trimFloat(*pc.Fine)))
		}
		doc.AddParagraph(xmlSafe(strings.Join(meta, "；")))
		if len(pc.Tags) > 0 {
			doc.AddParagraph(xmlSafe("标签：" + strings.Join(pc.Tags, "、")))
		}
		if m := d.ExemplaryMark; m != nil {
			p := doc.AddParagraph("")
			p.AddText("典型/指导案例").Bold(true)
			p.AddText(xmlSafe(fmt.Sprintf("（%s确定，理由：%s）", m.By, m.Reason)))
		}
		if _, err := doc.AddHeading("案情", 2); err != nil {
			return fmt.Errorf("training pack: %w", err)
		}
		for _, ln := range strings.Split(pc.Text, "\n") {
			if ln = strings.TrimSpace(ln); ln != "" {
				doc.AddParagraph(xmlSafe(ln))
			}
		}
		if len(d.Annotations) > 0 {
			if _, err := doc.AddHeading("批注", 2); err != nil {
				return fmt.Errorf("training pack: %w", err)
			}
			for _, a := range d.Annotations {
				p := doc.AddParagraph("")
				p.AddText(xmlSafe(fmt.Sprintf("%s（%s，%s）：", a.Author, roleName(a.Role), day(a.At)))).Bold(true)
				if a.Quote != "" {
					p.AddText(xmlSafe("「" + a.Quote + "」")).Italic(true)
					p.AddText(" ")
				}
				p.AddText(xmlSafe(a.Text))
			}
		}
		if len(d.Threads) > 0 {
			if _, err := doc.AddHeading("讨论", 2); err != nil {
				return fmt.Errorf("training pack: %w", err)
			}
			for _, t := range d.Threads {
				if _, err := doc.AddHeading(xmlSafe(t.Title), 3); err != nil {
					return fmt.Errorf("training pack: %w", err)
				}
				for _, cm := range t.Comments {
					p := doc.AddParagraph("")
					p.AddText(xmlSafe(fmt.Sprintf("%s（%s，%s）：", cm.Author, roleName(cm.Role), day(cm.At)))).Bold(true)
					p.AddText(xmlSafe(cm.Text))
				}
			}
		}
	}
	if err := doc.Write(w); err != nil {
		return fmt.Errorf("training pack: %w", err)
	}
	return nil
}

func roleName(r string) string {
	if n, ok := roleNames[r]; ok {
		return n
	}
	return r
}

func day(at string) string {
	if len(at) >= 10 {
		return at[:10]
	}
	return at
}

func trimFloat(f float64) string {
	s := fmt.Sprintf("%.2f", f)
	s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	return s
}

// xmlSafe drops characters XML 1.0 cannot carry (control characters from
// imported text would make the document unreadable).
func xmlSafe(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\t' || r == '\n' || r == '\r':
			return r
		case r < 0x20, r == 0xFFFE, r == 0xFFFF, r >= 0xD800 && r <= 0xDFFF:
			return -1
		}
		return r
	}, s)
}
