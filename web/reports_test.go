package web

import (
	"io"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"zhifa/caselib"
)

// Synthetic library: two near-identical cases fined 5,000 and 50,000 form a
// 同案不同罚 pair; an unrelated case does not.
func TestUnequalPenaltiesReport(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(t.TempDir(), "lib.jsonl")
	lines := `{"id":"s1","title":"合成案例甲","text":"当事人在其经营的超市销售超过保质期的牛奶二十盒，货值金额六百元。","fine":5000}
{"id":"s2","title":"合成案例乙","text":"当事人在其经营的超市销售超过保质期的牛奶二十盒，货值金额六百元。","fine":50000}
{"id":"s3","title":"合成案例丙","text":"当事人未取得排污许可证向河流排放工业废水，持续三个月。","fine":200000}
`
	if err := os.WriteFile(src, []byte(lines), 0o644); err != nil {
		t.Fatal(err)
	}
	lib, err := caselib.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := lib.ImportFile(src, "", nil); err != nil {
		t.Fatal(err)
	}
	if err := lib.Save(); err != nil {
		t.Fatal(err)
	}
	s := New(Options{DataDir: dir})
	for _, tc := range []struct {
		url    string
		status int
		want   []string
		not    string
	}{
		{"/api/v1/reports/unequal-penalties?factor=3", 200, []string{`"s1"`, `"s2"`}, `"s3"`},
		{"/api/v1/reports/unequal-penalties?factor=abc", 400, []string{`"field":"factor"`}, ""},
		{"/api/v1/reports/unequal-penalties?min_sim=2", 400, []string{`"field":"min_sim"`}, ""},
	} {
		resp, err := testResp(t, s, httptest.NewRequest("GET", tc.url, nil))
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		if resp.StatusCode != tc.status {
			t.Errorf("%s → %d %s, want %d", tc.url, resp.StatusCode, b, tc.status)
		}
		for _, w := range tc.want {
			if !strings.Contains(string(b), w) {
				t.Errorf("%s → %s, want %s in it", tc.url, b, w)
			}
		}
		if tc.not != "" && strings.Contains(string(b), tc.not) {
			t.Errorf("%s → %s, must not contain %s", tc.url, b, tc.not)
		}
	}
}
