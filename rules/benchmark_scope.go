package rules

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"time"
)

// sectorWords are the words of an agency's name that put it in a sector.
var sectorWords = map[string][]string{
	"生态环境":     {"生态环境", "环境保护", "环保"},
	"市场监管":     {"市场监督管理", "市场监管", "工商行政管理", "食品药品监督管理"},
	"应急管理":     {"应急管理", "安全生产监督管理"},
	"交通运输":     {"交通运输", "交通"},
	"自然资源":     {"自然资源", "国土资源", "林业"},
	"住房城乡建设":   {"住房和城乡建设", "住房城乡建设", "城市管理", "综合行政执法"},
	"消防救援":     {"消防救援", "消防"},
	"公安":       {"公安"},
	"税务":       {"税务"},
	"人力资源社会保障": {"人力资源和社会保障", "人力资源社会保障"},
	"卫生健康":     {"卫生健康", "卫生和计划生育"},
	"文化旅游":     {"文化广电旅游", "文化和旅游", "文化旅游"},
	"农业农村":     {"农业农村", "农业"},
	"水利":       {"水利", "水务"},
}

func sectorNames() []string {
	out := make([]string, 0, len(sectorWords))
	for k := range sectorWords {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// guangdongCities puts a city named alone (江门市生态环境局) in its province.
var guangdongCities = []string{"广州", "深圳", "珠海", "汕头", "佛山", "韶关", "湛江", "肇庆", "江门", "茂名", "惠州",
	"梅州", "汕尾", "河源", "阳江", "清远", "东莞", "中山", "潮州", "揭阳", "云浮"}

var reRegionUnit = regexp.MustCompile(`(.+?)(?:特别行政区|自治区|自治州|省|市|地区|盟|区|县|旗)`)

// regionUnits splits a region into its names without the unit word:
// 广东省江门市 → 广东, 江门.
func regionUnits(region string) []string {
	var out []string
	for _, m := range reRegionUnit.FindAllStringSubmatch(strings.TrimSpace(region), -1) {
		out = append(out, m[1])
	}
	return out
}

// caseSector is the sector of the case's agency: the input's sector, else
// the one its name puts it in.
func (in *Input) caseSector() string {
	if in.Sector != "" {
		return in.Sector
	}
	for _, s := range sectorNames() {
		for _, w := range sectorWords[s] {
			if strings.Contains(in.Agency, w) {
				return s
			}
		}
	}
	return ""
}

// benchmarkStatus is whether a benchmark is in force on the date.
func benchmarkStatus(f *BenchmarkFile, on time.Time) string {
	from, _ := parseDate("valid_from", f.ValidFrom)
	until, _ := parseDate("valid_until", f.ValidUntil)
	switch {
	case !from.IsZero() && on.Before(from):
		return "not_yet_in_force"
	case !until.IsZero() && on.After(until):
		return "expired"
	}
	return "in_force"
}

// bindsCase says whether a benchmark binds the case's agency on the date, and
// if not, why (in Chinese, for the officer).
func bindsCase(f *BenchmarkFile, in Input, on time.Time) (string, bool) {
	status := benchmarkStatus(f, on)
	if status != "in_force" {
		return map[string]string{"expired": "已失效", "not_yet_in_force": "尚未施行"}[status] + "（" + on.Format("2006-01-02") + "）", false
	}
	if f.Scope == nil {
		return "未声明适用范围", false
	}
	where := in.Region + " " + in.Agency
	if strings.TrimSpace(where) == "" {
		return "输入未说明执法机关（agency）或所在地区（region）", false
	}
	for _, u := range regionUnits(f.Scope.Region) {
		if strings.Contains(where, u) || u == "广东" && slices.ContainsFunc(guangdongCities, func(c string) bool { return strings.Contains(where, c) }) {
			continue
		}
		return fmt.Sprintf("适用于%s的执法机关，本案执法机关在%s", f.Scope.Region, strings.TrimSpace(where)), false
	}
	sec := in.caseSector()
	if sec == "" {
		return "输入未说明执法机关所属领域（agency 或 sector）", false
	}
	if sec != f.Scope.Sector {
		return fmt.Sprintf("适用于%s部门，本案执法机关属%s", f.Scope.Sector, sec), false
	}
	return "", true
}

// caseDate is the date a benchmark's force is judged on: the decision date,
// else today.
func (in *Input) caseDate() time.Time {
	if d, _ := in.decisionDate(); !d.IsZero() {
		return d
	}
	y, m, d := time.Now().Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// BindingBenchmarks are the benchmarks in force on the date that bind an
// agency of region and name in one of its domains — what 行政处罚法
// 第三十四条 requires the agency to publish.
func BindingBenchmarks(region, agency string, domains []string, on time.Time) ([]*BenchmarkFile, error) {
	set, err := ActiveBenchmarks()
	if err != nil {
		return nil, err
	}
	var out []*BenchmarkFile
	for _, f := range set.Files {
		for _, d := range append([]string{""}, domains...) {
			if sectorWords[d] == nil && d != "" {
				continue
			}
			if _, ok := bindsCase(f, Input{Region: region, Agency: agency, Sector: d}, on); ok {
				out = append(out, f)
				break
			}
		}
	}
	return out, nil
}
