package caselib

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"unicode/utf8"

	"zhifa/nlp"
)

// Roles of the people who annotate and discuss cases.
var Roles = []string{"officer", "reviewer", "trainer"}

const (
	maxNote  = 20000 // runes of an annotation or comment
	maxTitle = 200
	maxTag   = 64
	maxName  = 100
)

// Annotation is a trainer's note on a case, optionally anchored to a passage
// quoted from its text.
type Annotation struct {
	ID     string `json:"id"`
	CaseID string `json:"case_id"`
	Author string `json:"author"`
	Role   string `json:"role"`
	Text   string `json:"text"`
	Quote  string `json:"quote,omitempty"`
	At     string `json:"at"`
}

// ExemplaryMark is the 典型/指导案例 mark of a case and who set or cleared it.
type ExemplaryMark struct {
	CaseID    string `json:"case_id"`
	Exemplary bool   `json:"exemplary"`
	By        string `json:"by"`
	Reason    string `json:"reason"`
	At        string `json:"at"`
}

// CollectionCount is a collection and how many cases it holds.
type CollectionCount struct {
	Name      string `json:"name"`
	Cases     int    `json:"cases"`
	Exemplary int    `json:"exemplary"`
}

// Query selects cases from the database; empty fields select everything.
type Query struct {
	Collection string
	Tag        string
	Exemplary  *bool
	Q          string // substring of the title or text
	Limit      int    // 0 = no limit
	Offset     int
}

// CaseDetail is a case with its curation and discussion.
type CaseDetail struct {
	Case          *Case          `json:"case"`
	ExemplaryMark *ExemplaryMark `json:"exemplary_mark,omitempty"`
	Annotations   []Annotation   `json:"annotations"`
	Threads       []Thread       `json:"threads"`
}

// Public is the case as shown to readers: no ranking terms, and the text
// (and title) masked with nlp.Redact when the case is masked.
func (c *Case) Public() *Case {
	cc := *c
	cc.Terms = nil
	if cc.Masked {
		cc.Text, _ = nlp.Redact(cc.Text)
		cc.Title, _ = nlp.Redact(cc.Title)
		if cc.Structure != nil {
			st := *cc.Structure
			for _, f := range []*string{&st.Party, &st.Facts, &st.Evidence, &st.Reasons, &st.Decision} {
				*f, _ = nlp.Redact(*f)
			}
			cc.Structure = &st
		}
	}
	if cc.Tags == nil {
		cc.Tags = []string{}
	}
	return &cc
}

func checkRole(field, role string) error {
	for _, r := range Roles {
		if role == r {
			return nil
		}
	}
	return &FieldError{Field: field, Message: fmt.Sprintf("%q is not one of %s", role, strings.Join(Roles, ", "))}
}

// badText is text no database stores as text: PostgreSQL refuses a NUL byte
// and invalid UTF-8 (SQLSTATE 22021).
func badText(s string) bool { return !utf8.ValidString(s) || strings.ContainsRune(s, 0) }

const badTextMessage = "contains a NUL byte or invalid UTF-8"

// required trims s and checks it is present, storable and at most max runes.
func required(field, s string, max int) (string, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", &FieldError{Field: field, Message: "is required"}
	}
	if badText(s) {
		return "", &FieldError{Field: field, Message: badTextMessage}
	}
	if utf8.RuneCountInString(s) > max {
		return "", &FieldError{Field: field, Message: fmt.Sprintf("is longer than %d characters", max)}
	}
	return s, nil
}

type querier interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

// caseBody returns the stored text of a case, or a NotFoundError.
func (l *Library) caseBody(ctx context.Context, q querier, id string) (string, bool, error) {
	var body string
	var masked int64
	err := q.QueryRowContext(ctx, l.db.rebind(`SELECT body, masked FROM caselib_cases WHERE id = ?`), id).Scan(&body, &masked)
	if err == sql.ErrNoRows {
		return "", false, &NotFoundError{What: "case", ID: id}
	}
	if err != nil {
		return "", false, fmt.Errorf("case library: %w", err)
	}
	return body, masked != 0, nil
}

// Collections lists the collections with their case counts, by name.
func (l *Library) Collections(ctx context.Context) ([]CollectionCount, error) {
	rows, err := l.db.db.QueryContext(ctx, `SELECT c.collection, COUNT(*), COUNT(x.case_id) FROM caselib_cases c
LEFT JOIN caselib_exemplary x ON x.case_id = c.id GROUP BY c.collection ORDER BY c.collection`)
	if err != nil {
		return nil, fmt.Errorf("case library: collections: %w", err)
	}
	defer rows.Close()
	out := []CollectionCount{}
	for rows.Next() {
		var c CollectionCount
		if err := rows.Scan(&c.Name, &c.Cases, &c.Exemplary); err != nil {
			return nil, fmt.Errorf("case library: collections: %w", err)
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

func (l *Library) tagsOf(ctx context.Context, q querier, id string) ([]string, error) {
	rows, err := q.QueryContext(ctx, l.db.rebind(`SELECT tag FROM caselib_tags WHERE case_id = ? ORDER BY tag`), id)
	if err != nil {
		return nil, fmt.Errorf("case library: tags: %w", err)
	}
	defer rows.Close()
	out := []string{}
	for rows.Next() {
		var t string
		if err := rows.Scan(&t); err != nil {
			return nil, fmt.Errorf("case library: tags: %w", err)
		}
		out = append(out, t)
	}
	return out, rows.Err()
}

func cleanTags(tags []string) ([]string, error) {
	if len(tags) == 0 {
		return nil, &FieldError{Field: "tags", Message: "at least one tag is required"}
	}
	out := make([]string, 0, len(tags))
	for _, t := range tags {
		t, err := required("tags", t, maxTag)
		if err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	return out, nil
}

// AddTags tags a case and returns its tags.
func (l *Library) AddTags(ctx context.Context, id string, tags ...string) ([]string, error) {
	return l.changeTags(ctx, id, tags, `INSERT INTO caselib_tags(case_id, tag) VALUES (?,?) ON CONFLICT DO NOTHING`)
}

// RemoveTags removes tags from a case (absent ones are ignored) and returns its tags.
func (l *Library) RemoveTags(ctx context.Context, id string, tags ...string) ([]string, error) {
	return l.changeTags(ctx, id, tags, `DELETE FROM caselib_tags WHERE case_id = ? AND tag = ?`)
}

func (l *Library) changeTags(ctx context.Context, id string, tags []string, stmt string) ([]string, error) {
	tags, err := cleanTags(tags)
	if err != nil {
		return nil, err
	}
	var out []string
	err = l.db.tx(ctx, func(tx *sql.Tx) error {
		if _, _, err := l.caseBody(ctx, tx, id); err != nil {
			return err
		}
		for _, t := range tags {
			if _, err := tx.ExecContext(ctx, l.db.rebind(stmt), id, t); err != nil {
				return fmt.Errorf("case library: tags: %w", err)
			}
		}
		out, err = l.tagsOf(ctx, tx, id)
		return err
	})
	return out, err
}

// Annotate adds an annotation to a case. A quote must be a passage of the
// case's text (as stored or as shown masked).
func (l *Library) Annotate(ctx context.Context, caseID string, a Annotation) (Annotation, error) {
	var err error
	if a.Author, err = required("author", a.Author, maxName); err != nil {
		return a, err
	}
	if err := checkRole("role", a.Role); err != nil {
		return a, err
	}
	if a.Text, err = required("text", a.Text, maxNote); err != nil {
		return a, err
	}
	a.Quote = strings.TrimSpace(a.Quote)
	a.ID, a.CaseID, a.At = newID("a"), caseID, nowString()
	err = l.db.tx(ctx, func(tx *sql.Tx) error {
		body, masked, err := l.caseBody(ctx, tx, caseID)
		if err != nil {
			return err
		}
		if a.Quote != "" && !strings.Contains(body, a.Quote) {
			shown := ""
			if masked {
				shown, _ = nlp.Redact(body)
			}
			if !masked || !strings.Contains(shown, a.Quote) {
				return &FieldError{Field: "quote", Message: "is not a passage of the case's text"}
			}
		}
		_, err = tx.ExecContext(ctx, l.db.rebind(`INSERT INTO caselib_annotations(id, case_id, author, role, note, quote, at) VALUES (?,?,?,?,?,?,?)`),
			a.ID, a.CaseID, a.Author, a.Role, a.Text, a.Quote, a.At)
		if err != nil {
			return fmt.Errorf("case library: annotate: %w", err)
		}
		return nil
	})
	return a, err
}

// Annotations lists a case's annotations, oldest first.
func (l *Library) Annotations(ctx context.Context, caseID string) ([]Annotation, error) {
	rows, err := l.db.db.QueryContext(ctx, l.db.rebind(`SELECT id, case_id, author, role, note, quote, at FROM caselib_annotations WHERE case_id = ? ORDER BY id`), caseID)
	if err != nil {
		return nil, fmt.Errorf("case library: annotations: %w", err)
	}
	defer rows.Close()
	out := []Annotation{}
	for rows.Next() {
		var a Annotation
		if err := rows.Scan(&a.ID, &a.CaseID, &a.Author, &a.Role, &a.Text, &a.Quote, &a.At); err != nil {
			return nil, fmt.Errorf("case library: annotations: %w", err)
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

// SetExemplary sets (on) or clears the 典型/指导案例 mark; who and why are
// required either way and every change is kept in a log.
func (l *Library) SetExemplary(ctx context.Context, caseID string, on bool, by, reason string) (ExemplaryMark, error) {
	m := ExemplaryMark{CaseID: caseID, Exemplary: on}
	var err error
	if m.By, err = required("by", by, maxName); err != nil {
		return m, err
	}
	if m.Reason, err = required("reason", reason, maxNote); err != nil {
		return m, err
	}
	m.At = nowString()
	err = l.db.tx(ctx, func(tx *sql.Tx) error {
		if _, _, err := l.caseBody(ctx, tx, caseID); err != nil {
			return err
		}
		action := "clear"
		if on {
			action = "set"
			_, err = tx.ExecContext(ctx, l.db.rebind(`INSERT INTO caselib_exemplary(case_id, set_by, reason, at) VALUES (?,?,?,?)
ON CONFLICT(case_id) DO UPDATE SET set_by = excluded.set_by, reason = excluded.reason, at = excluded.at`), caseID, m.By, m.Reason, m.At)
		} else {
			_, err = tx.ExecContext(ctx, l.db.rebind(`DELETE FROM caselib_exemplary WHERE case_id = ?`), caseID)
		}
		if err != nil {
			return fmt.Errorf("case library: exemplary: %w", err)
		}
		_, err = tx.ExecContext(ctx, l.db.rebind(`INSERT INTO caselib_exemplary_log(id, case_id, action, set_by, reason, at) VALUES (?,?,?,?,?,?)`),
			newID("x"), caseID, action, m.By, m.Reason, m.At)
		if err != nil {
			return fmt.Errorf("case library: exemplary: %w", err)
		}
		return nil
	})
	return m, err
}

// Exemplary returns the mark of a case, or nil when it is not exemplary.
func (l *Library) Exemplary(ctx context.Context, caseID string) (*ExemplaryMark, error) {
	m := ExemplaryMark{CaseID: caseID, Exemplary: true}
	err := l.db.db.QueryRowContext(ctx, l.db.rebind(`SELECT set_by, reason, at FROM caselib_exemplary WHERE case_id = ?`), caseID).Scan(&m.By, &m.Reason, &m.At)
	if err == sql.ErrNoRows {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("case library: exemplary: %w", err)
	}
	return &m, nil
}

// Find returns the cases matching q, by id, and how many match in all. The
// cases carry their tags and mark; their terms are left out.
func (l *Library) Find(ctx context.Context, q Query) ([]*Case, int, error) {
	var where []string
	var args []any
	if q.Collection != "" {
		where = append(where, `c.collection = ?`)
		args = append(args, q.Collection)
	}
	if q.Tag != "" {
		where = append(where, `EXISTS (SELECT 1 FROM caselib_tags t WHERE t.case_id = c.id AND t.tag = ?)`)
		args = append(args, q.Tag)
	}
	if q.Exemplary != nil {
		not := ""
		if !*q.Exemplary {
			not = "NOT "
		}
		where = append(where, not+`EXISTS (SELECT 1 FROM caselib_exemplary x WHERE x.case_id = c.id)`)
	}
	if s := strings.TrimSpace(q.Q); s != "" {
		like := "%" + strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s) + "%"
		where = append(where, `(c.title LIKE ? ESCAPE '\' OR c.body LIKE ? ESCAPE '\')`)
		args = append(args, like, like)
	}
	cond := ""
	if len(where) > 0 {
		cond = " WHERE " + strings.Join(where, " AND ")
	}
	var total int
	if err := l.db.db.QueryRowContext(ctx, l.db.rebind(`SELECT COUNT(*) FROM caselib_cases c`+cond), args...).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("case library: find: %w", err)
	}
	page := ""
	if q.Limit > 0 {
		page = fmt.Sprintf(" LIMIT %d OFFSET %d", q.Limit, q.Offset)
	} else if q.Offset > 0 {
		page = fmt.Sprintf(" LIMIT -1 OFFSET %d", q.Offset)
		if l.db.dialect == "postgres" {
			page = fmt.Sprintf(" OFFSET %d", q.Offset)
		}
	}
	cols := "c." + strings.ReplaceAll(caseColumns, ", ", ", c.")
	rows, err := l.db.db.QueryContext(ctx, l.db.rebind(`SELECT `+cols+` FROM caselib_cases c`+cond+` ORDER BY c.id`+page), args...)
	if err != nil {
		return nil, 0, fmt.Errorf("case library: find: %w", err)
	}
	defer rows.Close()
	out := []*Case{}
	for rows.Next() {
		c, _, err := scanCase(rows, nil)
		if err != nil {
			return nil, 0, fmt.Errorf("case library: find: %w", err)
		}
		c.Terms = nil
		out = append(out, c)
	}
	if err := rows.Err(); err != nil {
		return nil, 0, fmt.Errorf("case library: find: %w", err)
	}
	rows.Close()
	if q.Limit > 0 {
		return out, total, l.fillCuration(ctx, out)
	}
	// everything that matches (exports): tags and marks in two queries, not two per case
	byID := make(map[string]*Case, len(out))
	for _, c := range out {
		c.Tags = []string{}
		byID[c.ID] = c
	}
	tags, err := l.db.db.QueryContext(ctx, l.db.rebind(`SELECT t.case_id, t.tag FROM caselib_tags t JOIN caselib_cases c ON c.id = t.case_id`+cond+` ORDER BY t.case_id, t.tag`), args...)
	if err != nil {
		return nil, 0, fmt.Errorf("case library: find: %w", err)
	}
	defer tags.Close()
	for tags.Next() {
		var id, tag string
		if err := tags.Scan(&id, &tag); err != nil {
			return nil, 0, fmt.Errorf("case library: find: %w", err)
		}
		if c := byID[id]; c != nil {
			c.Tags = append(c.Tags, tag)
		}
	}
	if err := tags.Err(); err != nil {
		return nil, 0, fmt.Errorf("case library: find: %w", err)
	}
	tags.Close()
	ex, err := l.db.db.QueryContext(ctx, `SELECT case_id FROM caselib_exemplary`)
	if err != nil {
		return nil, 0, fmt.Errorf("case library: find: %w", err)
	}
	defer ex.Close()
	for ex.Next() {
		var id string
		if err := ex.Scan(&id); err != nil {
			return nil, 0, fmt.Errorf("case library: find: %w", err)
		}
		if c := byID[id]; c != nil {
			c.Exemplary = true
		}
	}
	return out, total, ex.Err()
}

// fillCuration sets the tags and exemplary flag of cases read from the database.
func (l *Library) fillCuration(ctx context.Context, cs []*Case) error {
	for _, c := range cs {
		tags, err := l.tagsOf(ctx, l.db.db, c.ID)
		if err != nil {
			return err
		}
		c.Tags = tags
		m, err := l.Exemplary(ctx, c.ID)
		if err != nil {
			return err
		}
		c.Exemplary = m != nil
	}
	return nil
}

// Case reads one case from the database with its tags and mark.
func (l *Library) Case(ctx context.Context, id string) (*Case, error) {
	c, _, err := scanCase(l.db.db.QueryRowContext(ctx, l.db.rebind(`SELECT `+caseColumns+` FROM caselib_cases WHERE id = ?`), id), nil)
	if err == sql.ErrNoRows {
		return nil, &NotFoundError{What: "case", ID: id}
	}
	if err != nil {
		return nil, fmt.Errorf("case library: %w", err)
	}
	c.Terms = nil
	return c, l.fillCuration(ctx, []*Case{c})
}

// Detail is a case with its mark, annotations and threads (with comments).
func (l *Library) Detail(ctx context.Context, id string) (*CaseDetail, error) {
	c, err := l.Case(ctx, id)
	if err != nil {
		return nil, err
	}
	d := &CaseDetail{Case: c}
	if d.ExemplaryMark, err = l.Exemplary(ctx, id); err != nil {
		return nil, err
	}
	if d.Annotations, err = l.Annotations(ctx, id); err != nil {
		return nil, err
	}
	if d.Threads, err = l.Threads(ctx, id); err != nil {
		return nil, err
	}
	return d, nil
}
