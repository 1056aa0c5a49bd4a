package rules

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"slices"
	"strings"
	"sync"
	"time"

	"zhifa/corpora"
)

// Deadline is one statutory or policy time limit (期限) as shipped in
// corpora/deadlines/deadlines.json, with the words it comes from.
type Deadline struct {
	ID       string `json:"id"`
	Value    int    `json:"value"`
	Unit     string `json:"unit"` // day | hour | year | month_day (M×100+D)
	Citation string `json:"citation"`
	Quote    string `json:"quote"`
	Figure   string `json:"figure"`
	Policy   string `json:"policy,omitempty"` // file under corpora/policy/ when the source is a policy text
	Note     string `json:"note,omitempty"`
}

var (
	deadlinesOnce sync.Once
	deadlines     map[string]Deadline
	deadlinesErr  error
)

// Deadlines returns the shipped deadlines by id.
func Deadlines() (map[string]Deadline, error) {
	deadlinesOnce.Do(func() {
		b, err := fs.ReadFile(corpora.FS, "deadlines/deadlines.json")
		if err != nil {
			deadlinesErr = fmt.Errorf("rules: deadlines: %w", err)
			return
		}
		var list []Deadline
		if err := json.Unmarshal(b, &list); err != nil {
			deadlinesErr = fmt.Errorf("rules: deadlines: %w", err)
			return
		}
		deadlines = map[string]Deadline{}
		for _, d := range list {
			deadlines[d.ID] = d
		}
	})
	return deadlines, deadlinesErr
}

// deadline is one shipped deadline; the data is embedded and checked by
// tests, so a missing id is a programming error.
func deadline(id string) Deadline {
	ds, err := Deadlines()
	if err != nil {
		panic(err)
	}
	d, ok := ds[id]
	if !ok {
		panic("rules: no deadline " + id + " in corpora/deadlines/deadlines.json")
	}
	return d
}

// Warning kinds computed here. Other workflows add their own (review_overdue,
// disclosure_due, …) through their warnings sources.
const (
	WarnDecisionLimit   = "decision_limit"   // 九十日 from 立案
	WarnServiceLimit    = "service_limit"    // 送达 within 七日 of the decision
	WarnStatementPeriod = "statement_period" // 陈述申辩 period running
	WarnHearingPeriod   = "hearing_period"   // 五日 to ask for a hearing; 七日 notice of it
	WarnTransfer        = "transfer"         // 3日 to approve, 24小时 to send
	WarnLimitation      = "limitation"       // 二年 / 五年
	WarnAnnualReport    = "annual_report"    // 统计年报 due
)

var cst = time.FixedZone("CST", 8*3600)

// Day is t's date in China (YYYY-MM-DD).
func Day(t time.Time) string { return t.In(cst).Format("2006-01-02") }

// ParseDay reads YYYY-MM-DD as a China date; ok is false for anything else.
func ParseDay(s string) (time.Time, bool) {
	t, err := time.ParseInLocation("2006-01-02", s, cst)
	return t, err == nil
}

// DaysBetween is the number of calendar days from day a to day b (b − a).
func DaysBetween(a, b string) int {
	ta, ok1 := ParseDay(a)
	tb, ok2 := ParseDay(b)
	if !ok1 || !ok2 {
		return 0
	}
	return int(tb.Sub(ta).Hours() / 24)
}

func addDays(d string, n int) string {
	t, _ := ParseDay(d)
	return Day(t.AddDate(0, 0, n))
}

// newWarning fills Due, DaysLeft (from today) and the deadline's citation.
func newWarning(kind string, d Deadline, due, today, msg string) Warning {
	return Warning{Kind: kind, Due: due, DaysLeft: DaysBetween(today, due), Citation: d.Citation, Message: msg}
}

// DecisionLimit: a case filed on filedOn must be decided within 九十日
// (行政处罚法 第六十条). decidedOn is "" while undecided. It warns while the
// decision is pending and when it came late; nil when decided in time.
func DecisionLimit(filedOn, decidedOn string, now time.Time) *Warning {
	return DecisionLimitExtended(filedOn, decidedOn, nil, now)
}

// DecisionExtension is a recorded approval, by the agency head, to decide
// later than 九十日 from 立案 (第六十条: 法律、法规、规章另有规定的，从其规定).
type DecisionExtension struct {
	ApprovedOn string // YYYY-MM-DD
	Days       int
}

// DecisionDue is the last day for the decision of a case filed on filedOn:
// 九十日, lengthened by each extension approved on or before the limit then
// running (in the order approved). An extension approved after the limit ran
// out lengthens nothing and is returned in late.
func DecisionDue(filedOn string, exts []DecisionExtension) (due string, extended int, late []DecisionExtension) {
	d := deadline("decision_limit")
	if _, ok := ParseDay(filedOn); !ok {
		return "", 0, nil
	}
	due = addDays(filedOn, d.Value)
	sorted := slices.Clone(exts)
	slices.SortStableFunc(sorted, func(a, b DecisionExtension) int { return strings.Compare(a.ApprovedOn, b.ApprovedOn) })
	for _, e := range sorted {
		if _, ok := ParseDay(e.ApprovedOn); !ok || e.Days <= 0 || e.ApprovedOn > due {
			late = append(late, e)
			continue
		}
		due = addDays(due, e.Days)
		extended += e.Days
	}
	return due, extended, late
}

// DecisionLimitExtended is DecisionLimit with the case's recorded extensions.
func DecisionLimitExtended(filedOn, decidedOn string, exts []DecisionExtension, now time.Time) *Warning {
	d := deadline("decision_limit")
	due, extended, late := DecisionDue(filedOn, exts)
	if due == "" {
		return nil
	}
	today := Day(now)
	limit := fmt.Sprintf("the %d-day limit from 立案", d.Value)
	if extended > 0 {
		limit = fmt.Sprintf("the %d-day limit from 立案 extended by %d days", d.Value, extended)
	}
	var msg string
	switch {
	case decidedOn != "" && decidedOn > due:
		msg = fmt.Sprintf("决定 made %s, after %s (%s)", decidedOn, limit, due)
	case decidedOn != "":
		return nil
	case today > due:
		msg = fmt.Sprintf("no 决定 within %s: the limit was %s", limit, due)
	default:
		msg = fmt.Sprintf("决定 due by %s (%s on %s)", due, limit, filedOn)
	}
	for _, e := range late {
		if e.Days <= 0 {
			msg += fmt.Sprintf("; an extension approved on %s gives no days and extends nothing", e.ApprovedOn)
			continue
		}
		msg += fmt.Sprintf("; an extension of %d days approved on %s came after the limit had run out and extends nothing", e.Days, e.ApprovedOn)
	}
	w := newWarning(WarnDecisionLimit, d, due, today, msg)
	return &w
}

// ServiceLimit: a decision not handed over on the spot is served within 七日
// (第六十一条). servedOn is "" while unserved.
func ServiceLimit(decidedOn, servedOn string, now time.Time) *Warning {
	d := deadline("service_limit")
	if _, ok := ParseDay(decidedOn); !ok {
		return nil
	}
	due, today := addDays(decidedOn, d.Value), Day(now)
	var msg string
	switch {
	case servedOn != "" && servedOn > due:
		msg = fmt.Sprintf("送达 on %s, after the %d-day limit (%s)", servedOn, d.Value, due)
	case servedOn != "":
		return nil
	case today > due:
		msg = fmt.Sprintf("decision not served within %d days: the limit was %s", d.Value, due)
	default:
		msg = fmt.Sprintf("送达 of the decision due by %s (%d days from the decision)", due, d.Value)
	}
	w := newWarning(WarnServiceLimit, d, due, today, msg)
	return &w
}

// StatementPeriod: while the 陈述申辩 period after 告知 runs (it ends on
// periodEnd, as the notice records it) and nothing is decided, the party is
// still to be heard (第四十五条); no decision may be made before it ends.
// recorded says whether periodEnd was written on the notice or is the
// record's default.
func StatementPeriod(periodEnd string, recorded, decided bool, now time.Time) *Warning {
	d := deadline("statement_period")
	today := Day(now)
	if decided || periodEnd == "" || today > periodEnd {
		return nil
	}
	msg := fmt.Sprintf("陈述申辩 period ends %s; no 决定 before then", periodEnd)
	if !recorded {
		msg += " (period_end not recorded on the 告知: five days after the notice, as the step rules read it)"
	}
	w := newWarning(WarnStatementPeriod, d, periodEnd, today, msg)
	return &w
}

// HearingRequest: the party may ask for a hearing within 五日 of 告知
// (第六十四条第（一）项); warns while that window is open and no hearing or
// decision is recorded.
func HearingRequest(noticeOn string, heard, decided bool, now time.Time) *Warning {
	d := deadline("hearing_request")
	if _, ok := ParseDay(noticeOn); !ok || heard || decided {
		return nil
	}
	due, today := addDays(noticeOn, d.Value), Day(now)
	if today > due {
		return nil
	}
	w := newWarning(WarnHearingPeriod, d, due, today, fmt.Sprintf("the party may ask for a 听证 until %s (%d days from 告知 on %s)", due, d.Value, noticeOn))
	return &w
}

// HearingNotice: the hearing held on heldOn must be notified 七日 before
// (第六十四条第（二）项); warns when notifiedOn is later than that.
func HearingNotice(heldOn, notifiedOn string, now time.Time) *Warning {
	d := deadline("hearing_notice")
	if _, ok := ParseDay(heldOn); !ok {
		return nil
	}
	if _, ok := ParseDay(notifiedOn); !ok {
		return nil
	}
	latest := addDays(heldOn, -d.Value)
	if notifiedOn <= latest {
		return nil
	}
	w := newWarning(WarnHearingPeriod, d, latest, Day(now), fmt.Sprintf("听证 on %s notified on %s, less than %d days before (notice was due by %s)", heldOn, notifiedOn, d.Value, latest))
	return &w
}

// TransferFacts is what a case records of a 涉嫌犯罪移送 (国务院令第730号).
type TransferFacts struct {
	ReportedOn string    // YYYY-MM-DD the head received the written report (书面报告)
	DecidedOn  string    // YYYY-MM-DD the head approved or refused ("" while pending)
	Approved   bool      // 批准移送
	DecidedAt  time.Time // when approval was given, for the 24 hours; zero when unknown
	SentAt     time.Time // when the case went to the public-security organ; zero while unsent
}

// TransferDeadlines: the head decides within 3日 of the report; an approved transfer
// goes within 24小时 (《行政执法机关移送涉嫌犯罪案件的规定》第五条).
func TransferDeadlines(f TransferFacts, now time.Time) []Warning {
	today := Day(now)
	var out []Warning
	if _, ok := ParseDay(f.ReportedOn); ok {
		d := deadline("transfer_approval")
		due := addDays(f.ReportedOn, d.Value)
		switch {
		case f.DecidedOn == "":
			out = append(out, newWarning(WarnTransfer, d, due, today, fmt.Sprintf("批准或不批准移送 due by %s (%d days from the report on %s)", due, d.Value, f.ReportedOn)))
		case f.DecidedOn > due:
			out = append(out, newWarning(WarnTransfer, d, due, today, fmt.Sprintf("移送 decided on %s, after the %d-day limit (%s)", f.DecidedOn, d.Value, due)))
		}
	}
	if f.Approved && !f.DecidedAt.IsZero() {
		d := deadline("transfer_send")
		dueAt := f.DecidedAt.Add(time.Duration(d.Value) * time.Hour)
		due := Day(dueAt)
		switch {
		case f.SentAt.IsZero():
			msg := fmt.Sprintf("approved transfer to be sent by %s (%d hours from approval)", dueAt.In(cst).Format("2006-01-02 15:04"), d.Value)
			if now.After(dueAt) {
				msg = fmt.Sprintf("approved transfer not sent within %d hours: the limit was %s", d.Value, dueAt.In(cst).Format("2006-01-02 15:04"))
			}
			out = append(out, newWarning(WarnTransfer, d, due, today, msg))
		case f.SentAt.After(dueAt):
			out = append(out, newWarning(WarnTransfer, d, due, today, fmt.Sprintf("transfer sent %s, after the %d-hour limit (%s)", f.SentAt.In(cst).Format("2006-01-02 15:04"), d.Value, dueAt.In(cst).Format("2006-01-02 15:04"))))
		}
	}
	return out
}

// LimitationHorizon is how many days ahead an approaching limitation is shown.
const LimitationHorizon = 60

// Limitation: a violation not discovered within 二年 (五年 when it concerns
// life, health or financial security with harmful consequences) is no longer
// punished (第三十六条). violationOn is the day the violation happened or, if
// continuing, ended; discoveredOn is "" while not yet discovered. It warns
// when discovery came after the limit, and while undiscovered within the
// horizon of the limit.
func Limitation(violationOn string, extended bool, discoveredOn string, now time.Time) *Warning {
	d := deadline("limitation")
	if extended {
		d = deadline("limitation_extended")
	}
	t, ok := ParseDay(violationOn)
	if !ok {
		return nil
	}
	due, today := Day(t.AddDate(d.Value, 0, 0)), Day(now)
	switch {
	case discoveredOn != "" && discoveredOn > due:
		w := newWarning(WarnLimitation, d, due, today, fmt.Sprintf("violation of %s discovered on %s, after the %d-year limitation (%s): 不再给予行政处罚 unless a law provides otherwise", violationOn, discoveredOn, d.Value, due))
		return &w
	case discoveredOn == "" && DaysBetween(today, due) <= LimitationHorizon:
		w := newWarning(WarnLimitation, d, due, today, fmt.Sprintf("the %d-year limitation for the violation of %s ends %s", d.Value, violationOn, due))
		return &w
	}
	return nil
}

// AnnualReportDates are the two days the 统计年报 of a year is due in the
// next January: to the justice department and to the public. Zero values
// mean the shipped ones (1月15日, 1月31日).
type AnnualReportDates struct {
	Justice  int // M×100+D
	Public   int
	LeadDays int // how many days ahead to warn; 0 means 31
}

// AnnualReport: the statistics of year are reported to the justice
// department and published in the January after; it warns from LeadDays
// before each day until it is done (reported / published say what is
// recorded as done).
func AnnualReport(year int, dates AnnualReportDates, reported, published bool, now time.Time) []Warning {
	lead := dates.LeadDays
	if lead == 0 {
		lead = 31
	}
	today := Day(now)
	var out []Warning
	for _, p := range []struct {
		id   string
		md   int
		done bool
		to   string
	}{{"annual_report_justice", dates.Justice, reported, "to the justice department (司法行政部门)"}, {"annual_report_public", dates.Public, published, "to the public"}} {
		d := deadline(p.id)
		md := p.md
		if md == 0 {
			md = d.Value
		}
		if p.done {
			continue
		}
		due := fmt.Sprintf("%04d-%02d-%02d", year+1, md/100, md%100)
		left := DaysBetween(today, due)
		if left > lead || left < -lead {
			continue
		}
		w := newWarning(WarnAnnualReport, d, due, today, fmt.Sprintf("统计年报 %d due %s %s", year, due, p.to))
		if md != d.Value {
			w.Message += fmt.Sprintf(" (configured; the cited text says %s)", d.Figure)
		}
		out = append(out, w)
	}
	return out
}

// CaseFacts are the dates of one case that its deadlines turn on.
type CaseFacts struct {
	AgencyID, CaseID  string
	FiledOn           string // 立案
	NoticeOn          string // 告知
	StatementEnd      string // end of 陈述申辩
	StatementRecorded bool   // StatementEnd was written on the notice
	HearingOn         string // 听证 held
	HearingNotifiedOn string
	Heard             bool // a hearing step exists
	DecidedOn         string
	ServedOn          string
	ViolationOn       string // 违法行为发生或终了之日, when recorded
	Extended          bool   // 五年 limitation applies
	DiscoveredOn      string
	Transfers         []TransferFacts
	Extensions        []DecisionExtension // of the 九十日 for the decision
}

// CaseWarnings computes every deadline of one case as of now: the one place
// both the warnings list and a step's own warnings come from.
func CaseWarnings(f CaseFacts, now time.Time) []Warning {
	var out []Warning
	add := func(w *Warning) {
		if w != nil {
			out = append(out, *w)
		}
	}
	decided := f.DecidedOn != ""
	add(DecisionLimitExtended(f.FiledOn, f.DecidedOn, f.Extensions, now))
	add(ServiceLimit(f.DecidedOn, f.ServedOn, now))
	if f.NoticeOn != "" {
		add(StatementPeriod(f.StatementEnd, f.StatementRecorded, decided, now))
		add(HearingRequest(f.NoticeOn, f.Heard, decided, now))
	}
	add(HearingNotice(f.HearingOn, f.HearingNotifiedOn, now))
	for _, t := range f.Transfers {
		out = append(out, TransferDeadlines(t, now)...)
	}
	add(Limitation(f.ViolationOn, f.Extended, f.DiscoveredOn, now))
	for i := range out {
		out[i].AgencyID, out[i].CaseID = f.AgencyID, f.CaseID
	}
	return out
}
