package search

import "zhifa/corpora"

// DatedHit is a law search hit with the version question answered for a
// date: the index holds the current texts, so a hit whose law had another
// version in force on that date says so.
type DatedHit struct {
	LawHit
	VersionWarning *corpora.VersionWarning `json:"version_warning,omitempty"`
}

// DateHits answers the version question of each hit for date.
func DateHits(c *corpora.Corpus, hits []LawHit, date string) []DatedHit {
	out := make([]DatedHit, len(hits))
	for i, h := range hits {
		out[i] = DatedHit{LawHit: h, VersionWarning: c.CurrentTextAt(h.Law, date)}
	}
	return out
}
