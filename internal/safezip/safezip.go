// Package safezip opens zip archives (.docx, .xlsx, .zip) from untrusted
// uploads within fixed bounds: how many entries, how large each entry and
// all of them together are once inflated, and no archive inside an archive.
// A few kilobytes of deflate can stand for gigabytes of text, so every reader
// of an uploaded package goes through here before it inflates anything.
package safezip

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"path"
	"strings"
)

// Limits bound one archive.
type Limits struct {
	Entries int   // entries in the central directory
	Entry   int64 // bytes of one entry once inflated
	Total   int64 // bytes of all entries once inflated
}

// Default are the limits every upload reader uses: a real decision, workbook
// or template is far below them.
var Default = Limits{Entries: 1000, Entry: 16 << 20, Total: 32 << 20}

// ErrLimit is wrapped by every refusal, so callers can tell a bomb from a
// merely broken file.
var ErrLimit = errors.New("archive exceeds the limits")

// Error names the entry at fault and why.
type Error struct {
	Entry  string // "" for the archive as a whole
	Reason string
}

func (e *Error) Error() string {
	if e.Entry == "" {
		return "archive: " + e.Reason
	}
	return fmt.Sprintf("archive entry %q: %s", e.Entry, e.Reason)
}

func (e *Error) Unwrap() error { return ErrLimit }

// nestedExt are the names of archives; one inside another is refused
// (no reader of zhifa unpacks a second level, and each level multiplies).
var nestedExt = map[string]bool{".zip": true, ".docx": true, ".xlsx": true, ".jar": true, ".gz": true, ".7z": true, ".rar": true,
	".docm": true, ".xlsm": true, ".pptx": true, ".odt": true, ".ods": true, ".tar": true, ".tgz": true, ".bz2": true, ".xz": true}

// Reader is an archive checked against its limits. Reading an entry counts
// the bytes actually inflated, whatever the headers claim.
type Reader struct {
	Files  []*zip.File
	limits Limits
	read   int64 // bytes inflated so far, across entries
}

// NewReader checks b against Default.
func NewReader(b []byte) (*Reader, error) { return NewReaderLimits(b, Default) }

// NewReaderLimits checks the central directory of b against l: the number
// of entries, each entry's and the total declared size, nested archives and
// names that climb out of the archive. Nothing is inflated yet.
func NewReaderLimits(b []byte, l Limits) (*Reader, error) {
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		return nil, fmt.Errorf("archive: %w", err)
	}
	if len(zr.File) > l.Entries {
		return nil, &Error{Reason: fmt.Sprintf("%d entries; at most %d are accepted", len(zr.File), l.Entries)}
	}
	var total uint64
	for _, f := range zr.File {
		if f.UncompressedSize64 > uint64(l.Entry) {
			return nil, &Error{Entry: f.Name, Reason: fmt.Sprintf("unpacks to %d bytes; at most %d are accepted", f.UncompressedSize64, l.Entry)}
		}
		total += f.UncompressedSize64
		if total > uint64(l.Total) {
			return nil, &Error{Reason: fmt.Sprintf("unpacks to more than %d bytes", l.Total)}
		}
		if nestedExt[strings.ToLower(path.Ext(f.Name))] {
			return nil, &Error{Entry: f.Name, Reason: "an archive inside an archive is not accepted"}
		}
		if strings.Contains(f.Name, "\\") || strings.HasPrefix(f.Name, "/") || hasDotDot(f.Name) {
			return nil, &Error{Entry: f.Name, Reason: "the name leaves the archive"}
		}
	}
	return &Reader{Files: zr.File, limits: l}, nil
}

func hasDotDot(name string) bool {
	for _, p := range strings.Split(name, "/") {
		if p == ".." {
			return true
		}
	}
	return false
}

// File is the entry named name, or nil.
func (r *Reader) File(name string) *zip.File {
	for _, f := range r.Files {
		if f.Name == name {
			return f
		}
	}
	return nil
}

// Open opens an entry for reading; the reader stops with an *Error once the
// entry or the archive as a whole inflates past its limit, and refuses an
// entry that is itself a zip.
func (r *Reader) Open(f *zip.File) (io.ReadCloser, error) {
	rc, err := f.Open()
	if err != nil {
		return nil, fmt.Errorf("archive entry %q: %w", f.Name, err)
	}
	return &limitedEntry{rc: rc, r: r, name: f.Name}, nil
}

// ReadFile inflates the entry named name whole.
func (r *Reader) ReadFile(name string) ([]byte, error) {
	f := r.File(name)
	if f == nil {
		return nil, fmt.Errorf("archive: no entry %q", name)
	}
	rc, err := r.Open(f)
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	return io.ReadAll(rc)
}

type limitedEntry struct {
	rc    io.ReadCloser
	r     *Reader
	name  string
	n     int64
	first bool
}

func (e *limitedEntry) Read(p []byte) (int, error) {
	n, err := e.rc.Read(p)
	if !e.first && n > 0 {
		e.first = true
		// a zip or gzip under another name is nesting all the same
		if n >= 2 && (bytes.HasPrefix(p[:n], []byte("PK\x03\x04")) || bytes.HasPrefix(p[:n], []byte{0x1f, 0x8b})) {
			return 0, &Error{Entry: e.name, Reason: "an archive inside an archive is not accepted"}
		}
	}
	e.n += int64(n)
	e.r.read += int64(n)
	if e.n > e.r.limits.Entry {
		return 0, &Error{Entry: e.name, Reason: fmt.Sprintf("unpacks to more than %d bytes", e.r.limits.Entry)}
	}
	if e.r.read > e.r.limits.Total {
		return 0, &Error{Reason: fmt.Sprintf("unpacks to more than %d bytes", e.r.limits.Total)}
	}
	return n, err
}

func (e *limitedEntry) Close() error { return e.rc.Close() }

// Check reads every entry of b through the limits and discards it: for a
// reader (such as a spreadsheet library) that opens the archive itself, to
// run first.
func Check(b []byte) error {
	r, err := NewReader(b)
	if err != nil {
		return err
	}
	for _, f := range r.Files {
		rc, err := r.Open(f)
		if err != nil {
			return err
		}
		_, err = io.Copy(io.Discard, rc)
		rc.Close()
		if err != nil {
			return err
		}
	}
	return nil
}
