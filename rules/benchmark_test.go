package rules

import (
	"strings"
	"testing"

	"zhifa/corpora"
)

// The embedded Jiangmen table keeps every published row: 872 rows, 165 violations.
func TestJiangmenAllRowsImported(t *testing.T) {
	set, err := DefaultBenchmarks()
	if err != nil {
		t.Fatalf("embedded benchmarks: %v", err)
	}
	var jm *BenchmarkFile
	for _, f := range set.Files {
		if strings.HasPrefix(f.Name, "江门") {
			jm = f
		}
	}
	if jm == nil {
		t.Fatal("Jiangmen benchmark not embedded")
	}
	tiers := 0
	for _, e := range jm.Entries {
		if len(e.Citations) == 0 {
			t.Errorf("entry %s has no citation", e.ID)
		}
		for _, tr := range e.Tiers {
			tiers++
			if tr.Condition == "" && tr.Standard == "" {
				t.Errorf("entry %s tier %s lost its published text", e.ID, tr.Level)
			}
		}
	}
	if len(jm.Entries) != 165 || tiers != 872 {
		t.Errorf("Jiangmen: %d violations and %d tier rows, want 165 and 872", len(jm.Entries), tiers)
	}
	if jm.ValidUntil != "2023-02-28" {
		t.Errorf("valid_until = %q, want the published expiry 2023-02-28", jm.ValidUntil)
	}
}

// A malformed agency file is refused with its line, and the running set stays.
func TestUseBenchmarkFileBadKeepsSet(t *testing.T) {
	t.Cleanup(ResetBenchmarks)
	before, err := ActiveBenchmarks()
	if err != nil {
		t.Fatal(err)
	}
	bad := []byte("{\n \"name\": \"某局基准\",\n \"entries\": [\n  {\"id\": 5}\n ]\n}\n")
	_, err = UseBenchmarkFile("agency.json", bad)
	if err == nil {
		t.Fatal("malformed benchmark file accepted")
	}
	if !strings.Contains(err.Error(), "agency.json") || !strings.Contains(err.Error(), "4") {
		t.Errorf("error %q should name the file and line 4", err)
	}
	after, _ := ActiveBenchmarks()
	if after != before {
		t.Error("a rejected file replaced the running benchmark set")
	}
}

// Guangdong entries cite provisions in the corpus whose text states the
// statutory range the model multiplies.
func TestGuangdongCitations(t *testing.T) {
	set, err := DefaultBenchmarks()
	if err != nil {
		t.Fatal(err)
	}
	c := corpora.Default()
	n := 0
	for _, f := range set.Files {
		for _, e := range f.Entries {
			if e.Source != "guangdong" {
				continue
			}
			n++
			for _, cit := range e.Citations {
				if _, err := c.Cite(cit.Citation); err != nil {
					t.Errorf("%s: %v", e.ID, err)
				}
			}
			a := c.Article(e.Citations[0].Law, e.Citations[0].Article, "")
			if a == nil || !strings.Contains(a.Text, "十万元以上一百万元以下") || e.Weights.MaxFine != 1000000 || e.Weights.StatutoryMin != 100000 {
				t.Errorf("%s: the cited article does not state the 100,000–1,000,000 range the entry uses", e.ID)
			}
		}
	}
	if n < 2 {
		t.Errorf("%d Guangdong entries embedded, want at least 2", n)
	}
}
