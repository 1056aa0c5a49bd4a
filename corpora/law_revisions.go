package corpora

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// Revision is one line of laws/revisions.tsv: a revision whose in-force date
// the texts do not give, or one adopted after the text held.
type Revision struct {
	Law     string `json:"law"`
	Kind    string `json:"kind"`
	Adopted string `json:"adopted"`
	InForce string `json:"in_force"`
	Source  string `json:"source"`
	Line    int    `json:"-"`
}

type revisionTable struct {
	rows []Revision
}

func loadRevisions() (*revisionTable, error) {
	data, err := FS.ReadFile("laws/revisions.tsv")
	if err != nil {
		return nil, fmt.Errorf("reading laws/revisions.tsv: %w", err)
	}
	return parseRevisions("laws/revisions.tsv", data)
}

func parseRevisions(name string, data []byte) (*revisionTable, error) {
	t := &revisionTable{}
	sc := bufio.NewScanner(bytes.NewReader(data))
	header := false
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimRight(sc.Text(), "\r")
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		if !header {
			header = true
			if strings.Join(f, ",") != "law,kind,adopted,in_force,source" {
				return nil, fmt.Errorf("%s:%d: expected the header law, kind, adopted, in_force, source", name, n)
			}
			continue
		}
		if len(f) != 5 {
			return nil, fmt.Errorf("%s:%d: %d fields, expected 5 (law, kind, adopted, in_force, source)", name, n, len(f))
		}
		r := Revision{Law: f[0], Kind: f[1], Adopted: f[2], InForce: f[3], Source: f[4], Line: n}
		for _, d := range []struct{ field, v string }{{"adopted", r.Adopted}, {"in_force", r.InForce}} {
			if _, err := time.Parse("2006-01-02", d.v); err != nil {
				return nil, fmt.Errorf("%s:%d: %s %q is not a date YYYY-MM-DD", name, n, d.field, d.v)
			}
		}
		if r.InForce < r.Adopted {
			return nil, fmt.Errorf("%s:%d: in force %s before its adoption %s", name, n, r.InForce, r.Adopted)
		}
		if r.Law == "" || r.Source == "" {
			return nil, fmt.Errorf("%s:%d: law and source are required", name, n)
		}
		t.rows = append(t.rows, r)
	}
	return t, sc.Err()
}

// find is the row of the named law's revision adopted on date.
func (t *revisionTable) find(law, adopted string) *Revision {
	if t == nil {
		return nil
	}
	for i := range t.rows {
		if t.rows[i].Law == law && t.rows[i].Adopted == adopted {
			return &t.rows[i]
		}
	}
	return nil
}

// after lists the revisions of l's law adopted after the text l holds.
func (t *revisionTable) after(l *Law) []Revision {
	if t == nil || l.Adopted == "" {
		return nil
	}
	var out []Revision
	for _, r := range t.rows {
		if r.Law == l.Name && r.Adopted > l.Adopted {
			out = append(out, r)
		}
	}
	return out
}

// Revisions returns every line of laws/revisions.tsv.
func (c *Corpus) Revisions() []Revision {
	if c.revs == nil {
		return nil
	}
	return c.revs.rows
}

// LaterRevisions lists the known revisions of the law adopted after the
// latest version held (its text is stale), oldest first.
func (c *Corpus) LaterRevisions(l *Law) []Revision {
	vs := c.versions[l]
	if len(vs) == 0 {
		vs = []*Law{l}
	}
	return c.revs.after(vs[len(vs)-1])
}

// ingestedCurrentTo is the date an operator's file was ingested (its
// modification time in DATA/laws): the text is taken as current to that day.
func ingestedCurrentTo(dir string, l *Law) string {
	st, err := os.Stat(filepath.Join(dir, l.File))
	if err != nil {
		return ""
	}
	return st.ModTime().UTC().Format("2006-01-02")
}

// VersionSummary is one held version of a law, as `zhifa laws` lists it.
type VersionSummary struct {
	File         string `json:"file"`
	Adopted      string `json:"adopted,omitempty"`
	Kind         string `json:"kind,omitempty"`
	InForce      string `json:"in_force,omitempty"`
	InForceBasis string `json:"in_force_basis,omitempty"`
	Until        string `json:"until,omitempty"`
	CurrentTo    string `json:"current_to,omitempty"`
}

// LawSummary is a law with its versions, the date its latest text is current
// to and the known revisions adopted after it (Stale when there are any).
type LawSummary struct {
	Name           string           `json:"name"`
	Status         string           `json:"status"`
	CurrentTo      string           `json:"current_to,omitempty"`
	Versions       []VersionSummary `json:"versions"`
	Stale          bool             `json:"stale"`
	LaterRevisions []Revision       `json:"later_revisions,omitempty"`
}

// Summaries lists the laws (the current version's order), only the stale
// ones when staleOnly.
func (c *Corpus) Summaries(staleOnly bool) []LawSummary {
	out := []LawSummary{}
	for _, l := range c.laws {
		vs := c.versions[l]
		if len(vs) == 0 {
			vs = []*Law{l}
		}
		latest := vs[len(vs)-1]
		s := LawSummary{Name: l.Name, Status: l.Status, CurrentTo: latest.CurrentTo, LaterRevisions: c.LaterRevisions(l)}
		s.Stale = len(s.LaterRevisions) > 0
		if staleOnly && !s.Stale {
			continue
		}
		for _, v := range vs {
			s.Versions = append(s.Versions, VersionSummary{File: v.File, Adopted: v.Adopted, Kind: v.AdoptedKind, InForce: v.InForce, InForceBasis: v.InForceBasis, Until: v.Until, CurrentTo: v.CurrentTo})
		}
		out = append(out, s)
	}
	return out
}
