package corpora

import (
	"fmt"
	"os"
	"path/filepath"
)

// IngestLaws validates every law file in srcDir and copies them into
// dataDir/laws, where Load picks them up. Nothing is copied unless every
// file parses; each file is written to a temporary name and renamed, so a
// reader never sees half a file.
func IngestLaws(srcDir, dataDir string) ([]*Law, error) {
	laws, err := ParseDir(srcDir)
	if err != nil {
		return nil, err
	}
	if len(laws) == 0 {
		return nil, fmt.Errorf("no law files (*.md) in %s", srcDir)
	}
	dst := filepath.Join(dataDir, "laws")
	if err := os.MkdirAll(dst, 0o750); err != nil {
		return nil, fmt.Errorf("creating %s: %w", dst, err)
	}
	for _, l := range laws {
		data, err := os.ReadFile(filepath.Join(srcDir, l.File))
		if err != nil {
			return nil, fmt.Errorf("reading %s: %w", l.File, err)
		}
		tmp, err := os.CreateTemp(dst, ".ingest-*")
		if err != nil {
			return nil, fmt.Errorf("writing into %s: %w", dst, err)
		}
		_, werr := tmp.Write(data)
		cerr := tmp.Close()
		if werr != nil || cerr != nil {
			os.Remove(tmp.Name())
			return nil, fmt.Errorf("writing %s: %v %v", l.File, werr, cerr)
		}
		if err := os.Rename(tmp.Name(), filepath.Join(dst, l.File)); err != nil {
			os.Remove(tmp.Name())
			return nil, fmt.Errorf("installing %s: %w", l.File, err)
		}
	}
	return laws, nil
}
