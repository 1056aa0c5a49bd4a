package corpora

import (
	"archive/tar"
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"reflect"
	"runtime"
	"strings"
	"sync"

	"github.com/klauspost/compress/zstd"

	"zhifa/nlp"
)

// PackSnapshot is the date the law pack's texts are current to: the
// LawRefBook snapshot they were copied from (lawpack/SOURCES.md).
const PackSnapshot = "2025-04-19"

// Pack archive names under lawpack/ (ASCII, one .tar.zst each).
const (
	PackNational = "national" // 法律, 行政法规, 部门规章, 司法解释
	PackGuiding  = "guiding"  // 指导案例: cases, not laws (see GuidingCases)
)

// provincePacks maps a province to its archive.
var provincePacks = map[string]string{
	"北京": "beijing", "上海": "shanghai", "浙江": "zhejiang", "山东": "shandong",
	"河南": "henan", "广东": "guangdong", "重庆": "chongqing",
}

// ProvincePack is the archive name of a province's local regulations, or "".
func ProvincePack(province string) string {
	return provincePacks[strings.TrimSuffix(strings.TrimSuffix(province, "省"), "市")]
}

// packManifest is the first member of every archive: one line per text,
// "path<TAB>clean", clean being 1 when parsing without the traditional →
// simplified conversion gives the same law as parsing with it (checked when
// the archive is built, and again by TestPackFiles), so loading can skip it.
const packManifest = "MANIFEST.tsv"

// PackFile is one text of a pack archive.
type PackFile struct {
	Path  string // path inside the pack, as in lawpack/SOURCES.md: 行政法规/…md
	Data  []byte
	Clean bool
}

// ReadPack returns the files of lawpack/<name>.tar.zst in archive order.
func ReadPack(name string) ([]PackFile, error) {
	f, err := PackFS.Open("lawpack/" + name + ".tar.zst")
	if err != nil {
		return nil, fmt.Errorf("law pack %s: %w", name, err)
	}
	defer f.Close()
	zr, err := zstd.NewReader(f, zstd.WithDecoderConcurrency(1), zstd.WithDecoderLowmem(true))
	if err != nil {
		return nil, fmt.Errorf("law pack %s: %w", name, err)
	}
	defer zr.Close()
	tr := tar.NewReader(zr)
	var files []PackFile
	clean := map[string]bool{}
	for {
		h, err := tr.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("law pack %s: %w", name, err)
		}
		data, err := io.ReadAll(tr)
		if err != nil {
			return nil, fmt.Errorf("law pack %s: %s: %w", name, h.Name, err)
		}
		if h.Name == packManifest {
			sc := bufio.NewScanner(bytes.NewReader(data))
			for sc.Scan() {
				if p, c, ok := strings.Cut(sc.Text(), "\t"); ok {
					clean[p] = c == "1"
				}
			}
			continue
		}
		files = append(files, PackFile{Path: h.Name, Data: data, Clean: clean[h.Name]})
	}
	return files, nil
}

// packPlace tells a pack text's level, province and issuer from its folder:
// 行政法规/…, 部门规章/公安部/…, DLC/浙江地方法规/…; the 法律 are in the
// folders of their branch (宪法, 行政法, 经济法 …).
func packPlace(path string) (level, province, issuer string) {
	parts := strings.Split(path, "/")
	switch parts[0] {
	case "行政法规":
		return LevelAdminReg, "", ""
	case "部门规章":
		if len(parts) > 2 {
			issuer = parts[1]
		}
		return LevelDeptRule, "", issuer
	case "司法解释":
		return LevelJudicial, "", ""
	case "案例":
		return LevelGuidingCase, "", ""
	case "DLC":
		if len(parts) > 1 {
			province = strings.TrimSuffix(parts[1], "地方法规")
		}
		return LevelLocalReg, province, ""
	}
	return LevelLaw, "", ""
}

// ParsePackFile parses one pack text and tells whether it is clean: the
// same law parsed without the t2s conversion (nlp.NormalizeSimplified).
func ParsePackFile(path string, data []byte) (*Law, bool, error) {
	l, err := ParseLaw(path, data)
	if err != nil {
		return nil, false, err
	}
	raw, err := parseLaw(path, data, nlp.NormalizeSimplified)
	return l, err == nil && reflect.DeepEqual(l, raw), nil
}

// parsePack parses pack files on all cores; each law gets its level,
// province and issuer from its folder and the snapshot as CurrentTo.
func parsePack(files []PackFile) ([]*Law, error) {
	laws := make([]*Law, len(files))
	errs := make([]error, len(files))
	var wg sync.WaitGroup
	next := make(chan int)
	for w := 0; w < runtime.GOMAXPROCS(0); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				f := files[i]
				norm := nlp.Normalize
				if f.Clean {
					norm = nlp.NormalizeSimplified
				}
				l, err := parseLaw(f.Path, f.Data, norm)
				if err != nil {
					errs[i] = err
					continue
				}
				l.File = f.Path
				l.Origin = OriginPack
				l.CurrentTo = PackSnapshot
				level, province, issuer := packPlace(f.Path)
				l.Level = level
				if province != "" {
					l.Province = province
				}
				if l.Issuer == "" {
					l.Issuer = issuer
				}
				laws[i] = l
			}
		}()
	}
	for i := range files {
		next <- i
	}
	close(next)
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return laws, nil
}

// LoadPack parses the laws of a pack archive (PackNational or a province's).
func LoadPack(name string) ([]*Law, error) {
	files, err := ReadPack(name)
	if err != nil {
		return nil, err
	}
	return parsePack(files)
}

// addPack adds pack laws to the corpus. A law the corpus already holds under
// the same official name (a core text, or one an operator ingested) keeps
// its own versions: the pack's are left out.
func (c *Corpus) addPack(laws []*Law) {
	held := map[string]bool{}
	for _, l := range c.all {
		held[l.Name] = true
	}
	for _, l := range laws {
		if held[l.Name] {
			continue
		}
		l.setVersion(c.revs)
		c.all = append(c.all, l)
	}
}

// AddPack adds a province's pack (浙江, or its archive name) to the corpus.
func (c *Corpus) AddPack(province string) error {
	name := ProvincePack(province)
	if name == "" {
		return fmt.Errorf("no law pack for province %q (known: %s)", province, strings.Join(Provinces, ", "))
	}
	laws, err := LoadPack(name)
	if err != nil {
		return err
	}
	c.addPack(laws)
	c.reindex()
	return nil
}

// PackProvinces lists the provinces that have a pack, in Provinces order.
func PackProvinces() []string {
	var out []string
	for _, p := range Provinces {
		if provincePacks[p] != "" {
			out = append(out, p)
		}
	}
	return out
}
