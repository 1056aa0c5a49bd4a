package nlp

import (
	"regexp"
	"strings"
	"unicode/utf8"
)

// addrLabelRe: the words before an address. Group 1 is a home address label,
// always a person's; group 2 (住所, 地址 …) is a person's or a company's,
// decided by the party it follows; group 3 is a bare 住 after punctuation.
// 经营场所 and the place of an act are public and never matched.
var addrLabelRe = regexp.MustCompile(`(家庭住址|家庭地址|现住址|现住所|现住|现居住地|户籍所在地|户籍地址|户籍地|居住地|家住|住址)|(住所[（(]住址[）)]|住所地|住所|通讯地址|联系地址|地址)|(住(?:在|于)?)`)

// addrKeepRe keeps province, city and district/county of an address.
var addrKeepRe = regexp.MustCompile(`^(?:\p{Han}{1,7}?(?:省|自治区))?(?:\p{Han}{1,9}?(?:市|自治州|地区|盟))?(?:\p{Han}{1,7}?(?:区|县|旗|市))?`)

// notDistrict: a 区 that is no district (社区, 小区, 园区 …).
var notDistrict = []string{"社区", "小区", "园区", "景区", "街区", "片区", "厂区", "校区", "营区", "合作区", "开发区", "示范区"}

// addrTailRe recognises a street address below district level: a house
// number (88号, 3号楼, 101室, 5组) or a village, street, road.
var addrTailRe = regexp.MustCompile(`[0-9０-９一二三四五六七八九十百零〇]+(?:号|室|栋|幢|楼|组|单元|弄|巷|排|队)|\p{Han}(?:村|社区|小区|路|街|巷|镇|乡|苑|屯)`)

func (f *finder) findAddresses() {
	t := f.text
	for _, m := range addrLabelRe.FindAllStringSubmatchIndex(t, -1) {
		if m[6] >= 0 && m[0] > 0 {
			// a bare 住 only after punctuation or a space: …，男，住北京市…
			if r, _ := utf8.DecodeLastRuneInString(t[:m[0]]); !strings.ContainsRune("，,；;、 \t\n", r) {
				continue
			}
		}
		skip, sep := skipSep(t[m[1]:])
		s := m[1] + skip
		// 住址均为…, 住所地为…
		for _, w := range []string{"均为", "均系", "为", "系", "在", "于"} {
			if strings.HasPrefix(t[s:], w) {
				s += len(w)
				break
			}
		}
		e := s
		for e < len(t) {
			r, w := utf8.DecodeRuneInString(t[e:])
			if strings.ContainsRune("，。；,;！？!?\n\r（(）)|｜\t 　、", r) {
				break
			}
			e += w
		}
		addr := t[s:e]
		if addr == "" || strings.ContainsRune("址所宅房的之和或及与地", firstRuneOf(addr)) || strings.Contains(addr, "委员会") {
			continue // 住址/住所 after a bare 住: the longer word is matched on its own
		}
		if m[4] >= 0 && f.orgSubjectBefore(m[0]) {
			continue // a company's registered address stays
		}
		keep := addrKeep(addr)
		tail := addr[len(keep):]
		if tail == "" {
			continue
		}
		strong := (sep && m[6] < 0) || (m[2] >= 0 && strings.HasPrefix(t[m[2]:m[3]], "家住"))
		// without a separator only what looks like a street address is
		// masked (not 居住地的公安机关管辖)
		if strong || addrTailRe.MatchString(tail) {
			f.add(s+len(keep), e, "address")
		}
	}
}

func addrKeep(addr string) string {
	keep := addrKeepRe.FindString(addr)
	for _, nd := range notDistrict {
		if strings.HasSuffix(keep, nd) {
			// drop the false district, keep province and city
			sub := regexp.MustCompile(`^(?:\p{Han}{1,7}?(?:省|自治区))?(?:\p{Han}{1,9}?(?:市|自治州|地区|盟))?`)
			return sub.FindString(addr)
		}
	}
	return keep
}

// orgSubjectBefore reports whether what identifies a party last before i is
// an organisation's (当事人：某某有限公司 or a credit code, then 住所：…) and not
// a person's (a name as the party, an ID number or birth date: the 住所 in
// 经营者：张某，公民身份号码：…，住所：… is the operator's home).
func (f *finder) orgSubjectBefore(i int) bool {
	last, person := -1, false
	for _, s := range f.subjects {
		if s.pos < i && s.pos > last {
			last, person = s.pos, s.person
		}
	}
	for _, sp := range f.spans {
		if (sp.Kind == "id_number" || sp.Kind == "birth_date") && sp.Start < i && sp.Start > last {
			last, person = sp.Start, true
		}
	}
	return last >= 0 && !person
}
