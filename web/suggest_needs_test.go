package web

import (
	"encoding/json"
	"net/http/httptest"
	"strings"
	"testing"
)

// suggest on a tier computed from an amount (按照直接损失的百分之三十计算罚款，
// 最高不超过一百万元: 江门 4-27 第4档) without that amount: 200 with what is
// missing in needs and no fine, never a fine of 0 nor an error; with the amount
// the fine is capped at both ends. A synthetic Jiangmen agency while the table
// was in force.
func TestSuggestTierWithoutItsBase(t *testing.T) {
	s := New(Options{DataDir: t.TempDir()})
	const in = `{"penalty_basis":"《中华人民共和国固体废物污染环境防治法》第八十二条","agency":"江门市生态环境局（合成）","decision_date":"2022-06-01","tier":"4"`
	for _, tc := range []struct {
		body     string
		needs    []string
		min, max float64
	}{
		{in + `}`, []string{"direct_loss"}, 0, 0},
		{in + `,"amounts":{"direct_loss":5000000}}`, nil, 1000000, 1000000},
		{in + `,"amounts":{"direct_loss":1000000}}`, nil, 300000, 300000},
	} {
		req := httptest.NewRequest("POST", "/api/v1/suggest", strings.NewReader(tc.body))
		req.Header.Set("Content-Type", "application/json")
		code, b := testAs(t, s, "officer-7", req)
		var ans struct {
			Needs     []string `json:"needs"`
			Suggested struct {
				Min  float64 `json:"fine_min"`
				Max  float64 `json:"fine_max"`
				Fine float64 `json:"fine"`
			} `json:"suggested"`
		}
		if err := json.Unmarshal(b, &ans); err != nil {
			t.Fatalf("%s: %v %s", tc.body, err, b)
		}
		if code != 200 || strings.Join(ans.Needs, ",") != strings.Join(tc.needs, ",") || ans.Suggested.Min != tc.min || ans.Suggested.Max != tc.max {
			t.Errorf("%s → %d needs %v fine %+v; want 200 needs %v fine %v–%v", tc.body, code, ans.Needs, ans.Suggested, tc.needs, tc.min, tc.max)
		}
	}
	// a negative base is bad input naming it (422), not a missing fact
	req := httptest.NewRequest("POST", "/api/v1/suggest", strings.NewReader(in+`,"amounts":{"direct_loss":-1}}`))
	req.Header.Set("Content-Type", "application/json")
	if code, b := testAs(t, s, "officer-7", req); code != 422 || !strings.Contains(string(b), `"field":"amounts.direct_loss"`) {
		t.Errorf("negative loss → %d %s, want 422 naming amounts.direct_loss", code, b)
	}
}
