package nlp

import (
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

var (
	// docNoRe is a 文号 or case number: 攸市监处罚〔2021〕123号, [2021]第0316号.
	docNoRe = regexp.MustCompile(`^[〔\[［【(（]\s*(?:19|20)[0-9]{2}\s*[〕\]］】)）]\s*第?\s*[0-9A-Za-z\-－]+\s*号`)
	// numberLabelRe: labels of numbers that are not personal — case and
	// document numbers, licences, and officers' certificates (published with
	// the officers' list).
	numberLabels = newLabelSet("执法证件号码|执法证件编号|执法证件号|执法证号码|执法证编号|执法证号|执法证|证件编号|文号|案号|立案号|案件编号|档案编号|决定书编号|编号|受理号|许可证编号|许可证号|登记证号|注册号|车辆牌号|号牌号码",
		`(?:[（(][^）)：:\n]{0,6}[）)])?\s*[：:]?\s*`)
	numberListRe = regexp.MustCompile(`^[A-Za-z0-9\-－]{4,30}(?:\s*[、，,/]\s*[A-Za-z0-9\-－]{4,30})*`)

	idRe = regexp.MustCompile(`[1-9](?: ?[0-9]){16} ?[0-9Xx]`)
	// partIDRe: an ID number the publisher masked only in part
	// (43022319870929****, 4305231977XXXXXXXX): the birth date must go too.
	partIDRe    = regexp.MustCompile(`[1-9][0-9]{5}(?:18|19|20)[0-9]{2}[0-9Xx*＊×]{8}`)
	maskedChars = "*＊×"
	// idLabelRe: after these labels a number is an ID number whatever its
	// check digit (15-digit old numbers, typos, partial masks).
	idLabels = newLabelSet("身份证件号码|身份证件号|身份证件|身份证号码|身份证号|身份证|公民身份号码|身份号码|证件号码|驾驶证号|驾驶证/居民身份证号码|居民身份证|纳税人识别号|统一社会信用代码或身份证号码",
		`[（(]?[^）)：:\n0-9]{0,6}[）)]?[：:\s|｜\t]*(?:居民身份证\s*)?`)
	idValueRe  = regexp.MustCompile(`^[1-9](?: ?[0-9]){5}[0-9Xx*＊× ]{9,16}`)
	mobileRe   = regexp.MustCompile(`(?:\+?86[- ]?)?1[3-9][0-9](?:[- ]?[0-9]{4}){2}`)
	landlineRe = regexp.MustCompile(`(?:[(（]0[1-9][0-9]{1,2}[)）][- ]?|0[1-9][0-9]{1,2}[-－ ])[2-9][0-9]{2,3}[- ]?[0-9]{4}`)
	// phoneLabelRe: after these labels a 7-8 digit local number is a phone.
	phoneLabels  = newLabelSet("电话|手机|联系方式|固话", `(?:号码)?[：:\s|｜\t]*`)
	localPhoneRe = regexp.MustCompile(`^(?:0[1-9][0-9]{1,2}[-－]?)?[2-9][0-9]{6,7}`)
	bankRe       = regexp.MustCompile(`[0-9]{16,19}|[0-9]{4}(?:[ -][0-9]{4}){3}(?:[ -]?[0-9]{1,3})?`)
	// agencyAccountRe: words of a payment to an agency (罚款缴至…财政局非税收
	// 入汇缴账户): the account in the same sentence is public.
	agencyAccountRe = regexp.MustCompile(`财政|非税|汇缴|国库|罚没|代收|专户|缴款|缴至|缴纳罚款|户名[：:]\s*\p{Han}{0,20}(?:局|委员会|政府|中心|法院|大队|支队)`)
	birthRe         = regexp.MustCompile(`^((?:19|20)[0-9]{2}\s*年\s*[0-9]{1,2}\s*月(?:\s*[0-9]{1,2}\s*日)?)\s*(?:出生|生[，,。；;、）)\s]|生$)`)
	birthLabels     = newLabelSet("出生日期|出生年月日|出生年月|出生时间|生日", `[：:\s|｜\t]*`)
	birthValueRe    = regexp.MustCompile(`^(?:(?:19|20)[0-9]{2}\s*年\s*[0-9]{1,2}\s*月(?:\s*[0-9]{1,2}\s*日)?|(?:19|20)[0-9]{2}[-./][0-9]{1,2}(?:[-./][0-9]{1,2})?)`)
)

// protectPublic marks what must stay visible: valid credit codes, 文号 and
// labelled case, licence and officers' certificate numbers.
func (f *finder) protectPublic() {
	t := f.text
	for _, m := range alnumRuns(t, 18) {
		// an all-digit code can pass both checks: a valid ID number wins
		if v := t[m[0]:m[1]]; f.bounded(m[0], m[1]) && ValidateCreditCode(v) == nil && ValidateIDNumber(v) != nil {
			f.protect(m[0], m[1])
			f.subjects = append(f.subjects, subject{m[0], false})
		}
	}
	for i := 0; i < len(t); {
		k := strings.IndexAny(t[i:], "〔[［【(（")
		if k < 0 {
			break
		}
		i += k
		if m := docNoRe.FindStringIndex(window(t, i, 80)); m != nil {
			f.protect(i, i+m[1])
		}
		_, w := utf8.DecodeRuneInString(t[i:])
		i += w
	}
	for _, h := range numberLabels.findAll(t) {
		m := []int{h.start, h.end}
		if v := numberListRe.FindStringIndex(t[m[1]:]); v != nil && ValidateIDNumber(t[m[1]:m[1]+v[1]]) != nil {
			f.protect(m[1], m[1]+v[1])
		}
	}
}

func (f *finder) findIDs() {
	t := f.text
	for _, m := range f.numberRuns(idRe) {
		if f.bounded(m[0], m[1]) && ValidateIDNumber(strings.ReplaceAll(t[m[0]:m[1]], " ", "")) == nil {
			f.add(m[0], m[1], "id_number")
		}
	}
	for _, m := range f.numberRuns(partIDRe) {
		v := t[m[0]:m[1]]
		if f.bounded(m[0], m[1]) && hasBirthDigits(v) && (strings.ContainsAny(v, maskedChars) || strings.Count(strings.ToUpper(v), "X") > 1) {
			f.add(m[0], m[1], "id_number")
		}
	}
	for _, h := range idLabels.findAll(t) {
		m := []int{h.start, h.end}
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
		for _, m := range f.numberRuns(re) {
			if f.bounded(m[0], m[1]) {
				f.add(m[0], m[1], "phone")
			}
		}
	}
	for _, h := range phoneLabels.findAll(t) {
		m := []int{h.start, h.end}
		if v := localPhoneRe.FindStringIndex(t[m[1]:]); v != nil && f.bounded(m[1], m[1]+v[1]) {
			f.add(m[1], m[1]+v[1], "phone")
		}
	}
}

func (f *finder) findBankAccounts() {
	t := f.text
	for _, m := range f.numberRuns(bankRe) {
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
	// from each 年 back to the start of its year
	for i := 0; i < len(t); {
		k := strings.Index(t[i:], "年")
		if k < 0 {
			break
		}
		y := i + k
		for y > i+k-8 && y > 0 && (t[y-1] == ' ' || (t[y-1] >= '0' && t[y-1] <= '9')) {
			y--
		}
		if m := birthRe.FindStringSubmatchIndex(window(t, y, 60)); m != nil && (y == 0 || !isASCIIAlnum(t[y-1])) && validBirth(t[y+m[2]:y+m[3]]) {
			f.add(y+m[2], y+m[3], "birth_date")
		}
		i += k + len("年")
	}
	for _, h := range birthLabels.findAll(t) {
		m := []int{h.start, h.end}
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

// window returns up to n bytes of t from i (cut on a rune boundary).
func window(t string, i, n int) string {
	e := i + n
	if e >= len(t) {
		return t[i:]
	}
	for e > i && !utf8.RuneStart(t[e]) {
		e--
	}
	return t[i:e]
}

// alnumRuns returns the spans of runs of exactly n ASCII letters and digits.
func alnumRuns(t string, n int) [][]int {
	var out [][]int
	for i := 0; i < len(t); {
		if !isASCIIAlnum(t[i]) {
			i++
			continue
		}
		j := i
		for j < len(t) && isASCIIAlnum(t[j]) {
			j++
		}
		if j-i == n {
			out = append(out, []int{i, j})
		}
		i = j
	}
	return out
}

// numberChars may appear inside a written number: digits, separators,
// brackets of an area code and the marks of a masked digit.
const numberChars = "0123456789 -+()Xx*"

// numberRuns applies re to each run of number characters holding at least
// seven digits, and returns the matches as spans of the text: numbers are a
// small part of a decision, and scanning only them keeps the expressions off
// the Chinese text.
func (f *finder) numberRuns(re *regexp.Regexp) [][]int {
	if f.runs == nil {
		f.runs = [][]int{}
		t := f.text
		for i := 0; i < len(t); {
			r, w := utf8.DecodeRuneInString(t[i:])
			if !(r >= '0' && r <= '9') && r != '+' && r != '(' && r != '（' {
				i += w
				continue
			}
			j, digits := i, 0
			for j < len(t) {
				r, w := utf8.DecodeRuneInString(t[j:])
				if !strings.ContainsRune(numberChars, r) && !strings.ContainsRune("（）－＊×", r) {
					break
				}
				if r >= '0' && r <= '9' {
					digits++
				}
				j += w
			}
			if digits >= 7 {
				f.runs = append(f.runs, []int{i, j})
			}
			i = j
		}
	}
	var out [][]int
	for _, run := range f.runs {
		for _, m := range re.FindAllStringIndex(f.text[run[0]:run[1]], -1) {
			out = append(out, []int{run[0] + m[0], run[0] + m[1]})
		}
	}
	return out
}
