package web

import (
	"encoding/json"
	"io"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"zhifa/rules"
)

// GET /api/v1/deadline answers without sign-in; bad input names its field
// (400), a year without a schedule is 422 on decided unless the server was
// given one. Dates counted by hand in rules/workdays_test.go.
func TestDeadlineAPI(t *testing.T) {
	// synthetic 2027 schedule, not the State Council's notice
	h, err := rules.LoadHolidays(strings.NewReader("2027-01-01 holiday 元旦\n2027-01-02 holiday 元旦\n2027-01-03 holiday 元旦\n"), "synthetic-2027.txt")
	if err != nil {
		t.Fatal(err)
	}
	plain := New(Options{DataDir: t.TempDir()})
	defer plain.Close(t.Context())
	with27 := New(Options{DataDir: t.TempDir(), Calendar: rules.NewCalendar(h)})
	defer with27.Close(t.Context())
	for _, c := range []struct {
		name   string
		s      *Server
		query  string
		status int
		want   string // the body, or the error's field
	}{
		{"国庆 make-up Saturday", plain, "kind=行政处罚&decided=2026-09-28", 200, `{"due":"2026-10-13","working_days":7}`},
		{"twenty days", plain, "kind=行政检查&decided=2026-08-24", 200, `{"due":"2026-09-20","working_days":20}`},
		{"sector", plain, "kind=行政处罚&decided=2026-09-28&sector=市场监管", 200, `{"due":"2026-10-30","working_days":20}`},
		{"year boundary", plain, "kind=行政许可&decided=2025-12-24", 200, `{"due":"2026-01-05","working_days":7}`},
		{"2027 missing", plain, "kind=行政处罚&decided=2027-03-01", 422, "decided"},
		{"2027 supplied", with27, "kind=行政处罚&decided=2027-03-01", 200, `{"due":"2027-03-10","working_days":7}`},
		{"no kind", plain, "decided=2026-09-28", 400, "kind"},
		{"unknown kind", plain, "kind=行政奖励&decided=2026-09-28", 400, "kind"},
		{"no date", plain, "kind=行政处罚", 400, "decided"},
		{"bad date", plain, "kind=行政处罚&decided=2026-02-30", 400, "decided"},
		{"unknown sector", plain, "kind=行政处罚&decided=2026-09-28&sector=税务", 400, "sector"},
	} {
		q, _ := url.ParseQuery(c.query)
		req := httptest.NewRequest("GET", "/api/v1/deadline?"+q.Encode(), nil) // anonymous
		resp, err := c.s.App.Test(req, -1)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != c.status {
			t.Errorf("%s: %d %s, want %d", c.name, resp.StatusCode, b, c.status)
			continue
		}
		if c.status == 200 {
			if strings.TrimSpace(string(b)) != c.want {
				t.Errorf("%s: %s, want %s", c.name, b, c.want)
			}
			continue
		}
		var e struct{ Code, Field, Message string }
		if err := json.Unmarshal(b, &e); err != nil || e.Field != c.want || e.Message == "" {
			t.Errorf("%s: %s, want an error on field %s", c.name, b, c.want)
		}
	}
	// signed in, the answer is the same
	resp, err := testResp(t, plain, httptest.NewRequest("GET", "/api/v1/deadline?kind="+url.QueryEscape("行政处罚")+"&decided=2026-09-28", nil))
	if err != nil {
		t.Fatal(err)
	}
	if b, _ := io.ReadAll(resp.Body); resp.StatusCode != 200 || !strings.Contains(string(b), "2026-10-13") {
		t.Errorf("signed in: %d %s", resp.StatusCode, b)
	}
	// the next route is still behind sign-in
	req := httptest.NewRequest("GET", "/api/v1/deadlines", nil)
	if resp, _ := plain.App.Test(req, -1); resp.StatusCode != 401 {
		t.Errorf("/api/v1/deadlines anonymous: %d, want 401", resp.StatusCode)
	}
}
