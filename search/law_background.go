package search

import (
	"errors"
	"fmt"
	"log/slog"
	"path/filepath"
	"sync"
	"sync/atomic"
	"time"

	"zhifa/corpora"
)

// LawIndexer serves a law index at once while the index of the whole corpus
// (the national pack: some 70,000 articles, minutes to build) is built in the
// background: the whole index when dataDir already holds a current one,
// else the core texts' index (dataDir/index/laws-core, seconds) until the
// build is done.
type LawIndexer struct {
	cur      atomic.Pointer[LawIndex]
	fallback *LawIndex
	done     atomic.Int64
	total    int
	start    time.Time
	finished chan struct{}
	stop     atomic.Bool

	mu    sync.Mutex
	state string // IndexReady, IndexBuilding, IndexFailed
	err   error
	took  time.Duration
}

// fallbackCorpus is what answers while the whole index is built (a small
// corpus in tests).
var fallbackCorpus = corpora.Core

// States of a LawIndexer.
const (
	IndexReady    = "ready"
	IndexBuilding = "building"
	IndexFailed   = "failed"
)

// LawIndexStatus is what /healthz reports of the law index.
type LawIndexStatus struct {
	State    string `json:"state"`    // ready, building, failed
	Serving  string `json:"serving"`  // "all" (the whole corpus) or "core" (the 95 core texts, while building)
	Articles int    `json:"articles"` // of the whole corpus
	Indexed  int    `json:"indexed"`  // articles indexed so far
	Seconds  int    `json:"seconds"`  // since the build started, or what it took
	Error    string `json:"error,omitempty"`
}

// StartLawIndex opens the index of c in dataDir when it is current; otherwise
// it opens (or builds) the core texts' index, returns, and builds c's in the
// background, logging progress with slog and swapping it in when done.
func StartLawIndex(dataDir string, c *corpora.Corpus) (*LawIndexer, error) {
	b := &LawIndexer{start: time.Now(), finished: make(chan struct{})}
	for _, l := range c.Laws() {
		b.total += len(l.Articles)
	}
	path := filepath.Join(dataDir, "index", "laws")
	if c == fallbackCorpus() {
		path = filepath.Join(dataDir, "index", "laws-core")
	}
	if ix, err := openLawIndexIfCurrent(path, c); err == nil {
		b.cur.Store(ix)
		b.state = IndexReady
		b.done.Store(int64(b.total))
		close(b.finished)
		return b, nil
	}
	// a corpus not much larger than the fallback (the core texts and an
	// agency's own laws) builds in seconds: serve it at once, for the
	// fallback would lack the laws the caller just added
	fallbackTotal := 0
	for _, l := range fallbackCorpus().Laws() {
		fallbackTotal += len(l.Articles)
	}
	if c != fallbackCorpus() && b.total <= 2*fallbackTotal {
		ix, err := openLawIndexAt(path, c, nil)
		if err != nil {
			return nil, fmt.Errorf("law index: %w", err)
		}
		b.cur.Store(ix)
		b.state = IndexReady
		b.done.Store(int64(b.total))
		close(b.finished)
		return b, nil
	}
	core, err := openLawIndexAt(filepath.Join(dataDir, "index", "laws-core"), fallbackCorpus(), nil)
	if err != nil {
		return nil, fmt.Errorf("core law index: %w", err)
	}
	if c == fallbackCorpus() {
		b.cur.Store(core)
		b.state = IndexReady
		b.done.Store(int64(b.total))
		close(b.finished)
		return b, nil
	}
	b.fallback = core
	b.cur.Store(core)
	b.state = IndexBuilding
	slog.Info("law index: building in the background; serving the core texts meanwhile", "articles", b.total)
	go b.build(path, c)
	return b, nil
}

func (b *LawIndexer) build(path string, c *corpora.Corpus) {
	defer close(b.finished)
	logp := logProgress(b.start, func() bool { return !b.stop.Load() })
	ix, err := openLawIndexAt(path, c, func(done, total int) bool {
		b.done.Store(int64(done))
		return logp(done, total)
	})
	b.mu.Lock()
	defer b.mu.Unlock()
	b.took = time.Since(b.start)
	if errors.Is(err, errBuildStopped) {
		b.state, b.err = IndexFailed, err
		return
	}
	if err != nil {
		b.state, b.err = IndexFailed, err
		slog.Error("law index: build failed; serving the core texts", "err", err)
		return
	}
	b.done.Store(int64(b.total))
	b.cur.Store(ix)
	b.state = IndexReady
	slog.Info("law index: ready", "articles", b.total, "seconds", int(b.took.Seconds()), "articles_per_s", int(float64(b.total)/b.took.Seconds()))
}

// Index is the index to search now.
func (b *LawIndexer) Index() *LawIndex { return b.cur.Load() }

// Wait blocks until the background build is over (for commands and tests).
func (b *LawIndexer) Wait() { <-b.finished }

// Status reports the state of the build.
func (b *LawIndexer) Status() LawIndexStatus {
	b.mu.Lock()
	defer b.mu.Unlock()
	st := LawIndexStatus{State: b.state, Serving: "all", Articles: b.total, Indexed: int(b.done.Load())}
	if b.cur.Load() == b.fallback {
		st.Serving = "core"
	}
	if b.state == IndexBuilding {
		st.Seconds = int(time.Since(b.start).Seconds())
	} else {
		st.Seconds = int(b.took.Seconds())
	}
	if b.err != nil {
		st.Error = b.err.Error()
	}
	return st
}

// Close stops a build in progress (the next start resumes from scratch),
// then closes the indexes.
func (b *LawIndexer) Close() error {
	b.stop.Store(true)
	b.Wait()
	var err error
	if ix := b.cur.Load(); ix != nil && ix != b.fallback {
		err = ix.Close()
	}
	if b.fallback != nil {
		if ferr := b.fallback.Close(); err == nil {
			err = ferr
		}
	}
	return err
}

// openLawIndexIfCurrent opens the index at path only when it was built from c.
func openLawIndexIfCurrent(path string, c *corpora.Corpus) (*LawIndex, error) {
	m, err := lawMapping()
	if err != nil {
		return nil, err
	}
	idx, err := openChecked(IndexSpec{Path: path, Fingerprint: lawFingerprint(c), Mapping: m, ReadOnly: true})
	if err != nil {
		return nil, err
	}
	idx.Close()
	return openLawIndexAt(path, c, nil)
}
