package disclosure

import (
	"strings"
	"testing"
	"time"

	"zhifa/records"
	"zhifa/rules"
)

func TestSectorRules(t *testing.T) {
	if s := sectorOf([]string{"食品安全", "市场监管"}); s != "市场监管" {
		t.Errorf("sector of a 市场监管 bureau: %q", s)
	}
	if s := sectorOf([]string{"交通运输"}); s != "" {
		t.Errorf("a sector without rules: %q", s)
	}
	// 第九条: twenty working days from 9-29: 9-29, 9-30, (国庆 10-01..07), 10-08, 10-09, the make-up Saturday 10-10, then 15 weekdays to 10-30
	due, n, err := rules.DisclosureDue("行政处罚", "市场监管", time.Date(2026, 9, 28, 0, 0, 0, 0, cst), nil)
	if err != nil || n != 20 || due.Format("2006-01-02") != "2026-10-30" {
		t.Errorf("市场监管 due: %s %d %v", due.Format("2006-01-02"), n, err)
	}
	pub := time.Date(2026, 12, 1, 0, 0, 0, 0, cst)
	c := records.Case{Decision: &records.Decision{Fine: 2000}}
	if exp, note := sectorExpiry("市场监管", Disclosure{}, c, pub); exp != "" || !strings.Contains(note, "较低数额罚款") {
		t.Errorf("a fine alone: the end was guessed: %q %q", exp, note)
	}
	c.Decision.Confiscation = 500
	if exp, note := sectorExpiry("市场监管", Disclosure{}, c, pub); exp != "2029-12-01" || note != "" {
		t.Errorf("fine and confiscation: %q %q", exp, note)
	}
	if exp, _ := sectorExpiry("", Disclosure{}, c, pub); exp != "" {
		t.Errorf("the plans set no public period: %q", exp)
	}
	// 第十一条: three working days — a withdrawal owed on Friday 2026-10-09 is due Tuesday 10-13
	// (10-10 is a make-up working Saturday, 10-11 a Sunday)
	if d := withdrawalDue("市场监管", time.Date(2026, 10, 9, 0, 0, 0, 0, cst)); d != "2026-10-13" {
		t.Errorf("市场监管 withdrawal: %s", d)
	}
	if d := withdrawalDue("", time.Date(2026, 10, 9, 0, 0, 0, 0, cst)); d != "2026-10-12" {
		t.Errorf("行政处罚法 三日 withdrawal: %s", d)
	}
}

// 市场监管 第十条: a party registered in another province is pushed there
// within ten working days (synthetic credit codes).
func TestPushToOtherProvince(t *testing.T) {
	decided := time.Date(2026, 9, 28, 0, 0, 0, 0, cst)
	org := func(cc string) records.Case {
		return records.Case{Parties: []records.Party{{Kind: records.PartyOrganization, Name: "某公司（虚构）", CreditCode: cc}}}
	}
	// 10 working days from 9-29: 9-29, 9-30, (国庆), 10-08, 10-09, 10-10 (make-up Saturday), 10-12 … 10-16
	if due, note := pushRule("市场监管", "浙江省杭州市", org("91440705MA5000001G"), decided); due != "2026-10-16" || !strings.Contains(note, "第十条") {
		t.Errorf("a Guangdong company decided in Zhejiang: %q %q", due, note)
	}
	if due, note := pushRule("市场监管", "浙江省杭州市", org("91330100MA5000001G"), decided); due != "" || note != "" {
		t.Errorf("a Zhejiang company: %q %q", due, note)
	}
	if due, note := pushRule("市场监管", "示例省示例市", org("91440705MA5000001G"), decided); due != "" || !strings.Contains(note, "cannot be told") {
		t.Errorf("a region with no province: %q %q", due, note)
	}
	if due, note := pushRule("", "浙江省杭州市", org("91440705MA5000001G"), decided); due != "" || note != "" {
		t.Errorf("the plans have no push rule: %q %q", due, note)
	}
}
