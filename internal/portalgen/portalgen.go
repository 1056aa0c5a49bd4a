// Package portalgen makes synthetic published decisions for measuring the
// disclosure portal at scale.
package portalgen

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"
)

// Synthetic data: published decisions for the portal benchmark. Every
// agency, party, credit code and fact below is made up; the text has the
// labelled form disclosure publishes (行政处罚决定信息), drawn from violation
// templates of the sectors that publish most.

// Version names the generator's output: a cached benchmark index built
// from another version is rebuilt.
const Version = "portal-gen-v1"

// Today is the "today" of the synthetic portal: decisions fall in the three
// years before it.
const Today = "2026-12-01"

type genAgency struct {
	id, name, abbr, sector, place string
}

// Agency is one of the synthetic agencies.
type Agency struct{ ID, Name string }

// Agencies are the 50 synthetic agencies (10 places × 5 sectors).
func Agencies() []Agency {
	var out []Agency
	for _, a := range genAgencies() {
		out = append(out, Agency{ID: a.id, Name: a.name})
	}
	return out
}

// Decision is one synthetic published decision: its public summary, the
// fields of 行政处罚决定信息.
type Decision struct {
	ID, AgencyID, Agency, Kind, Date, Expires                string
	Number, Party, CreditID, Violation, Facts, Basis, Result string
}

// Title is the portal title: number and violation.
func (d Decision) Title() string { return d.Number + " " + d.Violation }

// Text is the summary as disclosure publishes it, one labelled line per item.
func (d Decision) Text() string {
	var b strings.Builder
	line := func(label, val string) {
		if val != "" {
			b.WriteString(label + "：" + val + "\n")
		}
	}
	line("行政处罚决定书文号", d.Number)
	line("处罚机关", d.Agency)
	line("当事人名称或者姓名", d.Party)
	line("统一社会信用代码", d.CreditID)
	line("违法行为类型", d.Violation)
	line("主要违法事实", d.Facts)
	line("处罚依据", d.Basis)
	line("处罚内容", d.Result)
	line("作出处罚决定的日期", d.Date)
	return b.String()
}

type genViolation struct {
	sector    string
	kind      string // 行政处罚 mostly
	violation string
	facts     string // with {food} {goods} {place} {n} {money} {claim} {additive} {plate} {speed}
	basis     string
	result    func(r *rand.Rand) string
	weight    int
}

var genPlaces = []string{"示例市", "东城区", "西城区", "南山县", "北湖县", "青石县", "河口区", "白沙县", "云溪区", "松岭县"}

var genSectors = []struct {
	name, abbr, sector string
	weight             int // how many decisions such an agency publishes
}{
	{"市场监督管理局", "市监罚", "市场监管", 10},
	{"公安局交通警察大队", "公交罚", "公安交警", 6},
	{"生态环境局", "环罚", "生态环境", 3},
	{"综合行政执法局", "综执罚", "城管", 4},
	{"应急管理局", "应急罚", "应急管理", 2},
}

func genAgencies() []genAgency {
	var out []genAgency
	for i, p := range genPlaces {
		for j, s := range genSectors {
			out = append(out, genAgency{id: fmt.Sprintf("ag-%02d", i*len(genSectors)+j+1), name: p + s.name,
				abbr: string([]rune(p)[:1]) + s.abbr, sector: s.sector, place: p})
		}
	}
	return out
}

func fines(lo, hi int) func(r *rand.Rand) string {
	return func(r *rand.Rand) string {
		f := (lo + r.IntN(hi-lo+1)) / 100 * 100
		if r.IntN(3) == 0 {
			return fmt.Sprintf("没收违法所得%d元，罚款%d元", 20+r.IntN(5000), f)
		}
		return fmt.Sprintf("罚款%d元", f)
	}
}

func fixed(s string) func(*rand.Rand) string { return func(*rand.Rand) string { return s } }

var genViolations = []genViolation{
	{"市场监管", "行政处罚", "超范围使用食品添加剂", "当事人在{place}生产销售的{food}经抽样检验，{additive}项目不符合GB 2760-2014《食品安全国家标准 食品添加剂使用标准》要求，检验结论为不合格。当事人共生产该批次产品{n}千克，货值金额{money}元。",
		"《中华人民共和国食品安全法》第一百二十四条第一款第（三）项", fines(50000, 150000), 6},
	{"市场监管", "行政处罚", "经营超过保质期的食品", "执法人员在当事人位于{place}的经营场所检查时发现，货架上摆放待售的{food}{n}袋已超过保质期，货值金额{money}元，当事人未能及时清理。",
		"《中华人民共和国食品安全法》第一百二十四条第一款第（五）项", fines(5000, 50000), 8},
	{"市场监管", "行政处罚", "未取得食品经营许可从事食品销售", "当事人未取得食品经营许可证，自{month}起在{place}销售{food}等预包装食品，经营额{money}元。",
		"《中华人民共和国食品安全法》第一百二十二条第一款", fines(10000, 100000), 6},
	{"市场监管", "行政处罚", "未按规定查验供货者许可证和食品合格证明文件", "当事人购进{food}{n}箱用于销售，未查验供货者的许可证和食品出厂检验合格证明，未建立进货查验记录。",
		"《中华人民共和国食品安全法》第一百二十六条第一款第（三）项", fines(5000, 20000), 5},
	{"市场监管", "行政处罚", "发布虚假广告", "当事人通过{channel}发布{goods}广告，宣称“{claim}”，当事人无法提供证明材料，广告内容与实际情况不符，广告费用{money}元。",
		"《中华人民共和国广告法》第五十五条第一款", fines(20000, 200000), 4},
	{"市场监管", "行政处罚", "广告中使用绝对化用语", "当事人在{channel}发布的{goods}广告中使用“国家级”“最佳”“第一品牌”等绝对化用语，广告费用{money}元。",
		"《中华人民共和国广告法》第五十七条第（一）项", fines(10000, 200000), 3},
	{"市场监管", "行政处罚", "不按规定明码标价", "执法人员检查发现，当事人在{place}销售的{goods}共{n}种商品未按规定标示价格，违反明码标价规定。",
		"《中华人民共和国价格法》第四十二条、《明码标价和禁止价格欺诈规定》第二十一条", fines(500, 5000), 4},
	{"市场监管", "行政处罚", "价格欺诈", "当事人在销售{goods}时标示“原价{money}元，现价五折”，经查该商品从未以标示的原价销售，属于虚构原价的价格欺诈行为。",
		"《中华人民共和国价格法》第四十条第一款", fines(5000, 50000), 2},
	{"市场监管", "行政处罚", "销售不符合保障人体健康和人身、财产安全的国家标准的产品", "经监督抽查，当事人销售的{goods}经检验{item}项目不合格，当事人共购进{n}件，已售出，货值金额{money}元。",
		"《中华人民共和国产品质量法》第四十九条", fines(10000, 80000), 4},
	{"市场监管", "行政处罚", "销售以假充真的产品", "当事人在{place}销售假冒“{brand}”注册商标的{goods}{n}件，货值金额{money}元。",
		"《中华人民共和国产品质量法》第五十条、《中华人民共和国商标法》第六十条第二款", fines(20000, 200000), 2},
	{"市场监管", "行政处罚", "特种设备未经定期检验继续使用", "当事人使用的{equipment}检验有效期已届满，未申请定期检验，仍继续使用。",
		"《中华人民共和国特种设备安全法》第八十四条第（一）项", fines(30000, 300000), 2},
	{"公安交警", "行政处罚", "饮酒后驾驶机动车", "当事人于{month}驾驶车牌号为{plate}的小型轿车行驶至{road}时，经呼气酒精含量检测，血液酒精含量为{alcohol}mg/100ml，属于饮酒后驾驶机动车。",
		"《中华人民共和国道路交通安全法》第九十一条第一款", fixed("罚款1000元，暂扣机动车驾驶证六个月"), 5},
	{"公安交警", "行政处罚", "机动车行驶超过规定时速百分之五十", "当事人驾驶车牌号为{plate}的机动车在{road}限速60公里每小时的路段以{speed}公里每小时的速度行驶。",
		"《中华人民共和国道路交通安全法》第九十九条第一款第（四）项", fixed("罚款1500元，吊销机动车驾驶证"), 4},
	{"公安交警", "行政处罚", "驾驶未经登记的机动车上道路行驶", "当事人驾驶未悬挂号牌、未经登记的{vehicle}在{road}行驶。",
		"《中华人民共和国道路交通安全法》第九十五条第一款", fixed("罚款200元，扣留机动车"), 3},
	{"公安交警", "行政处罚", "货车超载", "当事人驾驶车牌号为{plate}的重型货车运载{cargo}，核定载质量{n}千克，实际超过核定载质量百分之三十以上。",
		"《中华人民共和国道路交通安全法》第九十二条第二款", fixed("罚款2000元"), 3},
	{"生态环境", "行政处罚", "超标排放大气污染物", "经监测，当事人{plant}排放口{pollutant}排放浓度超过《大气污染物综合排放标准》规定的限值{n}%。",
		"《中华人民共和国大气污染防治法》第九十九条第（二）项", fines(100000, 1000000), 4},
	{"生态环境", "行政处罚", "未依法报批建设项目环境影响评价文件擅自开工建设", "当事人{plant}扩建项目未依法报批环境影响评价文件即开工建设，项目总投资{money}元。",
		"《中华人民共和国环境影响评价法》第三十一条第一款", fines(50000, 500000), 3},
	{"生态环境", "行政处罚", "通过暗管逃避监管的方式排放水污染物", "执法人员现场检查发现，当事人通过暗管将{plant}生产废水直接排入{river}，废水{pollutant}浓度超标。",
		"《中华人民共和国水污染防治法》第八十三条第（三）项", fines(100000, 1000000), 2},
	{"生态环境", "行政处罚", "未按规定贮存危险废物", "当事人将生产过程中产生的废矿物油等危险废物{n}千克露天堆放，未设置危险废物识别标志。",
		"《中华人民共和国固体废物污染环境防治法》第一百一十二条第一款第（六）项", fines(100000, 500000), 2},
	{"城管", "行政处罚", "擅自占用城市道路", "当事人未经批准在{road}人行道占道经营，占用面积{n}平方米。",
		"《城市道路管理条例》第四十二条", fines(200, 2000), 5},
	{"城管", "行政处罚", "擅自设置户外广告", "当事人未经批准在{road}沿街建筑外墙设置{goods}户外广告牌，面积{n}平方米。",
		"《城市市容和环境卫生管理条例》第三十六条", fines(500, 5000), 3},
	{"城管", "行政处罚", "建筑垃圾未按规定处置", "当事人在{place}装修过程中将建筑垃圾{n}立方米随意倾倒于{road}路边。",
		"《城市建筑垃圾管理规定》第二十六条", fines(5000, 50000), 3},
	{"应急管理", "行政处罚", "未按规定对从业人员进行安全生产教育和培训", "当事人{plant}新招用的{n}名从业人员未经安全生产教育和培训即上岗作业。",
		"《中华人民共和国安全生产法》第九十七条第（三）项", fines(10000, 100000), 3},
	{"应急管理", "行政处罚", "未取得危险化学品经营许可证经营危险化学品", "当事人未取得危险化学品经营许可证，在{place}储存、销售{chemical}{n}千克。",
		"《危险化学品安全管理条例》第七十七条第三款", fines(100000, 200000), 2},
	{"市场监管", "行政强制", "查封扣押涉嫌不符合食品安全标准的食品", "当事人经营的{food}{n}千克涉嫌不符合食品安全标准，为防止证据灭失，依法予以扣押。",
		"《中华人民共和国食品安全法》第一百一十条第（四）项", fixed("扣押涉案食品，期限三十日"), 2},
	{"生态环境", "行政强制", "查封造成污染物排放的设施", "当事人{plant}违法排放{pollutant}，可能造成严重污染，依法查封其生产设施。",
		"《中华人民共和国环境保护法》第二十五条", fixed("查封生产设施，期限三十日"), 1},
}

var genFill = map[string][]string{
	"food":      {"散装月饼", "猪肉", "小麦粉", "饮料", "酱腌菜", "糕点", "豆制品", "面条", "腌腊肉制品", "食用植物油", "速冻饺子", "蜂蜜", "白酒", "婴幼儿配方乳粉", "水产品", "奶茶", "卤制品", "鲜湿米粉", "饼干", "茶叶"},
	"foodRare":  {"河豚鱼干", "野生菌干制品", "燕窝"},
	"additive":  {"甜蜜素", "苯甲酸及其钠盐", "山梨酸及其钾盐", "糖精钠", "脱氢乙酸及其钠盐", "二氧化硫残留量", "胭脂红"},
	"goods":     {"保健食品", "化妆品", "电动自行车", "儿童玩具", "电线电缆", "羽绒服", "净水器", "医疗器械", "手机", "空调", "眼镜", "床垫", "家用电器", "装修服务", "教育培训课程"},
	"item":      {"绝缘电阻", "甲醛含量", "含绒量", "阻燃性能", "标识标注", "铅含量", "耐压强度"},
	"channel":   {"微信公众号", "门店海报", "抖音短视频", "网店商品详情页", "宣传单页", "户外电子屏"},
	"claim":     {"三天见效，根治失眠", "国家级专利产品", "全市销量第一", "零风险，保本高收益", "百分之百纯天然无添加", "专家推荐，包治百病"},
	"brand":     {"耐克", "阿迪达斯", "五粮液", "茅台", "华为", "海尔"},
	"equipment": {"电梯", "叉车", "压力容器", "锅炉", "起重机械"},
	"plate":     {"示A", "示B", "示C", "示D"},
	"road":      {"人民路", "解放大道", "中山路", "滨江路", "建设路", "环城北路", "G107国道", "示青高速"},
	"vehicle":   {"电动三轮车", "摩托车", "低速电动四轮车"},
	"cargo":     {"砂石", "钢材", "水泥", "煤炭"},
	"plant":     {"铸造车间", "印染厂", "化工厂", "砖瓦厂", "塑料制品厂", "家具厂", "石材加工厂", "养殖场"},
	"pollutant": {"颗粒物", "二氧化硫", "氮氧化物", "化学需氧量", "氨氮", "挥发性有机物"},
	"river":     {"青石河", "白沙江", "云溪", "雨水管网"},
	"chemical":  {"工业酒精", "汽油", "液化石油气", "油漆稀释剂"},
	"surname":   {"张", "王", "李", "赵", "刘", "陈", "杨", "黄", "周", "吴", "徐", "孙", "胡", "朱", "高", "林", "何", "郭", "马", "罗"},
	"shop":      {"鑫源", "恒达", "华联", "佳美", "宏运", "顺发", "金泰", "永盛", "福满", "新世纪", "天虹", "锦绣"},
	"trade":     {"商贸", "食品", "贸易", "餐饮管理", "科技", "建材", "物流", "环保科技", "化工", "实业"},
	"store":     {"便利店", "超市", "餐馆", "烧烤店", "水果店", "五金店", "副食店", "奶茶店"},
}

const creditChars = "0123456789ABCDEFGHJKLMNPQRTUWXY"

// portalGen draws synthetic published decisions from a fixed seed.
type portalGen struct {
	r        *rand.Rand
	agencies []genAgency
	bySector map[string][]genViolation
	sums     map[string]int
	serial   map[string]int
	start    time.Time
}

func newPortalGen(seed uint64) *portalGen {
	g := &portalGen{r: rand.New(rand.NewPCG(seed, 0x5eed)), agencies: genAgencies(),
		bySector: map[string][]genViolation{}, sums: map[string]int{}, serial: map[string]int{},
		start: time.Date(2023, 12, 2, 0, 0, 0, 0, time.UTC)}
	for _, v := range genViolations {
		g.bySector[v.sector] = append(g.bySector[v.sector], v)
		g.sums[v.sector] += v.weight
	}
	return g
}

func (g *portalGen) pick(k string) string { l := genFill[k]; return l[g.r.IntN(len(l))] }

func (g *portalGen) agency() genAgency {
	total := 0
	for _, s := range genSectors {
		total += s.weight
	}
	n := g.r.IntN(total * len(genPlaces))
	for {
		for _, a := range g.agencies {
			for _, s := range genSectors {
				if s.sector == a.sector {
					if n < s.weight {
						return a
					}
					n -= s.weight
				}
			}
		}
	}
}

func (g *portalGen) violation(sector string) genViolation {
	n := g.r.IntN(g.sums[sector])
	for _, v := range g.bySector[sector] {
		if n < v.weight {
			return v
		}
		n -= v.weight
	}
	panic("unreachable")
}

func (g *portalGen) party(a genAgency, personal bool) (name, credit string) {
	prefix := "91" // 企业
	switch {
	case personal:
		name = g.pick("surname") + "某"
		if g.r.IntN(4) == 0 {
			name += "某"
		}
		return name, ""
	case g.r.IntN(3) == 0:
		// 个体工商户: the operator's name is masked in the shop's name too
		name, prefix = a.place+g.pick("surname")+"某"+g.pick("store"), "92"
	default:
		short := strings.TrimRight(a.place, "市区县")
		name = short + g.pick("shop") + g.pick("trade") + "有限公司"
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%s4%05d", prefix, g.r.IntN(100000))
	for range 10 {
		b.WriteByte(creditChars[g.r.IntN(len(creditChars))])
	}
	return name, b.String()
}

func (g *portalGen) fill(s string) string {
	var b strings.Builder
	for {
		i := strings.IndexByte(s, '{')
		if i < 0 {
			b.WriteString(s)
			return b.String()
		}
		j := strings.IndexByte(s[i:], '}') + i
		b.WriteString(s[:i])
		switch k := s[i+1 : j]; k {
		case "n":
			fmt.Fprintf(&b, "%d", 2+g.r.IntN(500))
		case "money":
			fmt.Fprintf(&b, "%d", 100+g.r.IntN(200000))
		case "alcohol":
			fmt.Fprintf(&b, "%d", 20+g.r.IntN(60))
		case "speed":
			fmt.Fprintf(&b, "%d", 91+g.r.IntN(60))
		case "month":
			fmt.Fprintf(&b, "%d年%d月", 2023+g.r.IntN(3), 1+g.r.IntN(12))
		case "place":
			b.WriteString(genPlaces[g.r.IntN(len(genPlaces))] + g.pick("road") + fmt.Sprintf("%d号", 1+g.r.IntN(300)))
		case "plate":
			fmt.Fprintf(&b, "%s%05d", g.pick("plate"), g.r.IntN(100000))
		case "food":
			if g.r.IntN(1000) == 0 {
				b.WriteString(g.pick("foodRare"))
			} else {
				b.WriteString(g.pick("food"))
			}
		default:
			b.WriteString(g.pick(k))
		}
		s = s[j+1:]
	}
}

// next returns the i-th synthetic published decision.
func (g *portalGen) next(i int) Decision {
	a := g.agency()
	v := g.violation(a.sector)
	day := g.start.AddDate(0, 0, g.r.IntN(3*365))
	date := day.Format("2006-01-02")
	g.serial[a.id+date[:4]]++
	number := fmt.Sprintf("%s〔%s〕%d号", a.abbr, date[:4], g.serial[a.id+date[:4]])
	if v.kind == "行政强制" {
		number = strings.Replace(number, "罚", "强", 1)
	}
	personal := a.sector == "公安交警" || (a.sector == "城管" && g.r.IntN(2) == 0) || g.r.IntN(5) == 0
	party, credit := g.party(a, personal)
	return Decision{ID: fmt.Sprintf("disc-%06d", i+1), AgencyID: a.id, Agency: a.name, Kind: v.kind,
		Date: date, Expires: day.AddDate(3, 0, 0).Format("2006-01-02"), Number: number, Party: party, CreditID: credit,
		Violation: v.violation, Facts: g.fill(v.facts), Basis: v.basis, Result: v.result(g.r)}
}

// Generate returns n synthetic published decisions (the same for the same seed).
func Generate(n int, seed uint64) []Decision {
	g := newPortalGen(seed)
	out := make([]Decision, n)
	for i := range out {
		out[i] = g.next(i)
	}
	return out
}
