package main

import (
	"fmt"

	"zhifa/corpora"
	"zhifa/search"
)

// openLaws loads the corpus (embedded laws + DATA/laws) and its search index
// (built on first use, minutes for the whole pack, with progress on stderr;
// $ZHIFA_LAW_INDEX=core indexes the core texts and DATA/laws only).
func openLaws(dataDir string) (*corpora.Corpus, *search.LawIndex, error) {
	c, err := corpora.Load(dataDir)
	if err != nil {
		return nil, nil, fmt.Errorf("loading laws: %w", err)
	}
	ic := c
	if search.CoreLawIndexOnly() {
		if ic, err = corpora.LoadLawsOn(corpora.Core(), dataDir); err != nil {
			return nil, nil, fmt.Errorf("loading laws: %w", err)
		}
	}
	ix, err := search.OpenLawIndex(dataDir, ic)
	if err != nil {
		return nil, nil, fmt.Errorf("opening law index: %w", err)
	}
	return c, ix, nil
}
