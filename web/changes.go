package web

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"time"

	"zhifa/caselib"
	"zhifa/disclosure"
	"zhifa/internal/lawsync"
	"zhifa/records"
)

// Several nodes over one database each keep their own search indexes. A
// node follows two change streams past a cursor of its own: the records'
// audit chain (disclosures and standing items → the portal index) and the
// case library's outbox (→ the similar-case ranking). The cursor is a file
// beside the indexes, so a node that was down catches up from where it
// stopped; an index that is missing or stale is rebuilt from the store when
// it opens, and replaying changes it already holds is harmless.

// cursorFile holds the node's cursor, in DATA/index.
const cursorFile = "changes.json"

// changeBatch is how many changes one read applies at most.
const changeBatch = 500

type changeCursor struct {
	Records int64 `json:"records"` // last audit seq applied
	Library int64 `json:"library"` // last library outbox seq seen
}

// followState is what /healthz tells of the follower.
type followState struct {
	mu      sync.Mutex
	running bool
	cur     changeCursor
	lastOK  time.Time
	lastErr string
	failing bool
}

var follows sync.Map // *Server → *followState

func (s *Server) follow() *followState {
	v, _ := follows.LoadOrStore(s, &followState{})
	return v.(*followState)
}

// followedEntities are the chain entities the node's indexes are made of:
// the portal's disclosures and standing items, the law files, and the
// agencies (whose province adds a law pack).
var followedEntities = []string{records.ObjectEntity(disclosure.Kind), records.ObjectEntity(disclosure.StandingKind), records.ObjectEntity(lawsync.Kind), agencyEntity}

// agencyEntity is the chain entity of an agency's record.
const agencyEntity = "agency"

// FollowChanges keeps this node's indexes current with the writes of every
// node, reading the change streams every interval until ctx ends. It opens
// the portal index first (rebuilding it from the store when missing) and
// catches up from the node's cursor.
func (s *Server) FollowChanges(ctx context.Context, every time.Duration) {
	fs := s.follow()
	fs.mu.Lock()
	if fs.running {
		fs.mu.Unlock()
		return
	}
	fs.running = true
	fs.mu.Unlock()
	defer func() { fs.mu.Lock(); fs.running = false; fs.mu.Unlock() }()
	path := filepath.Join(s.Opts.DataDir, "index", cursorFile)
	cur, err := loadCursor(path)
	fresh := errors.Is(err, os.ErrNotExist)
	if err != nil && !fresh {
		s.logger().Warn("change cursor unreadable; indexes are checked against the store", "path", path, "err", err.Error())
		fresh = true
	}
	started := false
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		if !started {
			err = s.startFollowing(ctx, &cur, fresh)
			started = err == nil
			if started && fresh {
				err = saveCursor(path, cur)
			}
		}
		if started {
			before := cur
			err = s.followOnce(ctx, &cur)
			if cur != before {
				if werr := saveCursor(path, cur); werr != nil && err == nil {
					err = werr
				}
			}
		}
		s.followed(cur, err)
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// startFollowing opens what the node serves from. A node without a cursor
// (new, or its index directory lost) starts at the head: the indexes it
// opens are built from the store as it is now.
func (s *Server) startFollowing(ctx context.Context, cur *changeCursor, fresh bool) error {
	st, err := s.Records()
	if err != nil {
		return err
	}
	if ok, err := st.KeyMatchesChain(ctx); err == nil && !ok {
		s.logger().Warn("this node's agency key did not sign the audit chain's latest entry: nodes over one database must share DATA/audit_ed25519.key, or verification fails on the entries of the node that differs")
	}
	lw, err := s.caseLibraryWriter()
	if err != nil {
		return err
	}
	if fresh {
		if cur.Records, err = st.ChangeHead(ctx); err != nil {
			return err
		}
		if cur.Library, err = lw.ChangeHead(ctx); err != nil {
			return err
		}
	}
	if err := s.pullLaws(ctx, st); err != nil {
		return err
	}
	if _, err := s.portalIndex(ctx); err != nil {
		return fmt.Errorf("portal index: %w", err)
	}
	if fresh {
		// a lookup may have built the portal index before the head above
		// was read; what was written between is replayed
		ps := s.portalState()
		ps.mu.Lock()
		cur.Records = min(cur.Records, ps.head)
		ps.mu.Unlock()
	}
	return nil
}

// pullLaws writes the law files of the records into DATA/laws and, when one
// changed, reloads the corpus and the law index.
func (s *Server) pullLaws(ctx context.Context, st *records.Store) error {
	changed, err := lawsync.Pull(ctx, st, s.Opts.DataDir)
	if err != nil {
		return err
	}
	if changed {
		return s.lawsChanged()
	}
	return nil
}

// followOnce applies what was written since cur and moves cur past it.
func (s *Server) followOnce(ctx context.Context, cur *changeCursor) error {
	st, err := s.Records()
	if err != nil {
		return err
	}
	for {
		head, err := st.ChangeHead(ctx)
		if err != nil {
			return err
		}
		chs, err := st.Changes(ctx, cur.Records, head, changeBatch, followedEntities...)
		if err != nil {
			return err
		}
		pulled := false
		for _, c := range chs {
			if c.Entity == records.ObjectEntity(lawsync.Kind) {
				// a pull takes every law file the records hold now, so once a batch
				if !pulled {
					// a law file this node cannot load must not hold up the portal: log it, go on
					if err := s.pullLaws(ctx, st); err != nil {
						s.logger().Warn("law files from the records not loaded; laws stay as they were", "seq", c.Seq, "err", err.Error())
					}
					pulled = true
				}
				cur.Records = c.Seq
				continue
			}
			if c.Entity == agencyEntity {
				// an agency given a province on another node: this node loads its pack too
				if a, err := st.GetAgency(ctx, c.ID); err == nil && a.Province != "" {
					if err := s.holdProvince(a.Province); err != nil {
						s.logger().Warn("province law pack of an agency not added", "agency", c.ID, "err", err.Error())
					}
				}
				cur.Records = c.Seq
				continue
			}
			if err := s.applyPortalChange(ctx, st, c); err != nil {
				return fmt.Errorf("change %d (%s %s): %w", c.Seq, c.Entity, c.ID, err)
			}
			cur.Records = c.Seq
		}
		if len(chs) < changeBatch {
			cur.Records = max(cur.Records, head)
			break
		}
	}
	lw, err := s.caseLibraryWriter()
	if err != nil {
		return err
	}
	head, err := lw.ChangeHead(ctx)
	if err != nil {
		return err
	}
	if head != cur.Library {
		if err := s.refreshCaseLibrary(); err != nil {
			return fmt.Errorf("case library: %w", err)
		}
		cur.Library = head
	}
	return nil
}

// applyPortalChange puts one disclosure's or standing item's public state
// in the portal index (a no-op when the index has it already).
func (s *Server) applyPortalChange(ctx context.Context, st *records.Store, c records.Change) error {
	var nf *records.NotFoundError
	switch c.Entity {
	case records.ObjectEntity(disclosure.Kind):
		d, err := disclosure.Get(ctx, st, c.ID)
		if errors.As(err, &nf) {
			return s.portalPut(ctx, c.ID, "", nil)
		} else if err != nil {
			return err
		}
		return s.portalDisclosure(ctx, st, d)
	case records.ObjectEntity(disclosure.StandingKind):
		x, err := disclosure.GetStanding(ctx, st, c.ID)
		if errors.As(err, &nf) {
			return s.portalPut(ctx, c.ID, "", nil)
		} else if err != nil {
			return err
		}
		return s.portalStanding(ctx, st, x)
	}
	return nil
}

// refreshCaseLibrary reloads the library and its ranking when this node has
// them loaded (otherwise the first lookup loads them current), swapping the
// new ones in so lookups meanwhile use the old.
func (s *Server) refreshCaseLibrary() error {
	if _, ok := similarStates.Load(s); !ok {
		return nil
	}
	lib, err := caselib.Open(s.Opts.DataDir)
	if err != nil {
		return err
	}
	nst := &similarState{lib: lib, rk: rankLibrary(lib)}
	nst.once.Do(func() {})
	if old, ok := similarStates.Swap(s, nst); ok {
		o := old.(*similarState)
		o.once.Do(func() {})
		if o.lib != nil {
			// a lookup may still be using it
			time.AfterFunc(30*time.Second, func() { o.lib.Close() })
		}
	}
	return nil
}

// followed records the outcome of one round for /healthz, logging a failure
// once and the recovery once.
func (s *Server) followed(cur changeCursor, err error) {
	fs := s.follow()
	fs.mu.Lock()
	defer fs.mu.Unlock()
	fs.cur = cur
	if err == nil {
		if fs.failing {
			s.logger().Info("change stream read again; indexes current", "records", cur.Records, "library", cur.Library)
		}
		fs.failing, fs.lastErr, fs.lastOK = false, "", time.Now()
		return
	}
	if !fs.failing {
		s.logger().Warn("change stream unreadable; indexes may lag until it is", "err", err.Error())
	}
	fs.failing, fs.lastErr = true, err.Error()
}

// health is the follower's part of /healthz; nil when it does not run.
func (fs *followState) health() map[string]any {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	if !fs.running {
		return nil
	}
	m := map[string]any{"records": fs.cur.Records, "library": fs.cur.Library, "ok": !fs.failing}
	if !fs.lastOK.IsZero() {
		m["last_ok"] = fs.lastOK.UTC().Format(time.RFC3339Nano)
	}
	if fs.lastErr != "" {
		m["error"] = fs.lastErr
	}
	return m
}

func loadCursor(path string) (changeCursor, error) {
	var c changeCursor
	b, err := os.ReadFile(path)
	if err != nil {
		return c, err
	}
	if err := json.Unmarshal(b, &c); err != nil {
		return c, fmt.Errorf("change cursor %s: %w", path, err)
	}
	return c, nil
}

// saveCursor writes the cursor whole or not at all.
func saveCursor(path string, c changeCursor) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o750); err != nil {
		return fmt.Errorf("change cursor: %w", err)
	}
	b, _ := json.Marshal(c)
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, b, 0o600); err != nil {
		return fmt.Errorf("change cursor: %w", err)
	}
	if err := os.Rename(tmp, path); err != nil {
		return fmt.Errorf("change cursor: %w", err)
	}
	return nil
}
