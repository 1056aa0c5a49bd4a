package search

import (
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	_ "modernc.org/sqlite" // the peer: SQLite FTS5

	"zhifa/internal/portalgen"
)

const (
	portalGenVersion = portalgen.Version
	portalGenToday   = portalgen.Today
)

// genPortalDocs: n synthetic decisions as the portal indexes them (DecisionDoc).
func genPortalDocs(n int, seed uint64) []PortalDoc {
	ds := portalgen.Generate(n, seed)
	out := make([]PortalDoc, len(ds))
	for i, d := range ds {
		out[i] = PortalDoc{ID: d.ID, Type: "decision", AgencyID: d.AgencyID, Agency: d.Agency, Kind: d.Kind,
			Date: d.Date, Title: d.Title(), Text: d.Text(), Expires: d.Expires}
	}
	return out
}

// The portal at scale: BenchmarkPortalSearch runs one query mix against the
// portal index and against SQLite FTS5 holding the same synthetic decisions
// (internal/portalgen), both built once and kept under os.TempDir keyed by
// the generator and analyzer versions, so reruns only reopen them.
//
//	go test -tags ne -run XXX -bench BenchmarkPortalSearch -benchtime 1900x ./search
//
// ZHIFA_PORTALBENCH_N sets the number of decisions (default 100,000).

const portalBenchSeed = 20261201

func portalBenchN() int {
	if n, err := strconv.Atoi(os.Getenv("ZHIFA_PORTALBENCH_N")); err == nil && n > 0 {
		return n
	}
	return 100000
}

type portalBenchQuery struct {
	name string
	q    PortalQuery
}

// portalBenchMix is what the public portal is asked: words and phrases
// people type, a decision's number, a masked name, rare terms, the filters
// of the form, no words at all (the newest first) and later pages.
func portalBenchMix() []portalBenchQuery {
	base := func(q PortalQuery) PortalQuery {
		q.Type, q.Today, q.Size = "decision", portalGenToday, 20
		return q
	}
	return []portalBenchQuery{
		{"common 食品 销售", base(PortalQuery{Q: "食品 销售"})},
		{"common 食品安全", base(PortalQuery{Q: "食品安全"})},
		{"phrase 虚假广告", base(PortalQuery{Q: "虚假广告"})},
		{"phrase 饮酒后驾驶", base(PortalQuery{Q: "饮酒后驾驶"})},
		{"phrase 超范围使用食品添加剂", base(PortalQuery{Q: "超范围使用食品添加剂"})},
		{"rare 河豚鱼干", base(PortalQuery{Q: "河豚鱼干"})},
		{"rare 燕窝", base(PortalQuery{Q: "燕窝"})},
		{"name 华联商贸有限公司", base(PortalQuery{Q: "华联商贸有限公司"})},
		{"name 张某", base(PortalQuery{Q: "张某"})},
		{"number 东市监罚〔2024〕1号", base(PortalQuery{Q: "东市监罚〔2024〕1号"})},
		{"agency+q 保质期", base(PortalQuery{Q: "保质期", AgencyID: "ag-06"})},
		{"agency newest", base(PortalQuery{AgencyID: "ag-06"})},
		{"kind+dates newest", base(PortalQuery{Kind: "行政强制", From: "2025-01-01", To: "2025-06-30"})},
		{"kind+dates+q 罚款", base(PortalQuery{Q: "罚款", Kind: "行政处罚", From: "2026-01-01", To: "2026-03-31"})},
		{"dates newest", base(PortalQuery{From: "2024-03-01", To: "2024-03-31"})},
		{"newest page 1", base(PortalQuery{})},
		{"newest page 51", base(PortalQuery{Offset: 1000})},
		{"q page 11 食品", base(PortalQuery{Q: "食品", Offset: 200})},
		{"q page 2 罚款", base(PortalQuery{Q: "罚款", Offset: 20})},
	}
}

var portalBenchDocsOnce = sync.OnceValue(func() []PortalDoc { return genPortalDocs(portalBenchN(), portalBenchSeed) })

// portalBenchDir is where the built indexes are kept between runs.
func portalBenchDir() string {
	return filepath.Join(os.TempDir(), fmt.Sprintf("zhifa-portalbench-%s-%s-%d", portalGenVersion, AnalyzerVersion, portalBenchN()))
}

func dirSize(dir string) int64 {
	var n int64
	_ = filepath.WalkDir(dir, func(_ string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			if fi, err := d.Info(); err == nil {
				n += fi.Size()
			}
		}
		return nil
	})
	return n
}

// buildNote keeps how long a cached index took to build, so reruns still report it.
func buildNote(dir, name string, took time.Duration) time.Duration {
	f := filepath.Join(dir, name+".build-seconds")
	if took > 0 {
		_ = os.WriteFile(f, []byte(strconv.FormatFloat(took.Seconds(), 'f', 2, 64)), 0o600)
		return took
	}
	b, _ := os.ReadFile(f)
	s, _ := strconv.ParseFloat(strings.TrimSpace(string(b)), 64)
	return time.Duration(s * float64(time.Second))
}

func openBenchPortal(tb testing.TB) (*PortalIndex, time.Duration, int64) {
	dir := portalBenchDir()
	docs := portalBenchDocsOnce()
	fp := Fingerprint([]byte(portalGenVersion), []byte(strconv.Itoa(len(docs))))
	built := false
	t0 := time.Now()
	idx, err := OpenPortalIndex(dir, fp, func() ([]PortalDoc, error) { built = true; return docs, nil })
	if err != nil {
		tb.Fatal(err)
	}
	var took time.Duration
	if built {
		took = time.Since(t0)
	}
	return idx, buildNote(dir, "bleve", took), dirSize(filepath.Join(dir, "index", "portal"))
}

// portalSQLite is the peer: the same documents in SQLite, the Chinese text
// cut by the same analyzer (words separated by spaces) into an FTS5 table
// with the unicode61 tokenizer, the filter fields in an ordinary indexed table.
type portalSQLite struct{ db *sql.DB }

func segmented(s string) string {
	var b strings.Builder
	for _, t := range (Tokenizer{}).Tokenize([]byte(s)) {
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.Write(t.Term)
	}
	return b.String()
}

func openBenchSQLite(tb testing.TB) (*portalSQLite, time.Duration, int64) {
	dir := portalBenchDir()
	path := filepath.Join(dir, "portal.sqlite")
	var took time.Duration
	if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) {
		t0 := time.Now()
		if err := buildBenchSQLite(path+".build", portalBenchDocsOnce()); err != nil {
			tb.Fatal(err)
		}
		if err := os.Rename(path+".build", path); err != nil {
			tb.Fatal(err)
		}
		took = time.Since(t0)
	}
	db, err := sql.Open("sqlite", "file:"+path+"?mode=ro&_pragma=mmap_size(1073741824)&_pragma=cache_size(-262144)")
	if err != nil {
		tb.Fatal(err)
	}
	db.SetMaxOpenConns(1)
	fi, err := os.Stat(path)
	if err != nil {
		tb.Fatal(err)
	}
	return &portalSQLite{db: db}, buildNote(dir, "sqlite", took), fi.Size()
}

func buildBenchSQLite(path string, docs []PortalDoc) error {
	_ = os.Remove(path)
	if err := os.MkdirAll(filepath.Dir(path), 0o750); err != nil {
		return err
	}
	db, err := sql.Open("sqlite", "file:"+path+"?_pragma=journal_mode(OFF)&_pragma=synchronous(OFF)")
	if err != nil {
		return err
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	for _, s := range []string{
		`CREATE TABLE docs (rid INTEGER PRIMARY KEY, id TEXT UNIQUE, type TEXT, agency_id TEXT, agency TEXT, kind TEXT,
			date TEXT, expires TEXT, title TEXT, text TEXT)`,
		`CREATE VIRTUAL TABLE fts USING fts5(title, text, agency, content='', tokenize='unicode61')`,
	} {
		if _, err := db.Exec(s); err != nil {
			return err
		}
	}
	// cut on every core, insert in order
	type cut struct{ title, text, agency string }
	cuts := make([]cut, len(docs))
	var wg sync.WaitGroup
	workers := max(1, runtime.NumCPU())
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; i < len(docs); i += workers {
				d := docs[i]
				cuts[i] = cut{segmented(d.Title), segmented(d.Text), segmented(d.Agency)}
			}
		}()
	}
	wg.Wait()
	tx, err := db.Begin()
	if err != nil {
		return err
	}
	for i, d := range docs {
		if _, err := tx.Exec(`INSERT INTO docs VALUES (?,?,?,?,?,?,?,?,?,?)`, i+1, d.ID, d.Type, d.AgencyID, d.Agency, d.Kind, d.Date, d.Expires, d.Title, d.Text); err != nil {
			tx.Rollback()
			return err
		}
		c := cuts[i]
		if _, err := tx.Exec(`INSERT INTO fts(rowid, title, text, agency) VALUES (?,?,?,?)`, i+1, c.title, c.text, c.agency); err != nil {
			tx.Rollback()
			return err
		}
	}
	if err := tx.Commit(); err != nil {
		return err
	}
	for _, s := range []string{
		`CREATE INDEX docs_date ON docs(date DESC, id)`,
		`CREATE INDEX docs_agency ON docs(agency_id, date DESC, id)`,
		`CREATE INDEX docs_kind ON docs(kind, date DESC, id)`,
		`INSERT INTO fts(fts) VALUES ('optimize')`,
		`ANALYZE`,
	} {
		if _, err := db.Exec(s); err != nil {
			return err
		}
	}
	return nil
}

// Search answers q as PortalIndex.Search does: the words ORed (a match
// query), title ×3, BM25 then the newest first; no words, the newest first;
// the total counted.
func (p *portalSQLite) Search(q PortalQuery) ([]PortalHit, int, error) {
	where := []string{"d.type = ?", "(d.expires = '' OR d.expires >= ?)"}
	args := []any{q.Type, q.Today}
	if q.AgencyID != "" {
		where, args = append(where, "d.agency_id = ?"), append(args, q.AgencyID)
	}
	if q.Kind != "" {
		where, args = append(where, "d.kind = ?"), append(args, q.Kind)
	}
	if q.From != "" {
		where, args = append(where, "d.date >= ?"), append(args, q.From)
	}
	if q.To != "" {
		where, args = append(where, "d.date <= ?"), append(args, q.To)
	}
	from, order := "docs d", "d.date DESC, d.id"
	if t := strings.TrimSpace(q.Q); t != "" {
		var terms []string
		seen := map[string]bool{}
		for _, w := range strings.Fields(segmented(t)) {
			if !seen[w] {
				seen[w] = true
				terms = append(terms, `"`+strings.ReplaceAll(w, `"`, `""`)+`"`)
			}
		}
		if len(terms) == 0 {
			return nil, 0, nil
		}
		from, order = "fts JOIN docs d ON d.rid = fts.rowid", "bm25(fts, 3.0, 1.0, 1.0), d.date DESC"
		where, args = append([]string{"fts MATCH ?"}, where...), append([]any{strings.Join(terms, " OR ")}, args...)
	}
	cond := strings.Join(where, " AND ")
	var total int
	if err := p.db.QueryRow(`SELECT count(*) FROM `+from+` WHERE `+cond, args...).Scan(&total); err != nil {
		return nil, 0, err
	}
	rows, err := p.db.Query(`SELECT d.id, d.type, d.agency_id, d.agency, d.kind, d.date, d.title, d.text FROM `+from+
		` WHERE `+cond+` ORDER BY `+order+` LIMIT ? OFFSET ?`, append(args, q.Size, q.Offset)...)
	if err != nil {
		return nil, 0, err
	}
	defer rows.Close()
	var hits []PortalHit
	for rows.Next() {
		var h PortalHit
		if err := rows.Scan(&h.ID, &h.Type, &h.AgencyID, &h.Agency, &h.Kind, &h.Date, &h.Title, &h.Text); err != nil {
			return nil, 0, err
		}
		hits = append(hits, h)
	}
	return hits, total, rows.Err()
}

type sortAll struct{ p *PortalIndex }

func (s sortAll) Search(q PortalQuery) ([]PortalHit, int, error) {
	s.p.mu.RLock()
	defer s.p.mu.RUnlock()
	return s.p.searchSorted(q)
}

type portalSearcher interface {
	Search(PortalQuery) ([]PortalHit, int, error)
}

func pct(ds []time.Duration, p float64) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	s := append([]time.Duration(nil), ds...)
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	i := int(p*float64(len(s))+0.5) - 1
	return s[min(max(i, 0), len(s)-1)]
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

func runPortalMix(b *testing.B, s portalSearcher) {
	mix := portalBenchMix()
	// one untimed round: first use of each query (segmenter, page cache)
	totals := make([]int, len(mix))
	for i, m := range mix {
		_, n, err := s.Search(m.q)
		if err != nil {
			b.Fatal(m.name, err)
		}
		totals[i] = n
	}
	all := make([]time.Duration, 0, b.N)
	per := make([][]time.Duration, len(mix))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		k := i % len(mix)
		t0 := time.Now()
		if _, _, err := s.Search(mix[k].q); err != nil {
			b.Fatal(mix[k].name, err)
		}
		d := time.Since(t0)
		all = append(all, d)
		per[k] = append(per[k], d)
	}
	b.StopTimer()
	b.ReportMetric(ms(pct(all, 0.50)), "p50-ms")
	b.ReportMetric(ms(pct(all, 0.95)), "p95-ms")
	b.ReportMetric(ms(pct(all, 0.99)), "p99-ms")
	if b.N < len(mix) {
		return // the probe run
	}
	// per query: to the file ZHIFA_PORTALBENCH_QUERIES names, else the log (cut after ten lines)
	f := os.Getenv("ZHIFA_PORTALBENCH_QUERIES")
	var w *os.File
	if f != "" {
		var err error
		if w, err = os.OpenFile(f, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o600); err != nil {
			b.Fatal(err)
		}
		defer w.Close()
	}
	for k, m := range mix {
		line := fmt.Sprintf("%s %s total %d p50 %.2f p99 %.2f", strings.TrimPrefix(b.Name(), "BenchmarkPortalSearch/"),
			strings.ReplaceAll(m.name, " ", "_"), totals[k], ms(pct(per[k], 0.5)), ms(pct(per[k], 0.99)))
		if w != nil {
			fmt.Fprintln(w, line)
		} else {
			b.Log(line)
		}
	}
}

// BenchmarkPortalSearch: per-query latency of the portal over the mix, the
// portal index and SQLite FTS5 on the same synthetic decisions in one run.
func BenchmarkPortalSearch(b *testing.B) {
	b.Run("bleve", func(b *testing.B) {
		idx, took, size := openBenchPortal(b)
		defer idx.Close()
		runPortalMix(b, idx)
		b.ReportMetric(took.Seconds(), "build-s")
		b.ReportMetric(float64(size)/1e6, "index-MB")
	})
	b.Run("bleve-sortall", func(b *testing.B) {
		// the same index searched the plain way, every hit sorted (as before)
		idx, took, size := openBenchPortal(b)
		defer idx.Close()
		runPortalMix(b, sortAll{idx})
		b.ReportMetric(took.Seconds(), "build-s")
		b.ReportMetric(float64(size)/1e6, "index-MB")
	})
	b.Run("sqlite-fts5", func(b *testing.B) {
		db, took, size := openBenchSQLite(b)
		defer db.db.Close()
		runPortalMix(b, db)
		b.ReportMetric(took.Seconds(), "build-s")
		b.ReportMetric(float64(size)/1e6, "index-MB")
	})
}
