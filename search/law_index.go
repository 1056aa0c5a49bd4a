package search

import (
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/keyword"
	"github.com/blevesearch/bleve/v2/analysis/lang/cjk"
	"github.com/blevesearch/bleve/v2/mapping"
	index "github.com/blevesearch/bleve_index_api"

	"zhifa/corpora"
)

// lawMappingVersion changes with the law document mapping below.
const lawMappingVersion = "law-mapping-6"

// LawIndex is the bleve index of law articles, one document per article.
type LawIndex struct {
	idx     bleve.Index
	corpus  *corpora.Corpus
	lengths *FieldLengths
	docs    map[string]*corpora.Article // document id → article
	laws    map[string]*corpora.Law     // document id → law
	cache   *lawCache

	mu     sync.Mutex
	closed bool

	dfOnce sync.Once      // df is built on first use (boundQuery)
	df     map[string]int // word → articles containing it
}

// lawDoc is what the index stores for one article.
type lawDoc struct {
	Law      string  `json:"law"`       // official name (keyword, for the law filter)
	LawShort string  `json:"law_short"` // official and short names, analysed
	Label    string  `json:"label"`     // 第一百三十三条之一 (keyword)
	Article  float64 `json:"article"`
	Suffix   string  `json:"suffix"`
	Path     string  `json:"path"` // 编/章/节 headings, analysed
	Text     string  `json:"text"` // article text, analysed, highlighted
	Status   string  `json:"status"`
	Part     string  `json:"part"`     // partLiability for penalty provisions
	Level    string  `json:"level"`    // 效力层级 (keyword, for the level filter)
	Province string  `json:"province"` // the province of a 地方性法规, else provinceNational
}

// provinceNational is the province field of national texts, so that a
// province filter can keep them beside that province's own.
const provinceNational = "全国"

// partLiability marks articles that set penalties (法律责任 / 罚则 chapters,
// 刑法分则, 治安管理处罚法's 行为和处罚 sections): what an officer looking for
// the basis of a decision usually wants.
const partLiability = "liability"

func articlePart(path []string) string {
	for _, p := range path {
		for _, mark := range []string{"法律责任", "罚则", "分则", "行为和处罚"} {
			if strings.Contains(p, mark) {
				return partLiability
			}
		}
	}
	return ""
}

// LawDocID is the document id of an article: official name + "/" + label.
func LawDocID(a *corpora.Article) string { return a.LawName + "/" + a.Label }

func lawMapping() (mapping.IndexMapping, error) {
	m := bleve.NewIndexMapping()
	if err := AddAnalyzer(m); err != nil {
		return nil, err
	}
	m.ScoringModel = index.BM25Scoring
	m.DefaultAnalyzer = AnalyzerName

	kw := func() *mapping.FieldMapping {
		f := bleve.NewKeywordFieldMapping()
		f.Analyzer = keyword.Name
		f.IncludeInAll = false
		return f
	}
	zh := func(store, vectors bool) *mapping.FieldMapping {
		f := bleve.NewTextFieldMapping()
		f.Analyzer = AnalyzerName
		f.Store = store
		f.IncludeTermVectors = vectors
		f.IncludeInAll = false
		return f
	}
	num := bleve.NewNumericFieldMapping()
	num.IncludeInAll = false

	doc := bleve.NewDocumentStaticMapping()
	doc.AddFieldMappingsAt("law", kw())
	doc.AddFieldMappingsAt("law_short", zh(false, false))
	doc.AddFieldMappingsAt("label", kw())
	doc.AddFieldMappingsAt("article", num)
	doc.AddFieldMappingsAt("suffix", kw())
	doc.AddFieldMappingsAt("path", zh(true, false))
	// text_cjk: the same text as character bigrams, so a query still finds
	// words that gse cut differently in the article's context.
	bigrams := bleve.NewTextFieldMapping()
	bigrams.Name = "text_cjk"
	bigrams.Analyzer = cjk.AnalyzerName
	bigrams.Store = false
	bigrams.IncludeTermVectors = true // positions for phrase queries
	bigrams.IncludeInAll = false
	doc.AddFieldMappingsAt("text", zh(true, true), bigrams)
	doc.AddFieldMappingsAt("status", kw())
	doc.AddFieldMappingsAt("part", kw())
	doc.AddFieldMappingsAt("level", kw())
	doc.AddFieldMappingsAt("province", kw())
	m.DefaultMapping = doc
	return m, nil
}

// lawFingerprint hashes everything the index is built from.
func lawFingerprint(c *corpora.Corpus) string {
	var parts [][]byte
	parts = append(parts, []byte(lawMappingVersion))
	for _, l := range c.Laws() {
		parts = append(parts, []byte(l.Name), []byte(l.Status), []byte(l.Level), []byte(l.Province))
		for _, s := range l.ShortNames {
			parts = append(parts, []byte(s))
		}
		for _, a := range l.Articles {
			parts = append(parts, []byte(a.Label), []byte(a.Text))
			for _, p := range a.Path {
				parts = append(parts, []byte(p))
			}
		}
	}
	return Fingerprint(parts...)
}

// OpenLawIndex opens dataDir/index/laws, (re)building it when it is missing,
// corrupt, or built from another corpus or analyzer.
// A build logs its progress with slog every ten seconds.
func OpenLawIndex(dataDir string, c *corpora.Corpus) (*LawIndex, error) {
	return openLawIndexAt(filepath.Join(dataDir, "index", "laws"), c, logProgress(time.Now(), func() bool { return true }))
}

// CoreLawIndexOnly tells whether $ZHIFA_LAW_INDEX is "core": index the 95
// core texts (and DATA/laws) only, not the law packs (tests; a machine that cannot
// spare the minutes of the first build). Citations still see every text.
func CoreLawIndexOnly() bool { return os.Getenv("ZHIFA_LAW_INDEX") == "core" }

// logProgress logs a build's progress every ten seconds; keep says whether
// to go on.
func logProgress(start time.Time, keep func() bool) Progress {
	last := time.Now()
	return func(done, total int) bool {
		if time.Since(last) >= 10*time.Second {
			last = time.Now()
			slog.Info("law index: building", "indexed", done, "articles", total,
				"articles_per_s", int(float64(done)/time.Since(start).Seconds()))
		}
		return keep()
	}
}

// Progress is told, after each batch of a build, how many articles of the
// total are indexed; false stops the build (errBuildStopped).
type Progress func(done, total int) bool

var errBuildStopped = errors.New("law index build stopped")

// openLawIndexAt opens or builds the law index at path.
func openLawIndexAt(path string, c *corpora.Corpus, progress Progress) (*LawIndex, error) {
	if c == nil {
		c = corpora.Default()
	}
	m, err := lawMapping()
	if err != nil {
		return nil, fmt.Errorf("law index mapping: %w", err)
	}
	ix := &LawIndex{corpus: c, docs: map[string]*corpora.Article{}, laws: map[string]*corpora.Law{}, cache: newLawCache(lawCacheSize)}
	for _, l := range c.Laws() {
		for _, a := range l.Articles {
			ix.docs[LawDocID(a)] = a
			ix.laws[LawDocID(a)] = l
		}
	}
	idx, err := OpenOrRebuild(IndexSpec{
		Path:        path,
		Fingerprint: lawFingerprint(c),
		Mapping:     m,
		Build:       func(idx bleve.Index) error { return buildLawIndex(idx, m, c, progress) },
		ReadOnly:    true,
	})
	if err != nil {
		return nil, err
	}
	ix.idx = idx
	if ix.lengths, err = LoadFieldLengths(idx); err != nil {
		idx.Close()
		return nil, err
	}
	if ix.lengths != nil {
		ix.lengths.Soften = lengthSoften
	}
	return ix, nil
}

// lengthSample: one article in lengthSample is analysed twice to estimate
// the average field lengths for BM25.
const lengthSample = 8

// lengthSoften: see FieldLengths.Soften; chosen on the ranking table.
var lengthSoften = 2.0

// lawKeywordFields hold one token per document.
var lawKeywordFields = []string{"law", "label", "suffix", "status", "article", "part", "level", "province"}

func buildLawIndex(idx bleve.Index, m mapping.IndexMapping, c *corpora.Corpus, progress Progress) error {
	b := idx.NewBatch()
	var fl FieldLengths
	total := 0
	for _, l := range c.Laws() {
		total += len(l.Articles)
	}
	for _, l := range c.Laws() {
		province := l.Province
		if province == "" {
			province = provinceNational
		}
		names := l.Name
		for _, s := range l.ShortNames {
			names += "\n" + s
		}
		for _, a := range l.Articles {
			pathText := ""
			for i, p := range a.Path {
				if i > 0 {
					pathText += " / "
				}
				pathText += p
			}
			d := lawDoc{Law: l.Name, LawShort: names, Label: a.Label, Article: float64(a.Number), Suffix: a.Suffix,
				Path: pathText, Text: a.Text, Status: l.Status, Part: articlePart(a.Path), Level: l.Level, Province: province}
			if fl.Docs%lengthSample == 0 {
				fl.Add(m, "law_short", AnalyzerName, d.LawShort, lengthSample)
				fl.Add(m, "path", AnalyzerName, d.Path, lengthSample)
				fl.Add(m, "text", AnalyzerName, d.Text, lengthSample)
				fl.Add(m, "text_cjk", cjk.AnalyzerName, d.Text, lengthSample)
			}
			fl.Docs++
			for _, f := range lawKeywordFields {
				fl.AddKeyword(f)
			}
			if err := b.Index(LawDocID(a), d); err != nil {
				return fmt.Errorf("indexing %s: %w", LawDocID(a), err)
			}
			if b.Size() >= 1000 {
				if err := idx.Batch(b); err != nil {
					return err
				}
				b.Reset()
				if progress != nil && !progress(fl.Docs, total) {
					return errBuildStopped
				}
			}
		}
	}
	if err := idx.Batch(b); err != nil {
		return err
	}
	return fl.Store(idx)
}

// Corpus is the corpus the index was built from.
func (ix *LawIndex) Corpus() *corpora.Corpus { return ix.corpus }

// Index exposes the underlying bleve index (for Explain and tests).
func (ix *LawIndex) Index() bleve.Index { return ix.idx }

// Close releases the index files.
func (ix *LawIndex) Close() error {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	if ix.closed {
		return nil
	}
	ix.closed = true
	return ix.idx.Close()
}
