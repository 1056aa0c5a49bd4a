package nlp

import (
	"regexp"
	"strings"
	"unicode"
)

// partyRoleRe is a role word that names the party of a decision or judgment.
var partyRoleRe = regexp.MustCompile(`(当事人|被处罚人|被告人|被告单位|被申请人)(?:名称|姓名)?[：:\s]*`)

// PartyKind tells whether the first party a decision or judgment names is a
// "person" or an "organization", or "" when the text names none. It looks only
// at the name after the role word (当事人张三 / 当事人某某食品有限公司), so
// "被告人张某，系某公司职员" is a person.
func PartyKind(text string) string {
	loc := partyRoleRe.FindStringSubmatchIndex(text)
	if loc == nil {
		return ""
	}
	if text[loc[2]:loc[3]] == "被告单位" {
		return "organization"
	}
	rest := text[loc[1]:]
	// the name runs to the first punctuation or space
	end := strings.IndexFunc(rest, func(r rune) bool {
		return unicode.IsPunct(r) || unicode.IsSpace(r) || strings.ContainsRune("（(，,。；;：:", r)
	})
	if end < 0 {
		end = len(rest)
	}
	name := rest[:end]
	rs := []rune(name)
	for j := 2; j < len(rs); j++ { // what follows an act verb is the act
		if startsWithVerb(string(rs[j:])) {
			name = string(rs[:j])
			break
		}
	}
	if name == "" {
		return ""
	}
	if hasOrgSuffix(name) && len([]rune(name)) > 3 {
		return "organization"
	}
	if surnameLen(name) > 0 || strings.Contains(name, "某") {
		return "person"
	}
	return ""
}
