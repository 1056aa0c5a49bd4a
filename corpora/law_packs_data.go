package corpora

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// packsFile lists, one province a line, the provinces' packs a data
// directory loads (zhifa ingest --pack).
const packsFile = "packs"

// DataPacks are the provinces whose packs dataDir loads, in Provinces order.
func DataPacks(dataDir string) ([]string, error) {
	data, err := os.ReadFile(filepath.Join(dataDir, packsFile))
	if errors.Is(err, os.ErrNotExist) || dataDir == "" {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("reading the packs list: %w", err)
	}
	var out []string
	for n, line := range strings.Split(string(data), "\n") {
		p := strings.TrimSpace(line)
		if p == "" || strings.HasPrefix(p, "#") {
			continue
		}
		if ProvincePack(p) == "" {
			return nil, fmt.Errorf("%s:%d: no law pack for province %q", filepath.Join(dataDir, packsFile), n+1, p)
		}
		out = append(out, p)
	}
	return out, nil
}

// IngestPacks adds provinces' packs (浙江, or "all") to what dataDir loads,
// and returns the provinces it loads now. Each pack is parsed first, so a
// damaged archive fails here, not at the next start.
func IngestPacks(dataDir string, provinces []string) ([]string, error) {
	held, err := DataPacks(dataDir)
	if err != nil {
		return nil, err
	}
	var add []string
	for _, p := range provinces {
		p = strings.TrimSuffix(strings.TrimSuffix(strings.TrimSpace(p), "省"), "市")
		if p == "all" {
			add = append(add, Provinces...)
			continue
		}
		if ProvincePack(p) == "" {
			return nil, fmt.Errorf("no law pack for province %q (known: %s, or all)", p, strings.Join(Provinces, ", "))
		}
		add = append(add, p)
	}
	for _, p := range add {
		if _, err := LoadPack(ProvincePack(p)); err != nil {
			return nil, err
		}
		if !slices.Contains(held, p) {
			held = append(held, p)
		}
	}
	var out []string
	for _, p := range Provinces {
		if slices.Contains(held, p) {
			out = append(out, p)
		}
	}
	if err := os.MkdirAll(dataDir, 0o750); err != nil {
		return nil, fmt.Errorf("creating %s: %w", dataDir, err)
	}
	body := "# provinces whose law packs this data directory loads (zhifa ingest --pack)\n" + strings.Join(out, "\n") + "\n"
	tmp := filepath.Join(dataDir, "."+packsFile+".tmp")
	if err := os.WriteFile(tmp, []byte(body), 0o640); err != nil {
		return nil, fmt.Errorf("writing the packs list: %w", err)
	}
	if err := os.Rename(tmp, filepath.Join(dataDir, packsFile)); err != nil {
		return nil, fmt.Errorf("installing the packs list: %w", err)
	}
	return out, nil
}
