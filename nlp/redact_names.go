package nlp

import (
	"regexp"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// nameLabelRe: a label or role word after which a natural person's name may
// follow — the party and its representatives, and the people the facts name
// (消费者王某某, 证人李某, 购买人…). With a separator (：, :, |, a tab or
// spaces) the value up to the next delimiter is taken as written; without one
// a name must start with a known surname and end where the sentence goes on.
var nameLabels = newLabelSet("当事人|被处罚人|违法行为人|违法嫌疑人|被处罚单位|单位|纳税人|法定代表人|主要负责人|负责人|经营者|业主|户主|驾驶人|驾驶员|司机|被申请人|申请人|第三人|委托代理人|代理人|联系人|被举报人|举报人|被投诉人|投诉人|被询问人|证人|受害人|被侵害人|被害人|消费者|购买人|购买者|买受人|乘客|患者|监护人|员工|店员|职工|雇员|工人|村民|种植户|养殖户|实际控制人|股东|中介|执法人员|户名|车主|房东|承租人|出租人|租户|项目经理|经理|店长|厨师|会计|出纳|安全员|销售员|营业员|收银员|业务员|保管员|技术员|质检员|人员|妻子|丈夫|之妻|之夫|儿子|女儿|之子|之女|父亲|母亲|亲属|家属|姓名",
	`(?:[一二三四五六七八九十]|[0-9]{1,2})?(?:[（(][^）)\n]{0,12}[）)])?(?:姓名或者单位名称|姓名或单位名称|姓名或者名称|姓名或名称|基本情况|姓名|名称)?(?:[（(][^）)\n]{0,12}[）)])?`)

// subjectLabels name the party itself: an address after it (住所, 地址) is a
// company's registered address when the party is an organisation.
var subjectLabels = []string{"当事人", "被处罚人", "违法行为人", "违法嫌疑人", "被处罚单位", "单位", "纳税人", "申请人", "姓名"}

// notNameValues are what forms put where a name would be.
const notNameValues = "|无|不详|个人|本人|同上|暂无|自然人|法人|男|女|其他|未知|略|个体户|个体工商户|见上|见附件|空|"

type subject struct {
	pos    int
	person bool
}

// compound surnames keep both characters: 欧阳某某.
var compoundSurnames = []string{"欧阳", "司马", "诸葛", "上官", "东方", "皇甫", "尉迟", "公孙", "慕容", "令狐", "长孙", "宇文", "司徒", "夏侯", "端木", "独孤", "南宫", "西门", "呼延", "轩辕", "钟离", "澹台", "濮阳", "单于", "太史", "申屠", "闻人", "百里", "东郭", "万俟"}

const commonSurnames = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝亓逯晁禹闻乐郜揭鄢粟谌昝母"

// orgSuffixes mark an organisation, which stays visible.
var orgSuffixes = []string{"公司", "厂", "店", "局", "委员会", "政府", "中心", "超市", "商行", "合作社", "医院", "学校", "协会", "部", "所", "站", "院", "馆", "场", "社", "行", "部门", "集团", "企业", "餐厅", "酒店", "药房", "门市", "经营部", "工作室", "个体工商户", "茶楼", "诊所", "农庄", "烧烤", "大队", "支队", "科技"}

// notOrgWords hold an organisation suffix but name none (头部, 现场, 进行):
// 许卫东头部 is a name and a body part.
var notOrgWords = strings.NewReplacer("头部", "", "面部", "", "腹部", "", "背部", "", "胸部", "", "腿部", "", "手部", "", "颈部", "", "腰部", "", "全部", "", "内部", "", "外部", "", "局部", "", "部分", "", "现场", "", "在场", "", "到场", "", "市场", "", "进行", "", "执行", "", "行为", "", "行驶", "")

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

// head returns up to n runes of s.
func head(s string, n int) []rune {
	out := make([]rune, 0, n)
	for _, r := range s {
		if len(out) == n {
			break
		}
		out = append(out, r)
	}
	return out
}

// skipSep skips the separator after a label (：, :, |, ｜, tabs, spaces) and
// reports whether there was one.
func skipSep(s string) (int, bool) {
	i := 0
	for i < len(s) {
		r, w := utf8.DecodeRuneInString(s[i:])
		if !strings.ContainsRune("：:|｜\t 　", r) {
			break
		}
		i += w
	}
	return i, i > 0
}

// valueEnd returns the byte length of a form value: up to the next
// punctuation, bracket, space or line end.
func valueEnd(s string) int {
	for i, r := range s {
		if !unicode.Is(unicode.Han, r) || strings.ContainsRune("，。；、：", r) {
			return i
		}
		if i > 40 {
			return i
		}
	}
	return len(s)
}

// labelledName returns v when a form field holds it as a person's name.
func labelledName(v string) bool {
	n := utf8.RuneCountInString(v)
	for _, r := range v {
		if !unicode.Is(unicode.Han, r) {
			return false
		}
	}
	if n < 2 || n > 4 || strings.Contains(v, "某") || strings.Contains(notNameValues, "|"+v+"|") || hasOrgSuffix(v) {
		return false
	}
	sl := surnameLen(v)
	if sl == 0 {
		// a field value with no known surname: a name unless it is a word
		return n <= 3 && !isCommonWord(v)
	}
	return n-sl <= 2
}

func (f *finder) findNames() {
	t := f.text
	for _, h := range nameLabels.findAll(t) {
		m := []int{h.start, h.end}
		skip, sep := skipSep(t[m[1]:])
		at := m[1] + skip
		rest := t[at:]
		var name string
		v := rest[:valueEnd(rest)]
		if sep && !labelledName(v) {
			// a form line joined to the next paragraph: 全志明|经查
			if b := f.breakIn(at, at+len(v)); b > at {
				v = t[at:b]
			}
		}
		if sep && labelledName(v) {
			name = v
		} else {
			name = nameAt(rest)
		}
		if isSubjectLabel(t[m[0]:m[1]]) {
			switch {
			case name != "":
				f.subjects = append(f.subjects, subject{m[0], true})
			case v != "" && sep:
				f.subjects = append(f.subjects, subject{m[0], false})
			}
		}
		if name == "" {
			continue
		}
		f.names[name] = true
		f.listAfter(at + len(name))
	}
	f.personNouns()
	// 聘用…的吕某从事诊疗: a name after 的 straight before an act.
	for off := 0; ; {
		i := strings.Index(t[off:], "的")
		if i < 0 {
			break
		}
		at := off + i + len("的")
		if n := nameAt(t[at:]); n != "" && startsWithVerb(t[at+len(n):]) {
			f.names[n] = true
		}
		off = at
	}
	// 张三，男，… / 李四（女）: a name directly before a sex.
	for _, run := range f.beforeSex() {
		if n := nameBefore(run); n != "" {
			f.names[n] = true
		}
	}
	f.tableColumns()
}

// breakIn returns the first joined line break in [s, e) of the text, or -1.
func (f *finder) breakIn(s, e int) int {
	k := sort.SearchInts(f.breaks, s+1)
	if k < len(f.breaks) && f.breaks[k] < e {
		return f.breaks[k]
	}
	return -1
}

// personNounEnds end the words for a person's role (消防安全责任人, 举办者,
// 游客, 学员家长, 租客 …): the role words listed above are only the common
// ones, and a decision names people by whatever role the case has.
const personNounEnds = "人者员长客主东属工户友"

// personNouns finds names after any role noun of that shape: in a field
// (举办者：龙某, 消防安全管理人：邹某) a plausible name with a known surname;
// in running text (游客钟某、莫某参加) a name that ends cleanly.
func (f *finder) personNouns() {
	t := f.text
	for i := 0; i < len(t); {
		r, w := utf8.DecodeRuneInString(t[i:])
		i += w
		if !strings.ContainsRune(personNounEnds, r) || i >= len(t) {
			continue
		}
		skip, sep := skipSep(t[i:])
		at := i + skip
		rest := t[at:]
		var name string
		if sep {
			v := rest[:valueEnd(rest)]
			if b := f.breakIn(at, at+len(v)); b > at && !labelledName(v) {
				v = t[at:b]
			}
			if surnameLen(v) > 0 && labelledName(v) {
				name = v
			}
		} else if r := firstRuneOf(rest); roleWordEndsAt(t, i) && !strings.ContainsRune(nameStops+ambiguousSurnames, r) {
			name = nameAt(rest)
		}
		if name == "" {
			continue
		}
		f.names[name] = true
		f.listAfter(at + len(name))
	}
}

// roleWordEndsAt reports whether a dictionary word of two or three
// characters ends at byte i (游客|, 学员家长|) and its last character does not
// begin a word with the next one; 或者 is a word, not a role (施工|程 is 工程, 长|沙 is 长沙).
func roleWordEndsAt(t string, i int) bool {
	last, w := utf8.DecodeLastRuneInString(t[:i])
	next, _ := utf8.DecodeRuneInString(t[i:])
	if isDictWord(string(last) + string(next)) {
		return false
	}
	j := i - w
	for n := 1; n <= 2 && j > 0; n++ {
		_, w := utf8.DecodeLastRuneInString(t[:j])
		j -= w
		if f, pos, ok := Seg().seg.Find(t[j:i]); ok && f > 0 && strings.HasPrefix(pos, "n") {
			return true
		}
	}
	return false
}

func isDictWord(w string) bool {
	f, _, ok := Seg().seg.Find(w)
	return ok && f > 0
}

func isSubjectLabel(l string) bool {
	for _, s := range subjectLabels {
		if strings.HasPrefix(l, s) {
			return true
		}
	}
	return false
}

// listAfter takes the names listed after a found one: 证人李四、王五和赵六.
func (f *finder) listAfter(i int) {
	t := f.text
	for n := 0; n < 10; n++ {
		rest := t[i:]
		var sepLen int
		for _, s := range []string{"、", "和", "及", "与", ",", "，"} {
			if strings.HasPrefix(rest, s) {
				sepLen = len(s)
				break
			}
		}
		if sepLen == 0 {
			return
		}
		name := nameAt(rest[sepLen:])
		if name == "" {
			return
		}
		// after a comma only a name that ends there too continues a list
		if (rest[0] == ',' || strings.HasPrefix(rest, "，")) && !strings.HasPrefix(rest[sepLen+len(name):], "、") {
			return
		}
		f.names[name] = true
		i += sepLen + len(name)
	}
}

// tableColumns reads markdown tables by their header (| 序号 | 当事人 |
// 出生日期 | 住址 |): the cells below a person's column are names, below a
// birth-date column dates, below a home-address column addresses.
func (f *finder) tableColumns() {
	t := f.text
	cols := map[int]string{}
	inTable := false
	for off := 0; off < len(t); {
		end := strings.IndexByte(t[off:], '\n')
		if end < 0 {
			end = len(t) - off
		}
		line := t[off : off+end]
		trim := strings.TrimSpace(line)
		if !strings.HasPrefix(trim, "|") && !strings.HasPrefix(trim, "｜") {
			inTable, cols = false, map[int]string{}
			off += end + 1
			continue
		}
		if tableRuleRe.MatchString(trim) {
			off += end + 1
			continue // |---|---|
		}
		cells := splitCells(line, off)
		if !inTable {
			inTable = true
			for i, c := range cells {
				cols[i] = columnKind(c.text)
			}
		} else {
			for i, c := range cells {
				switch cols[i] {
				case "name":
					if labelledName(c.text) {
						f.names[c.text] = true
					}
				case "birth_date":
					if birthValueRe.MatchString(c.text) {
						f.add(c.start, c.start+len(c.text), "birth_date")
					}
				case "address":
					if keep := addrKeep(c.text); len(keep) < len(c.text) {
						f.add(c.start+len(keep), c.start+len(c.text), "address")
					}
				}
			}
		}
		off += end + 1
	}
}

// isNameLabel reports whether h is exactly a name label (a table header).
func isNameLabel(h string) bool {
	return isLabel(nameLabels, h)
}

func isLabel(ls *labelSet, h string) bool {
	hits := ls.findAll(h)
	return len(hits) == 1 && hits[0].start == 0 && hits[0].end == len(h)
}

var tableRuleRe = regexp.MustCompile(`^[\s|｜:：\-－—]+$`)

// columnKind tells what a table column holds from its header cell.
func columnKind(h string) string {
	switch {
	case h == "":
		return ""
	case isNameLabel(h):
		return "name"
	case isLabel(birthLabels, h):
		return "birth_date"
	}
	if isLabel(addrLabels, h) && addrClass[h] == addrHome {
		return "address"
	}
	return ""
}

type cell struct {
	text  string
	start int
}

// splitCells splits a table row into trimmed cells with their byte offsets
// (row starts at off in the text).
func splitCells(row string, off int) []cell {
	var out []cell
	i := 0
	first := true
	for i <= len(row) {
		j := i
		for j < len(row) && row[j] != '|' && !strings.HasPrefix(row[j:], "｜") {
			j++
		}
		raw := row[i:j]
		lead := len(raw) - len(strings.TrimLeft(raw, " \t　"))
		txt := strings.TrimSpace(raw)
		if !(first && txt == "") {
			out = append(out, cell{txt, off + i + lead})
		}
		first = false
		if j >= len(row) {
			break
		}
		if row[j] == '|' {
			i = j + 1
		} else {
			i = j + len("｜")
		}
	}
	// a row ends with | : no empty last cell
	if n := len(out); n > 0 && out[n-1].text == "" {
		out = out[:n-1]
	}
	return out
}

// maskNameOccurrences masks every occurrence of every found name in one
// pass over the text: at each character that begins a name the candidates
// starting with it are tried, longest first, so 王小明 is not cut by 王小.
func (f *finder) maskNameOccurrences() {
	if len(f.names) == 0 {
		return
	}
	byFirst := map[rune][]string{}
	for n := range f.names {
		r := firstRuneOf(n)
		byFirst[r] = append(byFirst[r], n)
	}
	for _, ns := range byFirst {
		sort.Slice(ns, func(i, j int) bool {
			if len(ns[i]) != len(ns[j]) {
				return len(ns[i]) > len(ns[j])
			}
			return ns[i] < ns[j]
		})
	}
	t := f.text
	for i := 0; i < len(t); {
		r, w := utf8.DecodeRuneInString(t[i:])
		adv := w
		for _, n := range byFirst[r] {
			if strings.HasPrefix(t[i:], n) && f.add(i, i+len(n), "name") {
				adv = len(n)
				break
			}
		}
		i += adv
	}
}

// nameAt returns the person's name at the start of rest (after a role word
// such as 当事人 or 消费者), or "" when what follows is an organisation or no
// name: a known surname and one or two characters, ending where a function
// word, an act verb, punctuation or a new word follows.
func nameAt(rest string) string {
	rs := head(rest, 20)
	i := 0
	for i < len(rs) && unicode.Is(unicode.Han, rs[i]) {
		i++
	}
	run := rs[:i]
	natural := len(run) // where the Han characters end, before any cut
	// the name ends where the act or a function word begins (张三经营无证餐馆)
	for j := 2; j < len(run); j++ {
		if startsWithVerb(string(run[j:])) || strings.ContainsRune(nameFollowers, run[j]) {
			run = run[:j]
			break
		}
	}
	if len(run) < 2 || hasOrgSuffix(notOrgWords.Replace(string(run))) {
		return ""
	}
	sl := surnameLen(string(run))
	if sl == 0 {
		return ""
	}
	for _, n := range []int{2, 1} {
		k := sl + n
		if k > len(run) {
			continue
		}
		cand := string(run[:k])
		if strings.ContainsAny(string(run[sl:k]), nameStops+"某") || isCommonWord(cand) || (k == 3 && sl == 1 && plainWord(string(run[:2]))) {
			continue
		}
		// a surname that is also a function word (应当, 于是) needs a name
		// that ends where the Han characters do (当事人应某，)
		if strings.ContainsRune(ambiguousSurnames, run[0]) {
			if k == natural {
				return cand
			}
			continue
		}
		if k == len(run) || wordBoundary(string(run), k) {
			return cand
		}
	}
	return ""
}

// ambiguousSurnames also begin ordinary words of decisions (应自, 于同日, 时任).
const ambiguousSurnames = "应于常时明全成安向解单商司项车古连万方路江关"

// wordBoundary reports whether the segmenter cuts run after k runes and the
// next word is a dictionary word (许卫东|头部).
func wordBoundary(run string, k int) bool {
	words := Seg().seg.Cut(run, true)
	// the surname begins a word of its own or a name (许|卫东, 许卫东), not a
	// word such as 管护 (单位管护并…)
	if len(words) > 0 && utf8.RuneCountInString(words[0]) == 2 {
		if _, pos, ok := Seg().seg.Find(words[0]); ok && !strings.HasPrefix(pos, "nr") {
			return false
		}
	}
	n := 0
	for i, w := range words {
		n += utf8.RuneCountInString(w)
		if n == k {
			return i+1 < len(words) && utf8.RuneCountInString(words[i+1]) >= 2 && isCommonWord(words[i+1])
		}
		if n > k {
			return false
		}
	}
	return false
}

// beforeSex returns the runs of 2-12 Han characters written straight before
// a sex: 张三，男，… / 李四（女）.
func (f *finder) beforeSex() []string {
	t := f.text
	var out []string
	for i := 0; i < len(t); {
		k := strings.IndexAny(t[i:], "男女")
		if k < 0 {
			break
		}
		p := i + k
		i = p + len("男")
		if r, _ := utf8.DecodeRuneInString(t[i:]); i < len(t) && !strings.ContainsRune("，,、）) \t\n。；", r) {
			continue
		}
		// one or two separators before
		q := p
		for n := 0; n < 2 && q > 0; n++ {
			r, w := utf8.DecodeLastRuneInString(t[:q])
			if !strings.ContainsRune("，,、（( \t\n", r) {
				break
			}
			q -= w
		}
		if q == p {
			continue
		}
		s := q
		for n := 0; n < 12 && s > 0; n++ {
			r, w := utf8.DecodeLastRuneInString(t[:s])
			if !unicode.Is(unicode.Han, r) {
				break
			}
			s -= w
		}
		if utf8.RuneCountInString(t[s:q]) >= 2 {
			out = append(out, t[s:q])
		}
	}
	return out
}

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

// plainWord reports whether w is a frequent dictionary word not tagged as a
// name (应当, 申报): 应当服 and 申报后 are no names, 高明亮 may be one.
func plainWord(w string) bool {
	f, pos, ok := Seg().seg.Find(w)
	return ok && f >= 100 && !strings.HasPrefix(pos, "nr")
}

// notNames are words gse tags as names that law-enforcement texts use as words.
const notNames = "|陈述|林木|苗木|文明|明确|管理|申请|申报|查明|查清|查点|易燃|易溶|荣誉|边远|卫星|蓝天|施加|齐全|张贴|毛发|明白|高度|安全|和解|迟报|迟延|迟缴|迟交|迟到|"

// nameStops are characters that follow a name rather than belong to it.
const nameStops = "于在因将等男女系为是的与和及从向对被把涉"

// nameFollowers also end a name when they follow it (聂小兰各支付).
const nameFollowers = nameStops + "各均称亦已曾现分"

// actVerbs are what a decision says a person did, written straight after the
// name (当事人张三销售…): where one begins, the name ends.
var actVerbs = []string{"销售", "经营", "生产", "驾驶", "擅自", "未经", "未按", "未取得", "未依法", "未能", "无证", "无照", "通过", "利用", "明知", "违反", "购进", "使用", "存放", "出售", "收购", "运输", "开设", "从事", "采用", "故意", "拒不", "非法", "私自", "冒用", "伪造", "携带", "超过", "加工", "发布", "提供", "组织", "办理", "支付", "证实", "承认", "购买", "投诉", "举报", "反映", "签字", "确认", "作为", "参与", "殴打", "接受", "前往", "提出", "出示", "称其", "陈述", "辩称", "表示", "领取", "收取", "转账", "介绍", "安排", "负责", "参加", "进入", "离开", "拒绝", "同意", "要求"}

func startsWithVerb(s string) bool {
	for _, v := range actVerbs {
		if strings.HasPrefix(s, v) {
			return true
		}
	}
	return false
}
