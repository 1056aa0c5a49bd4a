package caselib

import (
	"runtime"
	"sync"

	"zhifa/nlp"
	"zhifa/search"
)

// Analyse fills the ranking terms of every case that has none, on all cores.
func (l *Library) Analyse() {
	var todo []*Case
	for _, c := range l.cases {
		if c.Terms == nil && c.termIDs == nil {
			todo = append(todo, c)
		}
	}
	var wg sync.WaitGroup
	ch := make(chan *Case)
	for w := 0; w < runtime.GOMAXPROCS(0); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for c := range ch {
				c.Terms, c.FactsTerms = search.CaseTermsParts(c.Title, c.Text)
				if c.Terms == nil {
					c.Terms = []string{}
				}
			}
		}()
	}
	for _, c := range todo {
		ch <- c
	}
	close(ch)
	wg.Wait()
}

// Ranker builds the similar-case ranking over a collection ("" = all).
func (l *Library) Ranker(collection string) *search.CaseRanker {
	return l.RankerWith(collection, search.DefaultCaseOptions())
}

// RankerWith builds the ranking with other options (benchmarks compare them).
func (l *Library) RankerWith(collection string, opt search.CaseOptions) *search.CaseRanker {
	l.Analyse()
	cs := l.Cases(collection)
	docs := make([]search.CaseDoc, len(cs))
	for i, c := range cs {
		docs[i] = search.CaseDoc{ID: c.ID, Title: c.Title, Text: c.Text, Terms: c.Terms, FactsTerms: c.FactsTerms,
			Collection: c.Collection, Agency: c.Agency, Kind: c.Kind, Date: c.Date, Citations: c.citations(), Amount: c.factsAmount(), PartyType: c.partyType()}
	}
	if l.vocab != nil {
		for i, c := range cs {
			if c.Terms == nil {
				docs[i].TermIDs, docs[i].Vocab = c.termIDs, l.vocab.words
			}
		}
	}
	return search.NewCaseRankerWith(docs, opt)
}

// TermsOf is the ranking terms of c (Terms, or those it was loaded with).
func (l *Library) TermsOf(c *Case) []string {
	if c.Terms != nil || c.termIDs == nil || l.vocab == nil {
		return c.Terms
	}
	return l.vocab.terms(c.termIDs)
}

// DropRankingInputs lets go of what only building a ranking reads, once a
// ranking holds it (the server's, for its life): every case's terms, the
// largest part of a loaded library, and its recognised structure (Get still
// has the fields, text, fine and basis; Case reads the rest from the
// database). A later Ranker would analyse the texts again and rank without
// the structure, so UnequalReport is given the ranking.
func (l *Library) DropRankingInputs() {
	for _, c := range l.cases {
		c.Terms, c.termIDs, c.Structure = nil, nil, nil
	}
	l.vocab = nil
}

// citations are the articles a case's decision rests on: those recognised in
// its text, else its stated penalty basis.
func (c *Case) citations() []string {
	if c.Structure != nil && len(c.Structure.Citations) > 0 {
		return c.Structure.Citations
	}
	return nlp.ArticleKeys(c.PenaltyBasis)
}

// factsAmount is the largest amount in the facts part of the decision (the
// fine and the payment terms are not what was done), or 0 when no facts part
// was recognised.
func (c *Case) factsAmount() float64 {
	if c.Structure == nil || c.Structure.Facts == "" {
		return 0
	}
	var m float64
	for _, a := range c.Structure.Amounts {
		m = max(m, a)
	}
	return m
}

func (c *Case) partyType() string {
	if c.Structure == nil {
		return ""
	}
	return c.Structure.PartyType
}
