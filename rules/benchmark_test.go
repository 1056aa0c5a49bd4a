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
// statutory range the entry uses: a weights entry's minimum and maximum (the
// maximum is what the percentage multiplies), a tier entry's tiers inside it.
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
			pen := e.Citations[0]
			if pen.Role != "" {
				t.Errorf("%s: the first citation must be the penalty provision, got role %q", e.ID, pen.Role)
			}
			a := c.Article(pen.Law, pen.Article, pen.Suffix)
			if a == nil {
				t.Errorf("%s: %s not in the corpus", e.ID, pen.Citation)
				continue
			}
			text := a.Text
			if pen.Paragraph > 0 {
				text, _ = a.Select(pen.Paragraph, 0)
			}
			switch e.Model {
			case "weights":
				w := e.Weights
				want := wanYuan(w.StatutoryMin) + "以上" + wanYuan(w.MaxFine) + "以下"
				if !strings.Contains(text, want) {
					t.Errorf("%s: %s does not state %q (statutory_min %v, max_fine %v)", e.ID, pen.Citation, want, w.StatutoryMin, w.MaxFine)
				}
			case "tiers":
				rule, _, ok := FineFromText(text)
				if !ok {
					t.Errorf("%s: %s states no fine", e.ID, pen.Citation)
					continue
				}
				for _, tr := range e.Tiers {
					lo, hi := tr.Fine.Min, tr.Fine.Max
					if tr.Fine.Kind == "fixed" && hi == 0 {
						hi = lo
					}
					if tr.Fine.Kind != "text" && (lo < rule.Min || hi > rule.Max) {
						t.Errorf("%s tier %s: %v–%v outside the statutory %v–%v of %s", e.ID, tr.Level, lo, hi, rule.Min, rule.Max, pen.Citation)
					}
				}
			}
		}
	}
	if n < 2 {
		t.Errorf("%d Guangdong entries embedded, want at least 2", n)
	}
}

// wanYuan writes a sum the way the statutes do: 20000 → 二万元.
func wanYuan(v float64) string {
	if int(v)%10000 == 0 {
		return corpora.ChineseNumeral(int(v)/10000) + "万元"
	}
	return corpora.ChineseNumeral(int(v)) + "元"
}
