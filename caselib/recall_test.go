package caselib

import (
	"bufio"
	"encoding/json"
	"os"
	"slices"
	"strings"
	"testing"
)

type recallCase struct {
	ID     string `json:"id"`
	Format string `json:"format"`
	Text   string `json:"text"`
	Expect struct {
		PartyType      string   `json:"party_type"`
		PartyName      string   `json:"party_name"`
		Code           string   `json:"code"`
		Representative string   `json:"representative"`
		Facts          string   `json:"facts"`
		Evidence       string   `json:"evidence"`
		Violated       []string `json:"violated"`
		Penalty        []string `json:"penalty"`
		Reasons        string   `json:"reasons"`
		Penalties      []string `json:"penalties"`
		Fine           *float64 `json:"fine"`
	} `json:"expect"`
}

// recallFloor is the recall each field reaches on the synthetic set today
// (BENCHMARKS.md): a change that loses a field fails here.
var recallFloor = map[string]float64{
	"party_type": 1, "party_name": 1, "code": 1, "representative": 1, "facts": 1, "evidence": 1,
	"violated": 1, "penalty": 1, "reasons": 1, "penalties": 1, "fine": 1,
}

// Recall per field of what import recognises in the 40 synthetic decisions
// of testdata/recall (formats as agencies publish them).
func TestImportRecall(t *testing.T) {
	f, err := os.Open("testdata/recall/decisions.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	hit, total := map[string]int{}, map[string]int{}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	n := 0
	for sc.Scan() {
		var c recallCase
		if err := json.Unmarshal(sc.Bytes(), &c); err != nil {
			t.Fatal(err)
		}
		n++
		s := Recognise(c.Text)
		if s == nil {
			s = &Structure{}
		}
		e := c.Expect
		check := func(field string, applies, ok bool) {
			if !applies {
				return
			}
			total[field]++
			if ok {
				hit[field]++
			} else if testing.Verbose() {
				t.Logf("%s (%s): %s missed", c.ID, c.Format, field)
			}
		}
		check("party_type", true, s.PartyType == e.PartyType)
		check("party_name", true, s.PartyName == e.PartyName)
		check("code", true, s.CreditCode == e.Code || s.IDNumber == e.Code)
		check("representative", e.Representative != "", s.Representative == e.Representative)
		check("facts", true, strings.HasPrefix(s.Facts, e.Facts))
		check("evidence", true, strings.Contains(s.Evidence, e.Evidence))
		check("violated", true, slices.Equal(s.Violated, e.Violated))
		check("penalty", true, slices.Equal(s.Penalty, e.Penalty))
		check("reasons", true, strings.Contains(s.Reasons, e.Reasons))
		check("penalties", true, slices.Equal(s.Penalties, e.Penalties))
		check("fine", e.Fine != nil, s.Fine != nil && e.Fine != nil && *s.Fine == *e.Fine)
	}
	if n < 40 {
		t.Fatalf("%d decisions in the set, want at least 40", n)
	}
	for _, field := range []string{"party_type", "party_name", "code", "representative", "facts", "evidence", "violated", "penalty", "reasons", "penalties", "fine"} {
		r := float64(hit[field]) / float64(total[field])
		t.Logf("%-15s %2d/%2d = %.2f", field, hit[field], total[field], r)
		if r < recallFloor[field] {
			t.Errorf("%s: recall %.2f, below %.2f", field, r, recallFloor[field])
		}
	}
}
