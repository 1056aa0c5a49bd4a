package caselib

import (
	"runtime"
	"sync"

	"zhifa/search"
)

// Analyse fills the ranking terms of every case that has none, on all cores.
func (l *Library) Analyse() {
	var todo []*Case
	for _, c := range l.cases {
		if c.Terms == nil {
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
				c.Terms = search.CaseTerms(c.Title, c.Text)
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
	l.Analyse()
	cs := l.Cases(collection)
	docs := make([]search.CaseDoc, len(cs))
	for i, c := range cs {
		docs[i] = search.CaseDoc{ID: c.ID, Title: c.Title, Text: c.Text, Terms: c.Terms}
	}
	return search.NewCaseRanker(docs)
}
