package corpora

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

// Every line of laws/revisions.tsv is checked against the text held where it
// can be, and against its own source otherwise: a revision the held header
// records must be there with that date and kind; a later one must postdate the
// text held; the source names an official announcement and states the
// in-force date that the line gives.
func TestRevisionsFile(t *testing.T) {
	c := Default()
	revs := c.Revisions()
	if len(revs) < 3 {
		t.Fatalf("%d revisions, expected at least 3", len(revs))
	}
	for _, r := range revs {
		where := fmt.Sprintf("laws/revisions.tsv:%d", r.Line)
		l := c.Law(r.Law)
		if l == nil || l.Name != r.Law {
			t.Errorf("%s: %s is not a law of the corpus by its official name", where, r.Law)
			continue
		}
		inForce, _ := time.Parse("2006-01-02", r.InForce)
		adopted, _ := time.Parse("2006-01-02", r.Adopted)
		if !strings.Contains(r.Source, inForce.Format("自2006年1月2日起施行")) {
			t.Errorf("%s: the source does not state 自%s起施行: %s", where, inForce.Format("2006年1月2日"), r.Source)
		}
		if !strings.Contains(r.Source, adopted.Format("2006年1月2日")) || !strings.Contains(r.Source, "主席令") {
			t.Errorf("%s: the source names no 主席令 of %s: %s", where, adopted.Format("2006年1月2日"), r.Source)
		}
		if r.Adopted <= l.Adopted {
			found := false
			for _, e := range l.dated {
				found = found || e.Date == r.Adopted && e.Kind == r.Kind
			}
			if !found {
				t.Errorf("%s: the held text of %s has no %s line of %s (events %+v)", where, r.Law, r.Kind, r.Adopted, l.dated)
			}
			continue
		}
		if len(c.LaterRevisions(l)) == 0 {
			t.Errorf("%s: %s revised %s after the text held (%s) but not listed as later", where, r.Law, r.Adopted, l.Adopted)
		}
	}
}

func TestParseRevisionsErrors(t *testing.T) {
	const head = "law\tkind\tadopted\tin_force\tsource\n"
	for _, tt := range []struct{ data, want string }{
		{"x\n", ":1: expected the header"},
		{head + "a\t修正\t2020-01-01\n", ":2: 3 fields"},
		{head + "a\t修正\t2020-13-01\t2020-01-01\ts\n", ":2: adopted \"2020-13-01\""},
		{head + "a\t修正\t2020-02-01\t2020-01-01\ts\n", ":2: in force 2020-01-01 before"},
	} {
		if _, err := parseRevisions("r.tsv", []byte(tt.data)); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("parseRevisions(%q) = %v, want %q", tt.data, err, tt.want)
		}
	}
}
