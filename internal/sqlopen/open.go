// Package sqlopen opens the two databases zhifa runs on from one URL:
// "postgres://…" (or "postgresql://…") for PostgreSQL, "sqlite:PATH" for the
// embedded SQLite. The records and the case library each keep their own
// schema and migrations; only the way in is shared.
package sqlopen

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"io"
	"net"
	"strconv"
	"strings"
	"syscall"

	"github.com/jackc/pgx/v5/pgconn"

	_ "github.com/jackc/pgx/v5/stdlib" // PostgreSQL driver "pgx"
	_ "modernc.org/sqlite"             // SQLite driver "sqlite"
)

// Dialects.
const (
	Postgres = "postgres"
	SQLite   = "sqlite"
)

// sqlitePragmas: wait for a writer rather than fail, WAL so readers don't
// block the writer, and write transactions that take the lock up front.
const sqlitePragmas = "_pragma=busy_timeout(10000)&_pragma=journal_mode(WAL)&_pragma=synchronous(NORMAL)&_txlock=immediate"

// sqliteIdleConns is how many SQLite connections stay open between uses.
// database/sql keeps 2 by default, so a server answering 50 requests at once
// closed and reopened connections all the time (file open, pragmas, schema
// read: 13% of the CPU of signed-in law searches under wrk).
const sqliteIdleConns = 64

// Open opens url and checks the connection; extra are further SQLite
// pragmas ("_pragma=foreign_keys(1)").
func Open(ctx context.Context, url string, extra ...string) (*sql.DB, string, error) {
	var db *sql.DB
	var dialect string
	var err error
	switch {
	case strings.HasPrefix(url, "postgres://"), strings.HasPrefix(url, "postgresql://"):
		dialect = Postgres
		db, err = sql.Open("pgx", url)
	default:
		dialect = SQLite
		dsn := "file:" + strings.TrimPrefix(url, "sqlite:") + "?" + strings.Join(append([]string{sqlitePragmas}, extra...), "&")
		db, err = sql.Open("sqlite", dsn)
		if err == nil {
			db.SetMaxIdleConns(sqliteIdleConns)
		}
	}
	if err != nil {
		return nil, "", fmt.Errorf("open: %w", err)
	}
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, "", fmt.Errorf("connect: %w", err)
	}
	return db, dialect, nil
}

// Rebind turns the ? placeholders of q into $1, $2 … for PostgreSQL.
func Rebind(dialect, q string) string {
	if dialect != Postgres {
		return q
	}
	var b strings.Builder
	n := 0
	for i := 0; i < len(q); i++ {
		if q[i] == '?' {
			n++
			b.WriteString("$" + strconv.Itoa(n))
			continue
		}
		b.WriteByte(q[i])
	}
	return b.String()
}

// Unavailable says err is the database going away or not answering (a
// restart, a dropped connection, no server) rather than a fault of the
// query: the request may be tried again, and the pool reconnects by itself.
func Unavailable(err error) bool {
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		// 57P01–57P05: shutdown, crash, cannot connect now; 08: connection exception
		return strings.HasPrefix(pe.Code, "57P") || strings.HasPrefix(pe.Code, "08")
	}
	var ce *pgconn.ConnectError
	var ne net.Error
	return errors.Is(err, driver.ErrBadConn) || errors.As(err, &ce) || errors.As(err, &ne) ||
		errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, syscall.ECONNREFUSED) || errors.Is(err, syscall.ECONNRESET)
}
