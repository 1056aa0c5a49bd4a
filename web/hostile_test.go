package web

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http/httptest"
	"regexp"
	"runtime"
	"sort"
	"strings"
	"testing"
	"time"
)

// The bad-input corpus: generated from the registered route table, every
// form is sent to every API route. No answer is a 5xx; every 4xx is JSON,
// those about input name the field in JSON terms (no Go type, no decoder
// wording); a refused request changes no stored row; the heap stays under
// hostileHeapBound.
const hostileHeapBound = 1 << 30

// goTypeRe finds what only Go's decoders say: a package-qualified type, a
// method of one, or Go's names for kinds.
var goTypeRe = regexp.MustCompile(`\b(records|web|search|caselib|time|json|rules|inspect|drafting|disclosure|review|stats|auth)\.[A-Z]\w*|UnmarshalJSON|Go (struct|value)|\bfloat64\b|\bint64\b|\bmap\[`)

type hostileForm struct {
	name, contentType, body string
}

// bodyForms are the bodies sent to the i-th POST or PUT route: every
// whole-body form, and each bad value under keysPerValue of the field
// names, rotating with i so that the routes together cover every pair.
func bodyForms(i int) []hostileForm {
	deepArr := strings.Repeat("[", 20000) + strings.Repeat("]", 20000)
	deepObj := strings.Repeat(`{"a":`, 20000) + "1" + strings.Repeat("}", 20000)
	forms := []hostileForm{
		{"empty", "application/json", ""},
		{"array", "application/json", "[]"},
		{"string", "application/json", `"x"`},
		{"truncated", "application/json", `{"facts":`},
		{"trailing", "application/json", `{}{}`},
		{"deep array", "application/json", deepArr},
		{"deep object", "application/json", deepObj},
		{"text/plain", "text/plain", `{}`},
		{"form", "application/x-www-form-urlencoded", "facts=x"},
		{"json with charset latin1", "application/json; charset=latin1", `{}`},
	}
	keys := []string{"facts", "q", "title", "text", "name", "id", "kind", "at", "data", "parties", "amounts", "fine",
		"top", "officer_ids", "opened_on", "penalty_basis", "comment", "tags", "tag", "reason", "collection", "status",
		"content", "agency_id", "power_item_id", "reviewer", "proposed", "opinion", "items", "year"}
	huge := strings.Repeat("长", 70<<10/3+1)
	values := map[string]string{
		"number":    `12345`,
		"negative":  `-1e308`,
		"overflow":  `1e400`,
		"bool":      `true`,
		"object":    `{"x":{"y":[1,"2",null]}}`,
		"array":     `[1,"2",{}]`,
		"nested":    strings.Repeat("[", 5000) + strings.Repeat("]", 5000),
		"oversize":  `"` + huge + `"`,
		"script":    `"<script>alert(1)</script><img src=x onerror=alert(1)>"`,
		"traversal": `"../../../../etc/passwd"`,
		"nul":       `"a\u0000b"`,
		"bad date":  `"2026-13-45T99:99:99Z"`,
		"far date":  `"0001-01-01T00:00:00Z"`,
		"bomb":      `"((((((((((\"*?~^:[]{}!&&||\\\\"`,
	}
	vnames := make([]string, 0, len(values))
	for v := range values {
		vnames = append(vnames, v)
	}
	sort.Strings(vnames)
	const keysPerValue = 3
	for j, v := range vnames {
		for n := 0; n < keysPerValue; n++ {
			k := keys[(i*keysPerValue+j+n*len(vnames))%len(keys)]
			forms = append(forms, hostileForm{k + "=" + v, "application/json", `{"` + k + `":` + values[v] + `}`})
		}
	}
	return forms
}

// queryForms are the query strings sent to every GET.
var queryForms = []string{
	"q=" + strings.Repeat("(", 500),
	"q=%22%22%22*%3F~%5E%3A%5B%5D%7B%7D!%26%26%7C%7C",
	"q=" + strings.Repeat("%E9%95%BF", 100) + strings.Repeat("a", 1900),
	"q=%3Cscript%3Ealert(1)%3C%2Fscript%3E",
	"top=abc", "top=-1", "top=99999999999999999999", "limit=1e9", "offset=-5", "page=0",
	"since=not-a-date", "since=0001-01-01", "from=2999-01-01&to=1900-01-01", "year=99999",
	"law=..%2F..%2Fetc%2Fpasswd", "status=%27%20OR%201%3D1--",
}

// badIDs replace every path parameter once.
var badIDs = []string{
	"..%2F..%2Fetc%2Fpasswd", "%3Cscript%3Ealert(1)%3C%2Fscript%3E", strings.Repeat("x", 1200),
	"%27%20OR%201%3D1--", "-1", "%E4%B8%AD%E6%96%87",
}

// goodID is an id that exists in the demo records, by the route's first segment.
func goodID(path string) string {
	switch {
	case strings.HasPrefix(path, "/api/v1/agencies"):
		return "demo-scjgj"
	case strings.HasPrefix(path, "/api/v1/cases"):
		return "demo-case-11"
	}
	return "demo-case-11"
}

func fillPath(path, id string) string {
	parts := strings.Split(path, "/")
	for i, p := range parts {
		if strings.HasPrefix(p, ":") {
			parts[i] = id
		}
	}
	return strings.Join(parts, "/")
}

// rowCounts counts the rows of every table of the records but the logs of
// access (audit, access_log), which record the refused request itself.
func rowCounts(t *testing.T, s *Server) map[string]int {
	t.Helper()
	st, err := s.Records()
	if err != nil {
		t.Fatal(err)
	}
	db := st.DB()
	rows, err := db.Query(`SELECT name FROM sqlite_master WHERE type = 'table'`)
	if err != nil {
		t.Fatal(err)
	}
	var tables []string
	for rows.Next() {
		var n string
		rows.Scan(&n)
		tables = append(tables, n)
	}
	rows.Close()
	out := map[string]int{}
	for _, tb := range tables {
		if tb == "audit" || tb == "access_log" {
			continue // who asked for a case is recorded, answered or not
		}
		var n int
		if err := db.QueryRow(`SELECT count(*) FROM "` + tb + `"`).Scan(&n); err != nil {
			t.Fatal(err)
		}
		out[tb] = n
	}
	return out
}

func TestBadInputCorpus(t *testing.T) {
	if testing.Short() {
		t.Skip("the corpus takes a while")
	}
	s := recordsServer(t)
	testToken(t, s, "tester")
	before := rowCounts(t, s)
	var peak uint64
	sent, fails := 0, 0
	deadline := time.Now().Add(3 * time.Minute)
	check := func(method, target, ctype, body, form string) {
		t.Helper()
		if fails > 40 || time.Now().After(deadline) {
			return
		}
		req := httptest.NewRequest(method, target, strings.NewReader(body))
		if ctype != "" {
			req.Header.Set("Content-Type", ctype)
		}
		req = req.WithContext(context.Background())
		status, resp := testAs(t, s, "tester", req)
		sent++
		fail := func(format string, a ...any) {
			fails++
			t.Errorf("%s %.120s [%s]: %d %.300s: %s", method, target, form, status, resp, fmt.Sprintf(format, a...))
		}
		if status >= 500 {
			fail("5xx")
			return
		}
		if status >= 400 {
			var e APIError
			if err := json.Unmarshal(resp, &e); err != nil || e.Code == "" {
				fail("not a JSON error")
				return
			}
			if (status == 400 || status == 413 || status == 415 || status == 422) && e.Field == "" {
				fail("names no field")
			}
			if goTypeRe.MatchString(e.Message) || goTypeRe.MatchString(e.Field) {
				fail("speaks Go")
			}
			after := rowCounts(t, s)
			for tb, n := range after {
				if before[tb] != n {
					fail("table %s went from %d to %d rows", tb, before[tb], n)
				}
			}
			before = after
		} else {
			before = rowCounts(t, s) // an accepted request may store
		}
		if sent%50 == 0 {
			var ms runtime.MemStats
			runtime.ReadMemStats(&ms)
			peak = max(peak, ms.HeapInuse)
		}
	}
	routes := s.App.GetRoutes(true)
	n, posts := 0, 0
	for _, r := range routes {
		if !strings.HasPrefix(r.Path, "/api/v1/") || r.Method == "HEAD" {
			continue
		}
		n++
		for _, id := range badIDs {
			if len(r.Params) > 0 {
				check(r.Method, fillPath(r.Path, id), "application/json", "{}", "bad id "+id[:min(len(id), 12)])
			}
		}
		target := fillPath(r.Path, goodID(r.Path))
		switch r.Method {
		case "GET":
			for _, q := range queryForms {
				check("GET", target+"?"+q, "", "", q[:min(len(q), 20)])
			}
		case "POST", "PUT", "PATCH":
			posts++
			for _, f := range bodyForms(posts) {
				check(r.Method, target, f.contentType, f.body, f.name)
			}
		}
	}
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	peak = max(peak, ms.HeapInuse)
	t.Logf("%d routes, %d requests, heap in use at most %d MB", n, sent, peak>>20)
	if time.Now().After(deadline) {
		t.Errorf("the corpus did not finish in 3 minutes (%d requests sent)", sent)
	}
	if peak > hostileHeapBound {
		t.Errorf("heap in use reached %d MB, bound %d MB", peak>>20, hostileHeapBound>>20)
	}
}
