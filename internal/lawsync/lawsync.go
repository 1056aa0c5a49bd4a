// Package lawsync keeps the law files added with `zhifa ingest` (DATA/laws)
// in the records too, so that every node over one database holds the same
// laws: ingest publishes the files, and each node pulls them into its own
// DATA/laws when the change stream announces one (and at start).
package lawsync

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"zhifa/records"
)

// Kind is the records object kind of a law file.
const Kind = "law_file"

// File is one law file as the records keep it.
type File struct {
	Name     string `json:"name"` // file name in DATA/laws
	SHA256   string `json:"sha256"`
	Text     string `json:"text"`
	Modified string `json:"modified"` // the file's time where it was ingested: the text's "current to" day
}

func sum(b []byte) string { h := sha256.Sum256(b); return hex.EncodeToString(h[:]) }

// goodName refuses anything but a plain *.md file name.
func goodName(n string) bool {
	return strings.HasSuffix(n, ".md") && n == filepath.Base(n) && !strings.HasPrefix(n, ".") && !strings.ContainsAny(n, `/\`)
}

// Publish puts every law file of dataDir/laws that the records lack or hold
// otherwise into the records; it returns how many it wrote.
func Publish(ctx context.Context, st *records.Store, actor, dataDir string) (int, error) {
	dir := filepath.Join(dataDir, "laws")
	ents, err := os.ReadDir(dir)
	if os.IsNotExist(err) {
		return 0, nil
	} else if err != nil {
		return 0, fmt.Errorf("law files: %w", err)
	}
	var ws []records.ObjectWrite
	for _, e := range ents {
		if e.IsDir() || !goodName(e.Name()) {
			continue
		}
		b, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			return 0, fmt.Errorf("law files: %w", err)
		}
		info, err := e.Info()
		if err != nil {
			return 0, fmt.Errorf("law files: %w", err)
		}
		var held File
		if err := st.GetObject(ctx, Kind, e.Name(), &held); err == nil && held.SHA256 == sum(b) {
			continue
		}
		ws = append(ws, records.ObjectWrite{Kind: Kind, ID: e.Name(), Value: File{Name: e.Name(), SHA256: sum(b), Text: string(b),
			Modified: info.ModTime().UTC().Format(time.RFC3339)}})
	}
	if len(ws) == 0 {
		return 0, nil
	}
	if err := st.PutObjects(ctx, actor, ws...); err != nil {
		return 0, fmt.Errorf("law files: %w", err)
	}
	return len(ws), nil
}

// Pull writes the records' law files into dataDir/laws where the file is
// missing or differs; changed says one was written. Files the records do
// not hold are left alone.
func Pull(ctx context.Context, st *records.Store, dataDir string) (changed bool, err error) {
	objs, err := st.ListObjects(ctx, Kind, "")
	if err != nil {
		return false, err
	}
	dir := filepath.Join(dataDir, "laws")
	for _, o := range objs {
		var f File
		if err := json.Unmarshal(o.Data, &f); err != nil {
			return changed, fmt.Errorf("law file %s: %w", o.ID, err)
		}
		if !goodName(f.Name) || sum([]byte(f.Text)) != f.SHA256 {
			return changed, fmt.Errorf("law file %q in the records is not a law file name or does not match its hash", f.Name)
		}
		path := filepath.Join(dir, f.Name)
		if b, err := os.ReadFile(path); err == nil && sum(b) == f.SHA256 {
			continue
		}
		if err := os.MkdirAll(dir, 0o750); err != nil {
			return changed, fmt.Errorf("law files: %w", err)
		}
		tmp := filepath.Join(dir, ".pull-"+f.Name)
		if err := os.WriteFile(tmp, []byte(f.Text), 0o640); err != nil {
			return changed, fmt.Errorf("law file %s: %w", f.Name, err)
		}
		if t, err := time.Parse(time.RFC3339, f.Modified); err == nil {
			_ = os.Chtimes(tmp, t, t)
		}
		if err := os.Rename(tmp, path); err != nil {
			os.Remove(tmp)
			return changed, fmt.Errorf("law file %s: %w", f.Name, err)
		}
		changed = true
	}
	return changed, nil
}
