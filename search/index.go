package search

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search"
)

// fingerprintKey is where an index keeps the fingerprint of what it was built from.
var fingerprintKey = []byte("zhifa.fingerprint")

// IndexSpec describes a bleve index that is a cache of other data: it can
// always be rebuilt, so a missing, corrupt or stale one is rebuilt, never fatal.
type IndexSpec struct {
	Path        string                  // directory of the index
	Fingerprint string                  // hash of the source data and AnalyzerVersion; a mismatch rebuilds
	Mapping     mapping.IndexMapping    // used when building
	Build       func(bleve.Index) error // fills a fresh, empty index
	// ReadOnly reopens the finished index read-only: right for indexes of
	// static data, which then can be opened by several processes at once.
	ReadOnly bool
}

// Fingerprint hashes the parts (texts, versions) an index is built from,
// always including AnalyzerVersion.
func Fingerprint(parts ...[]byte) string {
	h := sha256.New()
	h.Write([]byte(AnalyzerVersion))
	for _, p := range parts {
		fmt.Fprintf(h, "\x00%d\x00", len(p))
		h.Write(p)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// OpenOrRebuild opens the index at spec.Path when it exists, opens cleanly and
// carries spec.Fingerprint; otherwise it builds a new one beside it and
// swaps it in, so a reader never sees a half-built index.
func OpenOrRebuild(spec IndexSpec) (bleve.Index, error) {
	if idx, err := openChecked(spec); err == nil {
		return idx, nil
	} else if !errors.Is(err, os.ErrNotExist) {
		slog.Info("rebuilding search index", "path", spec.Path, "reason", err.Error())
	}
	if err := os.MkdirAll(filepath.Dir(spec.Path), 0o750); err != nil {
		return nil, fmt.Errorf("index directory: %w", err)
	}
	tmp, err := os.MkdirTemp(filepath.Dir(spec.Path), "."+filepath.Base(spec.Path)+".build-*")
	if err != nil {
		return nil, fmt.Errorf("index build directory: %w", err)
	}
	defer os.RemoveAll(tmp)
	dir := filepath.Join(tmp, "index")
	idx, err := bleve.New(dir, spec.Mapping)
	if err != nil {
		return nil, fmt.Errorf("creating index: %w", err)
	}
	if err := spec.Build(idx); err != nil {
		idx.Close()
		return nil, fmt.Errorf("building index %s: %w", spec.Path, err)
	}
	if err := idx.SetInternal(fingerprintKey, []byte(spec.Fingerprint)); err != nil {
		idx.Close()
		return nil, fmt.Errorf("storing index fingerprint: %w", err)
	}
	if err := idx.Close(); err != nil {
		return nil, fmt.Errorf("closing new index: %w", err)
	}
	if err := os.RemoveAll(spec.Path); err != nil {
		return nil, fmt.Errorf("removing old index: %w", err)
	}
	if err := os.Rename(dir, spec.Path); err != nil {
		// Another process may have installed the same index a moment ago.
		if idx, oerr := openChecked(spec); oerr == nil {
			return idx, nil
		}
		return nil, fmt.Errorf("installing new index: %w", err)
	}
	return openChecked(spec)
}

// openChecked opens an existing index and checks its fingerprint. A corrupt
// index may panic inside the storage layer; that is turned into an error.
func openChecked(spec IndexSpec) (idx bleve.Index, err error) {
	if _, err := os.Stat(spec.Path); err != nil {
		return nil, err
	}
	defer func() {
		if r := recover(); r != nil {
			idx, err = nil, fmt.Errorf("opening index: panic: %v", r)
		}
	}()
	if spec.ReadOnly {
		idx, err = bleve.OpenUsing(spec.Path, map[string]interface{}{"read_only": true})
	} else {
		idx, err = bleve.Open(spec.Path)
	}
	if err != nil {
		return nil, fmt.Errorf("opening index: %w", err)
	}
	fp, err := idx.GetInternal(fingerprintKey)
	if err != nil || string(fp) != spec.Fingerprint {
		idx.Close()
		if err != nil {
			return nil, fmt.Errorf("reading fingerprint: %w", err)
		}
		return nil, errors.New("fingerprint differs: the data or the analyzer changed")
	}
	return idx, nil
}

// bm25Key is where an index keeps its field length totals (see FieldLengths).
var bm25Key = []byte("zhifa.bm25")

// FieldLengths counts the tokens of each field over all documents, so that
// BM25 normalises by the true average field length. bleve 2.6 estimates the
// average as (distinct terms / documents), which for Chinese text is several
// times too small and buries long articles; Explain shows
// "avgFieldLength=14" for articles of ~600 tokens.
type FieldLengths struct {
	Docs   int            `json:"docs"`
	Tokens map[string]int `json:"tokens"`
	// Soften > 1 reports a longer average than measured, which weakens
	// BM25's length normalisation (like a smaller b, which bleve fixes at
	// 0.75): a long article whose one item matches is not buried under short
	// articles that merely mention the words.
	Soften float64 `json:"-"`
}

// Add counts text as analysed by analyzer into field, weight times (a
// builder may analyse one document in weight to save time: only the average
// matters).
func (fl *FieldLengths) Add(m mapping.IndexMapping, field, analyzer, text string, weight int) {
	if fl.Tokens == nil {
		fl.Tokens = map[string]int{}
	}
	if a := m.AnalyzerNamed(analyzer); a != nil {
		fl.Tokens[field] += weight * len(a.Analyze([]byte(text)))
	}
}

// AddKeyword counts a single-token field.
func (fl *FieldLengths) AddKeyword(field string) {
	if fl.Tokens == nil {
		fl.Tokens = map[string]int{}
	}
	fl.Tokens[field]++
}

// Store saves the totals in the index.
func (fl *FieldLengths) Store(idx bleve.Index) error {
	b, err := json.Marshal(fl)
	if err != nil {
		return err
	}
	return idx.SetInternal(bm25Key, b)
}

// LoadFieldLengths reads the totals saved by Store (nil when absent).
func LoadFieldLengths(idx bleve.Index) (*FieldLengths, error) {
	b, err := idx.GetInternal(bm25Key)
	if err != nil || len(b) == 0 {
		return nil, err
	}
	var fl FieldLengths
	if err := json.Unmarshal(b, &fl); err != nil {
		return nil, fmt.Errorf("index field lengths: %w", err)
	}
	return &fl, nil
}

// Apply makes req score with the true average field lengths. Every field the
// query touches must have a total, or bleve refuses the search.
func (fl *FieldLengths) Apply(req *bleve.SearchRequest) {
	if fl == nil || fl.Docs == 0 {
		return
	}
	if req.PreSearchData == nil {
		req.PreSearchData = map[string]interface{}{}
	}
	tokens := fl.Tokens
	if fl.Soften > 1 {
		tokens = make(map[string]int, len(fl.Tokens))
		for f, n := range fl.Tokens {
			tokens[f] = int(float64(n) * fl.Soften)
		}
	}
	req.PreSearchData[search.BM25PreSearchDataKey] = &search.BM25Stats{DocCount: float64(fl.Docs), FieldCardinality: tokens}
}
