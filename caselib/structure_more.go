package caselib

import (
	"regexp"
	"strconv"
	"strings"

	"zhifa/nlp"
)

// Fields recognised beyond the sections: the party's name, code and
// representative, the violated and the penalty provisions apart, and the
// penalties decided one by one.
var (
	rePartyName  = regexp.MustCompile(`(?:当事人|被处罚人)(?:名称|姓名)?[：:]\s*([^\s，,；;。\n]+)`)
	reBirth      = regexp.MustCompile(`^(19|20)\d{2}(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])$`)
	reCreditCode = regexp.MustCompile(`[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}`)
	reIDNumber   = regexp.MustCompile(`\d{17}[\dXx]`)
	reRep        = regexp.MustCompile(`(?:法定代表人|负责人|经营者|投资人)(?:（负责人）|\(负责人\))?(?:姓名)?[：:]\s*([^\s，,；;。（(\n]+)`)
	reViolated   = regexp.MustCompile(`违反(?:了)?(《[^》]+》[^。；]*?)(?:的)?规定`)
	rePenaltyRef = regexp.MustCompile(`(?:依据|根据|依照|按照)(《[^》]+》[^。；]*?)(?:的)?(?:规定|之规定)`)
	reItemSplit  = regexp.MustCompile(`(?:^|[；;。：:\n])\s*(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十]+[）)]|\d+[、.．])`)
	reClauseSep  = regexp.MustCompile(`[；;，,]`)
	rePenaltyAct = regexp.MustCompile(`(罚款|没收|警告|通报批评|吊销|责令停产停业|责令关闭|暂扣|降低资质等级|限制开展生产经营活动|拘留)`)
)

// procedure clauses cited in decisions that are not the penalty basis: 加处罚款
// (第七十二条) and 当场处罚/程序 (第五十一条) of 行政处罚法.
var notPenaltyBasis = map[string]bool{"《中华人民共和国行政处罚法》第72条": true, "《中华人民共和国行政处罚法》第51条": true}

func (s *Structure) enrich(text string) {
	head := text
	if i := strings.Index(text, s.Facts); s.Facts != "" && i > 0 {
		head = text[:i]
	}
	// each regexp below runs only where its literal occurs (most judgments
	// name no 当事人 or 法定代表人)
	if containsAny(head, "当事人", "被处罚人") {
		if m := rePartyName.FindStringSubmatch(head); m != nil {
			s.PartyName = strings.TrimRight(m[1], "：:")
		}
	}
	// an 18-character code is an ID number when it is 17 digits and a check
	// character with a birth date inside; otherwise a 统一社会信用代码
	// (each needs 17 or 18 digits and capitals in a row; most heads have
	// none, and the regexps would step over every byte)
	digits, alnum := longestRuns(head)
	id := ""
	if digits >= 17 {
		id = reIDNumber.FindString(head)
	}
	if id != "" && reBirth.MatchString(id[6:14]) {
		s.IDNumber = id
	} else if alnum >= 18 {
		s.CreditCode = reCreditCode.FindString(head)
	}
	switch {
	case s.CreditCode != "":
		s.PartyType = "organization" // the code says so, whatever the name ends in (经营部)
	case s.IDNumber != "":
		s.PartyType = "person"
	}
	if containsAny(head, "法定代表人", "负责人", "经营者", "投资人") {
		if m := reRep.FindStringSubmatch(head); m != nil {
			s.Representative = m[1]
		}
	}
	basis := s.Basis + "\n" + s.Reasons + "\n" + s.Decision
	for _, m := range reViolated.FindAllStringSubmatch(basis, -1) {
		s.Violated = appendKeys(s.Violated, m[1])
	}
	for _, m := range rePenaltyRef.FindAllStringSubmatch(basis, -1) {
		for _, k := range keysOf(m[1]) {
			if !notPenaltyBasis[k] && !contains(s.Penalty, k) {
				s.Penalty = append(s.Penalty, k)
			}
		}
	}
	dec := s.Decision
	if i := strings.IndexAny(dec, "：:"); i >= 0 && i < 60 {
		dec = dec[i:]
	}
	idx := reItemSplit.FindAllStringIndex(dec, -1)
	var parts []string
	for i, loc := range idx {
		end := len(dec)
		if i+1 < len(idx) {
			end = idx[i+1][0]
		}
		parts = append(parts, dec[loc[1]:end])
	}
	if len(parts) == 0 {
		parts = reClauseSep.Split(dec, -1)
	}
	for _, p := range parts {
		p = strings.Trim(strings.TrimSpace(p), "；;。，,")
		if m := rePenaltyAct.FindString(p); m != "" {
			s.Penalties = append(s.Penalties, m)
		}
	}
}

// longestRuns is the longest run of ASCII digits and of ASCII digits and
// capitals in s.
func longestRuns(s string) (digits, alnum int) {
	d, a := 0, 0
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= '0' && c <= '9':
			d++
			a++
		case c >= 'A' && c <= 'Z':
			d = 0
			a++
		default:
			d, a = 0, 0
		}
		digits, alnum = max(digits, d), max(alnum, a)
	}
	return digits, alnum
}

func keysOf(text string) []string {
	var out []string
	for _, ct := range nlp.ParseCitations(text) {
		if ct.Law != "" && ct.Article > 0 {
			out = append(out, "《"+ct.Law+"》第"+strconv.Itoa(ct.Article)+"条")
		}
	}
	return out
}

func appendKeys(xs []string, text string) []string {
	for _, k := range keysOf(text) {
		if !contains(xs, k) {
			xs = append(xs, k)
		}
	}
	return xs
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}
