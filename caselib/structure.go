package caselib

import (
	"regexp"
	"sort"
	"strings"

	"zhifa/nlp"
)

// Structure is what import recognises in a decision's text. Sections hold the
// text under each heading found; the rest is extracted from them with nlp.
type Structure struct {
	Party     string    `json:"party,omitempty"`      // 当事人
	Facts     string    `json:"facts,omitempty"`      // 经查 / 违法事实
	Evidence  string    `json:"evidence,omitempty"`   // 证据
	Basis     string    `json:"basis,omitempty"`      // 处罚依据
	Reasons   string    `json:"reasons,omitempty"`    // 裁量理由
	Decision  string    `json:"decision,omitempty"`   // 处罚决定
	Citations []string  `json:"citations,omitempty"`  // articles cited in 处罚依据/处罚决定, as written
	Amounts   []float64 `json:"amounts,omitempty"`    // money amounts in the facts
	Fine      *float64  `json:"fine,omitempty"`       // the fine imposed, from the decision
	PartyType string    `json:"party_type,omitempty"` // person | organization
	// recognised within the sections (structure_more.go)
	PartyName      string   `json:"party_name,omitempty"`
	CreditCode     string   `json:"credit_code,omitempty"`    // 统一社会信用代码
	IDNumber       string   `json:"id_number,omitempty"`      // 身份证件号码
	Representative string   `json:"representative,omitempty"` // 法定代表人/负责人/经营者
	Violated       []string `json:"violated,omitempty"`       // 违反的规定, 《法》第N条
	Penalty        []string `json:"penalty,omitempty"`        // 处罚依据 (not 第七十二条 加处罚款, 第五十一条)
	Penalties      []string `json:"penalties,omitempty"`      // kinds decided, in order: 罚款, 没收 …
}

// Section markers of an administrative penalty decision (市场监管 2021 文书
// 式样 and common practice) and of a criminal judgment, which trainers also
// import. A marker opens its section; the section runs to the next marker.
var sectionMarkers = []struct {
	name string
	re   *regexp.Regexp // what the marker is
	fast []*litRe       // the same, found by literals first (litre.go); tested to agree
}{
	{"party", regexp.MustCompile(`(?m)^\s*(当事人|被处罚人|被告人|被申请人)(名称|姓名)?[：:]`),
		[]*litRe{newLitRe(`(?m)^\s*(当事人|被处罚人|被告人|被申请人)(名称|姓名)?[：:]`, "当事人", "被处罚人", "被告人", "被申请人")}},
	{"facts", regexp.MustCompile(`(经查[，,：:]|经查明|现查明|本局查明|经调查[，,]|调查发现[，,：:]|经审理查明|违法事实[：:如]|公诉机关指控)`),
		[]*litRe{newLitRe(`(经查[，,：:]|经查明|现查明|本局查明|经调查[，,]|调查发现[，,：:]|经审理查明|违法事实[：:如]|公诉机关指控)`,
			"经查", "现查明", "本局查明", "经调查", "调查发现", "经审理查明", "违法事实", "公诉机关指控")}},
	{"evidence", regexp.MustCompile(`((上述|以上)(违法)?事实[，,]?(有|主要有|由|已由)[^。]{0,40}?(证据|证实|为证|证明)|证据如下|主要证据[：:]|(?m)^\s*证据[：:])`),
		[]*litRe{newLitRe(`((上述|以上)(违法)?事实[，,]?(有|主要有|由|已由)[^。]{0,40}?(证据|证实|为证|证明)|证据如下|主要证据[：:])`,
			"上述事实", "以上事实", "上述违法事实", "以上违法事实", "证据如下", "主要证据"),
			newLitRe(`(?m)^\s*证据[：:]`, "证据")}},
	{"basis", regexp.MustCompile(`((当事人|被处罚人)?(的)?(上述)?(行为|违法行为)(已)?违反了?《|依据《|根据《|依照《|本局认为|本院认为)`),
		[]*litRe{newLitRe(`((当事人|被处罚人)?(的)?(上述)?(行为|违法行为)(已)?违反了?《|依据《|根据《|依照《|本局认为|本院认为)`,
			"违反", "依据《", "根据《", "依照《", "本局认为", "本院认为")}},
	{"reasons", regexp.MustCompile(`(裁量理由|鉴于|考虑到|综合考虑|(依法)?(予以|应当|可以)?(从轻|减轻|从重)(处罚|行政处罚))`),
		[]*litRe{newLitRe(`(裁量理由|鉴于|考虑到|综合考虑|(依法)?(予以|应当|可以)?(从轻|减轻|从重)(处罚|行政处罚))`,
			"裁量理由", "鉴于", "考虑", "从轻", "减轻", "从重")}},
	{"decision", regexp.MustCompile(`(决定(对当事人)?(作出|给予)(如下|以下)?(行政)?处罚|处罚决定[：:如]|决定如下|判决如下|责令当事人|决定不予行政处罚)`),
		[]*litRe{newLitRe(`(决定(对当事人)?(作出|给予)(如下|以下)?(行政)?处罚|处罚决定[：:如]|决定如下|判决如下|责令当事人|决定不予行政处罚)`,
			"决定", "判决如下", "责令当事人")}},
}

// end of the decision proper: payment terms and remedies are boilerplate.
var decisionEnd = regexp.MustCompile(`(当事人应当?自收到本|如不服本|如对本(处罚)?决定不服|逾期不缴纳|到期不缴纳)`)

var fineRe = regexp.MustCompile(`罚款(人民币)?([零〇一二两三四五六七八九十百千万亿壹贰叁肆伍陆柒捌玖拾佰仟0-9.,，]+元)`)

// Recognise finds the sections of a decision text and extracts citations,
// amounts, the fine and the party type. It returns nil when the text shows no
// decision structure at all (free text stays free text).
func Recognise(text string) *Structure {
	return recognise(text, func(i int) int { return firstIndex(text, sectionMarkers[i].fast) })
}

// recognise is Recognise with where marker i first occurs (or -1) given.
func recognise(text string, first func(i int) int) *Structure {
	type hit struct {
		name  string
		start int
	}
	var hits []hit
	for i, m := range sectionMarkers {
		// the first occurrence opens a section; a later marker of the same
		// kind belongs to the section already open.
		if at := first(i); at >= 0 {
			hits = append(hits, hit{m.name, at})
		}
	}
	if len(hits) < 2 {
		return nil
	}
	sort.Slice(hits, func(i, j int) bool { return hits[i].start < hits[j].start })
	s := &Structure{}
	for i, h := range hits {
		end := len(text)
		if i+1 < len(hits) {
			end = hits[i+1].start
		}
		part := text[h.start:end]
		if h.name == "decision" {
			if loc := decisionEnd.FindStringIndex(part); loc != nil && loc[0] > 0 {
				part = part[:loc[0]]
			}
		}
		part = strings.TrimSpace(part)
		switch h.name {
		case "party":
			s.Party = part
		case "facts":
			s.Facts = part
		case "evidence":
			s.Evidence = part
		case "basis":
			s.Basis = part
		case "reasons":
			s.Reasons = part
		case "decision":
			s.Decision = part
		}
	}
	s.Citations = nlp.ArticleKeys(s.Basis + "\n" + s.Decision)
	facts := s.Facts
	if facts == "" {
		facts = text
	}
	for _, a := range nlp.ExtractAmounts(facts) {
		s.Amounts = append(s.Amounts, a.Value)
	}
	if m := fineRe.FindStringSubmatch(s.Decision); m != nil {
		if v, err := nlp.ParseMoney(strings.ReplaceAll(m[2], "，", "")); err == nil && v > 0 {
			s.Fine = &v
		}
	}
	if s.Party != "" {
		s.PartyType = nlp.PartyKind(s.Party)
	}
	s.enrich(text)
	return s
}
