package corpora

import (
	"errors"
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
	if err := checkVersions(srcDir, dataDir, laws); err != nil {
		return nil, err
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

// checkVersions refuses a file whose version dates are missing or
// contradictory, or that overlaps another version of the same law (held or
// in the same directory): two texts in force from one day, or in force in the
// opposite order of their adoption. A file with the dates of a version held
// replaces it.
func checkVersions(srcDir, dataDir string, laws []*Law) error {
	revs, err := loadRevisions()
	if err != nil {
		return err
	}
	existing := Default().AllVersions()
	if dataDir != "" {
		if c, err := Load(dataDir); err == nil {
			existing = c.AllVersions()
		} else if !errors.Is(err, os.ErrNotExist) {
			return fmt.Errorf("loading the laws held: %w", err)
		}
	}
	for _, l := range laws {
		l.setVersion(revs)
		if err := l.validateVersion(filepath.Join(srcDir, l.File)); err != nil {
			return err
		}
	}
	for i, l := range laws {
		others := append([]*Law(nil), laws[:i]...)
		for _, o := range existing {
			if o.File != l.File { // a file of the same name is replaced
				others = append(others, o)
			}
		}
		for _, o := range others {
			if o.Name != l.Name || o.InForce == "" {
				continue
			}
			where := fmt.Sprintf("%s:%d", filepath.Join(srcDir, l.File), l.versionLine())
			switch {
			case o.InForce == l.InForce && o.Adopted != l.Adopted:
				return fmt.Errorf("%s: this version (%s) overlaps %s (%s): both in force from %s", where, l.VersionLabel(), o.File, o.VersionLabel(), l.InForce)
			case o.Adopted != l.Adopted && o.InForce != l.InForce && (o.Adopted < l.Adopted) != (o.InForce < l.InForce):
				return fmt.Errorf("%s: this version (%s) overlaps %s (%s): adopted %s it but in force %s it", where, l.VersionLabel(), o.File, o.VersionLabel(),
					map[bool]string{true: "before", false: "after"}[l.Adopted < o.Adopted], map[bool]string{true: "before", false: "after"}[l.InForce < o.InForce])
			case o.Adopted == l.Adopted && o.InForce != l.InForce:
				return fmt.Errorf("%s: this version (%s) contradicts %s (%s): the same revision in force on two dates", where, l.VersionLabel(), o.File, o.VersionLabel())
			}
		}
	}
	return nil
}

// versionLine is the header line of the revision the text is.
func (l *Law) versionLine() int {
	for _, e := range l.dated {
		if e.Date == l.Adopted {
			return e.Line
		}
	}
	return l.headerEnd
}
