package rules

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"sort"
	"strings"
	"sync"
	"sync/atomic"

	"zhifa/corpora"
	"zhifa/internal/jsonpath"
)

// BenchmarkError is a malformed benchmark file: where and what.
type BenchmarkError struct {
	File    string `json:"file,omitempty"`
	Line    int    `json:"line"`
	Field   string `json:"field"`
	Message string `json:"message"`
}

func (e *BenchmarkError) Error() string {
	return fmt.Sprintf("%s:%d: %s: %s", e.File, e.Line, e.Field, e.Message)
}

// LoadBenchmarkFile parses and checks a benchmark file (the format of
// corpora/discretion/jiangmen/entries.json). Every error names the line and
// the field at fault.
func LoadBenchmarkFile(name string, data []byte) (*BenchmarkFile, error) {
	bad := func(off int64, field, format string, a ...any) error {
		return &BenchmarkError{File: name, Line: lineAt(data, off), Field: field, Message: fmt.Sprintf(format, a...)}
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	tok, err := dec.Token()
	if err != nil || tok != json.Delim('{') {
		return nil, bad(dec.InputOffset(), "file", "expected a JSON object")
	}
	var f BenchmarkFile
	seen := map[string]bool{}
	for dec.More() {
		kt, err := dec.Token()
		if err != nil {
			return nil, decodeErr(name, data, dec, "file", err)
		}
		key, _ := kt.(string)
		off := dec.InputOffset()
		switch key {
		case "entries":
			if t, err := dec.Token(); err != nil || t != json.Delim('[') {
				return nil, bad(off, "entries", "expected an array of entries")
			}
			for i := 0; dec.More(); i++ {
				start := dec.InputOffset()
				var e BenchmarkEntry
				field := fmt.Sprintf("entries[%d]", i)
				if err := dec.Decode(&e); err != nil {
					return nil, decodeErr(name, data, dec, field, err)
				}
				line := lineAt(data, skipSpace(data, start))
				if err := e.compile(); err != nil {
					return nil, &BenchmarkError{File: name, Line: line, Field: field + "." + err.Error()[:strings.Index(err.Error(), ":")], Message: err.Error()[strings.Index(err.Error(), ":")+2:]}
				}
				if seen[e.ID] {
					return nil, &BenchmarkError{File: name, Line: line, Field: field + ".id", Message: fmt.Sprintf("duplicate id %q", e.ID)}
				}
				seen[e.ID] = true
				f.Entries = append(f.Entries, e)
			}
			if _, err := dec.Token(); err != nil {
				return nil, decodeErr(name, data, dec, "entries", err)
			}
		default:
			var raw json.RawMessage
			if err := dec.Decode(&raw); err != nil {
				return nil, decodeErr(name, data, dec, key, err)
			}
			var err error
			switch key {
			case "name":
				err = jsonpath.Decode(raw, &f.Name, false)
			case "document":
				err = jsonpath.Decode(raw, &f.Document, false)
			case "valid_from":
				err = jsonpath.Decode(raw, &f.ValidFrom, false)
			case "valid_until":
				err = jsonpath.Decode(raw, &f.ValidUntil, false)
			case "source":
				err = jsonpath.Decode(raw, &f.Source, false)
			case "scope":
				err = jsonpath.Decode(raw, &f.Scope, true)
			case "rows":
				err = jsonpath.Decode(raw, &f.Rows, false)
			case "evaluable_rows":
				err = jsonpath.Decode(raw, &f.Evaluable, false)
			default:
				return nil, bad(off, key, "unknown field")
			}
			var pe *jsonpath.Error
			if errors.As(err, &pe) {
				field := key
				if pe.Path != "" {
					field += "." + pe.Path
				}
				return nil, bad(off, field, "%s", pe.Message)
			}
			if err != nil {
				return nil, bad(off, key, "%v", err)
			}
			for _, d := range []struct{ k, v string }{{"valid_from", f.ValidFrom}, {"valid_until", f.ValidUntil}} {
				if key == d.k {
					if _, err := parseDate(d.k, d.v); err != nil {
						return nil, bad(off, d.k, "not a date in the form YYYY-MM-DD")
					}
				}
			}
		}
	}
	if _, err := dec.Token(); err != nil {
		return nil, decodeErr(name, data, dec, "file", err)
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return nil, bad(dec.InputOffset(), "file", "unexpected data after the JSON object")
	}
	if strings.TrimSpace(f.Name) == "" {
		return nil, bad(0, "name", "a benchmark file needs a name")
	}
	if len(f.Entries) == 0 {
		return nil, bad(0, "entries", "a benchmark file needs at least one entry")
	}
	// a benchmark binds only the agencies its issuer governs: it must say which
	switch {
	case f.Scope == nil:
		return nil, bad(0, "scope", `a benchmark file declares whom it binds: "scope": {"region": "广东省", "sector": "生态环境"}`)
	case len(regionUnits(f.Scope.Region)) == 0:
		return nil, bad(0, "scope.region", "the region the issuer governs, e.g. 广东省 or 广东省江门市; got %q", f.Scope.Region)
	case sectorWords[f.Scope.Sector] == nil:
		return nil, bad(0, "scope.sector", "one of %s; got %q", strings.Join(sectorNames(), ", "), f.Scope.Sector)
	}
	return &f, nil
}

func decodeErr(name string, data []byte, dec *json.Decoder, field string, err error) error {
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &se):
		return &BenchmarkError{File: name, Line: lineAt(data, se.Offset), Field: field, Message: "malformed JSON: " + se.Error()}
	case errors.As(err, &te):
		if te.Field != "" {
			field += "." + te.Field
		}
		return &BenchmarkError{File: name, Line: lineAt(data, max(te.Offset, dec.InputOffset())), Field: field, Message: fmt.Sprintf("expected %s, got JSON %s", jsonpath.Kind(te.Type), te.Value)}
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		f := strings.Trim(strings.TrimPrefix(err.Error(), "json: unknown field "), `"`)
		return &BenchmarkError{File: name, Line: lineAt(data, dec.InputOffset()), Field: field + "." + f, Message: "unknown field"}
	}
	return &BenchmarkError{File: name, Line: lineAt(data, dec.InputOffset()), Field: field, Message: jsonpath.Clean(err.Error())}
}

func lineAt(data []byte, off int64) int {
	if off > int64(len(data)) {
		off = int64(len(data))
	}
	if off < 0 {
		off = 0
	}
	return bytes.Count(data[:off], []byte("\n")) + 1
}

func skipSpace(data []byte, off int64) int64 {
	for off < int64(len(data)) {
		switch data[off] {
		case ' ', '\n', '\r', '\t', ',':
			off++
			continue
		}
		break
	}
	return off
}

// BenchmarkSet is the benchmarks in force: the embedded ones and, ahead of
// them, an agency's own file loaded at run time.
type BenchmarkSet struct {
	Files []*BenchmarkFile
	byKey map[string][]*setEntry // law|article → entries, agency file first
	byID  map[string]*setEntry
}

type setEntry struct {
	file  *BenchmarkFile
	entry *BenchmarkEntry
}

// NewBenchmarkSet indexes files; earlier files win when an article is in several.
func NewBenchmarkSet(files ...*BenchmarkFile) *BenchmarkSet {
	s := &BenchmarkSet{Files: files, byKey: map[string][]*setEntry{}, byID: map[string]*setEntry{}}
	for _, f := range files {
		for i := range f.Entries {
			e := &f.Entries[i]
			se := &setEntry{file: f, entry: e}
			if _, dup := s.byID[e.ID]; !dup {
				s.byID[e.ID] = se
			}
			c := e.Citations[0]
			k := articleKey(c.Law, c.Article, c.Suffix)
			s.byKey[k] = append(s.byKey[k], se)
		}
	}
	return s
}

// entriesFor is the entries for a cited provision in the set's order. An
// entry keyed on another paragraph or item of the article is left out: the
// table for 第八十三条第（一）项 does not price 第八十三条第（二）项.
func (s *BenchmarkSet) entriesFor(res corpora.Resolution) []*setEntry {
	var out []*setEntry
	for _, se := range s.byKey[articleKey(res.Law, res.Article, res.ArticleSuffix)] {
		c := se.entry.Citations[0]
		if res.Paragraph > 0 && c.Paragraph > 0 && c.Paragraph != res.Paragraph {
			continue
		}
		if res.Item > 0 && c.Item > 0 && c.Item != res.Item {
			continue
		}
		out = append(out, se)
	}
	return out
}

func articleKey(law string, article int, suffix string) string {
	return fmt.Sprintf("%s|%d%s", strings.Trim(law, "《》"), article, suffix)
}

// Count is the number of entries in the set.
func (s *BenchmarkSet) Count() int { return len(s.byID) }

var (
	defaultOnce sync.Once
	defaultSet  *BenchmarkSet
	defaultErr  error
	activeSet   atomic.Pointer[BenchmarkSet]
)

// DefaultBenchmarks is the embedded set: Guangdong (in force) ahead of Jiangmen (expired).
func DefaultBenchmarks() (*BenchmarkSet, error) {
	defaultOnce.Do(func() {
		var files []*BenchmarkFile
		for _, dir := range []string{"discretion/guangdong", "discretion/jiangmen"} {
			ents, err := fs.ReadDir(corpora.FS, dir)
			if errors.Is(err, fs.ErrNotExist) {
				continue // a model not transcribed yet
			}
			if err != nil {
				defaultErr = fmt.Errorf("benchmarks %s: %w", dir, err)
				return
			}
			names := []string{}
			for _, e := range ents {
				if strings.HasSuffix(e.Name(), ".json") {
					names = append(names, e.Name())
				}
			}
			sort.Strings(names)
			for _, n := range names {
				p := path.Join(dir, n)
				b, err := fs.ReadFile(corpora.FS, p)
				if err != nil {
					defaultErr = fmt.Errorf("benchmarks %s: %w", p, err)
					return
				}
				f, err := LoadBenchmarkFile(p, b)
				if err != nil {
					defaultErr = err
					return
				}
				files = append(files, f)
			}
		}
		defaultSet = NewBenchmarkSet(files...)
	})
	return defaultSet, defaultErr
}

// ActiveBenchmarks is the set Suggest uses: the default set, or the one last
// installed with UseBenchmarkFile.
func ActiveBenchmarks() (*BenchmarkSet, error) {
	if s := activeSet.Load(); s != nil {
		return s, nil
	}
	return DefaultBenchmarks()
}

// UseBenchmarkFile checks an agency's file and, only when it is good, puts it
// in force ahead of the embedded benchmarks. A bad file changes nothing.
func UseBenchmarkFile(name string, data []byte) (*BenchmarkFile, error) {
	f, err := LoadBenchmarkFile(name, data)
	if err != nil {
		return nil, err
	}
	def, err := DefaultBenchmarks()
	if err != nil {
		return nil, err
	}
	activeSet.Store(NewBenchmarkSet(append([]*BenchmarkFile{f}, def.Files...)...))
	return f, nil
}

// ResetBenchmarks puts the embedded set back in force.
func ResetBenchmarks() { activeSet.Store(nil) }
