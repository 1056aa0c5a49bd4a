package rules

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"
	"sync"

	"zhifa/corpora"
)

// StatutoryRange is the fine range a penalty article (法定处罚幅度) sets, with
// the exact substrings of the article that carry each figure.
type StatutoryRange struct {
	ID            string   `json:"id"`
	Citation      string   `json:"citation"`
	Law           string   `json:"law"`
	Article       int      `json:"article"`
	ArticleSuffix string   `json:"article_suffix"`
	Paragraph     int      `json:"paragraph"`
	Item          int      `json:"item"`
	Violation     string   `json:"violation"`
	Fine          FineRule `json:"fine"`
	Quotes        []string `json:"quotes"`
	// QuoteParagraph is the paragraph that states the fine when it is not the
	// cited one (有前款第二项…行为之一，处… prices the items of 前款).
	QuoteParagraph int `json:"quote_paragraph,omitempty"`
}

// FineRule is a fixed range, or multiples of an amount key with a floor, a
// fixed range below a threshold, and a fallback when the base is unknown.
type FineRule struct {
	Min       float64 `json:"min"`
	Max       float64 `json:"max"`
	Base      string  `json:"base,omitempty"`
	MinTimes  float64 `json:"min_times,omitempty"`
	MaxTimes  float64 `json:"max_times,omitempty"`
	BaseFloor float64 `json:"base_floor,omitempty"`
	// RetailBaseFloor replaces BaseFloor when the party sells by retail
	// (circumstance "retail"): 药品管理法 第一百一十七条 按十万元 / 零售 按一万元.
	RetailBaseFloor float64 `json:"retail_base_floor,omitempty"`
	Below           float64 `json:"below,omitempty"`
	BelowMin        float64 `json:"below_min,omitempty"`
	BelowMax        float64 `json:"below_max,omitempty"`
	FallbackMin     float64 `json:"fallback_min,omitempty"`
	FallbackMax     float64 `json:"fallback_max,omitempty"`
}

// Range computes the fine range in yuan for the given amounts; note says in
// Chinese which branch of the article applied. ok is false when no range can
// be computed (e.g. the base amount is missing and the article has no fallback).
func (r FineRule) Range(amounts map[string]float64) (min, max float64, note string, ok bool) {
	if r.Base == "" {
		if r.Max <= 0 && r.Min <= 0 {
			return 0, 0, "该条款未规定罚款数额", false
		}
		return r.Min, r.Max, fmt.Sprintf("法定罚款幅度为%s以上%s以下", yuan(r.Min), yuan(r.Max)), true
	}
	base := amounts[r.Base]
	if base <= 0 {
		switch {
		case r.FallbackMax > 0:
			return r.FallbackMin, r.FallbackMax, fmt.Sprintf("%s无法计算或者没有的，处%s以上%s以下罚款", baseName(r.Base), yuan(r.FallbackMin), yuan(r.FallbackMax)), true
		case r.BelowMax > 0:
			return r.BelowMin, r.BelowMax, fmt.Sprintf("%s不足%s的，处%s以上%s以下罚款", baseName(r.Base), yuan(r.Below), yuan(r.BelowMin), yuan(r.BelowMax)), true
		case r.Max > 0:
			return r.Min, r.Max, fmt.Sprintf("未提供%s，适用固定幅度%s以上%s以下", baseName(r.Base), yuan(r.Min), yuan(r.Max)), true
		}
		return 0, 0, fmt.Sprintf("缺少%s（%s），无法计算罚款幅度", baseName(r.Base), r.Base), false
	}
	if r.Below > 0 && base < r.Below && r.BelowMax > 0 {
		return r.BelowMin, r.BelowMax, fmt.Sprintf("%s%s不足%s，处%s以上%s以下罚款", baseName(r.Base), yuan(base), yuan(r.Below), yuan(r.BelowMin), yuan(r.BelowMax)), true
	}
	b := base
	floorNote := ""
	if r.BaseFloor > 0 && b < r.BaseFloor {
		b = r.BaseFloor
		floorNote = fmt.Sprintf("不足%s的按%s计算，", yuan(r.BaseFloor), yuan(r.BaseFloor))
	}
	min, max = b*r.MinTimes, b*r.MaxTimes
	return min, max, fmt.Sprintf("%s为%s，%s按%s倍以上%s倍以下计算，即%s以上%s以下", baseName(r.Base), yuan(base), floorNote, num(r.MinTimes), num(r.MaxTimes), yuan(min), yuan(max)), true
}

func yuan(v float64) string { return num(v) + "元" }

func num(v float64) string {
	if v == float64(int64(v)) {
		return fmt.Sprintf("%d", int64(v))
	}
	return strings.TrimRight(strings.TrimRight(fmt.Sprintf("%.2f", v), "0"), ".")
}

var baseNames = map[string]string{
	"goods_value": "货值金额", "sales_amount": "销售金额", "illegal_gains": "违法所得",
	"illegal_business_amount": "违法经营额", "ad_cost": "广告费用", "investment": "投资额",
	"disposal_cost": "所需处置费用", "inspection_fee": "检验费用", "certification_fee": "认证费用",
}

func baseName(k string) string {
	if n, ok := baseNames[k]; ok {
		return n
	}
	return k
}

// StatutoryIndex holds the statutory ranges keyed by law and article.
type StatutoryIndex struct {
	all     []*StatutoryRange
	byArt   map[string][]*StatutoryRange
	errLoad error
}

var (
	statOnce sync.Once
	statIdx  *StatutoryIndex
)

// Statutory returns the embedded statutory ranges, loaded once.
func Statutory() *StatutoryIndex {
	statOnce.Do(func() {
		statIdx = loadStatutory(corpora.FS, "discretion/statutory")
	})
	return statIdx
}

func artKey(law string, article int, suffix string) string {
	return fmt.Sprintf("%s|%d|%s", strings.Trim(law, "《》"), article, suffix)
}

func loadStatutory(fsys fs.FS, dir string) *StatutoryIndex {
	x := &StatutoryIndex{byArt: map[string][]*StatutoryRange{}}
	files, _ := fs.Glob(fsys, path.Join(dir, "*.json"))
	sort.Strings(files)
	for _, f := range files {
		b, err := fs.ReadFile(fsys, f)
		if err != nil {
			x.errLoad = fmt.Errorf("read %s: %w", f, err)
			continue
		}
		var rs []*StatutoryRange
		if err := json.Unmarshal(b, &rs); err != nil {
			x.errLoad = fmt.Errorf("parse %s: %w", f, err)
			continue
		}
		for _, r := range rs {
			x.all = append(x.all, r)
			k := artKey(r.Law, r.Article, r.ArticleSuffix)
			x.byArt[k] = append(x.byArt[k], r)
		}
	}
	return x
}

// All returns every entry in file order.
func (x *StatutoryIndex) All() []*StatutoryRange { return x.all }

// Err reports a load error of the embedded files (nil when all loaded).
func (x *StatutoryIndex) Err() error { return x.errLoad }

// Find returns the most specific entry for the article: an exact paragraph
// and item match first (an item without a paragraph matches the item entry), then the paragraph, then the first entry of the
// article. law is the full official name (with or without 《》).
func (x *StatutoryIndex) Find(law string, article int, suffix string, paragraph, item int) *StatutoryRange {
	rs := x.byArt[artKey(law, article, suffix)]
	if len(rs) == 0 {
		return nil
	}
	var para, whole *StatutoryRange
	for _, r := range rs {
		// 第X条第（二）项 without a 款 names the item of the paragraph that has items
		if r.Item == item && (r.Paragraph == paragraph || paragraph == 0 && item > 0) {
			return r
		}
		if para == nil && r.Paragraph == paragraph && (r.Item == 0 || item == 0) {
			para = r
		}
		if whole == nil && r.Paragraph == 0 {
			whole = r
		}
	}
	if para != nil {
		return para
	}
	if whole != nil {
		return whole
	}
	return rs[0]
}
