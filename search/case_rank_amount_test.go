package search

import (
	"slices"
	"testing"
)

// All else equal (the same words, the same charges, the same party), a
// candidate whose amount is closer to the query's ranks higher: the amount of
// a case is part of how alike two cases are. The cases are synthetic; their
// ids are chosen so that the tie-break on id alone would give the opposite order.
func TestCloserAmountRanksHigher(t *testing.T) {
	const text = "当事人销售超过保质期的食品，违反食品安全法的规定（合成案例）。"
	terms := CaseTerms("", text)
	doc := func(id string, amount float64) CaseDoc {
		return CaseDoc{ID: id, Title: "销售超过保质期的食品案（合成）", Text: text, Terms: terms, Amount: amount}
	}
	r := NewCaseRanker([]CaseDoc{
		doc("a-far", 5000000),  // 500 times the query's amount
		doc("b-mid", 80000),    // 8 times
		doc("c-near", 12000),   // 1.2 times
		doc("d-below", 100),    // a hundredth
		doc("e-unknown", 0),    // no amount recognised: no amount agreement
		doc("f-exact", 10000),  // the same amount
		doc("g-mid-low", 1250), // an eighth: as far as b-mid on the log scale
	})
	hits := r.Rank("当事人销售超过保质期的食品，货值金额10000元。", CaseQuery{Top: 10})
	var got []string
	score := map[string]float64{}
	for _, h := range hits {
		got = append(got, h.ID)
		score[h.ID] = h.Score
	}
	if len(got) != 7 {
		t.Fatalf("hits %v, want all 7", got)
	}
	before := func(a, b string) {
		t.Helper()
		if slices.Index(got, a) > slices.Index(got, b) || score[a] <= score[b] {
			t.Errorf("%s (%v) should rank above %s (%v); order %v", a, score[a], b, score[b], got)
		}
	}
	before("f-exact", "c-near")
	before("c-near", "b-mid")
	before("b-mid", "d-below")
	before("b-mid", "a-far")
	before("d-below", "e-unknown")
	before("a-far", "e-unknown")
	// the same distance either way (×8, ÷8) is the same agreement
	if d := score["b-mid"] - score["g-mid-low"]; d > 1e-6 || d < -1e-6 {
		t.Errorf("×8 scores %v, ÷8 scores %v: the same ratio should weigh the same", score["b-mid"], score["g-mid-low"])
	}
	// the BM25-only ranking (Plain) does not look at amounts: all tie, by id
	plain := r.Rank("当事人销售超过保质期的食品，货值金额10000元。", CaseQuery{Top: 10, Plain: true})
	if plain[0].ID != "a-far" || plain[0].Score != plain[len(plain)-1].Score {
		t.Errorf("plain ranking %+v should not weigh amounts", plain)
	}
}

func TestAmountProximity(t *testing.T) {
	for _, c := range []struct {
		a, b, want float64
	}{
		{10000, 10000, 1},
		{10000, 100000, 0.5},
		{100000, 10000, 0.5},
		{10000, 1000000, 1.0 / 3},
		{0, 10000, 0},
		{10000, 0, 0},
	} {
		if got := amountProximity(c.a, c.b); got-c.want > 1e-9 || c.want-got > 1e-9 {
			t.Errorf("amountProximity(%v, %v) = %v, want %v", c.a, c.b, got, c.want)
		}
	}
}
