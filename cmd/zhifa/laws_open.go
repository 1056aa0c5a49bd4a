package main

import (
	"fmt"

	"zhifa/corpora"
	"zhifa/search"
)

// openLaws loads the corpus (embedded laws + DATA/laws) and its search index.
func openLaws(dataDir string) (*corpora.Corpus, *search.LawIndex, error) {
	c, err := corpora.Load(dataDir)
	if err != nil {
		return nil, nil, fmt.Errorf("loading laws: %w", err)
	}
	ix, err := search.OpenLawIndex(dataDir, c)
	if err != nil {
		return nil, nil, fmt.Errorf("opening law index: %w", err)
	}
	return c, ix, nil
}
