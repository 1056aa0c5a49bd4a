package review

import (
	"context"
	"encoding/json"
	"strconv"
	"strings"
	"testing"
	"time"

	"zhifa/corpora"
	"zhifa/records"
	"zhifa/rules"
	"zhifa/warnings"
)

// cleanFile is a synthetic case (合成测试数据) built to pass every point.
func cleanFile() CaseFile {
	at := func(day string) time.Time { return parseDay(day).Add(9 * time.Hour) }
	step := func(n int, kind, day string, data any) records.Step {
		b, _ := json.Marshal(data)
		if data == nil {
			b = nil
		}
		return records.Step{ID: "t-case/" + string(rune('0'+n)), CaseID: "t-case", Seq: n, Kind: kind, At: at(day), Data: b}
	}
	basis := "《中华人民共和国食品安全法》第一百二十四条第一款第（五）项"
	c := records.Case{ID: "t-case", CaseNo: "合成〔2026〕1号", AgencyID: "t-ag", PowerItemID: "t-pi", Procedure: records.ProcedureNormal,
		Title: "合成测试：销售过期食品案", Parties: []records.Party{{Kind: records.PartyOrganization, Name: "合成测试公司", Address: "示例县人民路1号"}},
		Facts:   "2026年3月1日，当事人销售超过保质期的食品，货值金额800元。（合成测试数据）",
		Amounts: map[string]float64{"goods_value": 800}, OfficerIDs: []string{"t-of-1", "t-of-2"}, OpenedOn: "2026-03-05",
		Steps: []records.Step{
			step(1, records.StepFiling, "2026-03-05", records.FilingData{DiscoveredOn: "2026-03-02"}),
			step(2, records.StepInvestigation, "2026-03-08", nil),
			step(3, records.StepNotice, "2026-03-20", records.NoticeData{PeriodEnd: "2026-03-25", Content: "告知陈述、申辩权利"}),
		}}
	cert := records.Certificate{Number: "T-1", Categories: []string{"市场监管"}, ValidFrom: "2022-01-01", ValidUntil: "2027-12-31"}
	proposed := &records.Decision{PenaltyBasis: basis, Fine: 50000, Date: "2026-04-01", Summary: "没收过期食品，罚款50000元"}
	doc := "行政处罚事先告知书 合成测试公司 依据" + basis + " 拟罚款人民币伍万元整（50000.00元）"
	return CaseFile{
		Case:      c,
		Agency:    &records.Agency{ID: "t-ag", Name: "示例县市场监督管理局（合成）", Level: "县", Region: "示例省示例市示例县", Domains: []string{"市场监管"}},
		PowerItem: &records.PowerItem{ID: "t-pi", AgencyID: "t-ag", Code: "SP-003", Name: "销售过期食品", Kind: records.KindPenalty, Category: "市场监管", LegalBasis: basis},
		Officers: map[string]records.Officer{
			"t-of-1": {ID: "t-of-1", Name: "合成甲", AgencyID: "t-ag", Certificate: cert},
			"t-of-2": {ID: "t-of-2", Name: "合成乙", AgencyID: "t-ag", Certificate: cert},
		},
		Evidence: []records.Evidence{
			{ID: "t-ev-1", CaseID: "t-case", CaseNo: c.CaseNo, Kind: "document", Title: "现场笔录", CollectedAt: "2026-03-08", Place: "示例县人民路1号", Collector: "合成甲、合成乙", Proves: "过期食品的货值金额", SHA256: "x"},
			{ID: "t-ev-2", CaseID: "t-case", CaseNo: c.CaseNo, Kind: "av", Title: "执法记录仪视频", CollectedAt: "2026-03-08", Place: "示例县人民路1号", Collector: "合成乙", Proves: "现场检查全过程", SHA256: "y"},
		},
		EvidenceBad: map[string]string{},
		Documents: []records.Document{
			{ID: "t-doc-1", CaseID: "t-case", Kind: "立案审批表", Version: 1, Number: "合成立〔2026〕1号"},
			{ID: "t-doc-2", CaseID: "t-case", Kind: "行政处罚事先告知书", Version: 1, Number: "合成告〔2026〕1号"},
		},
		DocText:  map[string]string{"t-doc-1": "立案审批表 合成测试", "t-doc-2": doc},
		Proposed: proposed,
		Scope:    ScopeOf(DefaultCatalog(), FactsOf(c, c.Steps, proposed)),
		Catalog:  filingCatalog(15, FilingUnitWorkday),
		Today:    "2026-03-30",
	}
}

// filingCatalog is the default catalog with a synthetic agency's own time for 立案.
func filingCatalog(days int, unit string) *Catalog {
	c := *DefaultCatalog()
	c.FilingDays, c.FilingDaysUnit = days, unit
	c.FilingDaysCitation = "合成测试机关的立案时限（合成）"
	return &c
}

// setData replaces a step's data.
func setData(s *records.Step, v any) {
	s.Data, _ = json.Marshal(v)
}

// withHearing makes the clean case one a hearing applies to (a person fined
// 50000 yuan) and adds the hearing the party asked for on requested.
func withHearing(requested string) func(cf *CaseFile) {
	return func(cf *CaseFile) {
		cf.Case.Parties[0].Kind = records.PartyPerson
		cf.Case.Steps[2].Data, _ = json.Marshal(records.NoticeData{PeriodEnd: "2026-03-25", Content: "告知陈述、申辩、要求听证的权利"})
		h := records.Step{ID: "t-case/4", CaseID: "t-case", Seq: 4, Kind: records.StepHearing, At: parseDay("2026-03-30").Add(9 * time.Hour)}
		setData(&h, records.HearingData{Date: "2026-03-30", NotifiedOn: "2026-03-23", RequestedOn: requested, Host: "合成丙"})
		cf.Case.Steps = append(cf.Case.Steps, h)
	}
}

// A hearing asked for within the five days draws no finding under 第六十四条第（一）项.
func TestChecklistHearingAskedInTime(t *testing.T) {
	for _, requested := range []string{"2026-03-20", "2026-03-25"} {
		cf := cleanFile()
		withHearing(requested)(&cf)
		cf.Scope = ScopeOf(DefaultCatalog(), FactsOf(cf.Case, cf.Case.Steps, cf.Proposed))
		if ok, _ := hearingApplies(&cf); !ok {
			t.Fatal("the synthetic hearing case is not one a hearing applies to")
		}
		for _, p := range Check(cf).Points {
			for _, f := range p.Findings {
				if f.Citation == citeHearingAsk || f.Citation == citeHearingDay {
					t.Errorf("requested %s: %s: %+v", requested, p.Key, f)
				}
			}
		}
	}
}

// withExtension records an extension of the time for the decision and moves
// the proposed decision to decided.
func withExtension(approved string, days int, decided, basis string) func(cf *CaseFile) {
	return func(cf *CaseFile) {
		cf.Extensions = append(cf.Extensions, warnings.Extension{ID: "ext-t-case-1", CaseID: "t-case", ApprovedOn: approved, ApprovedBy: "合成局长", Days: days, Reason: "需补充鉴定（合成）", Basis: basis})
		cf.Proposed.Date = decided
	}
}

// A decision after the 九十日 but within an extension approved in time passes.
func TestChecklistExtendedInTime(t *testing.T) {
	for _, day := range []string{"2026-06-03", "2026-06-20", "2026-07-03"} {
		cf := cleanFile()
		withExtension("2026-06-03", 30, day, "合成规章第六十四条")(&cf)
		for _, p := range Check(cf).Points {
			if p.Key == "procedure" && p.Status != StatusPass {
				t.Errorf("decided %s: %s %+v", day, p.Status, p.Findings)
			}
		}
	}
}

func TestChecklistPoints(t *testing.T) {
	cases := []struct {
		point  string
		trip   func(cf *CaseFile)
		want   string // words of the finding
		status string // the point's status; fail when ""
	}{
		{"procedure", func(cf *CaseFile) {
			setData(&cf.Case.Steps[0], records.FilingData{DiscoveredOn: "2026-02-02"})
		}, "more than 15 working days after the clue was found on 2026-02-02", ""},
		{"procedure", func(cf *CaseFile) {
			cf.Catalog = filingCatalog(2, FilingUnitDay)
		}, "more than 2 days after the clue was found on 2026-03-02", ""},
		{"procedure", func(cf *CaseFile) { cf.Catalog = DefaultCatalog() }, "sets no time for 立案 (filing_days)", StatusWarn},
		{"procedure", func(cf *CaseFile) { cf.Case.Steps[0].Data = nil }, "records no discovered_on", StatusWarn},
		{"procedure", withHearing("2026-03-27"), "asked for the hearing on 2026-03-27, more than five days after 告知 on 2026-03-20 (by 2026-03-25)", StatusWarn},
		{"procedure", withHearing(""), "records no requested_on", StatusWarn},
		// 立案 2026-03-05: the 九十日 end 2026-06-03
		{"procedure", withExtension("2026-05-30", 30, "2026-07-10", "合成规章第六十四条"), "extended by 30 days (limit 2026-07-03)", ""},
		{"procedure", withExtension("2026-06-04", 30, "2026-07-01", "合成规章第六十四条"), "no extension approved in time", ""},
		{"procedure", withExtension("2026-06-04", 30, "2026-07-01", "合成规章第六十四条"), "after the time for the decision had run out (2026-06-03)", ""},
		{"procedure", withExtension("2026-05-30", 30, "2026-07-01", ""), "names no basis", StatusWarn},
		{"subject", func(cf *CaseFile) { cf.PowerItem.AgencyID = "other-ag" }, "power list of other-ag", ""},
		{"personnel", func(cf *CaseFile) {
			o := cf.Officers["t-of-2"]
			o.Certificate.ValidUntil = "2026-03-01"
			cf.Officers["t-of-2"] = o
		}, "not valid for 市场监管 on 2026-03-05", ""},
		{"personnel", func(cf *CaseFile) { cf.Case.OfficerIDs = cf.Case.OfficerIDs[:1] }, "不得少于两人", ""},
		{"procedure", func(cf *CaseFile) { cf.Case.Steps = cf.Case.Steps[:2] }, "no 告知 step", ""},
		{"procedure", func(cf *CaseFile) { cf.Proposed.Date = "2026-07-01" }, "later than 90 days", ""},
		{"evidence", func(cf *CaseFile) { cf.EvidenceBad["t-ev-1"] = "SHA-256 differs" }, "does not verify", ""},
		{"evidence", func(cf *CaseFile) { cf.Evidence[1].Collector = "" }, "lacks collector", ""},
		{"law", func(cf *CaseFile) {
			cf.Proposed.PenaltyBasis = "《中华人民共和国产品质量法》第五十条"
		}, "another law", ""},
		{"law", func(cf *CaseFile) {
			cf.Proposed.PenaltyBasis = "《中华人民共和国食品安全法》第九百条"
		}, "does not resolve", ""},
		{"discretion", func(cf *CaseFile) { cf.Proposed.Fine = 5000 }, "outside the statutory range", ""},
		{"documents", func(cf *CaseFile) { cf.DocText["t-doc-2"] += "【缺：当事人地址】" }, "【缺：当事人地址】", ""},
		{"documents", func(cf *CaseFile) { cf.Documents = cf.Documents[:1] }, "no 行政处罚事先告知书", ""},
		{"documents", func(cf *CaseFile) {
			cf.DocText["t-doc-2"] = strings.Replace(cf.DocText["t-doc-2"], "50000.00元", "5000.00元", 1)
		}, "does not state the proposed fine", ""},
		{"transfer", func(cf *CaseFile) {
			cf.Case.Amounts = map[string]float64{"goods_value": 800, "sales_amount": 60000}
			cf.Case.Facts = "2026年3月1日，当事人销售以次充好的电线，销售金额60000元。（合成测试数据）"
			cf.Evidence[0].Proves = "销售金额 货值金额"
		}, "suspected crime", ""},
		{"jurisdiction", func(cf *CaseFile) { cf.PowerItem.Kind = records.KindLicensing }, "not a penalty", ""},
		{"limitation", func(cf *CaseFile) {
			cf.Case.Facts = "2023年1月1日，当事人销售超过保质期的食品，货值金额800元。（合成测试数据）"
		}, "more than 2 years", ""},
	}
	clean := Check(cleanFile())
	if len(clean.Points) != len(PointKeys) {
		t.Fatalf("%d points, want %d", len(clean.Points), len(PointKeys))
	}
	for i, p := range clean.Points {
		if p.Key != PointKeys[i] || p.Status != StatusPass {
			b, _ := json.MarshalIndent(p, "", " ")
			t.Errorf("clean case, point %d: %s", i, b)
		}
	}
	tripped := map[string]bool{}
	for _, tc := range cases {
		t.Run(tc.point+"/"+tc.want, func(t *testing.T) {
			cf := cleanFile()
			tc.trip(&cf)
			cf.Scope = ScopeOf(DefaultCatalog(), FactsOf(cf.Case, cf.Case.Steps, cf.Proposed))
			cl := Check(cf)
			for _, p := range cl.Points {
				if p.Key != tc.point {
					continue
				}
				tripped[p.Key] = true
				want := tc.status
				if want == "" {
					want = StatusFail
				}
				if p.Status != want {
					t.Fatalf("status %s, want %s: %+v", p.Status, want, p.Findings)
				}
				for _, f := range p.Findings {
					if strings.Contains(f.Message, tc.want) {
						if f.Citation == "" || f.Record == "" {
							t.Errorf("finding without citation or record: %+v", f)
						}
						return
					}
				}
				t.Errorf("no finding says %q: %+v", tc.want, p.Findings)
			}
		})
	}
	for _, k := range PointKeys {
		if !tripped[k] {
			t.Errorf("no case trips %s", k)
		}
	}
}

// Every article the checklist cites resolves in the embedded laws.
func TestChecklistCitationsResolve(t *testing.T) {
	law := corpora.Default()
	for _, c := range []string{citeSubject, citeOfficers, citeFiling, citeInvestig, citeNotice, citeStatement, citeHearing, citeHearingAsk, citeHearingDay,
		citeCollective, citeDecideDays, citeEvidence, citeRecord, citeMonitoring, citeNoBasis, citeVersion, citeBenchmark, citeFair, citeDocument,
		citeTransfer, citeLocal, citeLimitation, cfl + "第二十三条", cfl + "第五十一条", cfl + "第五十八条第一款", cfl + "第五十八条第二款"} {
		if _, err := law.Cite(c); err != nil {
			t.Errorf("%s: %v", c, err)
		}
	}
}

// Without a proposed decision the law and discretion points say so (not_run), never pass.
func TestChecklistWithoutProposal(t *testing.T) {
	cf := cleanFile()
	cf.Proposed = nil
	cl := Check(cf)
	for _, p := range cl.Points {
		if (p.Key == "law" || p.Key == "discretion") && (p.Status != StatusNotRun || len(p.Findings) == 0) {
			t.Errorf("%s: %s %+v", p.Key, p.Status, p.Findings)
		}
	}
}

func ruleFine(j int, basis string, fine float64) rules.DecidedFine {
	return rules.DecidedFine{ID: "t-decided-" + strconv.Itoa(j), Basis: basis, Fine: fine}
}

// LoadCaseFile reads the agency's catalog and the case's extensions.
func TestLoadCaseFileExtensions(t *testing.T) {
	st := openDemo(t)
	ctx := context.Background()
	ext := warnings.Extension{ID: "ext-demo-case-09-1", CaseID: "demo-case-09", ApprovedOn: "2026-01-01", ApprovedBy: "示例局长（虚构）", Days: 30, Reason: "合成测试"}
	if err := st.PutObjects(ctx, "t", records.ObjectWrite{Kind: warnings.ExtensionKind, ID: ext.ID, CaseID: ext.CaseID, Action: "create", Value: ext}); err != nil {
		t.Fatal(err)
	}
	cf, err := LoadCaseFile(ctx, st, "demo-case-09", "t", time.Now())
	if err != nil {
		t.Fatal(err)
	}
	if len(cf.Extensions) != 1 || cf.Extensions[0].Days != 30 || cf.Catalog != DefaultCatalog() {
		t.Errorf("extensions %+v, catalog %v", cf.Extensions, cf.Catalog != nil)
	}
}
