package records

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"zhifa/nlp"
)

// DemoNote marks every demo record as synthetic.
const DemoNote = "合成演示数据（synthetic demo data）：机构、人员、当事人、证件号码与案情均为虚构"

// DemoAgencyID is the demo county market-supervision bureau.
const DemoAgencyID = "demo-scjgj"

// DemoRegion is the demo city: its bureau and the county bureau lie in it.
const DemoRegion = "示例省示例市"

const demoActor = "demo-loader"

// demoID builds a valid synthetic resident ID number (region 440705, check digit computed).
func demoID(birth string, seq string) string {
	s := "440705" + birth + seq
	c, _ := nlp.IDCheckDigit(s)
	return s + string(c)
}

// demoCredit builds a valid synthetic unified social credit code.
func demoCredit(body string) string {
	s := "91440705" + body
	c, _ := nlp.CreditCodeCheckChar(s)
	return s + string(c)
}

type demoCase struct {
	id, title, item string
	party           Party
	facts           string
	amounts         map[string]float64
	circ            []string
	opened          string
	stage           string // last step kind
	decision        *Decision
	officers        []string
	hearing         *HearingData // the party asked for a hearing (听证) after the notice
	proposed        *Decision    // the decision reviewed, for a case the demo leaves undecided
}

// LoadDemo loads the synthetic demo bureau; records already present are kept,
// so loading twice changes nothing.
func LoadDemo(ctx context.Context, s *Store) error {
	put := func(err error) error { return err }
	if _, err := s.GetAgency(ctx, "demo-sjscjgj"); err != nil {
		if _, err := s.PutAgency(ctx, Agency{ID: "demo-sjscjgj", Name: "示例市市场监督管理局", Level: "市", Region: "示例省示例市", Domains: []string{"市场监管"},
			Profile: AgencyProfile{SealText: "示例市市场监督管理局", Address: "示例市示例大道1号（虚构）", Note: DemoNote}}, demoActor); put(err) != nil {
			return err
		}
	}
	if _, err := s.GetAgency(ctx, DemoAgencyID); err != nil {
		if _, err := s.PutAgency(ctx, Agency{ID: DemoAgencyID, Name: "示例县市场监督管理局", Level: "县", Region: "示例省示例市示例县",
			Domains: []string{"市场监管", "食品安全", "产品质量", "广告监管", "价格监督检查"},
			Profile: AgencyProfile{SealText: "示例县市场监督管理局", Address: "示例县人民路100号（虚构）", Phone: "0750-0000000",
				BankName: "示例县农村商业银行（虚构）", BankAccount: "6200000000000000000（虚构）", ReviewBody: "示例县人民政府",
				Court: "示例县人民法院", CaseNoPrefix: "示县市监", DocumentPrefix: "示县市监", Note: DemoNote}}, demoActor); err != nil {
			return err
		}
	}
	items := []PowerItem{
		{Code: "SP-001", Name: "对未取得食品生产经营许可从事食品生产经营活动的行政处罚", Kind: KindPenalty, LegalBasis: "《中华人民共和国食品安全法》第一百二十二条第一款"},
		{Code: "SP-002", Name: "对生产经营超范围、超限量使用食品添加剂的食品的行政处罚", Kind: KindPenalty, LegalBasis: "《中华人民共和国食品安全法》第一百二十四条第一款第（三）项"},
		{Code: "SP-003", Name: "对生产经营超过保质期的食品的行政处罚", Kind: KindPenalty, LegalBasis: "《中华人民共和国食品安全法》第一百二十四条第一款第（五）项"},
		{Code: "CP-001", Name: "对在产品中掺杂掺假、以假充真、以次充好的行政处罚", Kind: KindPenalty, LegalBasis: "《中华人民共和国产品质量法》第五十条"},
		{Code: "CP-002", Name: "对生产销售不符合保障人体健康和人身财产安全标准产品的行政处罚", Kind: KindPenalty, LegalBasis: "《中华人民共和国产品质量法》第四十九条"},
		{Code: "GG-001", Name: "对发布虚假广告的行政处罚", Kind: KindPenalty, LegalBasis: "《中华人民共和国广告法》第五十五条第一款"},
		{Code: "JG-001", Name: "对利用虚假的或者使人误解的价格手段诱骗交易的行政处罚", Kind: KindPenalty, LegalBasis: "《中华人民共和国价格法》第四十条第一款"},
		{Code: "XK-001", Name: "食品经营许可", Kind: KindLicensing, LegalBasis: "《中华人民共和国食品安全法》第三十五条第一款", TimeLimit: "20个工作日"},
		{Code: "JC-001", Name: "对食品经营者的监督检查", Kind: KindInspection, LegalBasis: "《中华人民共和国食品安全法》第一百一十条"},
	}
	for _, p := range items {
		p.AgencyID, p.Category, p.Department = DemoAgencyID, "市场监管", "执法稽查大队"
		if p.TimeLimit == "" && p.Kind == KindPenalty {
			p.TimeLimit = "90日"
		}
		if _, err := s.GetPowerItem(ctx, p.AgencyID+"-"+p.Code); err == nil {
			continue
		}
		if _, err := s.PutPowerItem(ctx, p, demoActor); err != nil {
			return err
		}
	}
	officers := []Officer{
		{ID: "demo-of-1", Name: "张明（虚构）", Certificate: Certificate{Number: "44070500001"}},
		{ID: "demo-of-2", Name: "李华（虚构）", Certificate: Certificate{Number: "44070500002"}},
		{ID: "demo-of-3", Name: "王芳（虚构）", Certificate: Certificate{Number: "44070500003"}},
		{ID: "demo-of-4", Name: "陈军（虚构）", Certificate: Certificate{Number: "44070500004"}},
		{ID: "demo-of-5", Name: "刘洋（虚构）", Certificate: Certificate{Number: "44070500005"}, Reviewer: true, LegalProfessionQual: true},
		{ID: "demo-of-6", Name: "赵敏（虚构）", Certificate: Certificate{Number: "44070500006"}, Reviewer: true},
		{ID: "demo-of-7", Name: "周强（虚构，证件已过期）", Certificate: Certificate{Number: "44070500007", ValidUntil: "2025-12-31"}},
	}
	for _, o := range officers {
		o.AgencyID = DemoAgencyID
		o.Certificate.Categories = []string{"市场监管"}
		o.Certificate.Region = "示例县"
		o.Certificate.ValidFrom = "2022-01-01"
		if o.Certificate.ValidUntil == "" {
			o.Certificate.ValidUntil = "2027-12-31"
		}
		if _, err := s.GetOfficer(ctx, o.ID); err == nil {
			continue
		}
		if _, err := s.PutOfficer(ctx, o, demoActor); err != nil {
			return err
		}
	}
	for i, dc := range demoCases() {
		if _, err := getJSON[Case](ctx, s, s.db, "cases", "case", dc.id); err == nil {
			continue
		} else if !errors.As(err, new(*NotFoundError)) {
			return err
		}
		if err := loadDemoCase(ctx, s, i+1, dc); err != nil {
			return fmt.Errorf("demo case %s: %w", dc.id, err)
		}
	}
	demoMu.RLock()
	extras := append([]namedDemo(nil), demoExtras...)
	demoMu.RUnlock()
	for _, d := range extras {
		if err := d.load(ctx, s); err != nil {
			return fmt.Errorf("demo %s: %w", d.name, err)
		}
	}
	return nil
}

type namedDemo struct {
	name string
	load func(ctx context.Context, s *Store) error
}

var (
	demoMu     sync.RWMutex
	demoExtras []namedDemo
)

// RegisterDemo adds a workflow's synthetic demo records (its objects),
// loaded by LoadDemo after the bureau and its cases; like LoadDemo, the
// loader must keep what is already there. Registering a name twice replaces it.
func RegisterDemo(name string, load func(ctx context.Context, s *Store) error) {
	demoMu.Lock()
	defer demoMu.Unlock()
	for i, d := range demoExtras {
		if d.name == name {
			demoExtras[i].load = load
			return
		}
	}
	demoExtras = append(demoExtras, namedDemo{name, load})
}

func loadDemoCase(ctx context.Context, s *Store, n int, dc demoCase) error {
	ofs := dc.officers
	if ofs == nil {
		ofs = []string{"demo-of-1", "demo-of-2"}
	}
	c, err := s.CreateCase(ctx, Case{ID: dc.id, AgencyID: DemoAgencyID, PowerItemID: DemoAgencyID + "-" + dc.item,
		Procedure: ProcedureNormal, Title: dc.title, Parties: []Party{dc.party}, Facts: dc.facts + "（" + DemoNote + "）", Amounts: dc.amounts,
		Circumstances: dc.circ, OfficerIDs: ofs, OpenedOn: dc.opened, Synthetic: true}, demoActor)
	if err != nil {
		return err
	}
	t := parseDay(dc.opened).Add(9 * time.Hour)
	officer := "张明（虚构）"
	steps := []struct {
		kind string
		gap  int
		data any
	}{
		{StepFiling, 0, map[string]string{"note": "经初步核查，符合立案条件"}},
		{StepInvestigation, 3, map[string]string{"note": "现场检查，制作现场笔录，抽样送检，询问当事人"}},
		{StepNotice, 20, nil},
		{StepHearing, 12, dc.hearing}, // only with dc.hearing, after the 7 days' notice of 第六十四条
		{StepLegalReview, 8, map[string]string{"reviewer": "刘洋（虚构）", "opinion": "事实清楚，证据确凿，适用依据正确，程序合法"}},
		{StepCollective, 2, map[string]string{"note": "局案审会集体讨论同意"}},
		{StepDecision, 2, dc.decision},
		{StepService, 2, map[string]string{"method": "直接送达"}},
		{StepExecution, 10, map[string]string{"note": "当事人已全额缴纳罚款"}},
		{StepClosing, 3, nil},
		{StepArchiving, 5, nil},
	}
	for _, st := range steps {
		if st.kind == StepHearing && dc.hearing == nil {
			continue
		}
		t = t.AddDate(0, 0, st.gap)
		data := st.data
		if st.kind == StepNotice {
			data = NoticeData{PeriodEnd: day(t.AddDate(0, 0, 5)), Content: "告知拟作出的行政处罚内容及事实、理由、依据，并告知当事人依法享有的陈述、申辩、要求听证等权利"}
		}
		if st.kind == StepHearing {
			h := *dc.hearing
			h.NotifiedOn = day(t.AddDate(0, 0, -8)) // four days after the notice, eight before the hearing
			data = h
		}
		if st.kind == StepLegalReview && demoReview != nil {
			p := demoDecision(dc, n, t.AddDate(0, 0, 4))
			if p == nil {
				p = dc.proposed
			}
			if err := demoReview(ctx, s, c.ID, p, t); err != nil {
				return fmt.Errorf("legal review: %w", err)
			}
		}
		if st.kind == StepDecision {
			d := *dc.decision
			d.Date = day(t)
			d.Number = fmt.Sprintf("示县市监处罚〔2026〕%d号", n)
			data = d
		}
		if _, _, err := s.AppendStep(ctx, c.ID, st.kind, t, data, officer); err != nil {
			return fmt.Errorf("%s: %w", st.kind, err)
		}
		if st.kind == StepInvestigation {
			if _, err := s.AddEvidence(ctx, Evidence{CaseID: c.ID, Kind: "document", Title: "现场笔录", CollectedAt: day(t), Place: dc.party.Address,
				Collector: "张明（虚构）、李华（虚构）", Proves: "当事人经营场所现场情况及涉案物品"}, []byte("现场笔录（"+DemoNote+"）\n案件："+c.CaseNo+"\n"+dc.facts), demoActor); err != nil {
				return err
			}
			if _, err := s.AddEvidence(ctx, Evidence{CaseID: c.ID, Kind: "av", Title: "执法记录仪视频", CollectedAt: day(t), Place: dc.party.Address,
				Collector: "李华（虚构）", Proves: "现场检查全过程"}, []byte("synthetic video placeholder for "+c.CaseNo), demoActor); err != nil {
				return err
			}
		}
		if st.kind == dc.stage {
			break
		}
	}
	return nil
}

// DemoReviewFunc records the legal review (法制审核) of a demo case through
// the review workflow: proposed is the decision the demo will make (nil when
// it makes none), at the time of the legal_review step.
type DemoReviewFunc func(ctx context.Context, s *Store, caseID string, proposed *Decision, at time.Time) error

var demoReview DemoReviewFunc

// SetDemoReview is called by the review package's init: the demo's decisions
// then pass the legal-review gate because they were reviewed, not because the
// gate is off. Without the review package there is no gate to pass.
func SetDemoReview(f DemoReviewFunc) { demoReview = f }

// demoDecision is the decision demo case n records on day at, or nil.
func demoDecision(dc demoCase, n int, at time.Time) *Decision {
	if dc.decision == nil {
		return nil
	}
	d := *dc.decision
	d.Date = day(at)
	d.Number = fmt.Sprintf("示县市监处罚〔2026〕%d号", n)
	return &d
}

func demoCases() []demoCase {
	org := func(name, body, addr string) Party {
		return Party{Kind: PartyOrganization, Name: name, CreditCode: demoCredit(body), LegalRep: "（虚构）", Address: addr}
	}
	person := func(name, birth, seq, addr string) Party {
		return Party{Kind: PartyPerson, Name: name, IDNumber: demoID(birth, seq), Address: addr}
	}
	return []demoCase{
		{id: "demo-case-01", title: "示例县甲乙食品有限公司超范围使用食品添加剂案", item: "SP-002", party: org("示例县甲乙食品有限公司（虚构）", "MA5000001", "示例县工业园区1号（虚构）"),
			facts:   "2026年3月，当事人生产的“香酥花生”经抽检，检出糖精钠，该食品类别不允许使用糖精钠，属于超范围使用食品添加剂。涉案食品共生产500袋，货值金额6000元，已销售300袋，违法所得1800元。",
			amounts: map[string]float64{"goods_value": 6000, "illegal_income": 1800}, circ: []string{"first_violation", "cooperative"}, opened: "2026-03-10", stage: StepClosing,
			decision: &Decision{PenaltyBasis: "《中华人民共和国食品安全法》第一百二十四条第一款第（三）项", Fine: 60000, Confiscation: 1800, Summary: "没收违法所得1800元及涉案食品，罚款60000元"}},
		{id: "demo-case-02", title: "示例县好又多超市销售过期食品案", item: "SP-003", party: org("示例县好又多超市有限公司（虚构）", "MA5000002", "示例县人民路8号（虚构）"),
			facts:   "2026年4月，执法人员检查发现当事人货架上摆放超过保质期的酸奶12盒、饼干8包待售，货值金额356元，无违法所得。",
			amounts: map[string]float64{"goods_value": 356}, circ: []string{"first_violation"}, opened: "2026-04-02", stage: StepClosing,
			decision: &Decision{PenaltyBasis: "《中华人民共和国食品安全法》第一百二十四条第一款第（五）项", Fine: 50000, Summary: "没收过期食品，罚款50000元"}},
		{id: "demo-case-03", title: "示例县某美容店发布虚假广告案", item: "GG-001", party: org("示例县美丽人生美容店（虚构）", "MA5000003", "示例县新华街20号（虚构）"),
			facts:   "当事人在微信公众号发布“七天祛斑、永不反弹”的广告，所称效果无事实依据，广告费用2000元。",
			amounts: map[string]float64{"ad_cost": 2000}, opened: "2026-05-06", stage: StepExecution,
			decision: &Decision{PenaltyBasis: "《中华人民共和国广告法》第五十五条第一款", Fine: 200000, Summary: "责令停止发布广告，罚款200000元（广告费用明显偏低）"},
			hearing: &HearingData{Time: "09:30", Place: "示例县市场监督管理局听证室（虚构）", Host: "王芳（虚构）",
				Statements: "当事人承认发布涉案广告，辩称广告文案由代运营公司撰写，已删除广告，请求从轻处罚"}},
		{id: "demo-case-04", title: "李某无证经营餐饮案", item: "SP-001", party: person("李某（虚构）", "19800101", "123", "示例县河滨路3号（虚构）"),
			facts:   "当事人未取得食品经营许可证，在示例县河滨路3号经营小吃店，经营时间约两个月，违法经营的食品货值金额4500元，违法所得1200元。",
			amounts: map[string]float64{"goods_value": 4500, "illegal_income": 1200}, circ: []string{"first_violation", "small_scale"}, opened: "2026-06-01", stage: StepService,
			decision: &Decision{PenaltyBasis: "《中华人民共和国食品安全法》第一百二十二条第一款", Fine: 50000, Confiscation: 1200, Summary: "没收违法所得1200元，罚款50000元"}},
		{id: "demo-case-05", title: "示例县某商场价格欺诈案", item: "JG-001", party: org("示例县百汇商场有限公司（虚构）", "MA5000005", "示例县中山路50号（虚构）"),
			facts:   "当事人在促销活动中标示“原价999元，现价499元”，经查该商品此前七日内从未以999元成交，属于利用虚假的价格手段诱骗消费者交易，违法所得3200元。",
			amounts: map[string]float64{"illegal_income": 3200}, opened: "2026-06-15", stage: StepDecision,
			decision: &Decision{PenaltyBasis: "《中华人民共和国价格法》第四十条第一款", Fine: 6400, Confiscation: 3200, Summary: "没收违法所得3200元，罚款6400元"}},
		{id: "demo-case-06", title: "示例县某建材店销售掺假产品案", item: "CP-001", party: org("示例县宏达建材经营部（虚构）", "MA5000006", "示例县建设路9号（虚构）"),
			facts:   "当事人销售的电线经检验铜芯截面积不符合标称规格，以次充好，货值金额18000元，违法所得2600元。",
			amounts: map[string]float64{"goods_value": 18000, "illegal_income": 2600}, opened: "2026-07-01", stage: StepArchiving,
			decision: &Decision{PenaltyBasis: "《中华人民共和国产品质量法》第五十条", Fine: 9000, Confiscation: 2600, Summary: "没收涉案产品及违法所得2600元，罚款9000元"}},
		{id: "demo-case-07", title: "王某销售不合格儿童玩具案", item: "CP-002", party: person("王某（虚构）", "19900315", "456", "示例县文化路12号（虚构）"),
			facts:   "当事人销售的塑胶玩具经检验邻苯二甲酸酯含量超过国家标准，货值金额2400元，违法所得600元。",
			amounts: map[string]float64{"goods_value": 2400, "illegal_income": 600}, opened: "2026-07-20", stage: StepDecision,
			decision: &Decision{PenaltyBasis: "《中华人民共和国产品质量法》第四十九条", Fine: 2400, Confiscation: 600, Summary: "没收违法所得600元，罚款2400元"}},
		{id: "demo-case-08", title: "示例县某糕点店超限量使用食品添加剂案", item: "SP-002", party: org("示例县香满园糕点店（虚构）", "MA5000008", "示例县东门街5号（虚构）"),
			facts:   "当事人生产的面包经抽检脱氢乙酸钠含量超过标准限量，货值金额800元。",
			amounts: map[string]float64{"goods_value": 800}, opened: "2026-08-05", stage: StepLegalReview, officers: []string{"demo-of-3", "demo-of-4"}},
		{id: "demo-case-09", title: "示例县某药店虚假宣传广告案", item: "GG-001", party: org("示例县康宁大药房（虚构）", "MA5000009", "示例县健康路2号（虚构）"),
			facts: "当事人在店外展板宣传普通食品具有“降血压”功效，广告费用500元。", amounts: map[string]float64{"ad_cost": 500}, opened: "2026-10-20", stage: StepNotice, officers: []string{"demo-of-3", "demo-of-4"}},
		{id: "demo-case-10", title: "张某无证生产食品案", item: "SP-001", party: person("张某（虚构）", "19751120", "789", "示例县北郊村（虚构）"),
			facts: "当事人未取得食品生产许可，在自建房内生产辣椒酱。", opened: "2026-11-02", stage: StepInvestigation},
		{id: "demo-case-11", title: "示例县某水果店价格标示不实案", item: "JG-001", party: org("示例县鲜果汇水果店（虚构）", "MA5000011", "示例县菜市场7号（虚构）"),
			facts: "群众举报当事人标价与结算价不一致。", opened: "2026-11-16", stage: StepFiling},
		{id: "demo-case-12", title: "示例县某餐馆使用过期食品原料案", item: "SP-003", party: org("示例县老街餐馆（虚构）", "MA5000012", "示例县老街1号（虚构）"),
			facts: "当事人后厨存放超过保质期的调味料用于加工食品，货值金额150元。", amounts: map[string]float64{"goods_value": 150}, opened: "2026-08-10", stage: StepCollective,
			proposed: &Decision{PenaltyBasis: "《中华人民共和国食品安全法》第一百二十四条第一款第（五）项", Fine: 5000, Summary: "没收过期调味料，罚款5000元"}},
	}
}
