// Package stats computes the annual statistics (统计年报) from the records
// alone: per agency and per kind of power item, cases, fines and
// confiscations, hearings, transfers, legal reviews, disclosure timeliness,
// 复议/诉讼 outcomes, and 双随机 draws and results. Load reads the store;
// Compute is pure, so a year's figures can be replayed from the records.
package stats

import (
	"math"
	"sort"
	"strconv"

	"zhifa/records"
)

// Kinds are the record's power-item kinds, in the order tables show them.
var Kinds = records.PowerKinds

// KindStats is one row: the figures of one kind (of one agency, or in total).
// Money is in yuan, to the fen.
type KindStats struct {
	Cases              int     `json:"cases"`               // opened (立案) in the year
	Decided            int     `json:"decided"`             // decisions dated in the year
	Fines              float64 `json:"fines"`               // sum of fines of those decisions
	FineMedian         float64 `json:"fine_median"`         // median of the fines above zero
	Confiscations      float64 `json:"confiscations"`       // 没收违法所得, sum
	ConfiscationMedian float64 `json:"confiscation_median"` // median of those above zero
	Hearings           int     `json:"hearings"`            // cases with a 听证 step in the year
	Transfers          int     `json:"transfers"`           // 涉嫌犯罪移送 reported in the year
	LegalReviews       int     `json:"legal_reviews"`       // cases with a 法制审核 step in the year
	Reviewed           int     `json:"reviewed"`            // cases whose first review round is in the year
	FirstRoundPassed   int     `json:"first_round_passed"`  // … and passed in that round
	DisclosureOnTime   int     `json:"disclosure_on_time"`
	DisclosureLate     int     `json:"disclosure_late"`
	DisclosureMissing  int     `json:"disclosure_missing"`
	// 复议 (reconsideration) and 诉讼 (litigation) concluded in the year, by outcome.
	Reconsiderations      int `json:"reconsiderations"`
	ReconsiderationUpheld int `json:"reconsideration_upheld"`            // 维持
	ReconsiderationRevoke int `json:"reconsideration_revoked"`           // 撤销
	ReconsiderationChange int `json:"reconsideration_changed"`           // 变更
	ReconsiderationIllegl int `json:"reconsideration_confirmed_illegal"` // 确认违法
	Litigations           int `json:"litigations"`
	LitigationUpheld      int `json:"litigation_upheld"`
	LitigationRevoke      int `json:"litigation_revoked"`
	LitigationChange      int `json:"litigation_changed"`
	LitigationIllegl      int `json:"litigation_confirmed_illegal"`
	// 双随机 (kind inspection only): draws made in the year, targets drawn, results entered.
	Draws             int `json:"draws"`
	TargetsDrawn      int `json:"targets_drawn"`
	Results           int `json:"results"`
	ResultNoProblem   int `json:"result_no_problem"`
	ResultCorrected   int `json:"result_corrected"`
	ResultCaseFiled   int `json:"result_case_filed"`
	ResultTransferred int `json:"result_transferred"`
	ResultUnreachable int `json:"result_unreachable"`

	fines, confs []int64 // fen, for sums and medians
}

// AgencyStats is one agency's table.
type AgencyStats struct {
	AgencyID string                `json:"agency_id"`
	Name     string                `json:"name"`
	Kinds    map[string]*KindStats `json:"kinds"`
}

// Report is the year's statistics.
type Report struct {
	Year     int                   `json:"year"`
	Agency   string                `json:"agency,omitempty"` // the one agency asked for
	Totals   map[string]*KindStats `json:"totals"`
	Agencies []AgencyStats         `json:"agencies"`
	// NotRecorded names the figures no record of the store holds yet (their
	// columns are zeros that mean "not recorded", not "none").
	NotRecorded []string `json:"not_recorded"`
	Notes       []string `json:"notes"`
}

func newKinds() map[string]*KindStats {
	m := map[string]*KindStats{}
	for _, k := range Kinds {
		m[k] = &KindStats{}
	}
	return m
}

func fen(yuan float64) int64 { return int64(math.Round(yuan * 100)) }

func yuan(f int64) float64 { return float64(f) / 100 }

// medianFen is the median in fen; of an even count, the mean of the middle
// two rounded half up to the fen.
func medianFen(v []int64) int64 {
	if len(v) == 0 {
		return 0
	}
	s := append([]int64(nil), v...)
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	n := len(s)
	if n%2 == 1 {
		return s[n/2]
	}
	sum := s[n/2-1] + s[n/2]
	return (sum + 1) / 2
}

func (k *KindStats) finish() {
	var f, c int64
	for _, x := range k.fines {
		f += x
	}
	for _, x := range k.confs {
		c += x
	}
	k.Fines, k.Confiscations = yuan(f), yuan(c)
	k.FineMedian, k.ConfiscationMedian = yuan(medianFen(k.fines)), yuan(medianFen(k.confs))
}

func (k *KindStats) add(o *KindStats) {
	k.Cases += o.Cases
	k.Decided += o.Decided
	k.fines = append(k.fines, o.fines...)
	k.confs = append(k.confs, o.confs...)
	k.Hearings += o.Hearings
	k.Transfers += o.Transfers
	k.LegalReviews += o.LegalReviews
	k.Reviewed += o.Reviewed
	k.FirstRoundPassed += o.FirstRoundPassed
	k.DisclosureOnTime += o.DisclosureOnTime
	k.DisclosureLate += o.DisclosureLate
	k.DisclosureMissing += o.DisclosureMissing
	k.Reconsiderations += o.Reconsiderations
	k.ReconsiderationUpheld += o.ReconsiderationUpheld
	k.ReconsiderationRevoke += o.ReconsiderationRevoke
	k.ReconsiderationChange += o.ReconsiderationChange
	k.ReconsiderationIllegl += o.ReconsiderationIllegl
	k.Litigations += o.Litigations
	k.LitigationUpheld += o.LitigationUpheld
	k.LitigationRevoke += o.LitigationRevoke
	k.LitigationChange += o.LitigationChange
	k.LitigationIllegl += o.LitigationIllegl
	k.Draws += o.Draws
	k.TargetsDrawn += o.TargetsDrawn
	k.Results += o.Results
	k.ResultNoProblem += o.ResultNoProblem
	k.ResultCorrected += o.ResultCorrected
	k.ResultCaseFiled += o.ResultCaseFiled
	k.ResultTransferred += o.ResultTransferred
	k.ResultUnreachable += o.ResultUnreachable
}

// Input is what the statistics are computed from: the records, read by Load.
type Input struct {
	Agencies    []records.Agency
	PowerItems  map[string]records.PowerItem
	Cases       []records.Case // with Steps
	Reviews     []ReviewRound
	Disclosures []Disclosure
	Appeals     []Appeal
	Transfers   []Transfer
	Draws       []Draw
	Results     []Result
	// Recorded says, per object kind read, whether the store holds any.
	Recorded map[string]bool
}

func inYear(day string, year int) bool {
	return len(day) >= 4 && day[:4] == strconv.Itoa(year)
}

// Compute is the year's report over in, of one agency when agency is not "".
func Compute(in Input, year int, agency string) Report {
	r := Report{Year: year, Agency: agency, Totals: newKinds(), Agencies: []AgencyStats{}, NotRecorded: []string{}, Notes: notes()}
	tables := map[string]map[string]*KindStats{}
	names := map[string]string{}
	for _, a := range in.Agencies {
		if agency == "" || a.ID == agency {
			tables[a.ID] = newKinds()
			names[a.ID] = a.Name
		}
	}
	row := func(agencyID, kind string) *KindStats {
		t, ok := tables[agencyID]
		if !ok {
			return nil
		}
		if _, ok := t[kind]; !ok {
			kind = records.KindOther
		}
		return t[kind]
	}
	caseRow := map[string]*KindStats{} // case id → its row
	caseDecided := map[string]string{} // case id → decision day
	for _, c := range in.Cases {
		kind := in.PowerItems[c.PowerItemID].Kind
		k := row(c.AgencyID, kind)
		if k == nil {
			continue
		}
		caseRow[c.ID] = k
		if inYear(c.OpenedOn, year) {
			k.Cases++
		}
		var heard, reviewed bool
		for _, s := range c.Steps {
			if !inYear(s.Day(), year) {
				continue
			}
			heard = heard || s.Kind == records.StepHearing
			reviewed = reviewed || s.Kind == records.StepLegalReview
		}
		if heard {
			k.Hearings++
		}
		if reviewed {
			k.LegalReviews++
		}
		if c.Decision != nil {
			d := c.Decision.Date
			if s, ok := records.LatestStep(c.Steps, records.StepDecision); ok && d == "" {
				d = s.Day()
			}
			caseDecided[c.ID] = d
			if inYear(d, year) {
				k.Decided++
				if f := fen(c.Decision.Fine); f > 0 {
					k.fines = append(k.fines, f)
				}
				if f := fen(c.Decision.Confiscation); f > 0 {
					k.confs = append(k.confs, f)
				}
			}
		}
	}
	countReviews(in.Reviews, year, caseRow)
	countDisclosures(in, year, caseRow, caseDecided)
	countAppeals(in.Appeals, year, caseRow)
	for _, t := range in.Transfers {
		if k := caseRow[t.CaseID]; k != nil && inYear(t.ReportedOn, year) {
			k.Transfers++
		}
	}
	countDraws(in, year, row)
	for _, kind := range []string{KindReview, KindDisclosure, KindAppeal, KindTransfer} {
		if !in.Recorded[kind] {
			r.NotRecorded = append(r.NotRecorded, kind)
		}
	}
	ids := make([]string, 0, len(tables))
	for id := range tables {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		for kind, k := range tables[id] {
			k.finish()
			r.Totals[kind].add(k)
		}
		r.Agencies = append(r.Agencies, AgencyStats{AgencyID: id, Name: names[id], Kinds: tables[id]})
	}
	for _, k := range r.Totals {
		k.finish()
	}
	return r
}

func notes() []string {
	return []string{
		"cases: opened (立案, opened_on) in the year; decided, fines and confiscations: decisions dated in the year; medians over the amounts above zero; money in yuan.",
		"hearings and legal_reviews: cases with a 听证 / 法制审核 step dated in the year.",
		"reviewed / first_round_passed: legal-review rounds (objects of kind review, as package review writes them); disclosure_*: decisions of the year and their disclosure objects; reconsideration_* / litigation_*: objects of kind appeal concluded in the year; transfers: objects of kind transfer reported in the year. A kind named in not_recorded has no record in the store: its zeros mean not recorded.",
		"draws, targets_drawn, results: 双随机 draws made in the year and the results entered for them, counted under kind inspection.",
	}
}
