package review

import (
	"encoding/json"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"zhifa/corpora"
	"zhifa/records"
	"zhifa/rules"
	"zhifa/warnings"
)

// Checklist is the machine-filled 法制审核 checklist of one case.
type Checklist struct {
	Required bool    `json:"required"`
	Points   []Point `json:"points"`
}

// Point is one point of the checklist.
type Point struct {
	Key      string    `json:"key"`
	Name     string    `json:"name"`
	Status   string    `json:"status"` // pass | fail | warn | not_run
	Findings []Finding `json:"findings"`
}

// Finding is one thing the machine found, with the article and the record it is about.
type Finding struct {
	Message  string `json:"message"`
	Citation string `json:"citation"`
	Record   string `json:"record"` // step id, evidence id, document id, officer id, case id …
	severity string // fail | warn
}

// Point statuses.
const (
	StatusPass   = "pass"
	StatusFail   = "fail"
	StatusWarn   = "warn"
	StatusNotRun = "not_run"
)

// PointKeys are the checklist's points in their order. 审核内容 point 9
// (职权 and 时效) is two points with a key each, so each has its own status.
var PointKeys = []string{"subject", "personnel", "procedure", "evidence", "law", "discretion", "documents", "transfer", "jurisdiction", "limitation"}

// PointNames are the points' Chinese names.
var PointNames = map[string]string{
	"subject": "主体", "personnel": "人员", "procedure": "程序", "evidence": "事实与证据", "law": "法律适用",
	"discretion": "裁量", "documents": "文书", "transfer": "涉嫌犯罪", "jurisdiction": "职权", "limitation": "时效",
}

// Citations the checklist rests on (all resolve in the embedded law corpus; tested).
const (
	cfl            = "《中华人民共和国行政处罚法》"
	citeSubject    = cfl + "第十七条"
	citeOfficers   = cfl + "第四十二条第一款"
	citeFiling     = cfl + "第五十四条第二款"
	citeInvestig   = cfl + "第五十四条第一款"
	citeNotice     = cfl + "第四十四条"
	citeStatement  = cfl + "第四十五条第一款"
	citeHearing    = cfl + "第六十三条第一款"
	citeHearingAsk = cfl + "第六十四条第（一）项"
	citeHearingDay = cfl + "第六十四条第（二）项"
	citeCollective = cfl + "第五十七条第二款"
	citeDecideDays = cfl + "第六十条"
	citeEvidence   = cfl + "第四十六条第二款"
	citeRecord     = cfl + "第四十七条"
	citeMonitoring = cfl + "第四十一条第一款"
	citeNoBasis    = cfl + "第三十八条第一款"
	citeVersion    = cfl + "第三十七条"
	citeBenchmark  = cfl + "第三十四条"
	citeFair       = cfl + "第五条第二款"
	citeDocument   = cfl + "第五十九条第一款"
	citeTransfer   = cfl + "第二十七条第一款"
	citeLocal      = cfl + "第二十二条"
	citeLimitation = cfl + "第三十六条第一款"
)

// CaseFile is everything the checklist reads about one case, gathered from
// the records by LoadCaseFile (or built by hand in tests and benchmarks).
type CaseFile struct {
	Case      records.Case // with Steps
	Agency    *records.Agency
	PowerItem *records.PowerItem
	Officers  map[string]records.Officer // the case's officers that exist
	Evidence  []records.Evidence
	// EvidenceBad: evidence id → why its stored file does not verify (missing, hash differs).
	EvidenceBad map[string]string
	Documents   []records.Document // latest version of each kind
	DocText     map[string]string  // document id → its text, where it could be read
	Proposed    *records.Decision  // the decision under review (the case's own when decided)
	Similar     []rules.DecidedFine
	// TransferNote records a transfer (移送) or why it does not apply.
	TransferNote string
	Scope        Scope
	// Catalog is the agency's review catalog (nil: the default), for the
	// agency's own figures such as its time for 立案.
	Catalog *Catalog
	// Extensions are the recorded approvals to decide later than 九十日 from 立案.
	Extensions []warnings.Extension
	Today      string // YYYY-MM-DD the checklist is run on (China time)
}

// DocumentsByStep are the documents each step needs (drafting's kinds).
var DocumentsByStep = map[string]string{
	records.StepFiling:     "立案审批表",
	records.StepNotice:     "行政处罚事先告知书",
	records.StepHearing:    "听证通知书",
	records.StepCollective: "集体讨论记录",
}

type pointCheck struct {
	findings []Finding
	notRun   string
}

func (p *pointCheck) fail(record, cite, format string, a ...any) {
	p.findings = append(p.findings, Finding{Message: fmt.Sprintf(format, a...), Citation: cite, Record: record, severity: StatusFail})
}

func (p *pointCheck) warn(record, cite, format string, a ...any) {
	p.findings = append(p.findings, Finding{Message: fmt.Sprintf(format, a...), Citation: cite, Record: record, severity: StatusWarn})
}

// Check fills in the checklist. It reads only cf: the same file gives the same list.
func Check(cf CaseFile) Checklist {
	out := Checklist{Required: cf.Scope.Required}
	checks := map[string]func(*CaseFile, *pointCheck){
		"subject": checkSubject, "personnel": checkPersonnel, "procedure": checkProcedure, "evidence": checkEvidence,
		"law": checkLaw, "discretion": checkDiscretion, "documents": checkDocuments, "transfer": checkTransfer,
		"jurisdiction": checkJurisdiction, "limitation": checkLimitation,
	}
	for _, k := range PointKeys {
		var pc pointCheck
		checks[k](&cf, &pc)
		p := Point{Key: k, Name: PointNames[k], Status: StatusPass, Findings: pc.findings}
		if p.Findings == nil {
			p.Findings = []Finding{}
		}
		for _, f := range p.Findings {
			if f.severity == StatusFail {
				p.Status = StatusFail
				break
			}
			p.Status = StatusWarn
		}
		if pc.notRun != "" && p.Status == StatusPass {
			p.Status = StatusNotRun
			p.Findings = append(p.Findings, Finding{Message: pc.notRun, Citation: citeFor(k), Record: cf.Case.ID})
		}
		out.Points = append(out.Points, p)
	}
	return out
}

func citeFor(key string) string {
	return map[string]string{"subject": citeSubject, "personnel": citeOfficers, "procedure": citeNotice, "evidence": citeEvidence,
		"law": citeNoBasis, "discretion": citeBenchmark, "documents": citeDocument, "transfer": citeTransfer,
		"jurisdiction": citeSubject, "limitation": citeLimitation}[key]
}

func checkSubject(cf *CaseFile, p *pointCheck) {
	c := cf.Case
	if cf.Agency == nil {
		p.fail(c.AgencyID, citeSubject, "the agency %q of the case is not in the records", c.AgencyID)
		return
	}
	if cf.PowerItem == nil {
		p.fail(c.PowerItemID, citeSubject, "the power item %q is not on any power list (权责清单)", c.PowerItemID)
		return
	}
	pi := cf.PowerItem
	if pi.AgencyID != cf.Agency.ID {
		p.fail(pi.ID, citeSubject, "power item %s (%s) is on the power list of %s, not of %s", pi.Code, pi.Name, pi.AgencyID, cf.Agency.ID)
	}
	if pi.Category != "" && len(cf.Agency.Domains) > 0 && !slices.Contains(cf.Agency.Domains, pi.Category) {
		p.fail(pi.ID, citeSubject, "power item category %s is not among the agency's domains (%s)", pi.Category, strings.Join(cf.Agency.Domains, "、"))
	}
	if cf.Agency.Level == "" || cf.Agency.Region == "" {
		p.warn(cf.Agency.ID, cfl+"第二十三条", "the agency records no level or region, so its territorial and level competence cannot be checked")
	} else if cf.Agency.Level == "乡" {
		p.warn(cf.Agency.ID, cfl+"第二十三条", "a township body decides only with power devolved under 第二十四条; check the province's decision")
	}
}

// investigative steps need two officers with valid certificates.
var investigative = []string{records.StepFiling, records.StepInvestigation, records.StepHearing}

func checkPersonnel(cf *CaseFile, p *pointCheck) {
	c := cf.Case
	if len(c.OfficerIDs) < 2 {
		p.fail(c.ID, citeOfficers, "the case names %d officer(s); 执法人员不得少于两人", len(c.OfficerIDs))
	}
	category := ""
	if cf.PowerItem != nil {
		category = cf.PowerItem.Category
	}
	for _, id := range c.OfficerIDs {
		o, ok := cf.Officers[id]
		if !ok {
			p.fail(id, citeOfficers, "officer %s is not in the records", id)
			continue
		}
		if o.AgencyID != c.AgencyID {
			p.fail(id, citeOfficers, "officer %s (%s) belongs to %s, not to the deciding agency %s", id, o.Name, o.AgencyID, c.AgencyID)
		}
		for _, s := range c.Steps {
			if !slices.Contains(investigative, s.Kind) {
				continue
			}
			if !o.Certificate.Covers(category, s.Day()) {
				p.fail(id, citeOfficers, "officer %s (%s): certificate %q is not valid for %s on %s (step %s %s; valid %s–%s, categories %s)",
					id, o.Name, o.Certificate.Number, category, s.Day(), s.ID, records.StepNames[s.Kind], o.Certificate.ValidFrom, o.Certificate.ValidUntil, strings.Join(o.Certificate.Categories, "、"))
				break
			}
		}
	}
}

// hearingApplies says whether the proposed decision is one of 第六十三条's, by the hearing rules of the catalog.
func hearingApplies(cf *CaseFile) (bool, string) {
	for _, m := range cf.Scope.Matched {
		if strings.HasPrefix(m.Citation, cfl+"第六十三条") && !strings.HasPrefix(m.Reason, "undetermined") {
			return true, m.Reason
		}
	}
	return false, ""
}

func checkProcedure(cf *CaseFile, p *pointCheck) {
	c := cf.Case
	steps := c.Steps
	if c.Procedure != records.ProcedureNormal {
		p.warn(c.ID, cfl+"第五十一条", "the case is not under the normal procedure (普通程序); only the on-the-spot checks apply")
		return
	}
	filing, ok := firstStep(steps, records.StepFiling)
	if !ok {
		p.fail(c.ID, citeFiling, "no 立案 step")
		return
	}
	checkFilingTime(cf, p, filing)
	if _, ok := firstStep(steps, records.StepInvestigation); !ok {
		p.fail(c.ID, citeInvestig, "no 调查取证 step")
	}
	notice, hasNotice := records.LatestStep(steps, records.StepNotice)
	decision, decided := records.LatestStep(steps, records.StepDecision)
	decideDay := cf.Today
	if decided {
		decideDay = decision.Day()
	} else if cf.Proposed != nil && cf.Proposed.Date != "" {
		decideDay = cf.Proposed.Date
	}
	if !hasNotice {
		p.fail(c.ID, citeNotice, "no 告知 step: the party has not been told of the proposed penalty and of the rights to state, defend and ask for a hearing")
	} else {
		var nd records.NoticeData
		_ = json.Unmarshal(notice.Data, &nd)
		end := nd.PeriodEnd
		if end == "" {
			end = notice.At.In(cst).AddDate(0, 0, 5).Format("2006-01-02")
		}
		if decideDay <= end {
			if decided {
				p.fail(decision.ID, citeStatement, "decision on %s, within the 陈述申辩 period that ends %s (step %s)", decideDay, end, notice.ID)
			} else {
				p.warn(notice.ID, citeStatement, "the 陈述申辩 period ends %s: no decision before then", end)
			}
		}
		if applies, why := hearingApplies(cf); applies {
			hearing, held := records.LatestStep(steps, records.StepHearing)
			if !held && !strings.Contains(nd.Content, "听证") {
				p.fail(notice.ID, citeHearing, "a hearing applies (%s) but the notice does not tell the party of the right to ask for one", why)
			}
			if held {
				var hd records.HearingData
				_ = json.Unmarshal(hearing.Data, &hd)
				held := hd.Date
				if held == "" {
					held = hearing.Day()
				}
				if hd.NotifiedOn == "" {
					p.warn(hearing.ID, citeHearingDay, "the hearing records no date its notice (听证通知书) was issued")
				} else if parseDay(hd.NotifiedOn).AddDate(0, 0, 7).After(parseDay(held)) {
					p.fail(hearing.ID, citeHearingDay, "hearing on %s notified on %s, less than seven days before", held, hd.NotifiedOn)
				}
				limit := notice.At.In(cst).AddDate(0, 0, 5).Format("2006-01-02")
				switch {
				case hearing.At.Before(notice.At):
					p.fail(hearing.ID, citeHearingAsk, "the hearing comes before the notice (%s); it must be asked for within five days of it (by %s)", notice.ID, limit)
				case hd.RequestedOn == "":
					p.warn(hearing.ID, citeHearingAsk, "the hearing records no requested_on (the day the party asked for it): the five days from 告知 on %s (by %s) cannot be checked", notice.Day(), limit)
				case hd.RequestedOn > limit:
					// a late request the agency granted is not the agency's error; the record should say why it was heard
					p.warn(hearing.ID, citeHearingAsk, "the party asked for the hearing on %s, more than five days after 告知 on %s (by %s); the hearing was granted anyway: the record should say why", hd.RequestedOn, notice.Day(), limit)
				}
			}
		}
	}
	if heavyPenalty(cf) {
		if _, ok := records.LatestStep(steps, records.StepCollective); !ok {
			if decided {
				p.fail(decision.ID, citeCollective, "a heavier penalty in review scope (%s) was decided without the agency heads' collective discussion (集体讨论)", scopeRules(cf))
			} else {
				p.warn(c.ID, citeCollective, "a heavier penalty in review scope (%s) needs the agency heads' collective discussion (集体讨论) before the decision", scopeRules(cf))
			}
		}
	}
	checkDecisionTime(cf, p, filing, decision, decided, decideDay)
}

// checkDecisionTime: the decision within 九十日 of 立案 (第六十条), or within
// the time as lengthened by extensions the agency head approved before it ran out.
func checkDecisionTime(cf *CaseFile, p *pointCheck, filing, decision records.Step, decided bool, decideDay string) {
	decisionDays := 90 // 行政处罚法 第六十条; the shipped figure below when it loads
	if ds, err := rules.Deadlines(); err == nil && ds["decision_limit"].Value > 0 {
		decisionDays = ds["decision_limit"].Value
	}
	ninety := filing.At.In(cst).AddDate(0, 0, decisionDays).Format("2006-01-02")
	due, extended, late := rules.DecisionDue(filing.Day(), warnings.DecisionExtensions(cf.Extensions))
	if due == "" {
		due = ninety
	}
	for _, e := range cf.Extensions {
		if e.Basis == "" {
			p.warn(e.ID, citeDecideDays, "extension %s (%d days, approved %s by %s) names no basis: 第六十条 allows another limit only where 法律、法规、规章另有规定", e.ID, e.Days, e.ApprovedOn, e.ApprovedBy)
		}
		for _, l := range late {
			if l.ApprovedOn == e.ApprovedOn && l.Days == e.Days {
				p.warn(e.ID, citeDecideDays, "extension %s was approved on %s, after the time for the decision had run out (%s): it extends nothing", e.ID, e.ApprovedOn, ninety)
				break
			}
		}
	}
	if decideDay > due {
		rec := filing.ID
		if decided {
			rec = decision.ID
		}
		if extended == 0 {
			p.fail(rec, citeDecideDays, "decision (%s) later than %d days after 立案 (%s, limit %s) and no extension approved in time is recorded", decideDay, decisionDays, filing.Day(), due)
		} else {
			p.fail(rec, citeDecideDays, "decision (%s) later than %d days after 立案 (%s) extended by %d days (limit %s)", decideDay, decisionDays, filing.Day(), extended, due)
		}
	}
}

// checkFilingTime: 立案 within the time the agency sets from the day the clue
// was found. The law says only 及时立案, so without the agency's figure or
// the day of discovery the finding says which is missing, never a guess.
func checkFilingTime(cf *CaseFile, p *pointCheck, filing records.Step) {
	cat := cf.Catalog
	if cat == nil {
		cat = DefaultCatalog()
	}
	var fd records.FilingData
	_ = json.Unmarshal(filing.Data, &fd)
	cite := cat.FilingDaysCitation
	if cite == "" {
		cite = citeFiling
	}
	unit := "days"
	if cat.FilingDaysUnit == FilingUnitWorkday {
		unit = "working days"
	}
	switch {
	case cat.FilingDays == 0:
		p.warn(filing.ID, citeFiling, "the agency's review catalog (%s) sets no time for 立案 (filing_days): 及时立案 is not checked against a figure", cat.Name)
		return
	case fd.DiscoveredOn == "":
		p.warn(filing.ID, cite, "the 立案 step records no discovered_on (the day the clue was found): the agency's %d %s for 立案 cannot be checked", cat.FilingDays, unit)
		return
	}
	from := parseDay(fd.DiscoveredOn)
	if from.IsZero() {
		p.warn(filing.ID, cite, "the 立案 step's discovered_on %q is not a date YYYY-MM-DD", fd.DiscoveredOn)
		return
	}
	due := from.AddDate(0, 0, cat.FilingDays)
	if cat.FilingDaysUnit == FilingUnitWorkday {
		d, err := rules.AddWorkingDays(from, cat.FilingDays, nil)
		if err != nil {
			p.warn(filing.ID, cite, "the %d working days for 立案 from %s cannot be counted: %v", cat.FilingDays, fd.DiscoveredOn, err)
			return
		}
		due = d
	}
	if limit := due.Format("2006-01-02"); filing.Day() > limit {
		p.fail(filing.ID, cite, "立案 on %s, more than %d %s after the clue was found on %s (the agency's limit was %s)", filing.Day(), cat.FilingDays, unit, fd.DiscoveredOn, limit)
	}
}

// heavyPenalty: 第五十七条第二款 needs collective discussion for 情节复杂或者重大违法行为给予较重的行政处罚;
// the catalog's rules that a hearing or complexity puts in scope stand for it.
func heavyPenalty(cf *CaseFile) bool {
	for _, m := range cf.Scope.Matched {
		if strings.HasPrefix(m.Reason, "undetermined") {
			continue
		}
		if strings.HasPrefix(m.Citation, cfl+"第六十三条") || m.Rule == "complex_case" {
			return true
		}
	}
	return false
}

func scopeRules(cf *CaseFile) string {
	var ids []string
	for _, m := range cf.Scope.Matched {
		if !strings.HasPrefix(m.Reason, "undetermined") {
			ids = append(ids, m.Rule)
		}
	}
	return strings.Join(ids, ", ")
}

func checkEvidence(cf *CaseFile, p *pointCheck) {
	c := cf.Case
	if len(cf.Evidence) == 0 {
		p.fail(c.ID, citeEvidence, "no evidence is recorded for the facts of the case")
		return
	}
	proves := ""
	for _, e := range cf.Evidence {
		if why, bad := cf.EvidenceBad[e.ID]; bad {
			p.fail(e.ID, citeEvidence, "evidence %s (%s): the stored file does not verify: %s", e.ID, e.Title, why)
		}
		if strings.TrimSpace(e.Proves) == "" {
			p.warn(e.ID, citeEvidence, "evidence %s (%s) does not say which fact it proves", e.ID, e.Title)
		}
		proves += e.Proves + e.Title
		if e.Kind == "av" {
			var miss []string
			for _, f := range []struct{ name, v string }{{"case_no", e.CaseNo}, {"collected_at", e.CollectedAt}, {"place", e.Place}, {"collector", e.Collector}} {
				if strings.TrimSpace(f.v) == "" {
					miss = append(miss, f.name)
				}
			}
			if len(miss) > 0 {
				p.fail(e.ID, citeRecord, "audio-video item %s (%s) lacks %s", e.ID, e.Title, strings.Join(miss, ", "))
			}
		}
		if e.Kind == "monitoring" || strings.Contains(e.Title, "电子技术监控") {
			p.warn(e.ID, citeMonitoring, "evidence %s comes from 电子技术监控 equipment: the record must show its 法制和技术审核 and that the party was told", e.ID)
		}
	}
	// Every amount the decision rests on must be proved by some item.
	for _, k := range sortedKeys(c.Amounts) {
		name := rules.AmountKeys[k]
		if name == "" {
			name = map[string]string{"illegal_income": "违法所得"}[k]
		}
		if name != "" && !strings.Contains(proves, name) {
			p.warn(c.ID, citeEvidence, "no evidence item says it proves the %s (%s) of %s", name, k, yuan(c.Amounts[k]))
		}
	}
}

func checkLaw(cf *CaseFile, p *pointCheck) {
	law := corpora.Default()
	var violated corpora.Resolution
	if cf.PowerItem != nil && cf.PowerItem.LegalBasis != "" {
		r, err := law.Cite(cf.PowerItem.LegalBasis)
		if err != nil {
			p.fail(cf.PowerItem.ID, citeNoBasis, "the power item's legal basis does not resolve: %v", err)
		} else {
			violated = r
			if l := law.Law(r.Law); l != nil && l.Status == "已废止" {
				p.fail(cf.PowerItem.ID, citeVersion, "%s is repealed (已废止)", r.Law)
			}
		}
	}
	if cf.Proposed == nil {
		p.notRun = "no proposed decision is recorded: the penalty basis cannot be checked"
		return
	}
	d := cf.Proposed
	basis, err := law.Cite(d.PenaltyBasis)
	if err != nil {
		p.fail(cf.Case.ID, citeNoBasis, "the penalty basis does not resolve: %v", err)
		return
	}
	l := law.Law(basis.Law)
	if l != nil && l.Status == "已废止" {
		p.fail(cf.Case.ID, citeVersion, "the penalty basis %s is in a repealed law (已废止)", d.PenaltyBasis)
	}
	if act := actDate(cf.Case); act != "" && l != nil && l.Revised != "" && l.Revised > act {
		p.warn(cf.Case.ID, citeVersion, "%s was revised on %s, after the act (%s): apply the version in force then, or the new one if lighter", basis.Law, l.Revised, act)
	}
	if violated.Valid && violated.Law != basis.Law {
		p.fail(cf.Case.ID, citeNoBasis, "the penalty basis (%s) is in another law than the violated provision (%s)", d.PenaltyBasis, cf.PowerItem.LegalBasis)
	} else if violated.Valid && violated.Article != basis.Article {
		p.warn(cf.Case.ID, citeNoBasis, "the penalty basis is 第%d条 but the power item's provision is 第%d条: check the penalty provision sanctions that obligation", basis.Article, violated.Article)
	}
	text := basis.Text
	if a := law.Article(basis.Law, basis.Article, basis.ArticleSuffix); a != nil {
		text = a.Text
	}
	if d.Fine > 0 && !strings.Contains(text, "罚款") {
		p.fail(cf.Case.ID, citeNoBasis, "a fine is proposed but %s provides no 罚款", d.PenaltyBasis)
	}
	if d.Confiscation > 0 && !strings.Contains(text, "没收") {
		p.fail(cf.Case.ID, citeNoBasis, "confiscation is proposed but %s provides no 没收", d.PenaltyBasis)
	}
	for _, w := range []string{"吊销", "责令停产停业", "责令关闭", "限制从业", "拘留"} {
		if strings.Contains(d.Summary, w) && !strings.Contains(text, w) {
			p.fail(cf.Case.ID, citeNoBasis, "the decision says %s but %s does not provide it", w, d.PenaltyBasis)
		}
	}
}

// ruleInput is the rules' view of the case with the proposed decision.
func ruleInput(cf *CaseFile) rules.Input {
	c := cf.Case
	alias := map[string]string{"illegal_income": "illegal_gains", "first_violation": "first_offense"}
	in := rules.Input{Facts: c.Facts, Amounts: map[string]float64{}, ActDate: actDate(c), DiscoveryDate: c.OpenedOn}
	if cf.Proposed != nil {
		in.PenaltyBasis, in.DecisionDate = cf.Proposed.PenaltyBasis, cf.Proposed.Date
	}
	if in.DecisionDate == "" {
		in.DecisionDate = cf.Today
	}
	for k, v := range c.Amounts {
		if a, ok := alias[k]; ok {
			k = a
		}
		if _, ok := rules.AmountKeys[k]; ok && v >= 0 && v <= rules.MaxAmount {
			in.Amounts[k] = v
		}
	}
	for _, code := range c.Circumstances {
		if a, ok := alias[code]; ok {
			code = a
		}
		if _, ok := rules.CircumstanceCodes[code]; ok {
			in.Circumstances = append(in.Circumstances, code)
		}
	}
	if len(c.Parties) > 0 {
		in.Party.Type = c.Parties[0].Kind
	}
	return in
}

func checkDiscretion(cf *CaseFile, p *pointCheck) {
	if cf.Proposed == nil {
		p.notRun = "no proposed decision is recorded: no fine to check"
		return
	}
	d := cf.Proposed
	s, err := rules.Suggest(ruleInput(cf))
	if err != nil {
		p.warn(cf.Case.ID, citeBenchmark, "the discretion engine cannot read the case: %v", err)
		return
	}
	if s.Statutory != nil {
		if d.Fine < s.Statutory.Min || d.Fine > s.Statutory.Max {
			p.fail(cf.Case.ID, citeFair, "proposed fine %s is outside the statutory range %s–%s (%s)", yuan(d.Fine), yuan(s.Statutory.Min), yuan(s.Statutory.Max), d.PenaltyBasis)
		} else if src, _ := s.Benchmark["source"].(string); src != "statutory" && (d.Fine < s.Suggested.Min || d.Fine > s.Suggested.Max) {
			p.warn(cf.Case.ID, citeBenchmark, "proposed fine %s is outside the benchmark tier's range %s–%s: state the reason for departing from it", yuan(d.Fine), yuan(s.Suggested.Min), yuan(s.Suggested.Max))
		}
	} else if d.Fine > 0 {
		p.warn(cf.Case.ID, citeFair, "no statutory fine range could be computed for %s: check the figure by hand", d.PenaltyBasis)
	}
	if s.Outcome != "penalty" && d.Fine > 0 {
		p.fail(cf.Case.ID, citeFair, "the rules say %s (%s) but a fine is proposed", s.Outcome, strings.Join(s.DecisionReasons(), ""))
	}
	var others []rules.DecidedFine
	for _, o := range cf.Similar {
		if o.ID != cf.Case.ID {
			others = append(others, o)
		}
	}
	fc := rules.CheckFine(d.Fine, d.PenaltyBasis, others, rules.ConsistencyOptions{})
	if fc.Outlier {
		var ids []string
		for _, b := range fc.Because {
			ids = append(ids, b.ID)
		}
		p.warn(strings.Join(ids, ","), citeFair, "proposed fine %s is an outlier among %d decided cases under the same basis (median %s, percentile %.0f): %s", yuan(d.Fine), fc.Cases, yuan(fc.Median), fc.Percentile, fc.Warning)
	}
}

func checkDocuments(cf *CaseFile, p *pointCheck) {
	have := map[string]records.Document{}
	for _, d := range cf.Documents {
		have[d.Kind] = d
	}
	seen := map[string]bool{}
	for _, s := range cf.Case.Steps {
		kind, ok := DocumentsByStep[s.Kind]
		if !ok || seen[kind] {
			continue
		}
		seen[kind] = true
		if _, ok := have[kind]; !ok {
			p.fail(s.ID, citeRecord, "step %s (%s) has no %s among the case's documents", s.ID, records.StepNames[s.Kind], kind)
		}
	}
	for _, d := range cf.Documents {
		text, ok := cf.DocText[d.ID]
		if !ok {
			continue
		}
		if i := strings.Index(text, "【缺："); i >= 0 {
			j := strings.Index(text[i:], "】")
			miss := text[i:]
			if j > 0 {
				miss = text[i : i+j+len("】")]
			}
			p.fail(d.ID, citeDocument, "document %s (%s %s) is incomplete: %s", d.ID, d.Kind, d.Number, miss)
		}
		if cf.Proposed != nil && (d.Kind == "行政处罚事先告知书" || d.Kind == "行政处罚决定书") {
			fig := strconv.FormatFloat(cf.Proposed.Fine, 'f', 2, 64) + "元"
			if cf.Proposed.Fine > 0 && !strings.Contains(text, fig) {
				p.fail(d.ID, citeDocument, "document %s (%s) does not state the proposed fine %s", d.ID, d.Kind, fig)
			}
			if cite := articleLabel(cf.Proposed.PenaltyBasis); cite != "" && !strings.Contains(text, cite) {
				p.fail(d.ID, citeDocument, "document %s (%s) does not cite the penalty basis %s", d.ID, d.Kind, cf.Proposed.PenaltyBasis)
			}
		}
	}
}

var articleRe = regexp.MustCompile(`第[一二三四五六七八九十百零〇]+条(之[一二三四五六七八九十]+)?`)

func articleLabel(cit string) string { return articleRe.FindString(cit) }

func checkTransfer(cf *CaseFile, p *pointCheck) {
	res, err := rules.Transfer(ruleInput(cf))
	if err != nil {
		p.warn(cf.Case.ID, citeTransfer, "the transfer thresholds cannot read the case: %v", err)
		return
	}
	if len(res.Flags) == 0 {
		return
	}
	recorded := strings.TrimSpace(cf.TransferNote) != ""
	for _, d := range cf.Documents {
		if d.Kind == "涉嫌犯罪案件移送书" {
			recorded = true
		}
	}
	for _, f := range res.Flags {
		if recorded {
			p.warn(cf.Case.ID, f.StandardBasis, "threshold %s (%s) is reached; a transfer or the reason it does not apply is recorded: %s", f.Crime, f.Reason, cf.TransferNote)
		} else {
			p.fail(cf.Case.ID, citeTransfer+"；"+f.StandardBasis, "suspected crime %s: %s — record the transfer (涉嫌犯罪案件移送书) or why it does not apply", f.Crime, f.Reason)
		}
	}
}

func checkJurisdiction(cf *CaseFile, p *pointCheck) {
	c := cf.Case
	if cf.PowerItem == nil {
		p.fail(c.PowerItemID, citeSubject, "the case names no power item on the agency's list")
		return
	}
	if cf.PowerItem.AgencyID != c.AgencyID {
		p.fail(cf.PowerItem.ID, citeSubject, "the power item belongs to %s: the deciding agency %s holds no such power", cf.PowerItem.AgencyID, c.AgencyID)
	}
	if cf.PowerItem.Kind != records.KindPenalty {
		p.fail(cf.PowerItem.ID, citeSubject, "power item %s is a %s item, not a penalty (行政处罚) item", cf.PowerItem.Code, cf.PowerItem.Kind)
	}
	if cf.Agency != nil && cf.Agency.Region != "" && len(c.Parties) > 0 && c.Parties[0].Address != "" {
		region := lastRegion(cf.Agency.Region)
		if region != "" && !strings.Contains(c.Parties[0].Address, region) {
			p.warn(c.ID, citeLocal, "the party's address (%s) is not in the agency's region (%s): check where the act took place", c.Parties[0].Address, cf.Agency.Region)
		}
	}
}

// lastRegion is the last unit of a region such as 示例省示例市示例县 → 示例县.
func lastRegion(r string) string {
	rs := []rune(r)
	for i := len(rs) - 2; i >= 0; i-- {
		if strings.ContainsRune("省市县区州盟旗", rs[i]) {
			return string(rs[i+1:])
		}
	}
	return r
}

var dateRe = regexp.MustCompile(`(\d{4})年(\d{1,2})月(?:(\d{1,2})日)?`)

// actDate is the earliest date the facts state (违法行为发生日), "" when they state none.
func actDate(c records.Case) string {
	m := dateRe.FindStringSubmatch(c.Facts)
	if m == nil {
		return ""
	}
	y, _ := strconv.Atoi(m[1])
	mo, _ := strconv.Atoi(m[2])
	d := 1
	if m[3] != "" {
		d, _ = strconv.Atoi(m[3])
	}
	return fmt.Sprintf("%04d-%02d-%02d", y, mo, d)
}

func checkLimitation(cf *CaseFile, p *pointCheck) {
	c := cf.Case
	act := actDate(c)
	if act == "" {
		p.warn(c.ID, citeLimitation, "the facts state no date of the act (违法行为发生日): whether it is time-barred cannot be checked")
		return
	}
	years := 2
	if slices.Contains(c.Circumstances, "health_or_financial_harm") {
		years = 5
	}
	found := c.OpenedOn
	if f, ok := firstStep(c.Steps, records.StepFiling); ok {
		found = f.Day()
	}
	limit := parseDay(act).AddDate(years, 0, 0).Format("2006-01-02")
	if found > limit {
		p.fail(c.ID, citeLimitation, "the act (%s, read from the facts) was found on %s, more than %d years later (limit %s): 不再给予行政处罚", act, found, years, limit)
	}
}

var cst = time.FixedZone("CST", 8*3600)

func parseDay(s string) time.Time { t, _ := time.ParseInLocation("2006-01-02", s, cst); return t }

func firstStep(steps []records.Step, kind string) (records.Step, bool) {
	for _, s := range steps {
		if s.Kind == kind {
			return s, true
		}
	}
	return records.Step{}, false
}

func sortedKeys(m map[string]float64) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}
