package rules

import (
	"errors"
	"strings"
	"testing"

	"zhifa/corpora"
)

// The versions of 上海市检验检测条例 in corpora/testdata/versions: the real
// 2016 text and 2024-12-31 amendment, and a synthetic 2025 version (in force
// 2025-07-01) that lowers 第四十四条's fine to 五千元以上五万元以下.
func versionsCorpus(t *testing.T) *corpora.Corpus {
	t.Helper()
	c, err := corpora.Load("../corpora/testdata/versions")
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// 第三十七条 (从旧兼从轻): the law at the act applies unless the one at the
// decision punishes more lightly.
func TestSuggestLighterLaw(t *testing.T) {
	c := versionsCorpus(t)
	org := Party{Type: "organization"}
	for _, tt := range []struct {
		name, basis, act, decision string
		applied                    string // "" when one version is in force at both dates
		min, max                   float64
		reason                     string
	}{
		{"new lighter: the new law", "《上海市检验检测条例》第四十四条第一款", "2025-03-01", "2025-08-01", "decision", 5000, 50000, "新的规定处罚较轻，适用新的规定"},
		{"new not lighter: the law then", "《上海市检验检测条例》第四十四条第一款", "2024-06-01", "2025-03-01", "act", 10000, 100000, "新的规定处罚并不较轻，适用违法行为发生时的规定"},
		{"one version", "《上海市检验检测条例》第四十四条第一款", "2025-08-01", "2025-09-01", "", 5000, 50000, ""},
		{"act before the lighter version, decided before it too", "《上海市检验检测条例》第四十四条第一款", "2025-03-01", "2025-05-01", "", 10000, 100000, ""},
	} {
		s, err := SuggestIn(c, Input{PenaltyBasis: tt.basis, Party: org, ActDate: tt.act, DecisionDate: tt.decision})
		if err != nil {
			t.Errorf("%s: %v", tt.name, err)
			continue
		}
		if s.Statutory == nil || s.Statutory.Min != tt.min || s.Statutory.Max != tt.max {
			t.Errorf("%s: statutory %+v, want %v–%v", tt.name, s.Statutory, tt.min, tt.max)
		}
		if tt.applied == "" {
			if s.Version != nil {
				t.Errorf("%s: versions weighed though one was in force: %+v", tt.name, s.Version)
			}
			continue
		}
		if s.Version == nil || s.Version.Applied != tt.applied || !strings.Contains(s.Version.Reason, tt.reason) {
			t.Errorf("%s: version %+v, want applied %s, reason with %q", tt.name, s.Version, tt.applied, tt.reason)
			continue
		}
		if !slicesContain(s.Reasons, s.Version.Reason) {
			t.Errorf("%s: the reason is not among the reasons %q", tt.name, s.Reasons)
		}
		found := false
		for _, b := range s.Basis {
			if b.Citation == "《中华人民共和国行政处罚法》第三十七条" {
				found = strings.Contains(b.Text, "适用违法行为发生时的法律、法规、规章的规定") && strings.Contains(b.Text, "新的规定处罚较轻")
			}
		}
		if !found {
			t.Errorf("%s: 第三十七条 with its text not in the basis %+v", tt.name, s.Basis)
		}
	}
}

func slicesContain(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}

// An act of 2018 under 土地管理法 第七十六条: the text held is the 2019
// amendment's (in force 2020-01-01), so the suggestion says so.
func TestSuggestVersionWarning(t *testing.T) {
	s, err := Suggest(Input{PenaltyBasis: "《中华人民共和国土地管理法》第七十六条", Party: Party{Type: "organization"}, ActDate: "2018-06-01", DecisionDate: "2018-09-01"})
	if err != nil {
		t.Fatal(err)
	}
	if w := s.VersionWarning; w == nil || w.Revision != "2019-08-26" || w.InForce != "2020-01-01" || !strings.Contains(w.Message, "may have changed") {
		t.Fatalf("version warning = %+v", s.VersionWarning)
	}
	if !strings.Contains(strings.Join(s.Reasons, "\n"), "may have changed") {
		t.Errorf("no note among the reasons: %q", s.Reasons)
	}
	for _, d := range []struct{ field, act, dec string }{{"act_date", "2018-13-01", ""}, {"act_date", "18/6/1", ""}, {"decision_date", "2018-06-01", "2018-02-30"}} {
		_, err := Suggest(Input{PenaltyBasis: "《中华人民共和国土地管理法》第七十六条", ActDate: d.act, DecisionDate: d.dec})
		var fe *FieldError
		if !errors.As(err, &fe) || fe.Field != d.field {
			t.Errorf("act %q decision %q: error %v, want one naming %s", d.act, d.dec, err, d.field)
		}
	}
}
