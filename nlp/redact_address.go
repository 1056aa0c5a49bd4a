package nlp

import (
	"regexp"
	"sort"
	"strings"
	"unicode/utf8"
)

// addrLabelRe: the words before an address. Group 1 is a home address label,
// always a person's; group 2 (住所, 地址 …) is a person's or a company's,
// decided by the party it follows; group 3 is a bare 住 after punctuation.
// 经营场所 and the place of an act are public and never matched.
var addrLabels = newLabelSet("家庭住址|家庭地址|现住址|现住所|现住|现居住地|户籍所在地|户籍地址|户籍地|居住地|家住|住址|住所（住址）|住所(住址)|住所地|住所|通讯地址|联系地址|地址|住在|住于|住", "")

const (
	addrHome    = 1 // a home address label, always a person's
	addrSubject = 2 // a person's or a company's, by the party it follows
	addrBare    = 3 // a bare 住 after punctuation
)

var addrClass = func() map[string]int {
	m := map[string]int{}
	for _, w := range strings.Split("家庭住址|家庭地址|现住址|现住所|现住|现居住地|户籍所在地|户籍地址|户籍地|居住地|家住|住址", "|") {
		m[w] = addrHome
	}
	for _, w := range strings.Split("住所（住址）|住所(住址)|住所地|住所|通讯地址|联系地址|地址", "|") {
		m[w] = addrSubject
	}
	for _, w := range strings.Split("住在|住于|住", "|") {
		m[w] = addrBare
	}
	return m
}()

// addrKeepRe keeps province, city and district/county of an address.
var addrKeepRe = regexp.MustCompile(`^(?:\p{Han}{1,7}?(?:省|自治区))?(?:\p{Han}{1,9}?(?:市|自治州|地区|盟))?(?:\p{Han}{1,7}?(?:区|县|旗|市))?`)

const maxAddrRunes = 80

var addrCityRe = regexp.MustCompile(`^(?:\p{Han}{1,7}?(?:省|自治区))?(?:\p{Han}{1,9}?(?:市|自治州|地区|盟))?`)

// notDistrict: a 区 that is no district (社区, 小区, 园区 …).
var notDistrict = []string{"社区", "小区", "园区", "景区", "街区", "片区", "厂区", "校区", "营区", "合作区", "开发区", "示范区"}

// addrTailRe recognises a street address below district level: a house
// number (88号, 3号楼, 101室, 5组) or a village, street, road.
var addrTailRe = regexp.MustCompile(`[0-9０-９一二三四五六七八九十百零〇]+(?:号|室|栋|幢|楼|组|单元|弄|巷|排|队)|\p{Han}(?:村|社区|小区|路|街|巷|镇|乡|苑|屯)`)

func (f *finder) findAddresses() {
	t := f.text
	ids := f.identities()
	tails := map[string]bool{}
	for _, h := range addrLabels.findAll(t) {
		m := []int{h.start, h.end}
		class := addrClass[t[h.start:h.wordEnd]]
		if class == addrBare && m[0] > 0 {
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
		// an address ends at punctuation, a space or the next field; none
		// runs past maxAddrRunes (this keeps a text of labels linear)
		e := s
		for n := 0; e < len(t) && n < maxAddrRunes; n++ {
			r, w := utf8.DecodeRuneInString(t[e:])
			if strings.ContainsRune("，。；,;！？!?\n\r（(）)|｜\t 　、：:", r) {
				break
			}
			e += w
		}
		addr := t[s:e]
		if addr == "" || strings.ContainsRune("址所宅房的之和或及与地", firstRuneOf(addr)) || strings.Contains(addr, "委员会") {
			continue // 住址/住所 after a bare 住: the longer word is matched on its own
		}
		if class == addrSubject && orgBefore(ids, m[0]) {
			continue // a company's registered address stays
		}
		keep := addrKeep(addr)
		tail := addr[len(keep):]
		if tail == "" {
			continue
		}
		strong := (sep && class != addrBare) || t[h.start:h.wordEnd] == "家住"
		// without a separator only what looks like a street address is
		// masked (not 居住地的公安机关管辖)
		if !strong && startsWithVerb(addr) {
			continue // 现居住地接受社区戒毒
		}
		if strong || addrTailRe.MatchString(tail) {
			if f.add(s+len(keep), e, "address") && utf8.RuneCountInString(tail) >= 4 {
				tails[tail] = true
			}
		}
	}
	// an address found once is masked where the text repeats it (…将其位于
	// 同一地址的房屋出租…)
	for tail := range tails {
		for off := 0; ; {
			k := strings.Index(t[off:], tail)
			if k < 0 {
				break
			}
			f.add(off+k, off+k+len(tail), "address")
			off += k + len(tail)
		}
	}
}

func addrKeep(addr string) string {
	keep := addrKeepRe.FindString(addr)
	for _, nd := range notDistrict {
		if strings.HasSuffix(keep, nd) {
			// drop the false district, keep province and city
			return addrCityRe.FindString(addr)
		}
	}
	return keep
}

// identities lists, in text order, what identifies a party: the party label
// and its value (当事人：某某有限公司 / 当事人：张某), a credit code (an
// organisation), an ID number or birth date (a person).
func (f *finder) identities() []subject {
	ids := append([]subject(nil), f.subjects...)
	for _, sp := range f.spans {
		if sp.Kind == "id_number" || sp.Kind == "birth_date" {
			ids = append(ids, subject{sp.Start, true})
		}
	}
	sort.SliceStable(ids, func(i, j int) bool { return ids[i].pos < ids[j].pos })
	return ids
}

// orgBefore reports whether the last identity before i is an organisation's:
// 当事人：某某有限公司，住所：… stays; in 经营者：张某，公民身份号码：…，住所：… the
// 住所 is the operator's home.
func orgBefore(ids []subject, i int) bool {
	k := sort.Search(len(ids), func(k int) bool { return ids[k].pos >= i })
	return k > 0 && !ids[k-1].person
}
