package caselib

import (
	"context"
	"database/sql"
	"fmt"
)

// Thread is a discussion of a hard case (疑难案例网上探讨).
type Thread struct {
	ID       string    `json:"id"`
	CaseID   string    `json:"case_id"`
	Title    string    `json:"title"`
	Author   string    `json:"author"`
	Role     string    `json:"role"`
	At       string    `json:"at"`
	Comments []Comment `json:"comments"`
}

// Comment is one contribution to a thread by an officer, reviewer or trainer.
type Comment struct {
	ID       string `json:"id"`
	ThreadID string `json:"thread_id"`
	Author   string `json:"author"`
	Role     string `json:"role"`
	Text     string `json:"text"`
	At       string `json:"at"`
}

// NewThread opens a thread on a case; a non-empty text becomes its first comment.
func (l *Library) NewThread(ctx context.Context, caseID, title, author, role, text string) (Thread, error) {
	t := Thread{CaseID: caseID, Role: role, Comments: []Comment{}}
	var err error
	if t.Title, err = required("title", title, maxTitle); err != nil {
		return t, err
	}
	if t.Author, err = required("author", author, maxName); err != nil {
		return t, err
	}
	if err := checkRole("role", role); err != nil {
		return t, err
	}
	var first *Comment
	if text != "" {
		c, err := newComment("", author, role, text)
		if err != nil {
			return t, err
		}
		first = &c
	}
	t.ID, t.At = newID("t"), nowString()
	err = l.db.tx(ctx, func(tx *sql.Tx) error {
		if _, _, err := l.caseBody(ctx, tx, caseID); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, l.db.rebind(`INSERT INTO caselib_threads(id, case_id, title, author, role, at) VALUES (?,?,?,?,?,?)`),
			t.ID, t.CaseID, t.Title, t.Author, t.Role, t.At); err != nil {
			return fmt.Errorf("case library: thread: %w", err)
		}
		if first != nil {
			first.ThreadID = t.ID
			if err := l.insertComment(ctx, tx, *first); err != nil {
				return err
			}
			t.Comments = append(t.Comments, *first)
		}
		return nil
	})
	return t, err
}

func newComment(threadID, author, role, text string) (Comment, error) {
	c := Comment{ThreadID: threadID, Role: role}
	var err error
	if c.Author, err = required("author", author, maxName); err != nil {
		return c, err
	}
	if err := checkRole("role", role); err != nil {
		return c, err
	}
	if c.Text, err = required("text", text, maxNote); err != nil {
		return c, err
	}
	c.ID, c.At = newID("c"), nowString()
	return c, nil
}

func (l *Library) insertComment(ctx context.Context, tx *sql.Tx, c Comment) error {
	_, err := tx.ExecContext(ctx, l.db.rebind(`INSERT INTO caselib_comments(id, thread_id, author, role, note, at) VALUES (?,?,?,?,?,?)`),
		c.ID, c.ThreadID, c.Author, c.Role, c.Text, c.At)
	if err != nil {
		return fmt.Errorf("case library: comment: %w", err)
	}
	return nil
}

// Comment adds a comment to a thread.
func (l *Library) Comment(ctx context.Context, threadID, author, role, text string) (Comment, error) {
	c, err := newComment(threadID, author, role, text)
	if err != nil {
		return c, err
	}
	err = l.db.tx(ctx, func(tx *sql.Tx) error {
		var n int
		if err := tx.QueryRowContext(ctx, l.db.rebind(`SELECT COUNT(*) FROM caselib_threads WHERE id = ?`), threadID).Scan(&n); err != nil {
			return fmt.Errorf("case library: comment: %w", err)
		}
		if n == 0 {
			return &NotFoundError{What: "thread", ID: threadID}
		}
		return l.insertComment(ctx, tx, c)
	})
	return c, err
}

// Thread returns a thread with its comments in the order they were made.
func (l *Library) Thread(ctx context.Context, id string) (Thread, error) {
	ts, err := l.threads(ctx, `id = ?`, id)
	if err != nil {
		return Thread{}, err
	}
	if len(ts) == 0 {
		return Thread{}, &NotFoundError{What: "thread", ID: id}
	}
	return ts[0], nil
}

// Threads lists a case's threads, oldest first, each with its comments.
func (l *Library) Threads(ctx context.Context, caseID string) ([]Thread, error) {
	return l.threads(ctx, `case_id = ?`, caseID)
}

func (l *Library) threads(ctx context.Context, cond string, arg string) ([]Thread, error) {
	rows, err := l.db.db.QueryContext(ctx, l.db.rebind(`SELECT id, case_id, title, author, role, at FROM caselib_threads WHERE `+cond+` ORDER BY id`), arg)
	if err != nil {
		return nil, fmt.Errorf("case library: threads: %w", err)
	}
	defer rows.Close()
	out := []Thread{}
	for rows.Next() {
		t := Thread{Comments: []Comment{}}
		if err := rows.Scan(&t.ID, &t.CaseID, &t.Title, &t.Author, &t.Role, &t.At); err != nil {
			return nil, fmt.Errorf("case library: threads: %w", err)
		}
		out = append(out, t)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("case library: threads: %w", err)
	}
	rows.Close()
	for i := range out {
		cs, err := l.db.db.QueryContext(ctx, l.db.rebind(`SELECT id, thread_id, author, role, note, at FROM caselib_comments WHERE thread_id = ? ORDER BY id`), out[i].ID)
		if err != nil {
			return nil, fmt.Errorf("case library: comments: %w", err)
		}
		for cs.Next() {
			var c Comment
			if err := cs.Scan(&c.ID, &c.ThreadID, &c.Author, &c.Role, &c.Text, &c.At); err != nil {
				cs.Close()
				return nil, fmt.Errorf("case library: comments: %w", err)
			}
			out[i].Comments = append(out[i].Comments, c)
		}
		err = cs.Err()
		cs.Close()
		if err != nil {
			return nil, fmt.Errorf("case library: comments: %w", err)
		}
	}
	return out, nil
}
