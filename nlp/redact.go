package nlp

import (
	"regexp"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Span is one piece of personal data found by Redact: its byte span in the
// input, its kind (name, id_number, phone, address, bank_account) and the
// original text.
type Span struct {
	Start int    `json:"start"`
	End   int    `json:"end"`
	Kind  string `json:"kind"`
	Text  string `json:"text"`
}

var (
	idRe     = regexp.MustCompile(`[1-9][0-9]{5}(?:18|19|20)[0-9]{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12][0-9]|3[01])[0-9]{3}[0-9Xx]`)
	mobileRe = regexp.MustCompile(`(?:\+?86[- ]?)?1[3-9][0-9]{9}`)
	phoneRe  = regexp.MustCompile(`0[1-9][0-9]{1,2}-[2-9][0-9]{6,7}`)
	bankRe   = regexp.MustCompile(`[0-9]{16,19}`)
	// nameCtxRe: a role word after which a natural person's name follows.
	nameCtxRe = regexp.MustCompile(`(?:当事人|法定代表人|负责人|经营者|业主|户主|驾驶人|投诉人|举报人|被处罚人|申请人|被申请人|委托代理人|代理人|联系人|证人|执法对象|姓名|本人)(?:（[^）]{0,6}）)?[：:\s]*`)
	addrCtxRe = regexp.MustCompile(`(?:家庭住址|现住址|住址|现住|户籍地址|户籍地|居住地|家住|住所地|住所|(?:^|[，,；;、\s])住(?:在|于)?)[：:\s]*`)
	// addrKeepRe keeps province, city and district/county of an address.
	addrKeepRe = regexp.MustCompile(`^(?:[^，。；,\s]{1,7}?(?:省|自治区))?(?:[^，。；,\s]{1,9}?(?:市|自治州|州|盟|地区))?(?:[^，。；,\s]{1,7}?(?:区|县|旗|市))?`)
)

// compound surnames keep both characters: 欧阳某某.
var compoundSurnames = []string{"欧阳", "司马", "诸葛", "上官", "东方", "皇甫", "尉迟", "公孙", "慕容", "令狐", "长孙", "宇文", "司徒", "夏侯", "端木", "独孤", "南宫", "西门", "呼延", "轩辕"}

const commonSurnames = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝"

// orgSuffixes mark an organisation, which stays visible.
var orgSuffixes = []string{"公司", "厂", "店", "局", "委员会", "政府", "中心", "超市", "商行", "合作社", "医院", "学校", "协会", "部", "所", "站", "院", "馆", "场", "社", "行", "部门", "集团", "企业", "餐厅", "酒店", "药房", "门市", "经营部", "工作室", "个体工商户"}

// Redact masks natural persons' personal data for publication: names (张某,
// 张某某: surname kept), ID numbers (110101********123X: region and last
// four kept), mobile numbers (138****5678), landlines (010-****5678),
// addresses below district level (北京市朝阳区*****) and bank accounts (last
// four kept). Companies, credit codes, agencies, law names and money amounts
// stay visible. Spans are byte offsets into text, in order.
func Redact(text string) (string, []Span) {
	var spans []Span
	taken := func(s, e int) bool {
		for _, sp := range spans {
			if s < sp.End && sp.Start < e {
				return true
			}
		}
		return false
	}
	add := func(s, e int, kind string) {
		if s >= e || taken(s, e) {
			return
		}
		spans = append(spans, Span{Start: s, End: e, Kind: kind, Text: text[s:e]})
	}
	digitBounded := func(s, e int) bool {
		if s > 0 && isASCIIAlnum(text[s-1]) {
			return false
		}
		if e < len(text) && isASCIIAlnum(text[e]) {
			return false
		}
		return true
	}
	for _, m := range idRe.FindAllStringIndex(text, -1) {
		if digitBounded(m[0], m[1]) && ValidateIDNumber(text[m[0]:m[1]]) == nil {
			add(m[0], m[1], "id_number")
		}
	}
	for _, m := range mobileRe.FindAllStringIndex(text, -1) {
		if digitBounded(m[0], m[1]) {
			add(m[0], m[1], "phone")
		}
	}
	for _, m := range phoneRe.FindAllStringIndex(text, -1) {
		if digitBounded(m[0], m[1]) {
			add(m[0], m[1], "phone")
		}
	}
	for _, m := range bankRe.FindAllStringIndex(text, -1) {
		if digitBounded(m[0], m[1]) && ValidateCreditCode(text[m[0]:m[1]]) != nil {
			add(m[0], m[1], "bank_account")
		}
	}
	for _, m := range addrCtxRe.FindAllStringIndex(text, -1) {
		s := m[1]
		e := s
		for e < len(text) {
			r, w := utf8.DecodeRuneInString(text[e:])
			if strings.ContainsRune("，。；,;！？\n（(", r) {
				break
			}
			e += w
		}
		addr := text[s:e]
		if addr == "" || strings.ContainsRune("址所宅房", firstRuneOf(addr)) {
			continue // 住址/住所 after a bare 住: the longer context word is matched on its own
		}
		keep := addrKeepRe.FindString(addr)
		// Only a tail that looks like a street address is masked (not 居住地的公安机关管辖).
		if tail := addr[len(keep):]; tail != "" && addrTailRe.MatchString(tail) {
			add(s+len(keep), e, "address")
		}
	}
	names := map[string]bool{}
	for _, m := range nameCtxRe.FindAllStringIndex(text, -1) {
		if n := nameAt(text[m[1]:]); n != "" {
			names[n] = true
		}
	}
	// 张三，男，… / 李四（女）: a name directly before a sex.
	for _, m := range sexRe.FindAllStringSubmatchIndex(text, -1) {
		if n := nameBefore(text[m[2]:m[3]]); n != "" {
			names[n] = true
		}
	}
	for n := range names {
		for off := 0; ; {
			i := strings.Index(text[off:], n)
			if i < 0 {
				break
			}
			s := off + i
			add(s, s+len(n), "name")
			off = s + len(n)
		}
	}
	sort.Slice(spans, func(i, j int) bool { return spans[i].Start < spans[j].Start })
	var b strings.Builder
	prev := 0
	for _, sp := range spans {
		b.WriteString(text[prev:sp.Start])
		b.WriteString(mask(sp))
		prev = sp.End
	}
	b.WriteString(text[prev:])
	if spans == nil {
		spans = []Span{}
	}
	return b.String(), spans
}

func isASCIIAlnum(c byte) bool {
	return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')
}

func hasOrgSuffix(s string) bool {
	for _, suf := range orgSuffixes {
		if strings.Contains(s, suf) {
			return true
		}
	}
	return false
}

func surnameLen(name string) int {
	for _, c := range compoundSurnames {
		if strings.HasPrefix(name, c) {
			return 2
		}
	}
	r, _ := utf8.DecodeRuneInString(name)
	if strings.ContainsRune(commonSurnames, r) {
		return 1
	}
	return 0
}

func plausibleName(n string) bool {
	rs := []rune(n)
	if len(rs) < 2 || len(rs) > 4 || strings.Contains(n, "某") {
		return false
	}
	for _, r := range rs {
		if !unicode.Is(unicode.Han, r) {
			return false
		}
	}
	sl := surnameLen(n)
	return sl > 0 && len(rs) > sl && len(rs)-sl <= 2
}

// nameAt returns the person's name at the start of rest (after a role word
// such as 当事人：), or "" when what follows is an organisation or no name.
func nameAt(rest string) string {
	rs := []rune(rest)
	i := 0
	for i < len(rs) && i < 20 && unicode.Is(unicode.Han, rs[i]) {
		i++
	}
	// what follows an act verb is the act, not the party (张三经营无证餐馆: 馆 is no org suffix of it)
	for j := 2; j < i; j++ {
		if startsWithVerb(string(rs[j:])) {
			i = j
			break
		}
	}
	run := string(rs[:i])
	if run == "" || hasOrgSuffix(run) {
		return ""
	}
	sl := surnameLen(run)
	if sl == 0 {
		return ""
	}
	// A given name has one or two characters and ends where a function word
	// (于/在/因, 男/女) or a non-Han character follows.
	rs = []rune(rest)
	for _, n := range []int{2, 1} {
		k := sl + n
		if k > len(rs) || k > len([]rune(run)) {
			continue
		}
		if k < len(rs) && unicode.Is(unicode.Han, rs[k]) && !strings.ContainsRune(nameStops, rs[k]) && !startsWithVerb(string(rs[k:])) {
			continue
		}
		cand := string(rs[:k])
		if strings.ContainsAny(cand[len(string(rs[:sl])):], nameStops) || isCommonWord(cand) {
			continue
		}
		return cand
	}
	return ""
}

// addrTailRe recognises a street address below district level: a house
// number (88号, 3号楼, 101室, 5组) or a village (某某村).
var addrTailRe = regexp.MustCompile(`[0-9一二三四五六七八九十百零〇]+(?:号|室|栋|幢|楼|组|单元|弄|巷)|\p{Han}{1,8}(?:村|社区)$`)

var sexRe = regexp.MustCompile(`(\p{Han}{2,12})[，,、（(\s]{1,2}(?:男|女)[，,、）)\s。；]`)

// nameBefore returns the person's name at the end of run (张三 in
// 经查张三), or "".
func nameBefore(run string) string {
	rs := []rune(run)
	for _, n := range []int{3, 2, 4} {
		if n > len(rs) {
			continue
		}
		cand := string(rs[len(rs)-n:])
		if plausibleName(cand) && !isCommonWord(cand) {
			words := Seg().seg.Cut(run, true)
			last := words[len(words)-1]
			if len([]rune(last)) > n || (len([]rune(last)) >= 2 && !strings.HasSuffix(cand, last) && !strings.HasSuffix(last, cand)) {
				continue
			}
			return cand
		}
	}
	return ""
}

// isCommonWord reports whether w is a dictionary word that is not a person's
// name (应当, 管理): such words after 当事人 are not names.
func isCommonWord(w string) bool {
	if strings.Contains(notNames, "|"+w+"|") {
		return true
	}
	f, pos, ok := Seg().seg.Find(w)
	// gse tags some ordinary words nr (陈述 763, 文明 6584); real names are rarer.
	return ok && f > 0 && (!strings.HasPrefix(pos, "nr") || f >= 500)
}

// notNames are words gse tags as names that law-enforcement texts use as words.
const notNames = "|陈述|林木|苗木|文明|明确|管理|申请|申报|查明|查清|查点|易燃|易溶|荣誉|边远|卫星|蓝天|施加|齐全|张贴|毛发|明白|高度|安全|和解|"

// nameStops are characters that follow a name rather than belong to it.
const nameStops = "于在因将等男女系为是的与和及从向对被把涉"

// actVerbs are what a decision says a party did, written straight after the
// name (当事人张三销售…): where one begins, the name ends.
var actVerbs = []string{"销售", "经营", "生产", "驾驶", "擅自", "未经", "未按", "未取得", "未依法", "无证", "无照", "通过", "利用", "明知", "违反", "购进", "使用", "存放", "出售", "收购", "运输", "开设", "从事", "采用", "故意", "拒不", "非法", "私自", "冒用", "伪造", "携带", "超过", "加工", "发布", "提供", "组织"}

func startsWithVerb(s string) bool {
	for _, v := range actVerbs {
		if strings.HasPrefix(s, v) {
			return true
		}
	}
	return false
}

func mask(sp Span) string {
	t := sp.Text
	switch sp.Kind {
	case "name":
		sl := surnameLen(t)
		if sl == 0 {
			sl = 1
		}
		rs := []rune(t)
		return string(rs[:sl]) + strings.Repeat("某", len(rs)-sl)
	case "id_number":
		return t[:6] + strings.Repeat("*", 8) + t[14:]
	case "phone":
		if i := strings.IndexByte(t, '-'); i > 0 && t[0] == '0' {
			return t[:i+1] + strings.Repeat("*", len(t)-i-1-4) + t[len(t)-4:]
		}
		return t[:len(t)-8] + "****" + t[len(t)-4:]
	case "bank_account":
		return strings.Repeat("*", len(t)-4) + t[len(t)-4:]
	case "address":
		return strings.Repeat("*", utf8.RuneCountInString(t))
	}
	return strings.Repeat("*", utf8.RuneCountInString(t))
}

func firstRuneOf(s string) rune {
	r, _ := utf8.DecodeRuneInString(s)
	return r
}
