package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"time"

	"zhifa/rules"
)

func init() {
	register(&command{name: "deadline", summary: "the last day to disclose (公示) a decision, in working days on the official calendar", run: runDeadline})
}

// zhifa deadline --kind 行政处罚 --decided 2026-09-28 [--sector 市场监管] [--holidays FILE]
func runDeadline(ctx context.Context, env *cmdEnv, args []string) error {
	fs := newFlagSet("deadline")
	kind := fs.String("kind", "", "行政处罚, 行政许可, 行政强制, 行政检查, 行政征收征用 or 行政确认")
	decided := fs.String("decided", "", "YYYY-MM-DD the decision was made")
	sector := fs.String("sector", "", "a sector with its own disclosure rules (市场监管)")
	holidays := holidaysFlag(fs)
	if _, err := fs.parse(args); err != nil {
		return err
	}
	if *kind == "" {
		return usagef("--kind is required: 行政处罚, 行政许可, 行政强制, 行政检查, 行政征收征用 or 行政确认")
	}
	if *decided == "" {
		return usagef("--decided is required (YYYY-MM-DD)")
	}
	d, ok := rules.ParseDay(*decided)
	if !ok {
		return usagef("--decided %q: expected a date YYYY-MM-DD", *decided)
	}
	cal, err := loadCalendar(*holidays)
	if err != nil {
		return err
	}
	due, n, err := rules.DisclosureDue(*kind, *sector, d, cal)
	if err != nil {
		var fe *rules.FieldError
		if errors.As(err, &fe) && fe.Field != "decided" {
			return usagef("--%s: %s", fe.Field, fe.Message)
		}
		if fe != nil {
			return fmt.Errorf("--%s: %s", fe.Field, fe.Message)
		}
		return err
	}
	return writeJSON(env.stdout, rules.DisclosureDeadline{Due: due.Format(time.DateOnly), WorkingDays: n})
}

// holidaysFlag is --holidays FILE: the holiday schedule of a year the
// built-in calendar has no data for (format in README, "Disclosure deadlines").
func holidaysFlag(fs *flagSet) *string {
	return fs.String("holidays", os.Getenv("ZHIFA_HOLIDAYS"), "holiday schedule for years the built-in calendar lacks, lines `2027-01-01 holiday 元旦` / `2027-02-20 workday 春节` ($ZHIFA_HOLIDAYS)")
}

// loadCalendar is the built-in calendar with the schedule in path laid over
// it ("" for none).
func loadCalendar(path string) (*rules.Calendar, error) {
	if path == "" {
		return rules.NewCalendar(nil), nil
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	h, err := rules.LoadHolidays(f, path)
	if err != nil {
		return nil, err
	}
	return rules.NewCalendar(h), nil
}
