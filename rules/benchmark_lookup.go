package rules

// ArticleBenchmark is a discretion entry (or, where no benchmark is
// published, the statutory range) that prices a penalty article.
type ArticleBenchmark struct {
	ID        string `json:"id"`
	Source    string `json:"source"` // jiangmen, guangdong, an agency, or "statutory"
	Violation string `json:"violation"`
	Citation  string `json:"citation"`
}

// BenchmarksForArticle lists what prices any paragraph or item of the
// article: the active benchmark entries in force order, then the statutory
// ranges. Norm push shows them next to the penalty provision.
func BenchmarksForArticle(law string, article int) []ArticleBenchmark {
	var out []ArticleBenchmark
	if set, err := ActiveBenchmarks(); err == nil {
		for _, se := range set.byKey[articleKey(law, article, "")] {
			e := se.entry
			out = append(out, ArticleBenchmark{ID: e.ID, Source: e.Source, Violation: e.Violation, Citation: e.Citations[0].Citation})
		}
	}
	for _, r := range Statutory().byArt[artKey(law, article, "")] {
		out = append(out, ArticleBenchmark{ID: r.ID, Source: "statutory", Violation: r.Violation, Citation: r.Citation})
	}
	return out
}
