package rules

import (
	"math"
	"regexp"
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
// maximum is what the percentage multiplies), a tier entry's lowest and
// highest sum.
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
			switch e.Model {
			case "weights":
				a := c.Article(pen.Law, pen.Article, pen.Suffix)
				if a == nil {
					t.Errorf("%s: %s not in the corpus", e.ID, pen.Citation)
					continue
				}
				text := a.Text
				if pen.Paragraph > 0 {
					text, _ = a.Select(pen.Paragraph, 0)
				}
				w := e.Weights
				want := wanYuan(w.StatutoryMin) + "以上" + wanYuan(w.MaxFine) + "以下"
				if !strings.Contains(text, want) {
					t.Errorf("%s: %s does not state %q (statutory_min %v, max_fine %v)", e.ID, pen.Citation, want, w.StatutoryMin, w.MaxFine)
				}
			case "tiers":
				// The lowest and the highest sum of the tiers are figures of a
				// penalty provision the entry cites (the range may sit in
				// another paragraph, as in 水污染防治法第八十五条第二款).
				var texts []string
				for _, cit := range e.Citations {
					if a := c.Article(cit.Law, cit.Article, cit.Suffix); a != nil && cit.Role == "" {
						texts = append(texts, a.Text)
					}
				}
				lo, hi := math.Inf(1), 0.0
				for _, tr := range e.Tiers {
					lo, hi = math.Min(lo, tr.Fine.Min), math.Max(hi, math.Max(tr.Fine.Max, tr.Fine.Min))
				}
				for _, v := range []float64{lo, hi} {
					if v > 0 && !statesSum(texts, v) {
						t.Errorf("%s: no penalty provision it cites states %s", e.ID, wanYuan(v))
					}
				}
				// Tiers priced as a multiple of a base amount: the lowest and
				// highest whole multiple are the statute's (一倍以上三倍以下).
				lt, ht := math.Inf(1), 0.0
				for _, tr := range e.Tiers {
					if tr.Fine.Kind == "multiple" {
						lt, ht = math.Min(lt, tr.Fine.MinTimes), math.Max(ht, tr.Fine.MaxTimes)
					}
				}
				for _, v := range []float64{lt, ht} {
					if v > 0 && !math.IsInf(v, 0) && v == math.Trunc(v) && !strings.Contains(strings.Join(texts, "\n"), corpora.ChineseNumeral(int(v))+"倍") {
						t.Errorf("%s: no penalty provision it cites states %s倍", e.ID, corpora.ChineseNumeral(int(v)))
					}
				}
			}
		}
	}
	if n < 2 {
		t.Errorf("%d Guangdong entries embedded, want at least 2", n)
	}
}

// statesSum reports whether one of texts names the sum as a figure of its own
// (五万元 in 处五万元以上, not the tail of 十五万元).
func statesSum(texts []string, v float64) bool {
	re := regexp.MustCompile(`(^|[^零一二三四五六七八九十百千])` + regexp.QuoteMeta(wanYuan(v)))
	for _, t := range texts {
		if re.MatchString(t) {
			return true
		}
	}
	return false
}

// wanYuan writes a sum the way the statutes do: 20000 → 二万元.
func wanYuan(v float64) string {
	if int(v)%10000 == 0 {
		return corpora.ChineseNumeral(int(v)/10000) + "万元"
	}
	return corpora.ChineseNumeral(int(v)) + "元"
}
