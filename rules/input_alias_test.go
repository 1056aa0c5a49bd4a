package rules

import "testing"

// The case record's vocabulary (party kind, illegal_income, first_violation)
// must give the same suggestion as the rules' own names.
func TestSuggestAcceptsRecordVocabulary(t *testing.T) {
	base := Input{PenaltyBasis: "《中华人民共和国食品安全法》第一百二十二条第一款", Facts: "合成测试：未取得许可经营食品",
		DecisionDate: "2026-06-01", ActDate: "2026-05-01"}
	canon, alias := base, base
	canon.Party = Party{Type: "organization"}
	canon.Amounts = map[string]float64{"goods_value": 6000, "illegal_gains": 1800}
	canon.Circumstances = []string{"first_offense"}
	alias.Party = Party{Kind: "organization"}
	alias.Amounts = map[string]float64{"goods_value": 6000, "illegal_income": 1800}
	alias.Circumstances = []string{"first_violation"}
	a, err := Suggest(canon)
	if err != nil {
		t.Fatal(err)
	}
	b, err := Suggest(alias)
	if err != nil {
		t.Fatal(err)
	}
	if a.Suggested != b.Suggested || a.Outcome != b.Outcome || len(a.Reasons) != len(b.Reasons) {
		t.Fatalf("aliases changed the suggestion:\n%+v\n%+v", a, b)
	}
	for _, tc := range []struct {
		in    Input
		field string
	}{
		{Input{Party: Party{Type: "person", Kind: "organization"}}, "party.kind"},
		{Input{Amounts: map[string]float64{"illegal_gains": 1, "illegal_income": 2}}, "amounts.illegal_income"},
	} {
		err := tc.in.Validate()
		fe, ok := err.(*FieldError)
		if !ok || fe.Field != tc.field {
			t.Errorf("%+v: got %v, want a field error on %s", tc.in, err, tc.field)
		}
	}
}

// Agencies write citations without 《》 and without 中华人民共和国.
func TestSuggestBasisWithoutBrackets(t *testing.T) {
	for _, basis := range []string{"食品安全法第一百二十四条第一款", "中华人民共和国食品安全法第一百二十四条第一款", "《食品安全法》第一百二十四条第一款"} {
		in := Input{PenaltyBasis: basis, Facts: "合成测试：生产经营超范围使用食品添加剂的食品", Party: Party{Kind: "organization"},
			Amounts: map[string]float64{"goods_value": 20000}, DecisionDate: "2026-06-01", ActDate: "2026-05-01"}
		s, err := Suggest(in)
		if err != nil {
			t.Errorf("%s: %v", basis, err)
			continue
		}
		if s.Statutory == nil || len(s.Basis) == 0 {
			t.Errorf("%s: no statutory range or basis: %+v", basis, s)
		}
	}
}
