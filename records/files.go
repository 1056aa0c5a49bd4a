package records

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"
)

// filePath is where content with this SHA-256 lives: files/ab/abcdef….
func (s *Store) filePath(sum string) string { return filepath.Join(s.fileDir, sum[:2], sum) }

// storeFile writes content content-addressed and durably; returns its SHA-256.
func (s *Store) storeFile(content []byte) (string, error) {
	h := sha256.Sum256(content)
	sum := hex.EncodeToString(h[:])
	p := s.filePath(sum)
	if _, err := os.Stat(p); err == nil {
		return sum, nil
	}
	if err := os.MkdirAll(filepath.Dir(p), 0o750); err != nil {
		return "", fmt.Errorf("records: file store: %w", err)
	}
	f, err := os.CreateTemp(filepath.Dir(p), ".tmp-*")
	if err != nil {
		return "", fmt.Errorf("records: file store: %w", err)
	}
	defer os.Remove(f.Name())
	if _, err := f.Write(content); err != nil {
		f.Close()
		return "", fmt.Errorf("records: file store: %w", err)
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return "", fmt.Errorf("records: file store: %w", err)
	}
	if err := f.Close(); err != nil {
		return "", err
	}
	if err := os.Rename(f.Name(), p); err != nil {
		return "", fmt.Errorf("records: file store: %w", err)
	}
	return sum, nil
}

// ReadFile returns stored content by SHA-256, checking the hash.
func (s *Store) ReadFile(sum string) ([]byte, error) {
	if len(sum) != 64 || strings.Trim(sum, "0123456789abcdef") != "" {
		return nil, &FieldError{Field: "sha256", Message: "not a SHA-256 hex digest"}
	}
	b, err := os.ReadFile(s.filePath(sum))
	if err != nil {
		return nil, &NotFoundError{What: "file", ID: sum}
	}
	h := sha256.Sum256(b)
	if hex.EncodeToString(h[:]) != sum {
		return nil, fmt.Errorf("records: file %s does not match its hash", sum)
	}
	return b, nil
}

// AddEvidence stores an evidence or audio-video item with its file.
func (s *Store) AddEvidence(ctx context.Context, e Evidence, content []byte, actor string) (Evidence, error) {
	for f, v := range map[string]string{"case_id": e.CaseID, "title": e.Title, "collector": e.Collector, "collected_at": e.CollectedAt, "place": e.Place, "proves": e.Proves} {
		if err := need(f, v); err != nil {
			return e, err
		}
	}
	if err := pastDate("collected_at", e.CollectedAt, true); err != nil {
		return e, err
	}
	c, err := getJSON[Case](ctx, s, s.db, "cases", "case", e.CaseID)
	if err != nil {
		return e, refError("case_id", err)
	}
	if err := caseWritable(c); err != nil {
		return e, err // no evidence joins a closed or archived file
	}
	if e.Kind == "" {
		e.Kind = "document"
	}
	e.CaseNo = c.CaseNo
	if e.ID == "" {
		e.ID = newID("ev-")
	}
	if e.SHA256, err = s.storeFile(content); err != nil {
		return e, err
	}
	e.Size = int64(len(content))
	e.CreatedAt = time.Now().UTC().Truncate(time.Millisecond)
	err = s.write(ctx, func(tx *sql.Tx) error {
		cur, err := getJSON[Case](ctx, s, tx, "cases", "case", e.CaseID) // a step may have closed it meanwhile
		if err != nil {
			return err
		}
		if err := caseWritable(cur); err != nil {
			return err
		}
		return s.insertJSON(ctx, tx, "evidence", "evidence", e.ID, []string{"case_id"}, []any{e.CaseID}, e, actor)
	})
	return e, err
}

// ListEvidence returns a case's evidence items.
func (s *Store) ListEvidence(ctx context.Context, caseID string) ([]Evidence, error) {
	return listJSON[Evidence](ctx, s, `SELECT data FROM evidence WHERE case_id = ? ORDER BY id`, caseID)
}

// AddDocument stores a new version of a case document of this kind.
func (s *Store) AddDocument(ctx context.Context, caseID, kind, number string, content []byte, actor string) (Document, error) {
	d := Document{CaseID: caseID, Kind: kind, Number: number, Actor: actor}
	if err := need("kind", kind); err != nil {
		return d, err
	}
	if _, err := getJSON[Case](ctx, s, s.db, "cases", "case", caseID); err != nil {
		return d, refError("case_id", err)
	}
	sum, err := s.storeFile(content)
	if err != nil {
		return d, err
	}
	d.SHA256, d.Size = sum, int64(len(content))
	d.CreatedAt = time.Now().UTC().Truncate(time.Millisecond)
	err = s.write(ctx, func(tx *sql.Tx) error {
		var v sql.NullInt64
		if err := tx.QueryRowContext(ctx, s.Rebind(`SELECT MAX(version) FROM documents WHERE case_id = ? AND kind = ?`), caseID, kind).Scan(&v); err != nil {
			return err
		}
		d.Version = int(v.Int64) + 1
		d.ID = fmt.Sprintf("%s/%s/v%d", caseID, kind, d.Version)
		return s.putJSON(ctx, tx, "documents", "document", d.ID, []string{"case_id", "kind", "version"}, []any{caseID, kind, d.Version}, d, actor)
	})
	return d, err
}

// ListDocuments returns a case's documents, every version.
func (s *Store) ListDocuments(ctx context.Context, caseID string) ([]Document, error) {
	return listJSON[Document](ctx, s, `SELECT data FROM documents WHERE case_id = ? ORDER BY kind, version`, caseID)
}

// NextDocumentNumber allocates the next number (1, 2, …) for agency+year+kind,
// without gaps or duplicates across processes.
func (s *Store) NextDocumentNumber(ctx context.Context, agencyID string, year int, kind string) (int, error) {
	if agencyID == "" {
		return 0, &FieldError{Field: "agency_id", Message: "is required"}
	}
	for attempt := 0; ; attempt++ {
		n, err := s.nextNumber(ctx, agencyID, year, kind)
		if err == nil || attempt >= 5 || ctx.Err() != nil {
			return n, err
		}
		time.Sleep(time.Duration(attempt+1) * 10 * time.Millisecond)
	}
}

func (s *Store) nextNumber(ctx context.Context, agencyID string, year int, kind string) (int, error) {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return 0, fmt.Errorf("records: number: %w", err)
	}
	defer tx.Rollback()
	// Insert-if-absent then increment: the row lock (PostgreSQL) or the write
	// lock (SQLite, immediate transactions) serialises allocators.
	if _, err := s.exec(ctx, tx, `INSERT INTO doc_counters(agency_id, year, kind, n) VALUES (?,?,?,0) ON CONFLICT DO NOTHING`, agencyID, year, kind); err != nil {
		return 0, fmt.Errorf("records: number: %w", err)
	}
	var n int
	if err := tx.QueryRowContext(ctx, s.Rebind(`UPDATE doc_counters SET n = n + 1 WHERE agency_id = ? AND year = ? AND kind = ? RETURNING n`), agencyID, year, kind).Scan(&n); err != nil {
		return 0, fmt.Errorf("records: number: %w", err)
	}
	if err := tx.Commit(); err != nil {
		return 0, fmt.Errorf("records: number: %w", err)
	}
	return n, nil
}

// FileCases lists the cases whose evidence or documents hold the file
// (hex SHA-256), so a read of the file can be scoped and logged as a read
// of the case.
func (s *Store) FileCases(ctx context.Context, sha256hex string) ([]string, error) {
	var out []string
	seen := map[string]bool{}
	for _, t := range []string{"evidence", "documents"} {
		// the text filter narrows the rows; fileSum decides
		rows, err := s.db.QueryContext(ctx, s.Rebind(`SELECT case_id, data FROM `+t+` WHERE data LIKE ?`), "%"+sha256hex+"%")
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			var id, data string
			if err := rows.Scan(&id, &data); err != nil {
				rows.Close()
				return nil, err
			}
			if fileSum(data) == sha256hex && !seen[id] {
				seen[id] = true
				out = append(out, id)
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	sort.Strings(out)
	return out, nil
}
