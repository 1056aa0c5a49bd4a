package rules

import (
	"errors"
	"strings"
	"testing"
	"time"
)

func day(s string) time.Time {
	t, err := time.ParseInLocation("2006-01-02", s, cst)
	if err != nil {
		panic(err)
	}
	return t
}

// synthetic2027 is a made-up schedule for 2027 (not the State Council's
// notice, which is not out): 元旦 1–3 January, 春节 6–14 February, a make-up
// Saturday on 20 February.
const synthetic2027 = `# synthetic schedule for tests, not the 2027 notice
2027-01-01 holiday 元旦
2027-01-02 holiday 元旦
2027-01-03 holiday 元旦

2027-02-06 holiday 春节
2027-02-07 holiday 春节
2027-02-08 holiday 春节
2027-02-09 holiday 春节
2027-02-10 holiday 春节
2027-02-11 holiday 春节
2027-02-12 holiday 春节
2027-02-13 holiday 春节
2027-02-14 holiday 春节
2027-02-20 workday 春节
`

func override2027(t *testing.T) *Calendar {
	t.Helper()
	h, err := LoadHolidays(strings.NewReader(synthetic2027), "synthetic-2027.txt")
	if err != nil {
		t.Fatal(err)
	}
	return NewCalendar(h)
}

// The library's 2026 entries are the State Council's notice
// (国务院办公厅关于2026年部分节假日安排的通知): 元旦 1月1日至3日放假, 1月4日（周日）上班;
// 春节 2月15日至23日放假, 2月14日（周六）、2月28日（周六）上班; 清明节 4月4日至6日;
// 劳动节 5月1日至5日放假, 5月9日（周六）上班; 端午节 6月19日至21日; 中秋节 9月25日至27日;
// 国庆节 10月1日至7日放假, 9月20日（周日）、10月10日（周六）上班.
// The dates in TestDisclosureDue were counted by hand on this schedule.
func TestLibrary2026IsTheNotice(t *testing.T) {
	var want []string
	span := func(from, to string) {
		for d := day(from); !d.After(day(to)); d = d.AddDate(0, 0, 1) {
			want = append(want, d.Format("2006-01-02")+" 休")
		}
	}
	work := func(d string) { want = append(want, d+" 班") }
	span("2026-01-01", "2026-01-03")
	work("2026-01-04")
	work("2026-02-14")
	span("2026-02-15", "2026-02-23")
	work("2026-02-28")
	span("2026-04-04", "2026-04-06")
	span("2026-05-01", "2026-05-05")
	work("2026-05-09")
	span("2026-06-19", "2026-06-21")
	work("2026-09-20")
	span("2026-09-25", "2026-09-27")
	span("2026-10-01", "2026-10-07")
	work("2026-10-10")
	var got []string
	for _, d := range LibraryDays(2026) {
		s := d.Date + " 休"
		if d.Work {
			s = d.Date + " 班"
		}
		got = append(got, s)
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("library 2026 schedule:\n%s\nwant the notice's:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	for y, has := range map[int]bool{2025: true, 2026: true, 2027: false, 2030: false} {
		if LibraryHasYear(y) != has {
			t.Errorf("LibraryHasYear(%d) = %v, want %v", y, !has, has)
		}
	}
}

func TestIsWorkingDay(t *testing.T) {
	for _, c := range []struct {
		day  string
		work bool
	}{
		{"2026-02-14", true},  // Saturday, 春节调休上班
		{"2026-02-16", false}, // Monday, 春节
		{"2026-09-20", true},  // Sunday, 国庆调休上班
		{"2026-10-10", true},  // Saturday, 国庆调休上班
		{"2026-10-08", true},  // Thursday after 国庆
		{"2026-03-07", false}, // an ordinary Saturday
		{"2026-03-09", true},  // an ordinary Monday
		{"2026-01-04", true},  // Sunday, 元旦调休上班
	} {
		got, err := IsWorkingDay(day(c.day), nil)
		if err != nil || got != c.work {
			t.Errorf("%s: %v %v, want %v", c.day, got, err, c.work)
		}
	}
	if _, err := IsWorkingDay(day("2027-03-01"), nil); err == nil {
		t.Error("2027-03-01 without a 2027 schedule: no error")
	}
	// 29–31 December belong to the next year's notice (its 元旦 may move them).
	var ns *NoScheduleError
	if _, err := IsWorkingDay(day("2026-12-30"), nil); !errors.As(err, &ns) || ns.Year != 2027 {
		t.Errorf("2026-12-30 without a 2027 schedule: %v, want the 2027 schedule missing", err)
	}
	if ok, err := IsWorkingDay(day("2026-12-30"), override2027(t)); err != nil || !ok {
		t.Errorf("2026-12-30 with a 2027 schedule: %v %v, want a working day", ok, err)
	}
}

// Working days count from the day after the decision; each expected date is
// counted by hand on the 2026 notice (above) or the synthetic 2027 schedule.
func TestDisclosureDue(t *testing.T) {
	cal27 := override2027(t)
	for _, c := range []struct {
		name          string
		kind, sector  string
		decided       string
		cal           *Calendar
		due           string
		days          int
		errField, err string // want a *FieldError on errField containing err
	}{
		// 2/13 Fri, 2/14 Sat 调休, 2/24–2/27, 2/28 Sat 调休 is the 7th
		{"春节 decided the Thursday before", "行政处罚", "", "2026-02-12", nil, "2026-02-28", 7, "", ""},
		// 2/14 Sat, 2/24–2/28 (five), 3/2 Mon
		{"春节 decided the Friday before", "行政许可", "", "2026-02-13", nil, "2026-03-02", 7, "", ""},
		// 9/29, 9/30, 10/8, 10/9, 10/10 Sat 调休, 10/12, 10/13
		{"国庆 with its make-up Saturday", "行政处罚", "", "2026-09-28", nil, "2026-10-13", 7, "", ""},
		// 9/24, 9/28, 9/29, 9/30, 10/8, 10/9, 10/10: due on the make-up Saturday
		{"due on the make-up Saturday 10/10", "penalty", "", "2026-09-23", nil, "2026-10-10", 7, "", ""},
		// 9/20 Sun 调休 is the 1st; 9/21–9/24; 中秋 9/25–27; 9/28, 9/29
		{"国庆 make-up Sunday before 中秋", "行政许可", "", "2026-09-18", nil, "2026-09-29", 7, "", ""},
		// 8/25–8/28 (4), 8/31–9/4 (9), 9/7–9/11 (14), 9/14–9/18 (19), 9/20 Sun (20)
		{"due on the make-up Sunday 9/20", "行政检查", "", "2026-08-24", nil, "2026-09-20", 20, "", ""},
		// 4/30, then 劳动节 5/1–5/5, 5/6, 5/7, 5/8, 5/9 Sat 调休, 5/11, 5/12
		{"劳动节", "行政处罚", "", "2026-04-29", nil, "2026-05-12", 7, "", ""},
		// decided on 10/3 (a holiday): 10/8, 10/9, 10/10, 10/12–10/15
		{"decided on a holiday", "行政许可", "", "2026-10-03", nil, "2026-10-15", 7, "", ""},
		// decided on 5/1: 5/6–5/8 (3), 5/9 Sat (4), 5/11–15 (9), 5/18–22 (14), 5/25–29 (19), 6/1 (20)
		{"decided on a holiday, twenty days", "行政强制", "", "2026-05-01", nil, "2026-06-01", 20, "", ""},
		// 12/24, 12/25, 12/26, 12/29, 12/30, 12/31, 元旦 1/1–1/3, 1/4 Sun 调休 is the 7th
		{"year boundary, due on a make-up Sunday", "行政处罚", "", "2025-12-23", nil, "2026-01-04", 7, "", ""},
		// 12/25, 12/26, 12/29–12/31, 1/4 Sun, 1/5
		{"year boundary", "行政处罚", "", "2025-12-24", nil, "2026-01-05", 7, "", ""},
		{"2027 is missing", "行政处罚", "", "2027-03-01", nil, "", 0, "decided", "2027"},
		{"counting into 2027", "行政确认", "", "2026-12-10", nil, "", 0, "decided", "2027"},
		// 12/21–12/25, 12/28, then 12/29: 29–31 December follow the 2027 notice
		{"late December needs next year's notice", "行政处罚", "", "2026-12-18", nil, "", 0, "decided", "2027"},
		// with the synthetic 2027 schedule: 3/2–3/5, 3/8, 3/9, 3/10
		{"2027 with an override", "行政处罚", "", "2027-03-01", cal27, "2027-03-10", 7, "", ""},
		// 12/29, 12/30, 12/31, 元旦 1/1–1/3, 1/4–1/7
		{"into 2027 with an override", "行政处罚", "", "2026-12-28", cal27, "2027-01-07", 7, "", ""},
		// 2/5, 春节 2/6–2/14, 2/15–2/19, 2/20 Sat workday is the 7th
		{"override make-up Saturday", "行政许可", "", "2027-02-04", cal27, "2027-02-20", 7, "", ""},
		// the override does not change 2026: 国庆 as above
		{"override leaves 2026 alone", "行政处罚", "", "2026-09-28", cal27, "2026-10-13", 7, "", ""},
		// 市场监管 (第九条): twenty working days for 行政处罚; 9/29–9/30 (2), 10/8–10/10 (5), 10/12–16 (10), 10/19–23 (15), 10/26–30 (20)
		{"市场监管 penalty", "行政处罚", "市场监管", "2026-09-28", nil, "2026-10-30", 20, "", ""},
		{"市场监管 by its alias", "行政处罚", "市场监督管理", "2026-09-28", nil, "2026-10-30", 20, "", ""},
		{"市场监管 licensing keeps the general rule", "行政许可", "市场监管", "2026-09-28", nil, "2026-10-13", 7, "", ""},
		{"unknown kind", "行政奖励", "", "2026-09-28", nil, "", 0, "kind", "行政奖励"},
		{"no kind", "", "", "2026-09-28", nil, "", 0, "kind", "required"},
		{"unknown sector", "行政处罚", "税务", "2026-09-28", nil, "", 0, "sector", "税务"},
	} {
		due, n, err := DisclosureDue(c.kind, c.sector, day(c.decided), c.cal)
		if c.errField != "" {
			var fe *FieldError
			if !errors.As(err, &fe) || fe.Field != c.errField || !strings.Contains(fe.Message, c.err) {
				t.Errorf("%s: error %v, want %s: …%s…", c.name, err, c.errField, c.err)
			}
			continue
		}
		if err != nil {
			t.Errorf("%s: %v", c.name, err)
			continue
		}
		if got := due.Format("2006-01-02"); got != c.due || n != c.days {
			t.Errorf("%s: decided %s → due %s (%d working days), want %s (%d)", c.name, c.decided, got, n, c.due, c.days)
		}
	}
}

func TestAddWorkingDaysZeroAndNegative(t *testing.T) {
	if d, err := AddWorkingDays(day("2026-02-16"), 0, nil); err != nil || d.Format("2006-01-02") != "2026-02-16" {
		t.Errorf("0 days: %v %v", d, err)
	}
	if _, err := AddWorkingDays(day("2026-02-16"), -1, nil); err == nil {
		t.Error("-1 days: no error")
	}
}

func TestLoadHolidaysErrors(t *testing.T) {
	for _, c := range []struct {
		name, file, want string
	}{
		{"bad date", "2027-01-01 holiday 元旦\n2027-02-30 holiday 春节\n", "h.txt:2: date"},
		{"not a date", "# a comment\n\n元旦 holiday 2027-01-01\n", "h.txt:3: date"},
		{"no type", "2027-01-01\n", "h.txt:1: type"},
		{"bad type", "2027-01-01 rest 元旦\n", "h.txt:1: type"},
		{"workday on a weekday", "2027-02-08 workday 春节\n", "h.txt:1: type"},
		{"no name", "2027-01-01 holiday\n", "h.txt:1: name"},
		{"name with spaces", "2027-01-01 holiday New Year\n", "h.txt:1: name"},
		{"twice", "2027-01-01 holiday 元旦\n2027-01-01 holiday 元旦\n", "h.txt:2: date: 2027-01-01 is already listed on line 1"},
		{"empty", "# nothing\n", "h.txt:1: date"},
	} {
		_, err := LoadHolidays(strings.NewReader(c.file), "h.txt")
		var he *HolidaysError
		if !errors.As(err, &he) || !strings.HasPrefix(err.Error(), c.want) {
			t.Errorf("%s: %v, want %s…", c.name, err, c.want)
		}
	}
	h, err := LoadHolidays(strings.NewReader(synthetic2027), "s.txt")
	if err != nil {
		t.Fatal(err)
	}
	if y := h.Years(); len(y) != 1 || y[0] != 2027 {
		t.Errorf("years %v, want [2027]", y)
	}
}
