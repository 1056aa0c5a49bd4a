package warnings

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"

	"zhifa/records"
	"zhifa/rules"
)

func init() { Register("annual_report", annualSource) }

// AnnualReportKind is the object kind that records a year's 统计年报 as
// reported and published (id "<agency_id>/<year>"); once recorded, its
// warnings stop.
const AnnualReportKind = "annual_report"

// AnnualReport is the record of one agency's 统计年报 of one year.
type AnnualReport struct {
	AgencyID    string `json:"agency_id"`
	Year        int    `json:"year"`
	ReportedOn  string `json:"reported_on,omitempty"`  // YYYY-MM-DD sent to the justice department
	PublishedOn string `json:"published_on,omitempty"` // YYYY-MM-DD made public
}

// AnnualDates reads the configured due days: ZHIFA_ANNUAL_REPORT_JUSTICE and
// ZHIFA_ANNUAL_REPORT_PUBLIC (MM-DD; default 01-15 and 01-31, from
// 苏政办发〔2019〕39号) and ZHIFA_ANNUAL_REPORT_LEAD_DAYS (default 31).
func AnnualDates() (rules.AnnualReportDates, error) {
	var d rules.AnnualReportDates
	for _, e := range []struct {
		env string
		dst *int
	}{{"ZHIFA_ANNUAL_REPORT_JUSTICE", &d.Justice}, {"ZHIFA_ANNUAL_REPORT_PUBLIC", &d.Public}} {
		v := strings.TrimSpace(os.Getenv(e.env))
		if v == "" {
			continue
		}
		t, err := time.Parse("01-02", v)
		if err != nil || t.Month() != time.January {
			return d, fmt.Errorf("%s=%q: expected a January day as MM-DD, e.g. 01-15", e.env, v)
		}
		*e.dst = 100 + t.Day()
	}
	if v := strings.TrimSpace(os.Getenv("ZHIFA_ANNUAL_REPORT_LEAD_DAYS")); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > 366 {
			return d, fmt.Errorf("ZHIFA_ANNUAL_REPORT_LEAD_DAYS=%q: expected a number of days from 1 to 366", v)
		}
		d.LeadDays = n
	}
	return d, nil
}

// annualSource warns each agency of the coming (or just missed) report days
// of last year's and this year's statistics.
func annualSource(ctx context.Context, st *records.Store, now time.Time) ([]rules.Warning, error) {
	dates, err := AnnualDates()
	if err != nil {
		return nil, err
	}
	agencies, err := st.ListAgencies(ctx)
	if err != nil {
		return nil, err
	}
	objs, err := st.ListObjects(ctx, AnnualReportKind, "")
	if err != nil {
		return nil, err
	}
	done := map[string]AnnualReport{}
	for _, o := range objs {
		var r AnnualReport
		if err := json.Unmarshal(o.Data, &r); err != nil {
			return nil, err
		}
		done[fmt.Sprintf("%s/%d", r.AgencyID, r.Year)] = r
	}
	year := now.In(time.FixedZone("CST", 8*3600)).Year()
	var out []rules.Warning
	for _, a := range agencies {
		for _, y := range []int{year - 1, year} {
			r := done[fmt.Sprintf("%s/%d", a.ID, y)]
			for _, w := range rules.AnnualReport(y, dates, r.ReportedOn != "", r.PublishedOn != "", now) {
				w.AgencyID = a.ID
				out = append(out, w)
			}
		}
	}
	return out, nil
}
