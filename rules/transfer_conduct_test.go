package rules

import (
	"strings"
	"testing"

	"zhifa/corpora"
)

// Every defining conduct is quoted from its provision.
func TestConductDefinitionsQuoted(t *testing.T) {
	ths, err := Thresholds()
	if err != nil {
		t.Fatal(err)
	}
	c := corpora.Default()
	n := 0
	for _, th := range ths {
		d := th.Conduct
		if d == nil {
			continue
		}
		n++
		def, err := c.Cite(d.Basis)
		if err != nil || !strings.Contains(def.Text, d.Defines) {
			t.Errorf("%s: %s does not define %q (%v)", th.ID, d.Basis, d.Defines, err)
		}
		for _, alt := range append(append([]ConductAlt{}, d.Alternatives...), d.Unless...) {
			basis := d.Basis
			if alt.Basis != "" {
				basis = alt.Basis
			}
			r, err := c.Cite(basis)
			if err != nil || !strings.Contains(r.Text, alt.Quote) {
				t.Errorf("%s: %q is not in %s (%v)", th.ID, alt.Quote, basis, err)
			}
			if len(alt.Require) == 0 {
				t.Errorf("%s: %q has no words", th.ID, alt.Quote)
			}
		}
	}
	if n < 4 {
		t.Errorf("%d thresholds define their crime by conduct, want the four of 盗伐 and 滥伐", n)
	}
}

// Facts that describe the conduct without naming the crime are flagged; facts
// just outside the definition (own trees, a permit, a disputed title, land
// clearing) are not flagged as that crime. All facts are synthetic.
func TestTransferFromConduct(t *testing.T) {
	cases := []struct {
		name  string
		facts string
		m3    float64
		want  string // crime flagged, "" for none
	}{
		{"盗伐 described: no permit, another's trees", "当事人未取得采伐许可证，擅自砍伐村集体所有的松树。", 6, "盗伐林木罪"},
		{"盗伐 described: outside the permit's place", "当事人在采伐许可证规定的地点以外采伐他人所有的林木。", 6, "盗伐林木罪"},
		{"盗伐 just below 五立方米", "当事人未取得采伐许可证，擅自砍伐村集体所有的松树。", 4.99, ""},
		{"own trees without a permit: 滥伐, not 盗伐, and below 二十立方米", "当事人未办理林木采伐许可证，砍伐本人承包山上自有的杉木。", 6, ""},
		{"own trees without a permit, 20 m³: 滥伐", "当事人未办理林木采伐许可证，砍伐本人承包山上自有的杉木。", 20, "滥伐林木罪"},
		{"own trees, 19.9 m³: just outside", "当事人未办理林木采伐许可证，砍伐本人承包山上自有的杉木。", 19.9, ""},
		{"more than the permit allows, another's trees: 滥伐", "当事人持有采伐许可证，但超过规定的数量采伐国有林场所有的林木。", 25, "滥伐林木罪"},
		{"disputed title: 滥伐, not 盗伐", "双方林木权属存在争议，当事人未取得采伐许可证砍伐争议林地上他人所有的林木。", 25, "滥伐林木罪"},
		{"disputed title, 6 m³: neither", "双方林木权属存在争议，当事人未取得采伐许可证砍伐争议林地上他人所有的林木。", 6, ""},
		{"land clearing damaging trees: neither", "当事人未经批准开垦林地，砍伐他人所有的林木。", 30, ""},
		{"with a permit, within it: nothing", "当事人持有采伐许可证，在许可范围内采伐本单位所有的林木。", 30, ""},
		{"felling named without the owner: not decided by conduct", "当事人未取得采伐许可证砍伐林木。", 30, ""},
		{"the crime named: still flagged", "当事人盗伐林木。", 6, "盗伐林木罪"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			res, err := Transfer(Input{Facts: tc.facts, Amounts: map[string]float64{"timber_m3": tc.m3}})
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, f := range res.Flags {
				if strings.Contains(f.Crime, "伐林木") {
					got = append(got, f.Crime)
					if tc.want != "" && f.Crime == tc.want && !strings.Contains(tc.facts, "盗伐") && !strings.Contains(f.Reason, "解释》第") {
						t.Errorf("reason does not quote the definition: %s", f.Reason)
					}
				}
			}
			switch {
			case tc.want == "" && len(got) > 0:
				t.Errorf("flagged %v on facts outside the definition", got)
			case tc.want != "" && (len(got) != 1 || got[0] != tc.want):
				t.Errorf("flagged %v, want only %s", got, tc.want)
			}
		})
	}
}
