package nlp

import (
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

var (
	creditRe = regexp.MustCompile(`[0-9A-HJ-NPQRTUWXY]{18}`)
	// docNoRe is a 文号 or case number: 攸市监处罚〔2021〕123号, [2021]第0316号.
	docNoRe = regexp.MustCompile(`[〔\[［【(（]\s*(?:19|20)[0-9]{2}\s*[〕\]］】)）]\s*第?\s*[0-9A-Za-z\-－]+\s*号`)
	// numberLabelRe: labels of numbers that are not personal — case and
	// document numbers, licences, and officers' certificates (published with
	// the officers' list).
	numberLabelRe = regexp.MustCompile(`(?:执法证件?(?:号码|编号|号)|执法证|证件编号|文号|案号|立案号|案件编号|档案编号|决定书编号|编号|受理号|许可证(?:编号|号)|登记证号|注册号|车辆牌号|号牌号码)[（(]?[^）)：:\n]{0,6}[）)]?\s*[：:]?\s*`)
	numberListRe  = regexp.MustCompile(`^[A-Za-z0-9\-－]{4,30}(?:\s*[、，,/]\s*[A-Za-z0-9\-－]{4,30})*`)

	idRe = regexp.MustCompile(`[1-9](?: ?[0-9]){16} ?[0-9Xx]`)
	// partIDRe: an ID number the publisher masked only in part
	// (43022319870929****, 4305231977XXXXXXXX): the birth date must go too.
	partIDRe    = regexp.MustCompile(`[1-9][0-9]{5}(?:18|19|20)[0-9]{2}[0-9Xx*＊×]{8}`)
	maskedChars = "*＊×"
	// idLabelRe: after these labels a number is an ID number whatever its
	// check digit (15-digit old numbers, typos, partial masks).
	idLabelRe  = regexp.MustCompile(`(?:身份证件?(?:号码|号)?|公民身份号码|身份号码|证件号码|驾驶证号|驾驶证/居民身份证号码|居民身份证|纳税人识别号|统一社会信用代码或身份证号码)[（(]?[^）)：:\n]{0,6}[）)]?[：:\s|｜\t]*(?:居民身份证\s*)?`)
	idValueRe  = regexp.MustCompile(`^[1-9](?: ?[0-9]){5}[0-9Xx*＊× ]{9,16}`)
	mobileRe   = regexp.MustCompile(`(?:\+?86[- ]?)?1[3-9][0-9](?:[- ]?[0-9]{4}){2}`)
	landlineRe = regexp.MustCompile(`(?:[(（]0[1-9][0-9]{1,2}[)）][- ]?|0[1-9][0-9]{1,2}[-－ ])[2-9][0-9]{2,3}[- ]?[0-9]{4}`)
	// phoneLabelRe: after these labels a 7-8 digit local number is a phone.
	phoneLabelRe = regexp.MustCompile(`(?:电话|手机|联系方式|固话)(?:号码)?[：:\s|｜\t]*`)
	localPhoneRe = regexp.MustCompile(`^(?:0[1-9][0-9]{1,2}[-－]?)?[2-9][0-9]{6,7}`)
	bankRe       = regexp.MustCompile(`[0-9]{16,19}|[0-9]{4}(?:[ -][0-9]{4}){3}(?:[ -]?[0-9]{1,3})?`)
	// agencyAccountRe: words of a payment to an agency (罚款缴至…财政局非税收
	// 入汇缴账户): the account in the same sentence is public.
	agencyAccountRe = regexp.MustCompile(`财政|非税|汇缴|国库|罚没|代收|专户|缴款|缴至|缴纳罚款|户名[：:]\s*\p{Han}{0,20}(?:局|委员会|政府|中心|法院|大队|支队)`)
	birthRe         = regexp.MustCompile(`((?:19|20)[0-9]{2}\s*年\s*[0-9]{1,2}\s*月(?:\s*[0-9]{1,2}\s*日)?)\s*(?:出生|生[，,。；;、）)\s]|生$)`)
	birthLabelRe    = regexp.MustCompile(`(?:出生日期|出生年月日|出生年月|出生时间|生日)[：:\s|｜\t]*`)
	birthValueRe    = regexp.MustCompile(`^(?:(?:19|20)[0-9]{2}\s*年\s*[0-9]{1,2}\s*月(?:\s*[0-9]{1,2}\s*日)?|(?:19|20)[0-9]{2}[-./][0-9]{1,2}(?:[-./][0-9]{1,2})?)`)
)

// protectPublic marks what must stay visible: valid credit codes, 文号 and
// labelled case, licence and officers' certificate numbers.
func (f *finder) protectPublic() {
	t := f.text
	for _, m := range creditRe.FindAllStringIndex(t, -1) {
		// an all-digit code can pass both checks: a valid ID number wins
		if v := t[m[0]:m[1]]; f.bounded(m[0], m[1]) && ValidateCreditCode(v) == nil && ValidateIDNumber(v) != nil {
			f.protect(m[0], m[1])
			f.subjects = append(f.subjects, subject{m[0], false})
		}
	}
	for _, m := range docNoRe.FindAllStringIndex(t, -1) {
		f.protect(m[0], m[1])
	}
	for _, m := range numberLabelRe.FindAllStringIndex(t, -1) {
		if v := numberListRe.FindStringIndex(t[m[1]:]); v != nil && ValidateIDNumber(t[m[1]:m[1]+v[1]]) != nil {
			f.protect(m[1], m[1]+v[1])
		}
	}
}

func (f *finder) findIDs() {
	t := f.text
	for _, m := range idRe.FindAllStringIndex(t, -1) {
		if f.bounded(m[0], m[1]) && ValidateIDNumber(strings.ReplaceAll(t[m[0]:m[1]], " ", "")) == nil {
			f.add(m[0], m[1], "id_number")
		}
	}
	for _, m := range partIDRe.FindAllStringIndex(t, -1) {
		v := t[m[0]:m[1]]
		if f.bounded(m[0], m[1]) && hasBirthDigits(v) && (strings.ContainsAny(v, maskedChars) || strings.Count(strings.ToUpper(v), "X") > 1) {
			f.add(m[0], m[1], "id_number")
		}
	}
	for _, m := range idLabelRe.FindAllStringIndex(t, -1) {
		v := idValueRe.FindString(t[m[1]:])
		v = strings.TrimRight(v, " ")
		n := utf8.RuneCountInString(strings.ReplaceAll(v, " ", ""))
		if (n == 15 || n == 18) && hasBirthDigits(v) && f.bounded(m[1], m[1]+len(v)) {
			f.add(m[1], m[1]+len(v), "id_number")
		}
	}
}

// hasBirthDigits reports whether an ID number still shows a digit of its
// birth date (a publisher's 430223********1234 needs nothing more).
func hasBirthDigits(id string) bool {
	s := []rune(strings.ReplaceAll(id, " ", ""))
	to := 14
	if len(s) == 15 {
		to = 12
	}
	if len(s) < to {
		return false
	}
	return strings.ContainsAny(string(s[6:to]), "0123456789")
}

func (f *finder) findPhones() {
	t := f.text
	for _, re := range []*regexp.Regexp{mobileRe, landlineRe} {
		for _, m := range re.FindAllStringIndex(t, -1) {
			if f.bounded(m[0], m[1]) {
				f.add(m[0], m[1], "phone")
			}
		}
	}
	for _, m := range phoneLabelRe.FindAllStringIndex(t, -1) {
		if v := localPhoneRe.FindStringIndex(t[m[1]:]); v != nil && f.bounded(m[1], m[1]+v[1]) {
			f.add(m[1], m[1]+v[1], "phone")
		}
	}
}

func (f *finder) findBankAccounts() {
	t := f.text
	for _, m := range bankRe.FindAllStringIndex(t, -1) {
		if !f.bounded(m[0], m[1]) || !f.free(m[0], m[1]) {
			continue
		}
		if ValidateCreditCode(t[m[0]:m[1]]) == nil {
			continue
		}
		// a document number: 第…号 or …号 straight after
		if strings.HasPrefix(t[m[1]:], "号") {
			continue
		}
		if agencyAccountRe.MatchString(sentenceBefore(t, m[0])) {
			f.protect(m[0], m[1])
			continue
		}
		f.add(m[0], m[1], "bank_account")
	}
}

// sentenceBefore returns the text from the start of the sentence holding i
// (after the last 。！？ or blank line, at most 300 bytes back) up to i.
func sentenceBefore(t string, i int) string {
	from := i - 300
	if from < 0 {
		from = 0
	}
	s := t[from:i]
	for _, stop := range []string{"。", "！", "？", "\n\n"} {
		if j := strings.LastIndex(s, stop); j >= 0 {
			s = s[j+len(stop):]
		}
	}
	return s
}

// findBirthDates masks a birth date (1987年9月29日出生, 出生日期：…): with the
// sex and the region it identifies a person. Sex, ethnicity and age stay.
func (f *finder) findBirthDates() {
	t := f.text
	for _, m := range birthRe.FindAllStringSubmatchIndex(t, -1) {
		if validBirth(t[m[2]:m[3]]) {
			f.add(m[2], m[3], "birth_date")
		}
	}
	for _, m := range birthLabelRe.FindAllStringIndex(t, -1) {
		if v := birthValueRe.FindString(t[m[1]:]); v != "" {
			f.add(m[1], m[1]+len(v), "birth_date")
		}
	}
}

// validBirth reports whether a date 1987年9月29日 is not in the future and has
// a month 1-12.
func validBirth(date string) bool {
	m := birthPartsRe.FindStringSubmatch(date)
	if m == nil {
		return false
	}
	y, err := time.Parse("2006", m[1])
	if err != nil || y.After(time.Now()) {
		return false
	}
	mo, _ := strconv.Atoi(m[2])
	return mo >= 1 && mo <= 12
}

var birthPartsRe = regexp.MustCompile(`^([0-9]{4})\s*年\s*([0-9]{1,2})`)
