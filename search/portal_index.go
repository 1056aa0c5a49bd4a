package search

import (
	"crypto/sha256"
	"fmt"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/keyword"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search"
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
	Score float64 `json:"score"` // relevance; 0 in a list without query text
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

// portalTypes are the types of item the portal holds: a type filter is
// asked as "none of the others", which costs in proportion to the few
// standing items rather than to every decision.
var portalTypes = []string{"decision", "standing"}

// portalFields are the stored fields a hit carries.
var portalFields = []string{"id", "type", "agency_id", "agency", "kind", "date", "title", "text"}

// portalFilter is a query split into what must and what must not match.
type portalFilter struct {
	must, mustNot []query.Query
}

func (f portalFilter) query() query.Query {
	must := f.must
	if len(must) == 0 {
		must = []query.Query{bleve.NewMatchAllQuery()}
	}
	if len(f.mustNot) == 0 {
		if len(must) == 1 {
			return must[0]
		}
		return bleve.NewConjunctionQuery(must...)
	}
	bq := bleve.NewBooleanQuery()
	bq.AddMust(must...)
	bq.AddMustNot(f.mustNot...)
	return bq
}

func dateRange(lo, hi string) query.Query {
	incl := true
	if hi != "" {
		hi += "\uffff" // inclusive of the whole day
	}
	rq := bleve.NewTermRangeInclusiveQuery(lo, hi, &incl, &incl)
	rq.SetField("date")
	return rq
}

func portalQuery(q PortalQuery) portalFilter {
	var f portalFilter
	if t := strings.TrimSpace(q.Q); t != "" {
		if len([]rune(t)) > MaxPortalQuery {
			t = string([]rune(t)[:MaxPortalQuery])
		}
		var should []query.Query
		for _, fb := range []struct {
			field string
			boost float64
		}{{"title", 3}, {"text", 1}, {"agency", 1}} {
			mq := bleve.NewMatchQuery(t)
			mq.SetField(fb.field)
			mq.SetBoost(fb.boost)
			should = append(should, mq)
		}
		f.must = append(f.must, bleve.NewDisjunctionQuery(should...))
	}
	term := func(field, v string) query.Query {
		tq := bleve.NewTermQuery(v)
		tq.SetField(field)
		return tq
	}
	if q.Type != "" {
		if slices.Contains(portalTypes, q.Type) {
			for _, t := range portalTypes {
				if t != q.Type {
					f.mustNot = append(f.mustNot, term("type", t))
				}
			}
		} else {
			f.must = append(f.must, term("type", q.Type))
		}
	}
	if q.AgencyID != "" {
		f.must = append(f.must, term("agency_id", q.AgencyID))
	}
	if q.Kind != "" {
		f.must = append(f.must, term("kind", q.Kind))
	}
	if q.From != "" || q.To != "" {
		f.must = append(f.must, dateRange(q.From, q.To))
	}
	if q.Today != "" {
		// an item expires after its last day; one without the field never does
		incl, excl := true, false
		gone := bleve.NewTermRangeInclusiveQuery("0", q.Today, &incl, &excl)
		gone.SetField("expires")
		f.mustNot = append(f.mustNot, gone)
	}
	return f
}

func pageSize(q PortalQuery) (size, offset int) {
	size = q.Size
	if size <= 0 || size > 100 {
		size = 20
	}
	return size, max(q.Offset, 0)
}

// Search finds published items: with query text by relevance, then the
// newest first; with none, the newest first (then by id).
//
// Sorting every hit on a stored field is what made a portal of 100,000
// decisions slow (BENCHMARKS.md), so neither path does: text is ranked on
// the score alone and only the hits that tie with the page's last score are
// ordered by date; the newest-first list is taken from the most recent days
// that hold enough items (the date terms' counts tell which), counted once
// without sorting. Both give what sorting everything gives (searchSorted,
// which the tests compare them with).
func (p *PortalIndex) Search(q PortalQuery) ([]PortalHit, int, error) {
	p.mu.RLock()
	defer p.mu.RUnlock()
	var hits []PortalHit
	var total int
	var err error
	if strings.TrimSpace(q.Q) != "" {
		hits, total, err = p.searchText(q)
	} else {
		hits, total, err = p.searchNewest(q)
	}
	if err != nil {
		return nil, 0, fmt.Errorf("portal search: %w", err)
	}
	return hits, total, nil
}

// searchSorted is the plain way: every hit sorted.
func (p *PortalIndex) searchSorted(q PortalQuery) ([]PortalHit, int, error) {
	size, offset := pageSize(q)
	req := bleve.NewSearchRequestOptions(portalQuery(q).query(), size, offset, false)
	req.Fields = portalFields
	if strings.TrimSpace(q.Q) == "" {
		req.SortBy([]string{"-date", "id"})
	} else {
		req.SortBy([]string{"-_score", "-date"})
	}
	res, err := p.idx.Search(req)
	if err != nil {
		return nil, 0, err
	}
	hits := portalHits(res.Hits)
	if strings.TrimSpace(q.Q) == "" {
		for i := range hits {
			hits[i].Score = 0 // no text, no relevance: only the filters' own scores
		}
	}
	return hits, int(res.Total), nil
}

func portalHits(ms search.DocumentMatchCollection) []PortalHit {
	hits := make([]PortalHit, 0, len(ms))
	for _, h := range ms {
		s := func(k string) string { v, _ := h.Fields[k].(string); return v }
		hits = append(hits, PortalHit{PortalDoc: PortalDoc{ID: h.ID, Type: s("type"), AgencyID: s("agency_id"), Agency: s("agency"),
			Kind: s("kind"), Date: s("date"), Title: s("title"), Text: s("text")}, Score: h.Score})
	}
	return hits
}

// tieSlack is how many hits past the page a text search fetches.
const tieSlack = 500

func (p *PortalIndex) searchText(q PortalQuery) ([]PortalHit, int, error) {
	size, offset := pageSize(q)
	need := offset + size
	// by score alone (no field is read per hit), and enough beyond the page
	// for the ties at its end: templated decisions often score alike (up to
	// ~130 alike at a page's end in the benchmark's mix)
	extra := max(size, tieSlack)
	res, err := p.idx.Search(bleve.NewSearchRequestOptions(portalQuery(q).query(), need+extra, 0, false))
	if err != nil {
		return nil, 0, err
	}
	total, cand := int(res.Total), res.Hits
	if len(cand) <= offset {
		return []PortalHit{}, total, nil
	}
	last := cand[min(need, len(cand))-1].Score
	if len(cand) == need+extra && cand[len(cand)-1].Score >= last {
		// the tie at the page's end runs past what was fetched
		return p.searchSorted(q)
	}
	// what scores below the page's last cannot be on it
	k := need
	for k < len(cand) && cand[k].Score >= last {
		k++
	}
	cand = cand[:min(k, len(cand))]
	// the date orders only hits that share a score (they are side by side)
	var tied []string
	for i, m := range cand {
		if (i > 0 && cand[i-1].Score == m.Score) || (i+1 < len(cand) && cand[i+1].Score == m.Score) {
			tied = append(tied, m.ID)
		}
	}
	dates := map[string]string{}
	if len(tied) > 0 {
		req := bleve.NewSearchRequestOptions(bleve.NewDocIDQuery(tied), len(tied), 0, false)
		req.Fields = []string{"date"}
		res, err := p.idx.Search(req)
		if err != nil {
			return nil, 0, err
		}
		for _, h := range res.Hits {
			dates[h.ID], _ = h.Fields["date"].(string)
		}
	}
	sort.SliceStable(cand, func(i, j int) bool {
		if cand[i].Score != cand[j].Score {
			return cand[i].Score > cand[j].Score
		}
		return dates[cand[i].ID] > dates[cand[j].ID]
	})
	return p.load(cand[offset:min(need, len(cand))], total)
}

// load fetches the stored fields of a page of hits, in their order.
func (p *PortalIndex) load(page search.DocumentMatchCollection, total int) ([]PortalHit, int, error) {
	ids := make([]string, len(page))
	for i, m := range page {
		ids[i] = m.ID
	}
	req := bleve.NewSearchRequestOptions(bleve.NewDocIDQuery(ids), len(ids), 0, false)
	req.Fields = portalFields
	res, err := p.idx.Search(req)
	if err != nil {
		return nil, 0, err
	}
	byID := make(map[string]*search.DocumentMatch, len(res.Hits))
	for _, h := range res.Hits {
		byID[h.ID] = h
	}
	out := make(search.DocumentMatchCollection, 0, len(page))
	for _, m := range page {
		if h := byID[m.ID]; h != nil {
			h.Score = m.Score
			out = append(out, h)
		}
	}
	return portalHits(out), total, nil
}

// newestSortAllUpTo: up to this many items, sorting them all is quicker
// than finding the recent days that hold the page (measured at 100,000).
var newestSortAllUpTo = 5000

func (p *PortalIndex) searchNewest(q PortalQuery) ([]PortalHit, int, error) {
	size, offset := pageSize(q)
	need := offset + size
	// the date terms in the asked range, newest last, with how many items
	// each (deleted ones too, until merged away: only an estimate)
	dict, err := p.idx.FieldDictRange("date", []byte(q.From), dateUpper(q.To))
	if err != nil {
		return nil, 0, err
	}
	var days []index.DictEntry
	all := 0
	for {
		e, err := dict.Next()
		if err != nil {
			dict.Close()
			return nil, 0, err
		}
		if e == nil {
			break
		}
		days = append(days, *e)
		all += int(e.Count)
	}
	dict.Close()
	if all <= newestSortAllUpTo {
		return p.searchSorted(q) // few in the range: sort them all
	}
	// the count, unsorted
	res, err := p.idx.Search(bleve.NewSearchRequestOptions(portalQuery(q).query(), 0, 0, false))
	if err != nil {
		return nil, 0, err
	}
	total := int(res.Total)
	if total <= offset {
		return []PortalHit{}, total, nil
	}
	if total <= newestSortAllUpTo {
		return p.searchSorted(q) // few enough to sort them all
	}
	// enough recent days for twice the page, reckoning that the filters keep
	// total/all of each day; widened fourfold until the page is all there
	want := 2 * float64(need) * float64(all) / float64(total)
	for {
		n, i := 0.0, len(days)
		for i > 0 && n < want {
			i--
			n += float64(days[i].Count)
		}
		if i == 0 {
			return p.searchSorted(q) // the whole range: sort it all
		}
		// the window narrows the asked range, so the range query is a
		// disjunction of the window's days only, not of every later day
		w := q
		w.From = days[i].Term
		hits, got, err := p.searchSorted(w)
		if err != nil {
			return nil, 0, err
		}
		if got >= need {
			return hits, total, nil
		}
		want *= 4
	}
}

// dateUpper is the end of a FieldDictRange for the inclusive last day to.
func dateUpper(to string) []byte {
	if to == "" {
		return nil
	}
	return []byte(to + "\uffff")
}
