// Package caselib is the trainers' case library (案例库): collections of
// cases imported from JSONL, CSV or folders of decisions, curated by trainers
// (tags, annotations, the 典型/指导案例 mark, discussion threads) and joined
// by the agency's own decided cases from records.
//
// Storage (store.go): caselib keeps its own tables (caselib_*) and its own
// migrations in its own database handle — SQLite at DATA/caselib/caselib.db,
// or PostgreSQL when ZHIFA_CASELIB_DATABASE_URL (else ZHIFA_DATABASE_URL) is
// set, so several nodes share one library. It never touches records' tables or
// internals: decided cases come in through records' public API (sync.go).
// Curation is written with single SQL statements/transactions, so concurrent
// writers don't lose each other's updates. A DATA/caselib/cases.jsonl from
// before is imported on first open and renamed cases.jsonl.migrated.
//
// The similar-case ranking (search.CaseRanker) is built from the cases loaded
// in memory by Open.
package caselib

import (
	"context"
	"sort"
	"sync"
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
	// FactsTerms is how many of the last Terms are the facts part (counted a
	// second time): what the charge model learns from, since a query is facts only.
	FactsTerms int `json:"facts_terms,omitempty"`
	// termIDs are the terms of a case loaded by Open, as indexes into the
	// library's vocabulary (Terms is then nil): a string header per term of
	// 100,000 cases was hundreds of MB.
	termIDs []int32
}

// Library is the set of cases of one data directory, keyed by id, over its
// database. The in-memory cases (Get, Cases, Ranker) are those loaded by Open
// plus what was Put since; curation reads (Find, Detail, Thread …) go to the
// database. A Library is not safe for concurrent Put/Analyse; the database
// methods are.
type Library struct {
	dataDir string
	db      *sharedDB
	cases   map[string]*Case
	dirty   map[string]bool // Put since the last Save
	noTerms map[string]bool // loaded without ranking terms
	vocab   *vocab          // the words of the loaded cases' termIDs
	// streamTo takes the cases of a JSONL import instead of Put (ImportFileSaved)
	streamTo func(*Case) error
	closeMu  sync.Mutex
}

// Open loads the library of dataDir (empty if none yet), creating or
// migrating its database and importing a cases.jsonl left from before.
func Open(dataDir string) (*Library, error) { return open(dataDir, true) }

// OpenWriter opens the library's database without loading its cases: for
// imports, syncs and curation, where Get and Cases see only what was Put
// through this handle.
func OpenWriter(dataDir string) (*Library, error) { return open(dataDir, false) }

// Put adds or replaces a case (same id → replaced at the next Save). Tags and
// the exemplary mark are curation: Save adds the case's tags and sets its
// mark, it never removes what trainers added.
func (l *Library) Put(c *Case) {
	l.cases[c.ID] = c
	l.dirty[c.ID] = true
}

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

// Save writes the cases Put (or given ranking terms) since the last Save, in
// one transaction.
func (l *Library) Save() error { return l.save(context.Background()) }
