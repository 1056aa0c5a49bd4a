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
	Cap             float64 `json:"cap,omitempty"` // 最高不超过
	// PerUnit multiplies the range by a count: persons (每人), days (按日).
	PerUnit string `json:"per_unit,omitempty"`
}

// Range computes the fine range in yuan for the given amounts; note says in
// Chinese which branch of the article applied. ok is false when no range can
// be computed: the base amount is missing (no branch is assumed for it) or
// the provision states no fine.
func (r FineRule) Range(amounts map[string]float64) (min, max float64, note string, ok bool) {
	res := provisionFine{rule: r}.eval(amounts, func(string) bool { return false })
	if res.rng == nil {
		return 0, 0, res.note, false
	}
	return res.rng.Min, res.rng.Max, res.note, true
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
	"illegal_business_amount": "违法经营额", "ad_cost": "广告费用", "investment": "总投资额",
	"disposal_cost": "所需处置费用", "inspection_fee": "检验费用", "certification_fee": "认证费用",
	"direct_loss": "直接损失", "construction_cost": "工程造价", "contract_fee": "合同约定的费用", "tax_due": "税款",
	"annual_income": "上一年年收入", "contract_price": "合同价款", "annual_sales": "上一年度销售额", "fine_amount": "罚款数额",
	"income": "收入", "fees_charged": "所收费用", "defrauded_amount": "骗取金额", "arrears": "欠缴数额", "timber_value": "林木价值",
	"restoration_cost": "所需费用", "premium": "保险费", "property_value": "财物价值", "fee_due": "应缴费用", "transport_fee": "运输费用",
	"funds_amount": "款项", "persons": "人数", "days": "日数", "concealed_wages": "瞒报工资数额", "wildlife_value": "野生动物及其制品价值",
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

// Find returns the entry for exactly the cited provision: the item's entry
// (an item cited without a paragraph matches the item of the paragraph that
// has items), else its paragraph's entry; a citation without a paragraph
// matches the first paragraph's. An entry of another paragraph is never
// returned: 第九十一条第三款 is not priced by 第一款's entry. law is the full
// official name (with or without 《》).
func (x *StatutoryIndex) Find(law string, article int, suffix string, paragraph, item int) *StatutoryRange {
	var para *StatutoryRange
	for _, r := range x.byArt[artKey(law, article, suffix)] {
		samePara := r.Paragraph == paragraph || paragraph == 0 && r.Paragraph <= 1
		if item > 0 && r.Item == item && (samePara || paragraph == 0) {
			return r
		}
		if para == nil && samePara && r.Item == 0 {
			para = r
		}
	}
	return para
}
