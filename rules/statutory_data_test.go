package rules

import (
	"io/fs"
	"math"
	"regexp"
	"strings"
	"testing"

	"zhifa/corpora"
	"zhifa/nlp"
)

var rePercentQuote = regexp.MustCompile(`百分之([零一二两三四五六七八九十百]+)`)

// Every statutory-range entry cites an existing provision, its quotes are the
// provision's own words, and every figure of its fine rule is in a quote.
func TestStatutoryDataAgainstCorpus(t *testing.T) {
	x := Statutory()
	if err := x.Err(); err != nil {
		t.Fatal(err)
	}
	c := corpora.Default()
	articles := map[string]bool{}
	for _, e := range x.All() {
		res, err := c.Cite(e.Citation)
		if err != nil {
			t.Errorf("%s: %v", e.ID, err)
			continue
		}
		if res.Law != e.Law || res.Article != e.Article || res.Paragraph != e.Paragraph && !(e.Paragraph == 1 && res.Paragraph == 0) {
			t.Errorf("%s: citation %s resolves to %s %d-%d, entry says %d-%d", e.ID, e.Citation, res.Law, res.Article, res.Paragraph, e.Article, e.Paragraph)
		}
		articles[e.Law+"|"+corpora.ChineseNumeral(e.Article)+e.ArticleSuffix] = true
		a := c.Article(e.Law, e.Article, e.ArticleSuffix)
		qp := e.Paragraph
		if e.QuoteParagraph > 0 {
			qp = e.QuoteParagraph
		}
		text, _ := a.Select(qp, 0)
		var figures []float64
		for _, q := range e.Quotes {
			if !strings.Contains(text, q) {
				t.Errorf("%s: quote %q is not in %s", e.ID, q, e.Citation)
			}
			for _, am := range nlp.ExtractAmounts(q) {
				figures = append(figures, am.Value)
			}
			for _, n := range splitNumbers(q) {
				if v, err := nlp.ParseChineseInt(n); err == nil {
					figures = append(figures, float64(v))
				}
			}
			if strings.Contains(q, "等值") {
				figures = append(figures, 1)
			}
			for _, m := range rePercentQuote.FindAllStringSubmatch(q, -1) { // 百分之二十 → 0.2
				if v, err := nlp.ParseChineseInt(m[1]); err == nil {
					figures = append(figures, float64(v)/100)
				}
			}
		}
		f := e.Fine
		for _, v := range []float64{f.Min, f.Max, f.MinTimes, f.MaxTimes, f.BaseFloor, f.RetailBaseFloor, f.Below, f.BelowMin, f.BelowMax, f.FallbackMin, f.FallbackMax} {
			if v == 0 {
				continue
			}
			found := false
			for _, g := range figures {
				found = found || g == v
			}
			if !found {
				t.Errorf("%s: figure %v is in no quote %q", e.ID, v, e.Quotes)
			}
		}
	}
	if len(articles) < 150 {
		t.Errorf("statutory ranges cover %d penalty articles, want at least 150", len(articles))
	}
}

// Worked examples, one per law family, computed by hand from the article text.
func TestStatutoryWorkedExamples(t *testing.T) {
	cases := []struct {
		law              string
		article, para    int
		amounts          map[string]float64
		wantMin, wantMax float64
	}{
		{"中华人民共和国食品安全法", 124, 1, map[string]float64{"goods_value": 20000}, 200000, 400000}, // 十倍以上二十倍以下
		{"中华人民共和国食品安全法", 124, 1, map[string]float64{"goods_value": 5000}, 50000, 100000},   // 不足一万元
		{"中华人民共和国广告法", 55, 1, map[string]float64{"ad_cost": 100000}, 300000, 500000},       // 三倍以上五倍以下
		{"中华人民共和国产品质量法", 49, 0, map[string]float64{"goods_value": 30000}, 30000, 90000},    // 等值以上三倍以下
		{"中华人民共和国道路交通安全法", 91, 1, nil, 1000, 2000},                                         // 饮酒后驾驶
	}
	for _, tc := range cases {
		e := Statutory().Find(tc.law, tc.article, "", tc.para, 0)
		if e == nil || e.Article != tc.article {
			t.Errorf("%s 第%d条: no entry", tc.law, tc.article)
			continue
		}
		lo, hi, note, ok := e.Fine.Range(tc.amounts)
		if !ok || lo != tc.wantMin || hi != tc.wantMax {
			t.Errorf("%s: range %v–%v (%s), want %v–%v", e.Citation, lo, hi, note, tc.wantMin, tc.wantMax)
		}
	}
}

// Each entry's fine rule is what its own quotes say, read the way the law's
// words are read when no entry exists (FineFromText): a min set to zero, two
// multiples swapped, another base, a dropped floor, 不足X元 branch or fallback
// all fail here. The entries the patterns cannot read are checked otherwise.
func TestStatutoryRulesReadFromQuotes(t *testing.T) {
	// spans: a paragraph entry whose items are priced one by one spans them
	spans := map[string]bool{"anquan-shengchan-fa-114-1": true, "guti-feiwu-wuran-fangzhi-fa-102-2": true,
		"guti-feiwu-wuran-fangzhi-fa-111-2": true, "shui-wuran-fangzhi-fa-85-2": true, "tezhong-shebei-anquan-fa-90-1": true}
	// hand decisions kept in statgen (see SPOTCHECK.md)
	hand := map[string]FineRule{
		"jiage-weifa-xingwei-chufa-guiding-11-2": {Max: 100000},
		"yaopin-guanli-fa-117-1":                 {Base: "goods_value", MinTimes: 10, MaxTimes: 20, BaseFloor: 100000, RetailBaseFloor: 10000},
	}
	all := Statutory().All()
	checked := 0
	for _, e := range all {
		got, _, ok := FineFromText(strings.Join(e.Quotes, "；"))
		switch {
		case ok && got == e.Fine:
			checked++
		case spans[e.ID]:
			lo, hi := math.Inf(1), 0.0
			for _, o := range all {
				if o.Law == e.Law && o.Article == e.Article && o.Item > 0 && o.Fine.Base == "" { // fixed-range items
					lo, hi = math.Min(lo, o.Fine.Min), math.Max(hi, o.Fine.Max)
				}
			}
			if e.Fine.Min != lo || e.Fine.Max != hi {
				t.Errorf("%s: span %v–%v, its items span %v–%v", e.ID, e.Fine.Min, e.Fine.Max, lo, hi)
			}
		case hand[e.ID] != FineRule{}:
			if e.Fine != hand[e.ID] {
				t.Errorf("%s: %+v, the hand decision is %+v", e.ID, e.Fine, hand[e.ID])
			}
		case e.Fine.Base == "disposal_cost":
			// 所需处置费用N倍以上M倍以下…不足X元的，按X元计算: statgen's own pattern
			q := strings.Join(e.Quotes, "；")
			if !strings.Contains(q, "处置费用") || !quoteCarries(q, e.Fine.MinTimes) || !quoteCarries(q, e.Fine.MaxTimes) || !quoteCarries(q, e.Fine.BaseFloor) {
				t.Errorf("%s: %+v not in %q", e.ID, e.Fine, q)
			}
		default:
			t.Errorf("%s: quotes %q read as %+v (ok %v), entry says %+v", e.ID, e.Quotes, got, ok, e.Fine)
		}
	}
	if checked < 250 {
		t.Errorf("only %d of %d entries read back from their quotes", checked, len(all))
	}
}

// SPOTCHECK.md records a verdict for every entry: an entry added or renamed
// by a regeneration without being checked against its paragraph fails here.
func TestSpotCheckCoversEveryEntry(t *testing.T) {
	b, err := fs.ReadFile(corpora.FS, "discretion/statutory/SPOTCHECK.md")
	if err != nil {
		t.Fatal(err)
	}
	checked := map[string]bool{}
	for _, line := range strings.Split(string(b), "\n") {
		if cells := strings.Split(line, "|"); len(cells) > 4 && strings.HasPrefix(line, "| ") {
			checked[strings.TrimSpace(cells[1])] = true
		}
	}
	for _, e := range Statutory().All() {
		if !checked[e.ID] {
			t.Errorf("%s has no verdict in SPOTCHECK.md", e.ID)
		}
	}
}
