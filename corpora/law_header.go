package corpora

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

// Levels (效力层级) of the texts in the corpus.
const (
	LevelLaw         = "法律"
	LevelAdminReg    = "行政法规"
	LevelDeptRule    = "部门规章"
	LevelJudicial    = "司法解释"
	LevelLocalReg    = "地方性法规"
	LevelGuidingCase = "指导案例"
)

// Levels lists the levels in their order of rank (法律 first).
var Levels = []string{LevelLaw, LevelAdminReg, LevelDeptRule, LevelJudicial, LevelLocalReg, LevelGuidingCase}

// Provinces are the provinces whose local regulations the law pack holds.
var Provinces = []string{"北京", "上海", "浙江", "山东", "河南", "广东", "重庆"}

// Event kinds of a header line (制定/修改沿革).
const (
	EventAdopted     = "通过"
	EventAmended     = "修正" // 修正 by a 修改决定 or a 修正案 (also 修改)
	EventRevised     = "修订" // the whole text revised
	EventPromulgated = "公布" // also 发布
	EventEffective   = "施行"
	EventApproved    = "批准" // a city's regulation approved by the province's 人大常委会
)

// Event is one dated line of a law's header: 2021年1月22日 …修订.
type Event struct {
	Date string `json:"date"` // YYYY-MM-DD
	Kind string `json:"kind"` // one of the Event… kinds; "" when the line names none
	Text string `json:"text"` // the header line, normalised
}

// eventWords, the later in a line the one that counts: "《关于修改…的决定》第一次修正" is a 修正.
var eventWords = []struct{ word, kind string }{
	{"通过", EventAdopted}, {"修正", EventAmended}, {"修改", EventAmended}, {"修订", EventRevised},
	{"公布", EventPromulgated}, {"发布", EventPromulgated}, {"施行", EventEffective}, {"批准", EventApproved},
}

var leadDateRe = regexp.MustCompile(`^(\d{4})年(\d{1,2})月(\d{1,2})日`)

// parseEvents reads the normalised header lines. A line that does not start
// with a date continues the line before (long lines are wrapped in the sources).
func parseEvents(history []string) []Event {
	var lines []string
	for _, h := range history {
		if leadDateRe.MatchString(h) || len(lines) == 0 {
			lines = append(lines, h)
			continue
		}
		lines[len(lines)-1] += h
	}
	var out []Event
	for _, l := range lines {
		m := leadDateRe.FindStringSubmatch(l)
		if m == nil {
			continue
		}
		y, _ := strconv.Atoi(m[1])
		mo, _ := strconv.Atoi(m[2])
		d, _ := strconv.Atoi(m[3])
		out = append(out, Event{Date: fmt.Sprintf("%04d-%02d-%02d", y, mo, d), Kind: eventKind(l), Text: l})
	}
	return out
}

// eventKind is the kind named last in the line, ignoring what is quoted in
// 《》 (the title of an amending decision: 《关于修改…的决定》修正).
func eventKind(line string) string {
	line = stripQuoted(line)
	best, at := "", -1
	for _, w := range eventWords {
		if i := strings.LastIndex(line, w.word); i > at {
			best, at = w.kind, i
		}
	}
	return best
}

func stripQuoted(s string) string {
	var b strings.Builder
	depth := 0
	for _, r := range s {
		switch r {
		case '《':
			depth++
			continue
		case '》':
			if depth > 0 {
				depth--
			}
			continue
		}
		if depth == 0 {
			b.WriteRune(r)
		}
	}
	return b.String()
}

var (
	// 浙江省第十三届人民代表大会常务委员会 / 丽水市第四届人民代表大会常务委员会
	localCongressRe = regexp.MustCompile(`([\p{Han}]{2,12}?[省市州县区])第[一二三四五六七八九十]+届人民代表大会(常务委员会)?`)
	// 公安部令 / 国家市场监督管理总局令 / 人力资源社会保障部令
	ministryOrderRe = regexp.MustCompile(`([\p{Han}]{2,20}?(?:部|总局|委员会|局|署|银行|办公厅))(?:令|部长办公会议|部务会议|局务会议|委务会议|常务会议)`)
	courtsTitleRe   = regexp.MustCompile(`^((?:最高人民法院|最高人民检察院|公安部|司法部|国家安全部)(?:[、 ]*(?:最高人民法院|最高人民检察院|公安部|司法部|国家安全部))*)[、 ]*关于`)
)

// deriveIssuer finds the issuing body (制定机关) in the title, else in the
// header: the body of the first line that names one (the enacting body).
func deriveIssuer(name string, history []string) string {
	if m := courtsTitleRe.FindStringSubmatch(name); m != nil {
		var organs []string
		for _, o := range []string{"最高人民法院", "最高人民检察院", "公安部", "司法部", "国家安全部"} {
			if strings.Contains(m[1], o) {
				organs = append(organs, o)
			}
		}
		return strings.Join(organs, "、")
	}
	for _, line := range history {
		if is := issuerIn(dateRe.ReplaceAllString(line, " ")); is != "" {
			return is
		}
	}
	return ""
}

func issuerIn(text string) string {
	switch {
	case strings.Contains(text, "全国人民代表大会常务委员会"):
		return "全国人大常委会"
	case strings.Contains(text, "全国人民代表大会"):
		return "全国人民代表大会"
	}
	if m := localCongressRe.FindStringSubmatch(text); m != nil {
		if m[2] != "" {
			return m[1] + "人大常委会"
		}
		return m[1] + "人民代表大会"
	}
	spc, spp := strings.Contains(text, "最高人民法院"), strings.Contains(text, "最高人民检察院")
	switch {
	case spc && spp:
		return "最高人民法院、最高人民检察院"
	case spc:
		return "最高人民法院"
	case spp:
		return "最高人民检察院"
	}
	if strings.Contains(text, "国务院") {
		return "国务院"
	}
	if m := ministryOrderRe.FindStringSubmatch(strings.ReplaceAll(text, "中华人民共和国", "")); m != nil {
		return strings.TrimLeft(m[1], "经由 ")
	}
	return ""
}

// deriveLevel tells the level of a text outside the pack's folders (the
// core texts, files ingested by an operator) from its title and issuer.
func deriveLevel(name, issuer string) string {
	switch {
	case strings.HasPrefix(name, "最高人民法院") || strings.HasPrefix(name, "最高人民检察院") ||
		strings.Contains(issuer, "最高人民法院") || strings.Contains(issuer, "最高人民检察院"):
		return LevelJudicial
	case provinceOf(name) != "" || strings.HasSuffix(issuer, "人大常委会") && issuer != "全国人大常委会" ||
		strings.HasSuffix(issuer, "人民代表大会") && issuer != "全国人民代表大会":
		return LevelLocalReg
	case issuer == "全国人大常委会" || issuer == "全国人民代表大会":
		return LevelLaw
	case issuer == "国务院":
		return LevelAdminReg
	case issuer != "":
		return LevelDeptRule
	case strings.HasSuffix(name, "法") || strings.HasPrefix(name, "中华人民共和国") && !strings.HasSuffix(name, "条例"):
		return LevelLaw
	case strings.HasSuffix(name, "条例"):
		return LevelAdminReg
	}
	return LevelDeptRule
}

// provinceOf is the province a title starts with (广东省大气污染防治条例 → 广东), or "".
func provinceOf(name string) string {
	for _, p := range Provinces {
		if strings.HasPrefix(name, p+"省") || strings.HasPrefix(name, p+"市") {
			return p
		}
	}
	return ""
}

// applyHeader fills the header-derived fields of a freshly parsed law.
func (l *Law) applyHeader(history []string) {
	l.Events = parseEvents(history)
	l.Issuer = deriveIssuer(l.Name, history)
	l.Level = deriveLevel(l.Name, l.Issuer)
	if l.Level == LevelLocalReg {
		l.Province = provinceOf(l.Name)
	}
}
