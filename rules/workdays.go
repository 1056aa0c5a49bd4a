package rules

import (
	"bufio"
	"fmt"
	"io"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/6tail/tyme4go/tyme"
)

// The official working calendar: Monday to Friday are working days, Saturday
// and Sunday are not, except where the State Council's yearly notice
// (国务院办公厅关于YYYY年部分节假日安排的通知) makes a day a holiday (放假) or a
// weekend day a make-up working day (调休上班). The notices come from
// github.com/6tail/tyme4go's legal-holiday table; a year the table has no
// notice for can be supplied by the operator (LoadHolidays).
//
// Which notice a day belongs to: a year's notice starts with its 元旦, whose
// arrangement may reach back to 29–31 December of the year before (as the 2008
// and 2019 notices did). So a day from 29 December on belongs to the next
// year's notice, every other day to its own year's. A year "has data" when the
// table (or the operator's file) has at least one entry belonging to that
// year's notice; 2026 has, 2027 has not (the 2027 notice was not in
// tyme4go v1.4.3). Counting across a day of a year without data is an error,
// never a guess from weekdays.

// ScheduleDay is one entry of a schedule: a holiday or a make-up working day.
type ScheduleDay struct {
	Date string `json:"date"` // YYYY-MM-DD
	Work bool   `json:"work"` // true: 调休上班 on a weekend day
	Name string `json:"name"` // 元旦, 春节 …
}

// Holidays is an operator-supplied schedule for years the library has no data
// for, read by LoadHolidays. Its entries take precedence over the library's.
type Holidays struct {
	Name  string
	days  map[string]ScheduleDay
	years map[int]bool
}

// Years are the notice years the schedule covers, ascending.
func (h *Holidays) Years() []int {
	var out []int
	for y := range h.years {
		out = append(out, y)
	}
	sort.Ints(out)
	return out
}

// HolidaysError is a mistake in a schedule file, at a line and field.
type HolidaysError struct {
	File    string `json:"file"`
	Line    int    `json:"line"`
	Field   string `json:"field"`
	Message string `json:"message"`
}

func (e *HolidaysError) Error() string {
	return fmt.Sprintf("%s:%d: %s: %s", e.File, e.Line, e.Field, e.Message)
}

// LoadHolidays reads a schedule: one day per line,
//
//	2027-01-01 holiday 元旦
//	2027-02-07 workday 春节
//
// a date (YYYY-MM-DD), `holiday` (放假) or `workday` (调休上班, on a Saturday or
// Sunday only), and the holiday's name. Blank lines and lines starting with #
// are skipped. name is the file name used in errors (file:line: field).
func LoadHolidays(r io.Reader, name string) (*Holidays, error) {
	h := &Holidays{Name: name, days: map[string]ScheduleDay{}, years: map[int]bool{}}
	lineOf := map[string]int{}
	sc := bufio.NewScanner(r)
	n := 0
	for sc.Scan() {
		n++
		line := strings.TrimSpace(strings.TrimPrefix(sc.Text(), "\ufeff"))
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		bad := func(field, format string, a ...any) error {
			return &HolidaysError{File: name, Line: n, Field: field, Message: fmt.Sprintf(format, a...)}
		}
		f := strings.Fields(line)
		d, err := time.Parse("2006-01-02", f[0])
		if err != nil {
			return nil, bad("date", "%q is not a date YYYY-MM-DD", f[0])
		}
		if len(f) < 2 {
			return nil, bad("type", "missing: holiday or workday after the date")
		}
		var work bool
		switch f[1] {
		case "holiday":
		case "workday":
			work = true
			if wd := d.Weekday(); wd != time.Saturday && wd != time.Sunday {
				return nil, bad("type", "%s is a %s, already a working day; workday is for a make-up Saturday or Sunday", f[0], wd)
			}
		default:
			return nil, bad("type", "%q: expected holiday or workday", f[1])
		}
		if len(f) < 3 {
			return nil, bad("name", "missing: the holiday's name (元旦, 春节 …)")
		}
		if len(f) > 3 {
			return nil, bad("name", "%q: one word, no spaces", strings.Join(f[2:], " "))
		}
		key := d.Format("2006-01-02")
		if prev, dup := lineOf[key]; dup {
			return nil, bad("date", "%s is already listed on line %d", key, prev)
		}
		lineOf[key] = n
		h.days[key] = ScheduleDay{Date: key, Work: work, Name: f[2]}
		h.years[noticeYear(d)] = true
	}
	if err := sc.Err(); err != nil {
		return nil, &HolidaysError{File: name, Line: n + 1, Field: "date", Message: err.Error()}
	}
	if len(h.days) == 0 {
		return nil, &HolidaysError{File: name, Line: n, Field: "date", Message: "no days listed"}
	}
	return h, nil
}

// noticeYear is the year whose notice decides day d (see above).
func noticeYear(d time.Time) int {
	if d.Month() == time.December && d.Day() >= 29 {
		return d.Year() + 1
	}
	return d.Year()
}

// libraryDay is the library's entry for d, if any.
func libraryDay(d time.Time) (ScheduleDay, bool) {
	h, err := tyme.LegalHoliday{}.FromYmd(d.Year(), int(d.Month()), d.Day())
	if err != nil || h == nil {
		return ScheduleDay{}, false
	}
	return ScheduleDay{Date: d.Format("2006-01-02"), Work: h.IsWork(), Name: h.GetName()}, true
}

var (
	libYearsMu sync.Mutex
	libYears   = map[int]bool{}
)

// LibraryHasYear reports whether the library's table has any entry of year's
// notice (29 December of the year before to 28 December).
func LibraryHasYear(year int) bool {
	libYearsMu.Lock()
	defer libYearsMu.Unlock()
	if v, ok := libYears[year]; ok {
		return v
	}
	has := false
	end := time.Date(year, time.December, 28, 0, 0, 0, 0, time.UTC)
	for d := time.Date(year-1, time.December, 29, 0, 0, 0, 0, time.UTC); !d.After(end); d = d.AddDate(0, 0, 1) {
		if _, ok := libraryDay(d); ok {
			has = true
			break
		}
	}
	libYears[year] = has
	return has
}

// LibraryDays are the library's entries of year's notice, in date order.
func LibraryDays(year int) []ScheduleDay {
	var out []ScheduleDay
	end := time.Date(year, time.December, 28, 0, 0, 0, 0, time.UTC)
	for d := time.Date(year-1, time.December, 29, 0, 0, 0, 0, time.UTC); !d.After(end); d = d.AddDate(0, 0, 1) {
		if e, ok := libraryDay(d); ok {
			out = append(out, e)
		}
	}
	return out
}

// Calendar is the library's schedule with an optional operator schedule
// laid over it. A nil *Calendar is the library's alone.
type Calendar struct {
	extra *Holidays
}

// NewCalendar lays extra (may be nil) over the library's schedule.
func NewCalendar(extra *Holidays) *Calendar { return &Calendar{extra: extra} }

// HasYear reports whether the calendar knows year's notice.
func (c *Calendar) HasYear(year int) bool {
	if c != nil && c.extra != nil && c.extra.years[year] {
		return true
	}
	return LibraryHasYear(year)
}

// NoScheduleError: a day whose year's notice the calendar does not have.
type NoScheduleError struct {
	Day  time.Time
	Year int
}

func (e *NoScheduleError) Error() string {
	return fmt.Sprintf("%s falls under the %d holiday schedule, which the calendar does not have (the built-in table has no %d entries); supply that schedule with --holidays FILE (zhifa deadline, zhifa serve)",
		e.Day.Format("2006-01-02"), e.Year, e.Year)
}

// IsWorkingDay reports whether d (its calendar date, in its own location) is
// a working day.
func (c *Calendar) IsWorkingDay(d time.Time) (bool, error) {
	y := noticeYear(d)
	if !c.HasYear(y) {
		return false, &NoScheduleError{Day: d, Year: y}
	}
	key := d.Format("2006-01-02")
	if c != nil && c.extra != nil {
		if e, ok := c.extra.days[key]; ok {
			return e.Work, nil
		}
	}
	if e, ok := libraryDay(d); ok {
		return e.Work, nil
	}
	wd := d.Weekday()
	return wd != time.Saturday && wd != time.Sunday, nil
}

// AddWorkingDays is the n-th working day after from (from itself is not
// counted, whatever day it is), at midnight in from's location.
func (c *Calendar) AddWorkingDays(from time.Time, n int) (time.Time, error) {
	if n < 0 {
		return time.Time{}, fmt.Errorf("rules: AddWorkingDays: negative count %d", n)
	}
	d := time.Date(from.Year(), from.Month(), from.Day(), 0, 0, 0, 0, from.Location())
	for n > 0 {
		d = d.AddDate(0, 0, 1)
		ok, err := c.IsWorkingDay(d)
		if err != nil {
			return time.Time{}, err
		}
		if ok {
			n--
		}
	}
	return d, nil
}

// IsWorkingDay is cal.IsWorkingDay (nil cal: the library's schedule).
func IsWorkingDay(d time.Time, cal *Calendar) (bool, error) { return cal.IsWorkingDay(d) }

// AddWorkingDays is cal.AddWorkingDays (nil cal: the library's schedule).
func AddWorkingDays(from time.Time, n int, cal *Calendar) (time.Time, error) {
	return cal.AddWorkingDays(from, n)
}
