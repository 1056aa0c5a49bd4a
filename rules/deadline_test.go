package rules

import (
	"strconv"
	"strings"
	"testing"
	"time"

	"zhifa/corpora"
	"zhifa/nlp"
)

// Every shipped deadline reads back from its source: the citation resolves
// (or the policy text exists), the quote is in that text, and the figure is
// in the quote and says the value.
func TestDeadlinesCitedFromCorpus(t *testing.T) {
	ds, err := Deadlines()
	if err != nil {
		t.Fatal(err)
	}
	c := corpora.Default()
	policies := corpora.Policies()
	for _, id := range []string{"decision_limit", "service_limit", "statement_period", "hearing_request", "hearing_notice", "transfer_approval", "transfer_send", "limitation", "limitation_extended", "annual_report_justice", "annual_report_public", "reconsideration_period", "litigation_period"} {
		d, ok := ds[id]
		if !ok {
			t.Errorf("%s: missing", id)
			continue
		}
		var text string
		if d.Policy != "" {
			text = policies[d.Policy]
			if text == "" {
				t.Errorf("%s: no policy text %s", id, d.Policy)
			}
		} else {
			r, err := c.Cite(d.Citation)
			if err != nil {
				t.Errorf("%s: %v", id, err)
				continue
			}
			text = r.Text
		}
		if !strings.Contains(text, d.Quote) {
			t.Errorf("%s: quote %q not in the text of %s", id, d.Quote, d.Citation)
		}
		if d.Figure != "" && !strings.Contains(d.Quote, d.Figure) {
			t.Errorf("%s: figure %q not in its quote", id, d.Figure)
		}
		if got := figureValue(d); got != d.Value {
			t.Errorf("%s: figure %q reads %d, value is %d", id, d.Figure, got, d.Value)
		}
	}
}

// figureValue reads the number a figure says: 九十日 → 90, 3日 → 3, 1月15日 → 115.
func figureValue(d Deadline) int {
	f := d.Figure
	if f == "" {
		return 0
	}
	if d.Unit == "month_day" {
		m, rest, _ := strings.Cut(strings.TrimSuffix(f, "日"), "月")
		mi, _ := strconv.Atoi(m)
		di, _ := strconv.Atoi(rest)
		return mi*100 + di
	}
	num := strings.TrimSuffix(strings.TrimRight(f, "日年小时月"), "个")
	if n, err := strconv.Atoi(num); err == nil {
		return n
	}
	v, _ := nlp.ParseChineseInt(num)
	return int(v)
}

func at(s string) time.Time {
	t, _ := time.ParseInLocation("2006-01-02 15:04", s, cst)
	return t
}

// Each rule fires on the facts it is about and stays silent otherwise
// (synthetic dates).
func TestDeadlineRules(t *testing.T) {
	now := at("2026-06-10 09:00")
	type tc struct {
		name     string
		got      []Warning
		n        int
		due      string
		daysLeft int
		cite     string
	}
	one := func(w *Warning) []Warning {
		if w == nil {
			return nil
		}
		return []Warning{*w}
	}
	for _, c := range []tc{
		{"decision pending", one(DecisionLimit("2026-04-01", "", now)), 1, "2026-06-30", 20, "第六十条"},
		{"decision overdue", one(DecisionLimit("2026-03-01", "", now)), 1, "2026-05-30", -11, "第六十条"},
		{"decision late", one(DecisionLimit("2026-01-01", "2026-04-05", now)), 1, "2026-04-01", -70, "第六十条"},
		{"decision in time", one(DecisionLimit("2026-01-01", "2026-03-31", now)), 0, "", 0, ""},
		{"decision day 90 in time", one(DecisionLimit("2026-01-01", "2026-04-01", now)), 0, "", 0, ""},
		{"decision extended in time", one(DecisionLimitExtended("2026-01-01", "2026-04-05", []DecisionExtension{{ApprovedOn: "2026-03-30", Days: 30}}, now)), 0, "", 0, ""},
		{"decision extended, still late", one(DecisionLimitExtended("2026-01-01", "2026-05-05", []DecisionExtension{{ApprovedOn: "2026-03-30", Days: 30}}, now)), 1, "2026-05-01", -40, "第六十条"},
		{"decision extended, pending", one(DecisionLimitExtended("2026-03-01", "", []DecisionExtension{{ApprovedOn: "2026-05-29", Days: 30}}, now)), 1, "2026-06-29", 19, "第六十条"},
		{"decision extended on day 90", one(DecisionLimitExtended("2026-01-01", "2026-04-05", []DecisionExtension{{ApprovedOn: "2026-04-01", Days: 30}}, now)), 0, "", 0, ""},
		{"decision extension approved too late", one(DecisionLimitExtended("2026-01-01", "2026-04-05", []DecisionExtension{{ApprovedOn: "2026-04-02", Days: 30}}, now)), 1, "2026-04-01", -70, "第六十条"},
		{"decision two extensions", one(DecisionLimitExtended("2026-01-01", "", []DecisionExtension{{ApprovedOn: "2026-04-25", Days: 30}, {ApprovedOn: "2026-03-20", Days: 30}}, now)), 1, "2026-05-31", -10, "第六十条"},
		{"service pending", one(ServiceLimit("2026-06-08", "", now)), 1, "2026-06-15", 5, "第六十一条"},
		{"service late", one(ServiceLimit("2026-05-01", "2026-05-09", now)), 1, "2026-05-08", -33, "第六十一条"},
		{"served in time", one(ServiceLimit("2026-05-01", "2026-05-08", now)), 0, "", 0, ""},
		{"statement running", one(StatementPeriod("2026-06-12", true, false, now)), 1, "2026-06-12", 2, "第四十五条"},
		{"statement over", one(StatementPeriod("2026-06-09", true, false, now)), 0, "", 0, ""},
		{"statement decided", one(StatementPeriod("2026-06-12", true, true, now)), 0, "", 0, ""},
		{"hearing request open", one(HearingRequest("2026-06-07", false, false, now)), 1, "2026-06-12", 2, "第六十四条"},
		{"hearing request closed", one(HearingRequest("2026-06-01", false, false, now)), 0, "", 0, ""},
		{"hearing notice short", one(HearingNotice("2026-06-20", "2026-06-14", now)), 1, "2026-06-13", 3, "第六十四条"},
		{"hearing notice seven days", one(HearingNotice("2026-06-20", "2026-06-13", now)), 0, "", 0, ""},
		{"transfer approval pending", TransferDeadlines(TransferFacts{ReportedOn: "2026-06-09"}, now), 1, "2026-06-12", 2, "移送涉嫌犯罪案件的规定》第五条"},
		{"transfer approval late", TransferDeadlines(TransferFacts{ReportedOn: "2026-06-01", DecidedOn: "2026-06-05"}, now), 1, "2026-06-04", -6, "第五条"},
		{"transfer unsent", TransferDeadlines(TransferFacts{ReportedOn: "2026-06-08", DecidedOn: "2026-06-09", Approved: true, DecidedAt: at("2026-06-09 16:00")}, now), 1, "2026-06-10", 0, "第五条"},
		{"transfer sent late", TransferDeadlines(TransferFacts{ReportedOn: "2026-06-08", DecidedOn: "2026-06-09", Approved: true, DecidedAt: at("2026-06-08 10:00"), SentAt: at("2026-06-09 10:01")}, now), 1, "2026-06-09", -1, "第五条"},
		{"transfer in time", TransferDeadlines(TransferFacts{ReportedOn: "2026-06-08", DecidedOn: "2026-06-09", Approved: true, DecidedAt: at("2026-06-09 10:00"), SentAt: at("2026-06-10 09:59")}, now), 0, "", 0, ""},
		{"transfer refused", TransferDeadlines(TransferFacts{ReportedOn: "2026-06-08", DecidedOn: "2026-06-09"}, now), 0, "", 0, ""},
		{"limitation passed at discovery", one(Limitation("2024-01-10", false, "2026-01-11", now)), 1, "2026-01-10", -151, "第三十六条"},
		{"limitation five years", one(Limitation("2024-01-10", true, "2026-01-11", now)), 0, "", 0, ""},
		{"limitation approaching", one(Limitation("2024-07-01", false, "", now)), 1, "2026-07-01", 21, "第三十六条"},
		{"limitation far", one(Limitation("2025-07-01", false, "", now)), 0, "", 0, ""},
		{"annual report justice", AnnualReport(2025, AnnualReportDates{}, false, false, at("2026-01-10 09:00")), 2, "2026-01-15", 5, "苏政办发〔2019〕39号"},
		{"annual report done", AnnualReport(2025, AnnualReportDates{}, true, true, at("2026-01-10 09:00")), 0, "", 0, ""},
		{"annual report in June", AnnualReport(2025, AnnualReportDates{}, false, false, now), 0, "", 0, ""},
		{"annual report configured", AnnualReport(2025, AnnualReportDates{Justice: 110, Public: 131}, false, true, at("2026-01-12 09:00")), 1, "2026-01-10", -2, "苏政办发"},
	} {
		if len(c.got) != c.n {
			t.Errorf("%s: %d warnings, want %d: %+v", c.name, len(c.got), c.n, c.got)
			continue
		}
		if c.n == 0 {
			continue
		}
		w := c.got[0]
		if w.Due != c.due || w.DaysLeft != c.daysLeft || !strings.Contains(w.Citation, c.cite) || w.Message == "" {
			t.Errorf("%s: got due %s days_left %d citation %q, want %s %d %q", c.name, w.Due, w.DaysLeft, w.Citation, c.due, c.daysLeft, c.cite)
		}
	}
}

// An extension approved after the 九十日 ran out is named in the warning and lengthens nothing.
func TestDecisionExtensionLate(t *testing.T) {
	due, ext, late := DecisionDue("2026-01-01", []DecisionExtension{{ApprovedOn: "2026-04-02", Days: 30}, {ApprovedOn: "2026-03-01", Days: 0}})
	if due != "2026-04-01" || ext != 0 || len(late) != 2 {
		t.Fatalf("due %s extended %d late %v", due, ext, late)
	}
	w := DecisionLimitExtended("2026-01-01", "2026-04-05", late, time.Date(2026, 6, 10, 9, 0, 0, 0, cst))
	if w == nil || !strings.Contains(w.Message, "approved on 2026-04-02 came after the limit had run out") {
		t.Fatalf("%+v", w)
	}
}
