package search

import (
	"crypto/sha256"
	"fmt"
	"path/filepath"
	"strings"
	"sync"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/keyword"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search/query"
	index "github.com/blevesearch/bleve_index_api"
)

// PortalDoc is one public item of the disclosure portal: only text that was
// published (masked) goes in, so the index can hold nothing secret.
type PortalDoc struct {
	ID       string `json:"id"`
	Type     string `json:"type"` // decision | standing
	AgencyID string `json:"agency_id"`
	Agency   string `json:"agency"`
	Kind     string `json:"kind"` // 行政处罚 …, or a standing category
	Date     string `json:"date"` // YYYY-MM-DD
	Title    string `json:"title"`
	Text     string `json:"text"`
	Expires  string `json:"expires,omitempty"` // YYYY-MM-DD after which it is no longer shown
}

// PortalQuery filters and pages a portal search.
type PortalQuery struct {
	Q        string
	Type     string
	AgencyID string
	Kind     string
	From, To string // YYYY-MM-DD, inclusive
	Today    string // YYYY-MM-DD: items that expired before it are left out
	Offset   int
	Size     int
}

// PortalHit is one result.
type PortalHit struct {
	PortalDoc
	Score float64 `json:"score"`
}

// PortalIndex is the portal's full-text index, a cache of the published
// disclosures: rebuilt from them when missing or when they changed while no
// index was kept current (the fingerprint).
type PortalIndex struct {
	mu  sync.RWMutex
	idx bleve.Index
}

func portalMapping() (mapping.IndexMapping, error) {
	m := bleve.NewIndexMapping()
	if err := AddAnalyzer(m); err != nil {
		return nil, err
	}
	m.ScoringModel = index.BM25Scoring
	m.DefaultAnalyzer = AnalyzerName
	kw := func() *mapping.FieldMapping {
		f := bleve.NewKeywordFieldMapping()
		f.Analyzer = keyword.Name
		f.Store = true
		f.IncludeInAll = false
		return f
	}
	zh := func() *mapping.FieldMapping {
		f := bleve.NewTextFieldMapping()
		f.Analyzer = AnalyzerName
		f.Store = true
		f.IncludeInAll = false
		return f
	}
	doc := bleve.NewDocumentStaticMapping()
	for _, k := range []string{"id", "type", "agency_id", "kind", "date", "expires"} {
		doc.AddFieldMappingsAt(k, kw())
	}
	doc.AddFieldMappingsAt("agency", zh())
	doc.AddFieldMappingsAt("title", zh())
	doc.AddFieldMappingsAt("text", zh())
	m.DefaultMapping = doc
	return m, nil
}

// PortalSet is what the portal's items are (each id with a key naming its
// state and version), hashed so that one change updates the fingerprint
// without rehashing the rest: an index built from another set is rebuilt.
type PortalSet struct {
	keys map[string]string
	x    [32]byte
}

// NewPortalSet returns an empty set.
func NewPortalSet() *PortalSet { return &PortalSet{keys: map[string]string{}} }

func (p *PortalSet) flip(id, key string) {
	h := sha256.Sum256([]byte(id + "\x00" + key))
	for i := range p.x {
		p.x[i] ^= h[i]
	}
}

// Set records id's key ("" removes it) and reports whether it changed.
func (p *PortalSet) Set(id, key string) bool {
	old, ok := p.keys[id]
	if ok && old == key {
		return false
	}
	if ok {
		p.flip(id, old)
		delete(p.keys, id)
	}
	if key != "" {
		p.flip(id, key)
		p.keys[id] = key
	}
	return true
}

// Fingerprint of the set.
func (p *PortalSet) Fingerprint() string { return Fingerprint([]byte("portal-v1"), p.x[:]) }

// OpenPortalIndex opens (or builds from docs) the portal index under dataDir.
func OpenPortalIndex(dataDir, fingerprint string, docs func() ([]PortalDoc, error)) (*PortalIndex, error) {
	m, err := portalMapping()
	if err != nil {
		return nil, fmt.Errorf("portal index mapping: %w", err)
	}
	idx, err := OpenOrRebuild(IndexSpec{
		Path:        filepath.Join(dataDir, "index", "portal"),
		Fingerprint: fingerprint,
		Mapping:     m,
		Build: func(idx bleve.Index) error {
			ds, err := docs()
			if err != nil {
				return err
			}
			b := idx.NewBatch()
			for _, d := range ds {
				if err := b.Index(d.ID, d); err != nil {
					return err
				}
				if b.Size() >= 1000 {
					if err := idx.Batch(b); err != nil {
						return err
					}
					b = idx.NewBatch()
				}
			}
			return idx.Batch(b)
		},
	})
	if err != nil {
		return nil, err
	}
	return &PortalIndex{idx: idx}, nil
}

// Put adds or replaces a document and records the new fingerprint.
func (p *PortalIndex) Put(d PortalDoc, fingerprint string) error {
	p.mu.Lock()
	defer p.mu.Unlock()
	if err := p.idx.Index(d.ID, d); err != nil {
		return fmt.Errorf("portal index: %w", err)
	}
	return p.idx.SetInternal(fingerprintKey, []byte(fingerprint))
}

// Delete removes a document (withdrawn, expired) and records the fingerprint.
func (p *PortalIndex) Delete(id, fingerprint string) error {
	p.mu.Lock()
	defer p.mu.Unlock()
	if err := p.idx.Delete(id); err != nil {
		return fmt.Errorf("portal index: %w", err)
	}
	return p.idx.SetInternal(fingerprintKey, []byte(fingerprint))
}

// Close closes the index.
func (p *PortalIndex) Close() error { return p.idx.Close() }

// MaxPortalQuery bounds the query text: the portal is public.
const MaxPortalQuery = 200

// Search finds published items; with no query text, the newest first.
func (p *PortalIndex) Search(q PortalQuery) ([]PortalHit, int, error) {
	var must []query.Query
	if t := strings.TrimSpace(q.Q); t != "" {
		if len([]rune(t)) > MaxPortalQuery {
			t = string([]rune(t)[:MaxPortalQuery])
		}
		var should []query.Query
		for _, f := range []struct {
			field string
			boost float64
		}{{"title", 3}, {"text", 1}, {"agency", 1}} {
			mq := bleve.NewMatchQuery(t)
			mq.SetField(f.field)
			mq.SetBoost(f.boost)
			should = append(should, mq)
		}
		must = append(must, bleve.NewDisjunctionQuery(should...))
	}
	for field, v := range map[string]string{"type": q.Type, "agency_id": q.AgencyID, "kind": q.Kind} {
		if v != "" {
			tq := bleve.NewTermQuery(v)
			tq.SetField(field)
			must = append(must, tq)
		}
	}
	if q.From != "" || q.To != "" {
		incl := true
		var lo, hi string
		lo, hi = q.From, q.To
		if hi != "" {
			hi += "\uffff" // inclusive of the whole day
		}
		rq := bleve.NewTermRangeInclusiveQuery(lo, hi, &incl, &incl)
		rq.SetField("date")
		must = append(must, rq)
	}
	var qq query.Query = bleve.NewMatchAllQuery()
	if len(must) > 0 {
		qq = bleve.NewConjunctionQuery(must...)
	}
	if q.Today != "" {
		// an item expires after its last day; one without the field never does
		incl, excl := true, false
		gone := bleve.NewTermRangeInclusiveQuery("0", q.Today, &incl, &excl)
		gone.SetField("expires")
		bq := bleve.NewBooleanQuery()
		bq.AddMust(qq)
		bq.AddMustNot(gone)
		qq = bq
	}
	size := q.Size
	if size <= 0 || size > 100 {
		size = 20
	}
	req := bleve.NewSearchRequestOptions(qq, size, max(q.Offset, 0), false)
	req.Fields = []string{"id", "type", "agency_id", "agency", "kind", "date", "title", "text"}
	if strings.TrimSpace(q.Q) == "" {
		req.SortBy([]string{"-date", "id"})
	} else {
		req.SortBy([]string{"-_score", "-date"})
	}
	p.mu.RLock()
	res, err := p.idx.Search(req)
	p.mu.RUnlock()
	if err != nil {
		return nil, 0, fmt.Errorf("portal search: %w", err)
	}
	hits := make([]PortalHit, 0, len(res.Hits))
	for _, h := range res.Hits {
		s := func(k string) string { v, _ := h.Fields[k].(string); return v }
		hits = append(hits, PortalHit{PortalDoc: PortalDoc{ID: h.ID, Type: s("type"), AgencyID: s("agency_id"), Agency: s("agency"),
			Kind: s("kind"), Date: s("date"), Title: s("title"), Text: s("text")}, Score: h.Score})
	}
	return hits, int(res.Total), nil
}
