package caselib

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	"zhifa/search"
)

// LineError is a bad input line, skipped.
type LineError struct {
	Line    int    `json:"line"`
	Message string `json:"message"`
}

// ImportResult is the summary of one import.
type ImportResult struct {
	Imported int         `json:"imported"`
	Skipped  int         `json:"skipped"`
	Errors   []LineError `json:"errors"`
}

// rawCase accepts ids and fines as numbers or strings.
type rawCase struct {
	ID    json.RawMessage `json:"id"`
	Title string          `json:"title"`
	Text  string          `json:"text"`
	// A judgment split into its parts (LeCaRD/CAIL: ajjbqk in text, cpfxgc,
	// pjjg) is joined in document order, so that the charge named in the
	// judgment and the articles of the reasoning are part of the case.
	CourtReasoning string          `json:"court_reasoning"`
	Judgment       string          `json:"judgment"`
	Agency         string          `json:"agency"`
	Date           string          `json:"date"`
	Kind           string          `json:"kind"`
	PenaltyBasis   string          `json:"penalty_basis"`
	Fine           json.RawMessage `json:"fine"`
	Outcome        string          `json:"outcome"`
	Tags           []string        `json:"tags"`
}

// IDString turns a JSON id (string or number) into a string.
func IDString(raw json.RawMessage) (string, error) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || string(raw) == "null" {
		return "", fmt.Errorf("id is missing")
	}
	if raw[0] == '"' {
		var s string
		if err := json.Unmarshal(raw, &s); err != nil {
			return "", fmt.Errorf("id: %w", err)
		}
		s = strings.TrimSpace(s)
		if s == "" {
			return "", fmt.Errorf("id is empty")
		}
		return s, nil
	}
	var n json.Number
	if err := json.Unmarshal(raw, &n); err != nil {
		return "", fmt.Errorf("id must be a string or a number")
	}
	return n.String(), nil
}

func parseFine(raw json.RawMessage) (*float64, error) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || string(raw) == "null" {
		return nil, nil
	}
	var s string
	if raw[0] == '"' {
		if err := json.Unmarshal(raw, &s); err != nil {
			return nil, err
		}
	} else {
		s = string(raw)
	}
	if s == "" {
		return nil, nil
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || f < 0 {
		return nil, fmt.Errorf("fine must be a non-negative number, got %s", s)
	}
	return &f, nil
}

// Progress is called every so many imported cases (may be nil).
type Progress func(done int)

// Watch is called every watchEvery imported cases with how much of the input
// is read: bytes of the file as stored (compressed or not) out of its size,
// or files out of the folder's entries.
type Watch func(done int, read, size int64)

// watchEvery is often enough for a progress bar, rare enough to cost nothing.
const watchEvery = 100

// ImportFile imports a JSONL, CSV file (either may be gzip-compressed,
// FILE.jsonl.gz) or a folder of .txt files into the collection. Bad lines are
// reported and skipped. progress is called every 1,000 cases.
func (l *Library) ImportFile(path, collection string, progress Progress) (ImportResult, error) {
	var w Watch
	if progress != nil {
		w = func(done int, _, _ int64) {
			if done%1000 == 0 {
				progress(done)
			}
		}
	}
	return l.ImportFileWatch(path, collection, w)
}

// countReader counts the bytes read through it, for a Watch read on
// another goroutine.
type countReader struct {
	r io.Reader
	n atomic.Int64
}

func (c *countReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n.Add(int64(n))
	return n, err
}

// ImportFileWatch is ImportFile telling watch (may be nil) how far it is.
func (l *Library) ImportFileWatch(path, collection string, watch Watch) (ImportResult, error) {
	st, err := os.Stat(path)
	if err != nil {
		return ImportResult{Errors: []LineError{}}, fmt.Errorf("import: %w", err)
	}
	if st.IsDir() {
		return l.importDir(path, collection, watch)
	}
	f, err := os.Open(path)
	if err != nil {
		return ImportResult{Errors: []LineError{}}, fmt.Errorf("import: %w", err)
	}
	defer f.Close()
	cr := &countReader{r: f}
	var tick Progress
	if watch != nil {
		tick = func(done int) { watch(done, cr.n.Load(), st.Size()) }
	}
	var r io.Reader = cr
	name := path
	if strings.EqualFold(filepath.Ext(path), ".gz") {
		zr, err := gzip.NewReader(cr)
		if err != nil {
			return ImportResult{Errors: []LineError{}}, fmt.Errorf("import %s: %w", path, err)
		}
		defer zr.Close()
		r, name = zr, strings.TrimSuffix(path, filepath.Ext(path))
	}
	if strings.EqualFold(filepath.Ext(name), ".csv") {
		return l.importCSV(context.Background(), r, collection, watchEvery, tick)
	}
	return l.importJSONL(context.Background(), r, collection, watchEvery, tick, l.streamTo)
}

func (l *Library) add(rc rawCase, collection string) error {
	c, err := buildCase(rc, collection)
	if err != nil {
		return err
	}
	l.Put(c)
	return nil
}

// buildCase checks one input case and recognises its structure; it touches
// no library state, so cases are built on all cores.
func buildCase(rc rawCase, collection string) (*Case, error) {
	id, err := IDString(rc.ID)
	if err != nil {
		return nil, err
	}
	if strings.TrimSpace(rc.Text) == "" && strings.TrimSpace(rc.Title) == "" {
		return nil, fmt.Errorf("title and text are both empty")
	}
	if err := checkLengths(id, rc, collection); err != nil {
		return nil, err
	}
	// one unstorable line is skipped, not the whole import refused by the database
	for _, f := range []struct{ name, v string }{{"id", id}, {"title", rc.Title}, {"text", rc.Text},
		{"court_reasoning", rc.CourtReasoning}, {"judgment", rc.Judgment}, {"agency", rc.Agency},
		{"date", rc.Date}, {"kind", rc.Kind}, {"penalty_basis", rc.PenaltyBasis}, {"outcome", rc.Outcome}, {"collection", collection}} {
		if badText(f.v) {
			return nil, fmt.Errorf("%s %s", f.name, badTextMessage)
		}
	}
	for _, t := range rc.Tags {
		if badText(t) {
			return nil, fmt.Errorf("tags %s", badTextMessage)
		}
	}
	fine, err := parseFine(rc.Fine)
	if err != nil {
		return nil, err
	}
	text := rc.Text
	for _, part := range []string{rc.CourtReasoning, rc.Judgment} {
		if strings.TrimSpace(part) != "" {
			text = strings.TrimRight(text, "\n") + "\n" + part
		}
	}
	c := &Case{ID: id, Collection: collection, Title: rc.Title, Text: text, Agency: rc.Agency,
		Date: rc.Date, Kind: rc.Kind, PenaltyBasis: rc.PenaltyBasis, Fine: fine, Outcome: rc.Outcome, Tags: rc.Tags}
	c.Structure = Recognise(text)
	if st := c.Structure; st != nil {
		// what the file states wins; the text fills the gaps.
		if c.PenaltyBasis == "" && len(st.Citations) > 0 {
			c.PenaltyBasis = st.Citations[len(st.Citations)-1]
		}
		if c.Fine == nil && st.Fine != nil {
			c.Fine = st.Fine
		}
	}
	return c, nil
}

// analyse fills the ranking terms of a built case (as Analyse would later).
func analyse(c *Case) {
	c.Terms, c.FactsTerms = search.CaseTermsParts(c.Title, c.Text)
	if c.Terms == nil {
		c.Terms = []string{}
	}
}

// ImportJSONL imports one case per line. Lines are decoded, checked,
// recognised and analysed on all cores, a batch at a time, and put into the
// library in file order (a later line with the same id replaces an earlier
// one, errors name their line).
// progress is called every 1,000 cases.
func (l *Library) ImportJSONL(r io.Reader, collection string, progress Progress) (ImportResult, error) {
	return l.ImportJSONLContext(context.Background(), r, collection, progress)
}

// ImportJSONLContext is ImportJSONL that stops reading once ctx ends (the
// client has gone), returning ctx's error; the caller then saves nothing.
func (l *Library) ImportJSONLContext(ctx context.Context, r io.Reader, collection string, progress Progress) (ImportResult, error) {
	return l.importJSONL(ctx, r, collection, 1000, progress, nil)
}

// importJSONL is ImportJSONLContext calling progress every so many cases.
// Each case read is given to put in file order (nil: Put); an error of put
// ends the import with it.
func (l *Library) importJSONL(ctx context.Context, r io.Reader, collection string, every int, progress Progress, put func(*Case) error) (ImportResult, error) {
	if put == nil {
		put = func(c *Case) error { l.Put(c); return nil }
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var putErr error
	res := ImportResult{Errors: []LineError{}}
	type item struct {
		n    int
		line []byte
		c    *Case
		err  string
	}
	type batch struct {
		items []item
		done  chan struct{}
	}
	const batchLines = 16
	workers := runtime.GOMAXPROCS(0)
	work := make(chan *batch, workers*2)
	ordered := make(chan *batch, workers*4)
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for b := range work {
				for i := range b.items {
					it := &b.items[i]
					var rc rawCase
					if it.err != "" {
						// refused while reading
					} else if e := json.Unmarshal(it.line, &rc); e != nil {
						it.err = "invalid JSON: " + e.Error()
					} else if c, e := buildCase(rc, collection); e != nil {
						it.err = e.Error()
					} else {
						analyse(c)
						it.c = c
					}
					it.line = nil
				}
				close(b.done)
			}
		}()
	}
	var readErr error
	go func() {
		defer close(ordered)
		defer close(work)
		br := bufio.NewReaderSize(r, 1<<20)
		b := &batch{done: make(chan struct{})}
		send := func() {
			if len(b.items) > 0 {
				work <- b
				ordered <- b
			}
			b = &batch{done: make(chan struct{})}
		}
		for n := 1; ; n++ {
			if err := ctx.Err(); err != nil {
				send()
				readErr = fmt.Errorf("import stopped at line %d: %w", n, err)
				return
			}
			line, long, err := readLine(br, maxLineBytes)
			if long || len(bytes.TrimSpace(line)) > 0 {
				it := item{n: n, line: line}
				if long {
					it.err = fmt.Sprintf("line is longer than %d bytes", maxLineBytes)
				}
				b.items = append(b.items, it)
				if len(b.items) == batchLines {
					send()
				}
			}
			if err == io.EOF {
				send()
				return
			}
			if err != nil {
				send()
				readErr = fmt.Errorf("import line %d: %w", n, err)
				return
			}
		}
	}()
	for b := range ordered {
		<-b.done
		for _, it := range b.items {
			if putErr != nil {
				break // drain, so that the reader and workers end
			}
			if it.c == nil {
				res.Skipped++
				res.Errors = append(res.Errors, LineError{it.n, it.err})
				continue
			}
			if putErr = put(it.c); putErr != nil {
				cancel() // stop reading
				break
			}
			res.Imported++
			if progress != nil && res.Imported%every == 0 {
				progress(res.Imported)
			}
		}
	}
	wg.Wait()
	if putErr != nil {
		return res, putErr
	}
	return res, readErr
}

// readLine reads one line of at most max bytes; a longer one is read to its
// end, discarded and reported as long, so one line cannot hold the import's memory.
func readLine(br *bufio.Reader, max int) (line []byte, long bool, err error) {
	for {
		frag, err := br.ReadSlice('\n')
		if !long && len(line)+len(frag) > max {
			long, line = true, nil
		}
		if !long {
			line = append(line, frag...)
		}
		if err != bufio.ErrBufferFull {
			return line, long, err
		}
	}
}

// ImportCSV imports a CSV with a header naming the JSONL fields.
func (l *Library) ImportCSV(r io.Reader, collection string, progress Progress) (ImportResult, error) {
	return l.ImportCSVContext(context.Background(), r, collection, progress)
}

// ImportCSVContext is ImportCSV that stops once ctx ends, returning its error.
func (l *Library) ImportCSVContext(ctx context.Context, r io.Reader, collection string, progress Progress) (ImportResult, error) {
	return l.importCSV(ctx, r, collection, 1000, progress)
}

// importCSV is ImportCSVContext calling progress every so many cases.
func (l *Library) importCSV(ctx context.Context, r io.Reader, collection string, every int, progress Progress) (ImportResult, error) {
	res := ImportResult{Errors: []LineError{}}
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	head, err := cr.Read()
	if err != nil {
		return res, fmt.Errorf("import csv header: %w", err)
	}
	col := map[string]int{}
	for i, h := range head {
		col[strings.TrimSpace(strings.TrimPrefix(h, "\ufeff"))] = i
	}
	if _, ok := col["id"]; !ok {
		return res, fmt.Errorf("import csv: header has no id column")
	}
	get := func(rec []string, k string) string {
		if i, ok := col[k]; ok && i < len(rec) {
			return rec[i]
		}
		return ""
	}
	for n := 2; ; n++ {
		if err := ctx.Err(); err != nil {
			return res, fmt.Errorf("import stopped at line %d: %w", n, err)
		}
		rec, err := cr.Read()
		if err == io.EOF {
			return res, nil
		}
		if err != nil {
			res.Skipped++
			res.Errors = append(res.Errors, LineError{n, err.Error()})
			continue
		}
		id, _ := json.Marshal(get(rec, "id"))
		rc := rawCase{ID: id, Title: get(rec, "title"), Text: get(rec, "text"), CourtReasoning: get(rec, "court_reasoning"),
			Judgment: get(rec, "judgment"), Agency: get(rec, "agency"),
			Date: get(rec, "date"), Kind: get(rec, "kind"), PenaltyBasis: get(rec, "penalty_basis"),
			Outcome: get(rec, "outcome")}
		if f := get(rec, "fine"); f != "" {
			rc.Fine = json.RawMessage(strconv.Quote(f))
		}
		if t := get(rec, "tags"); t != "" {
			rc.Tags = strings.FieldsFunc(t, func(r rune) bool { return r == ';' || r == '；' || r == '|' })
		}
		if e := l.add(rc, collection); e != nil {
			res.Skipped++
			res.Errors = append(res.Errors, LineError{n, e.Error()})
			continue
		}
		res.Imported++
		if progress != nil && res.Imported%every == 0 {
			progress(res.Imported)
		}
	}
}

// importDir imports every .txt file of a folder: id = file name without
// extension, title = first non-empty line. (.docx files are counted as
// errors until their reader lands.)
func (l *Library) importDir(dir, collection string, watch Watch) (ImportResult, error) {
	res := ImportResult{Errors: []LineError{}}
	ents, err := os.ReadDir(dir)
	if err != nil {
		return res, fmt.Errorf("import: %w", err)
	}
	for i, e := range ents {
		if e.IsDir() {
			continue
		}
		ext := strings.ToLower(filepath.Ext(e.Name()))
		id := strings.TrimSuffix(e.Name(), filepath.Ext(e.Name()))
		var text string
		switch ext {
		case ".txt":
			b, err := readFileMax(filepath.Join(dir, e.Name()), MaxTextBytes)
			if err != nil {
				res.Skipped++
				res.Errors = append(res.Errors, LineError{i + 1, e.Name() + ": " + err.Error()})
				continue
			}
			text = string(b)
		case ".docx":
			b, err := readFileMax(filepath.Join(dir, e.Name()), maxDocxBytes)
			var t string
			if err == nil {
				t, err = docxText(b)
			}
			if err != nil {
				res.Skipped++
				res.Errors = append(res.Errors, LineError{i + 1, e.Name() + ": " + err.Error()})
				continue
			}
			text = t
		default:
			continue
		}
		title := ""
		for _, ln := range strings.Split(text, "\n") {
			if s := strings.TrimSpace(ln); s != "" {
				title = s
				break
			}
		}
		idj, _ := json.Marshal(id)
		if err := l.add(rawCase{ID: idj, Title: title, Text: text}, collection); err != nil {
			res.Skipped++
			res.Errors = append(res.Errors, LineError{i + 1, e.Name() + ": " + err.Error()})
			continue
		}
		res.Imported++
		if watch != nil && res.Imported%watchEvery == 0 {
			watch(res.Imported, int64(i+1), int64(len(ents)))
		}
	}
	return res, nil
}
