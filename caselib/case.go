// Package caselib is the trainers' case library (案例库): collections of
// cases imported from JSONL, CSV or folders of decisions, kept under the data
// directory. The library is stored as one JSONL file per data directory
// (caselib/cases.jsonl) so it needs nothing from the system of record; the
// similar-case ranking (search.CaseRanker) is built from it in memory.
package caselib

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
)

// Case is one case of the library.
type Case struct {
	ID           string   `json:"id"`
	Collection   string   `json:"collection,omitempty"`
	Title        string   `json:"title"`
	Text         string   `json:"text"`
	Agency       string   `json:"agency,omitempty"`
	Date         string   `json:"date,omitempty"`
	Kind         string   `json:"kind,omitempty"`
	PenaltyBasis string   `json:"penalty_basis,omitempty"`
	Fine         *float64 `json:"fine,omitempty"`
	Outcome      string   `json:"outcome,omitempty"`
	Tags         []string `json:"tags,omitempty"`
	Exemplary    bool     `json:"exemplary,omitempty"`
	Masked       bool     `json:"masked,omitempty"`
	// Structure is the parts of a decision recognised at import (当事人,
	// 违法事实, 证据, 处罚依据, 裁量理由, 处罚决定) and what was extracted from them.
	Structure *Structure `json:"structure,omitempty"`
	// Terms is the analysed text for the similar-case ranking (search.CaseTerms).
	Terms []string `json:"terms,omitempty"`
}

// Library is the set of cases of one data directory, keyed by id.
type Library struct {
	path  string
	cases map[string]*Case
}

// Open loads the library of dataDir (empty if none yet).
func Open(dataDir string) (*Library, error) {
	dir := filepath.Join(dataDir, "caselib")
	if err := os.MkdirAll(dir, 0o750); err != nil {
		return nil, fmt.Errorf("case library: %w", err)
	}
	l := &Library{path: filepath.Join(dir, "cases.jsonl"), cases: map[string]*Case{}}
	f, err := os.Open(l.path)
	if os.IsNotExist(err) {
		return l, nil
	}
	if err != nil {
		return nil, fmt.Errorf("case library: %w", err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	for n := 1; sc.Scan(); n++ {
		var c Case
		if err := json.Unmarshal(sc.Bytes(), &c); err != nil {
			return nil, fmt.Errorf("case library %s line %d: %w", l.path, n, err)
		}
		l.cases[c.ID] = &c
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("case library: %w", err)
	}
	return l, nil
}

// Put adds or replaces a case (same id → replaced).
func (l *Library) Put(c *Case) { l.cases[c.ID] = c }

// Get returns the case with id, or nil.
func (l *Library) Get(id string) *Case { return l.cases[id] }

// Len is the number of cases.
func (l *Library) Len() int { return len(l.cases) }

// Cases returns the cases of a collection ("" = all), sorted by id.
func (l *Library) Cases(collection string) []*Case {
	out := make([]*Case, 0, len(l.cases))
	for _, c := range l.cases {
		if collection == "" || c.Collection == collection {
			out = append(out, c)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

// Save writes the library atomically (temp file + rename).
func (l *Library) Save() error {
	tmp := l.path + ".tmp"
	f, err := os.Create(tmp)
	if err != nil {
		return fmt.Errorf("case library: %w", err)
	}
	w := bufio.NewWriterSize(f, 1<<20)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	for _, c := range l.Cases("") {
		if err := enc.Encode(c); err != nil {
			f.Close()
			return fmt.Errorf("case library: %w", err)
		}
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return fmt.Errorf("case library: %w", err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("case library: %w", err)
	}
	return os.Rename(tmp, l.path)
}
