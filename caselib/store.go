package caselib

import (
	"bufio"
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"zhifa/internal/sqlopen"
)

// migrations are applied in order, one transaction each; never edit a shipped one.
// Column names avoid SQL keywords (text, date, by) so the same DDL runs on
// SQLite and PostgreSQL.
var migrations = []string{
	// 1: cases, curation and discussion.
	`CREATE TABLE caselib_cases (id TEXT PRIMARY KEY, collection TEXT NOT NULL DEFAULT '', title TEXT NOT NULL DEFAULT '',
 body TEXT NOT NULL DEFAULT '', agency TEXT NOT NULL DEFAULT '', decided_on TEXT NOT NULL DEFAULT '', kind TEXT NOT NULL DEFAULT '',
 penalty_basis TEXT NOT NULL DEFAULT '', fine DOUBLE PRECISION, outcome TEXT NOT NULL DEFAULT '', masked INTEGER NOT NULL DEFAULT 0,
 terms TEXT, updated_at TEXT NOT NULL);
CREATE INDEX caselib_cases_collection ON caselib_cases(collection);
CREATE TABLE caselib_tags (case_id TEXT NOT NULL, tag TEXT NOT NULL, PRIMARY KEY(case_id, tag));
CREATE INDEX caselib_tags_tag ON caselib_tags(tag);
CREATE TABLE caselib_exemplary (case_id TEXT PRIMARY KEY, set_by TEXT NOT NULL, reason TEXT NOT NULL, at TEXT NOT NULL);
CREATE TABLE caselib_exemplary_log (id TEXT PRIMARY KEY, case_id TEXT NOT NULL, action TEXT NOT NULL, set_by TEXT NOT NULL, reason TEXT NOT NULL, at TEXT NOT NULL);
CREATE TABLE caselib_annotations (id TEXT PRIMARY KEY, case_id TEXT NOT NULL, author TEXT NOT NULL, role TEXT NOT NULL, note TEXT NOT NULL, quote TEXT NOT NULL DEFAULT '', at TEXT NOT NULL);
CREATE INDEX caselib_annotations_case ON caselib_annotations(case_id);
CREATE TABLE caselib_threads (id TEXT PRIMARY KEY, case_id TEXT NOT NULL, title TEXT NOT NULL, author TEXT NOT NULL, role TEXT NOT NULL, at TEXT NOT NULL);
CREATE INDEX caselib_threads_case ON caselib_threads(case_id);
CREATE TABLE caselib_comments (id TEXT PRIMARY KEY, thread_id TEXT NOT NULL, author TEXT NOT NULL, role TEXT NOT NULL, note TEXT NOT NULL, at TEXT NOT NULL);
CREATE INDEX caselib_comments_thread ON caselib_comments(thread_id)`,
	// 2: the whole case as JSON besides its columns, so fields added to Case
	// (e.g. the recognised structure) are kept without a migration each.
	`ALTER TABLE caselib_cases ADD COLUMN data TEXT`,
	// 3: the change stream other nodes follow (outbox): one row per write
	// transaction, written in it, so a node reloads its ranking when a row
	// past its cursor appears. {{serial}} is the dialect's auto-increment key.
	`CREATE TABLE caselib_outbox (seq {{serial}}, kind TEXT NOT NULL, okey TEXT NOT NULL DEFAULT '', at TEXT NOT NULL)`,
}

// serial is an auto-increment primary key in each dialect.
func serial(dialect string) string {
	if dialect == sqlopen.Postgres {
		return "BIGSERIAL PRIMARY KEY"
	}
	return "INTEGER PRIMARY KEY AUTOINCREMENT"
}

// sharedDB is one database handle shared by every Library of the same URL in
// the process (one SQLite pool, so its busy timeout serialises writers).
type sharedDB struct {
	url     string
	db      *sql.DB
	dialect string
	refs    int
}

var (
	dbMu sync.Mutex
	dbs  = map[string]*sharedDB{}
)

// databaseURL is where the library of dataDir lives.
func databaseURL(dataDir string) string {
	if u := os.Getenv("ZHIFA_CASELIB_DATABASE_URL"); u != "" {
		return u
	}
	if u := os.Getenv("ZHIFA_DATABASE_URL"); u != "" {
		return u
	}
	return "sqlite:" + filepath.Join(dataDir, "caselib", "caselib.db")
}

func acquireDB(ctx context.Context, url string) (*sharedDB, error) {
	dbMu.Lock()
	defer dbMu.Unlock()
	if d, ok := dbs[url]; ok {
		d.refs++
		return d, nil
	}
	d := &sharedDB{url: url, refs: 1}
	var err error
	if d.db, d.dialect, err = sqlopen.Open(ctx, url); err != nil {
		return nil, fmt.Errorf("case library: %w", err)
	}
	if err := d.migrate(ctx); err != nil {
		d.db.Close()
		return nil, err
	}
	dbs[url] = d
	return d, nil
}

func (d *sharedDB) release() error {
	dbMu.Lock()
	defer dbMu.Unlock()
	d.refs--
	if d.refs > 0 {
		return nil
	}
	delete(dbs, d.url)
	return d.db.Close()
}

// rebind turns ? placeholders into $n for PostgreSQL.
func (d *sharedDB) rebind(q string) string { return sqlopen.Rebind(d.dialect, q) }

func (d *sharedDB) migrate(ctx context.Context) error {
	if d.dialect == "postgres" {
		// Nodes starting together migrate one at a time (records uses 7210000).
		conn, err := d.db.Conn(ctx)
		if err != nil {
			return fmt.Errorf("case library: migrations: %w", err)
		}
		defer conn.Close()
		if _, err := conn.ExecContext(ctx, `SELECT pg_advisory_lock(7210100)`); err != nil {
			return fmt.Errorf("case library: migrations lock: %w", err)
		}
		defer conn.ExecContext(context.Background(), `SELECT pg_advisory_unlock(7210100)`)
	}
	if _, err := d.db.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS caselib_migrations (version INTEGER PRIMARY KEY)`); err != nil {
		return fmt.Errorf("case library: migrations table: %w", err)
	}
	for i, m := range migrations {
		if err := d.applyMigration(ctx, i+1, m); err != nil {
			return fmt.Errorf("case library: migration %d: %w", i+1, err)
		}
	}
	return nil
}

func (d *sharedDB) applyMigration(ctx context.Context, v int, m string) error {
	tx, err := d.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	var n int
	if err := tx.QueryRowContext(ctx, d.rebind(`SELECT COUNT(*) FROM caselib_migrations WHERE version = ?`), v).Scan(&n); err != nil {
		return err
	}
	if n > 0 {
		return nil
	}
	m = strings.ReplaceAll(m, "{{serial}}", serial(d.dialect))
	for _, stmt := range strings.Split(m, ";") {
		if strings.TrimSpace(stmt) == "" {
			continue
		}
		if _, err := tx.ExecContext(ctx, stmt); err != nil {
			return fmt.Errorf("%s: %w", strings.TrimSpace(stmt), err)
		}
	}
	if _, err := tx.ExecContext(ctx, d.rebind(`INSERT INTO caselib_migrations(version) VALUES (?)`), v); err != nil {
		return err
	}
	return tx.Commit()
}

// tx runs f in a transaction (SQLite: taken for writing at once).
func (d *sharedDB) tx(ctx context.Context, f func(tx *sql.Tx) error) error {
	tx, err := d.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("case library: %w", err)
	}
	defer tx.Rollback()
	if err := f(tx); err != nil {
		return err
	}
	if err := d.announce(ctx, tx); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("case library: commit: %w", err)
	}
	return nil
}

// announce appends the transaction's outbox row. On PostgreSQL the lock,
// held to commit, makes rows commit in seq order, so a reader past seq n
// never misses a smaller seq committed later; it is taken last, so writers
// wait for each other only for the commit itself.
func (d *sharedDB) announce(ctx context.Context, tx *sql.Tx) error {
	if d.dialect == sqlopen.Postgres {
		if _, err := tx.ExecContext(ctx, `SELECT pg_advisory_xact_lock(7210101)`); err != nil {
			return fmt.Errorf("case library: outbox lock: %w", err)
		}
	}
	if _, err := tx.ExecContext(ctx, d.rebind(`INSERT INTO caselib_outbox(kind, okey, at) VALUES (?, ?, ?)`), "library", "", nowString()); err != nil {
		return fmt.Errorf("case library: outbox: %w", err)
	}
	return nil
}

// ChangeHead is the seq of the library's latest write (0 for none): a node
// whose ranking was loaded before it reloads.
func (l *Library) ChangeHead(ctx context.Context) (int64, error) {
	var seq sql.NullInt64
	if err := l.db.db.QueryRowContext(ctx, `SELECT MAX(seq) FROM caselib_outbox`).Scan(&seq); err != nil {
		return 0, fmt.Errorf("case library: change head: %w", err)
	}
	return seq.Int64, nil
}

func open(dataDir string, load bool) (*Library, error) {
	ctx := context.Background()
	dir := filepath.Join(dataDir, "caselib")
	if err := os.MkdirAll(dir, 0o750); err != nil {
		return nil, fmt.Errorf("case library: %w", err)
	}
	d, err := acquireDB(ctx, databaseURL(dataDir))
	if err != nil {
		return nil, err
	}
	l := &Library{dataDir: dataDir, db: d, cases: map[string]*Case{}, dirty: map[string]bool{}, noTerms: map[string]bool{}}
	if err := l.migrateJSONL(ctx, filepath.Join(dir, "cases.jsonl")); err != nil {
		d.release()
		return nil, err
	}
	if load {
		if err := l.load(ctx); err != nil {
			d.release()
			return nil, err
		}
	}
	return l, nil
}

// Close releases the library's database handle.
func (l *Library) Close() error {
	l.closeMu.Lock()
	defer l.closeMu.Unlock()
	if l.db == nil {
		return nil
	}
	err := l.db.release()
	l.db = nil
	return err
}

// migrateJSONL imports the library file of earlier versions once, then
// renames it so it is not imported again. Importing is an upsert, so two
// processes racing here write the same rows.
func (l *Library) migrateJSONL(ctx context.Context, path string) error {
	f, err := os.Open(path)
	if os.IsNotExist(err) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("case library: %w", err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	var cs []*Case
	for n := 1; sc.Scan(); n++ {
		if len(strings.TrimSpace(sc.Text())) == 0 {
			continue
		}
		var c Case
		if err := json.Unmarshal(sc.Bytes(), &c); err != nil {
			return fmt.Errorf("case library %s line %d: %w", path, n, err)
		}
		cs = append(cs, &c)
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("case library: %w", err)
	}
	if err := l.db.tx(ctx, func(tx *sql.Tx) error { return l.writeCases(ctx, tx, cs, "cases.jsonl") }); err != nil {
		return err
	}
	f.Close()
	if err := os.Rename(path, path+".migrated"); err != nil && !os.IsNotExist(err) {
		return fmt.Errorf("case library: %w", err)
	}
	return nil
}

const caseColumns = `id, collection, title, body, agency, decided_on, kind, penalty_basis, fine, outcome, masked, terms, data`

// scanCase reads caseColumns; the ranking terms are read only into v's
// vocabulary (loading the library), otherwise left out. With v, sc is a
// *sql.Rows (the terms and data are read in place, not copied first).
func scanCase(sc interface{ Scan(...any) error }, v *vocab) (*Case, bool, error) {
	var c Case
	var fine sql.NullFloat64
	var masked int64
	var id, coll, title, body, agency, date, kind, basis, outcome string
	var terms, data []byte
	var hasTerms bool
	if v != nil {
		var t, d sql.RawBytes
		if err := sc.Scan(&id, &coll, &title, &body, &agency, &date, &kind, &basis, &fine, &outcome, &masked, &t, &d); err != nil {
			return nil, false, err
		}
		terms, data, hasTerms = t, d, t != nil
	} else {
		var t, d sql.NullString
		if err := sc.Scan(&id, &coll, &title, &body, &agency, &date, &kind, &basis, &fine, &outcome, &masked, &t, &d); err != nil {
			return nil, false, err
		}
		data, hasTerms = []byte(d.String), t.Valid
	}
	if len(data) > 0 {
		if err := json.Unmarshal(data, &c); err != nil {
			return nil, false, fmt.Errorf("case %s data: %w", id, err)
		}
	}
	// the columns are authoritative for what they hold
	c.ID, c.Collection, c.Title, c.Text, c.Agency, c.Date, c.Kind, c.PenaltyBasis, c.Outcome = id, coll, title, body, agency, date, kind, basis, outcome
	c.Fine, c.Terms, c.Tags, c.Exemplary = nil, nil, nil, false
	if fine.Valid {
		f := fine.Float64
		c.Fine = &f
	}
	c.Masked = masked != 0
	if v != nil && hasTerms {
		ids, err := v.decode(terms)
		if err != nil {
			return nil, false, fmt.Errorf("case %s terms: %w", c.ID, err)
		}
		c.termIDs = ids
	}
	return &c, hasTerms, nil
}

func (l *Library) load(ctx context.Context) error {
	rows, err := l.db.db.QueryContext(ctx, `SELECT `+caseColumns+` FROM caselib_cases`)
	if err != nil {
		return fmt.Errorf("case library: load: %w", err)
	}
	defer rows.Close()
	l.vocab = newVocab()
	in := interner{}
	var loaded []*Case
	for rows.Next() {
		c, hasTerms, err := scanCase(rows, l.vocab)
		if err != nil {
			return fmt.Errorf("case library: load: %w", err)
		}
		loaded = append(loaded, c)
		l.cases[c.ID] = c
		if !hasTerms {
			l.noTerms[c.ID] = true
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("case library: load: %w", err)
	}
	rows.Close()
	texts(loaded)
	for _, c := range loaded {
		in.compact(c)
	}
	tags, err := l.db.db.QueryContext(ctx, `SELECT case_id, tag FROM caselib_tags ORDER BY case_id, tag`)
	if err != nil {
		return fmt.Errorf("case library: load tags: %w", err)
	}
	defer tags.Close()
	for tags.Next() {
		var id, tag string
		if err := tags.Scan(&id, &tag); err != nil {
			return fmt.Errorf("case library: load tags: %w", err)
		}
		if c := l.cases[id]; c != nil {
			c.Tags = append(c.Tags, tag)
		}
	}
	if err := tags.Err(); err != nil {
		return fmt.Errorf("case library: load tags: %w", err)
	}
	tags.Close()
	ex, err := l.db.db.QueryContext(ctx, `SELECT case_id FROM caselib_exemplary`)
	if err != nil {
		return fmt.Errorf("case library: load: %w", err)
	}
	defer ex.Close()
	for ex.Next() {
		var id string
		if err := ex.Scan(&id); err != nil {
			return fmt.Errorf("case library: load: %w", err)
		}
		if c := l.cases[id]; c != nil {
			c.Exemplary = true
		}
	}
	return ex.Err()
}

func (l *Library) save(ctx context.Context) error {
	var cs []*Case
	for id := range l.dirty {
		if c := l.cases[id]; c != nil {
			cs = append(cs, c)
		}
	}
	for id := range l.noTerms {
		if c := l.cases[id]; c != nil && c.Terms != nil && !l.dirty[id] {
			cs = append(cs, c)
		}
	}
	if len(cs) == 0 {
		return nil
	}
	if err := l.db.tx(ctx, func(tx *sql.Tx) error { return l.writeCases(ctx, tx, cs, "import") }); err != nil {
		return err
	}
	for _, c := range cs {
		delete(l.dirty, c.ID)
		if c.Terms != nil {
			delete(l.noTerms, c.ID)
		}
	}
	return nil
}

// writeCases upserts cases; their tags are added and a set exemplary mark is
// recorded (by whom = source), never cleared: curation outlives re-imports.
func (l *Library) writeCases(ctx context.Context, tx *sql.Tx, cs []*Case, source string) error {
	d := l.db
	up, err := tx.PrepareContext(ctx, d.rebind(`INSERT INTO caselib_cases(`+caseColumns+`, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)
ON CONFLICT(id) DO UPDATE SET collection = excluded.collection, title = excluded.title, body = excluded.body, agency = excluded.agency,
 decided_on = excluded.decided_on, kind = excluded.kind, penalty_basis = excluded.penalty_basis, fine = excluded.fine,
 outcome = excluded.outcome, masked = excluded.masked, terms = excluded.terms, data = excluded.data, updated_at = excluded.updated_at`))
	if err != nil {
		return fmt.Errorf("case library: save: %w", err)
	}
	defer up.Close()
	tag, err := tx.PrepareContext(ctx, d.rebind(`INSERT INTO caselib_tags(case_id, tag) VALUES (?,?) ON CONFLICT DO NOTHING`))
	if err != nil {
		return fmt.Errorf("case library: save: %w", err)
	}
	defer tag.Close()
	now := nowString()
	for _, c := range cs {
		var fine any
		if c.Fine != nil {
			fine = *c.Fine
		}
		var terms any
		if c.Terms != nil {
			b, _ := json.Marshal(c.Terms)
			terms = string(b)
		}
		masked := 0
		if c.Masked {
			masked = 1
		}
		rest := *c
		rest.Terms, rest.Tags, rest.Exemplary = nil, nil, false
		rest.Text = "" // in its column; the JSON keeps the rest
		data, err := json.Marshal(&rest)
		if err != nil {
			return fmt.Errorf("case library: save %s: %w", c.ID, err)
		}
		if _, err := up.ExecContext(ctx, c.ID, c.Collection, c.Title, c.Text, c.Agency, c.Date, c.Kind, c.PenaltyBasis, fine, c.Outcome, masked, terms, string(data), now); err != nil {
			return fmt.Errorf("case library: save %s: %w", c.ID, err)
		}
		for _, t := range c.Tags {
			if t = strings.TrimSpace(t); t == "" {
				continue
			}
			if _, err := tag.ExecContext(ctx, c.ID, t); err != nil {
				return fmt.Errorf("case library: save %s tags: %w", c.ID, err)
			}
		}
		if c.Exemplary {
			res, err := tx.ExecContext(ctx, d.rebind(`INSERT INTO caselib_exemplary(case_id, set_by, reason, at) VALUES (?,?,?,?) ON CONFLICT DO NOTHING`), c.ID, source, "marked in the imported data", now)
			if err != nil {
				return fmt.Errorf("case library: save %s: %w", c.ID, err)
			}
			if n, _ := res.RowsAffected(); n > 0 {
				if _, err := tx.ExecContext(ctx, d.rebind(`INSERT INTO caselib_exemplary_log(id, case_id, action, set_by, reason, at) VALUES (?,?,?,?,?,?)`),
					newID("x"), c.ID, "set", source, "marked in the imported data", now); err != nil {
					return fmt.Errorf("case library: save %s: %w", c.ID, err)
				}
			}
		}
	}
	return nil
}

// nowString is the current time, UTC, in a fixed-width sortable form.
func nowString() string { return time.Now().UTC().Format("2006-01-02T15:04:05.000000000Z") }

// newID is prefix + creation time + randomness: ids sort in creation order.
func newID(prefix string) string {
	var b [4]byte
	_, _ = rand.Read(b[:])
	return fmt.Sprintf("%s-%016x%s", prefix, time.Now().UnixNano(), hex.EncodeToString(b[:]))
}

// FieldError is bad input, naming the field at fault.
type FieldError struct {
	Field   string `json:"field"`
	Message string `json:"message"`
}

func (e *FieldError) Error() string { return e.Field + ": " + e.Message }

// NotFoundError reports a missing case or thread.
type NotFoundError struct{ What, ID string }

func (e *NotFoundError) Error() string { return e.What + " " + e.ID + " not found" }

// IsNotFound reports whether err is a NotFoundError.
func IsNotFound(err error) bool {
	var nf *NotFoundError
	return errors.As(err, &nf)
}
