package corpora

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"sort"
	"strings"
	"sync"
	"time"

	"zhifa/nlp"
)

// Law is one statute, regulation, rule or judicial interpretation (法律/法规/规章/司法解释).
type Law struct {
	Name        string   // official name from the title, e.g. 中华人民共和国食品安全法
	ShortNames  []string // names it is cited by, e.g. 食品安全法
	Promulgated string   // YYYY-MM-DD of the first dated history line ("" if none)
	Revised     string   // YYYY-MM-DD of the latest 修正/修订 line ("" if never revised)
	Status      string   // 现行有效, or 已废止 when the sources say so
	File        string   // base name of the source file
	Articles    []*Article
	Preamble    string // text before the first article (resolutions, notes), normalised
	General     bool   // a general law of administrative procedure (行政处罚法 …), see laws/META.json

	Level    string  // 效力层级: LevelLaw, LevelAdminReg, LevelDeptRule, LevelJudicial, LevelLocalReg
	Issuer   string  // 制定机关 from the title or header: 全国人大常委会, 国务院, 公安部, 浙江省人大常委会 …
	Province string  // for 地方性法规: the province (浙江); "" for national texts
	Events   []Event // the dated header lines in order (通过, 修正, 修订, 公布, 施行, 批准)
	Version  string  // YYYY-MM-DD of the version this text is: the date in the pack's file name, else the latest event
	Origin   string  // where the text came from: OriginCore, OriginPack or OriginData

	// Version (law_version.go): the header's dated lines, the revision this
	// text is, the day it took effect and the day the next version did ("" while
	// in force), and the date the text is known current to.
	dated        []HeaderEvent // Events with their lines and ordinals (第三次修正)
	Adopted      string        // YYYY-MM-DD of the revision (or adoption) this text is
	AdoptedKind  string        // 通过, 修正, 修订, 第三次修正 …
	InForce      string        // YYYY-MM-DD; "" when the header gives no date (in force throughout)
	InForceBasis string        // where InForce comes from
	Until        string
	CurrentTo    string // YYYY-MM-DD
	headerEnd    int    // line of <!-- INFO END -->
	headerErr    error  // the first contradiction in the header dates
}

// Origins of a law text.
const (
	OriginCore = "core" // corpora/laws, with META.json
	OriginPack = "pack" // corpora/lawpack (the national corpus, or a province's pack)
	OriginData = "data" // DATA/laws, added by an operator with zhifa ingest --laws
)

// Article is one 条 of a law.
type Article struct {
	LawName    string
	Number     int
	Suffix     string   // 之一, 之二 … ("" for an ordinary article)
	Label      string   // 第一百三十三条之一
	Path       []string // 编/章/节 headings above the article
	Text       string   // whole article text without the label, paragraphs joined by "\n"
	Paragraphs []Paragraph
}

// Paragraph is one 款; its Items are the 项 lines （一）… that belong to it.
// Text is the whole paragraph including its items, joined by "\n".
type Paragraph struct {
	Text  string
	Items []string
}

// Corpus is a set of parsed laws with lookup by name.
type Corpus struct {
	laws     []*Law // the version of each law in force today
	all      []*Law // every version
	versions map[*Law][]*Law
	revs     *revisionTable
	views    views
	byName   map[string]*Law
	// ParseTime is how long parsing the files took (for benchmarks).
	ParseTime time.Duration
}

var (
	defaultOnce   sync.Once
	defaultCorpus *Corpus
	defaultErr    error
	coreOnce      sync.Once
	coreCorpus    *Corpus
	coreErr       error
)

// Core returns the 95 core texts alone (corpora/laws), parsed once per
// process: what the law index serves while the whole pack's is built, and
// what tests that do not need the pack index.
func Core() *Corpus {
	coreOnce.Do(func() { coreCorpus, coreErr = parseCore() })
	if coreErr != nil {
		panic(fmt.Sprintf("corpora: embedded laws: %v", coreErr))
	}
	return coreCorpus
}

// Default returns the embedded laws (the core texts and the national pack),
// parsed once per process. The embedded
// files are tested, so a parse error here is a build defect and panics.
func Default() *Corpus {
	defaultOnce.Do(func() {
		defaultCorpus, defaultErr = parseEmbedded()
	})
	if defaultErr != nil {
		panic(fmt.Sprintf("corpora: embedded laws: %v", defaultErr))
	}
	return defaultCorpus
}

func parseEmbedded() (*Corpus, error) {
	start := time.Now()
	coreOnce.Do(func() { coreCorpus, coreErr = parseCore() })
	if coreErr != nil {
		return nil, coreErr
	}
	c := coreCorpus.clone()
	// The national pack: every 法律, 行政法规, 部门规章 and 司法解释 of the
	// snapshot; a core text of the same name keeps precedence.
	pack, err := LoadPack(PackNational)
	if err != nil {
		return nil, err
	}
	c.addPack(pack)
	c.reindex()
	c.ParseTime = time.Since(start)
	return c, nil
}

func parseCore() (*Corpus, error) {
	start := time.Now()
	meta, err := loadLawMeta()
	if err != nil {
		return nil, err
	}
	revs, err := loadRevisions()
	if err != nil {
		return nil, err
	}
	entries, err := fs.ReadDir(FS, "laws")
	if err != nil {
		return nil, fmt.Errorf("reading embedded laws: %w", err)
	}
	// Files are parsed in parallel: normalisation (OpenCC) dominates and
	// every file is independent.
	var names []string
	for _, e := range entries {
		if isLawFile(e.Name()) {
			names = append(names, e.Name())
		}
	}
	laws := make([]*Law, len(names))
	errs := make([]error, len(names))
	var wg sync.WaitGroup
	next := make(chan int)
	for w := 0; w < runtime.GOMAXPROCS(0); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				data, err := FS.ReadFile("laws/" + names[i])
				if err != nil {
					errs[i] = fmt.Errorf("reading %s: %w", names[i], err)
					continue
				}
				laws[i], errs[i] = ParseLaw(names[i], data)
			}
		}()
	}
	for i := range names {
		next <- i
	}
	close(next)
	wg.Wait()
	c := &Corpus{revs: revs}
	for i, l := range laws {
		if errs[i] != nil {
			return nil, errs[i]
		}
		l.Origin = OriginCore
		meta.apply(l)
		l.setVersion(revs)
		c.all = append(c.all, l)
	}
	c.reindex()
	c.ParseTime = time.Since(start)
	return c, nil
}

// isLawFile tells law texts from SOURCES.md and other notes in a laws folder.
func isLawFile(name string) bool {
	return strings.HasSuffix(name, ".md") && !strings.EqualFold(name, "SOURCES.md") && !strings.HasPrefix(name, ".")
}

// Load returns the embedded laws plus every law file in dataDir/laws (added
// with `zhifa ingest --laws`) and the provinces' packs dataDir/packs lists
// (`zhifa ingest --pack`). The embedded corpus itself is not modified.
func Load(dataDir string) (*Corpus, error) {
	return LoadOn(Default(), dataDir)
}

// LoadOn is Load over another base corpus (Core, for a quick index in tests).
// The provinces' packs listed in dataDir/packs (zhifa ingest --pack) come
// after dataDir/laws: a law ingested there keeps precedence.
func LoadOn(base *Corpus, dataDir string) (*Corpus, error) {
	packs, err := DataPacks(dataDir)
	if err != nil {
		return nil, err
	}
	return loadOn(base, dataDir, packs)
}

// LoadLawsOn is LoadOn without the provinces' packs: base and dataDir/laws.
func LoadLawsOn(base *Corpus, dataDir string) (*Corpus, error) {
	return loadOn(base, dataDir, nil)
}

func loadOn(base *Corpus, dataDir string, packs []string) (*Corpus, error) {
	dir := filepath.Join(dataDir, "laws")
	_, serr := os.Stat(dir)
	if (os.IsNotExist(serr) || dataDir == "") && len(packs) == 0 {
		return base, nil
	}
	c := base.clone()
	if serr == nil && dataDir != "" {
		if err := c.AddDir(dir); err != nil {
			return nil, err
		}
	}
	for _, p := range packs {
		laws, err := LoadPack(ProvincePack(p))
		if err != nil {
			return nil, err
		}
		c.addPack(laws)
	}
	c.reindex()
	return c, nil
}

// FromDir is a corpus of the law files in dir alone, without the embedded
// texts (small indexes in tests).
func FromDir(dir string) (*Corpus, error) {
	revs, err := loadRevisions()
	if err != nil {
		return nil, err
	}
	c := &Corpus{revs: revs}
	if err := c.AddDir(dir); err != nil {
		return nil, err
	}
	return c, nil
}

func (c *Corpus) clone() *Corpus {
	return &Corpus{all: append([]*Law(nil), c.all...), revs: c.revs, ParseTime: c.ParseTime}
}

// AddDir parses every *.md law file in dir and adds it to the corpus. A file
// is another version of a law already present when it has the same official
// name; one with the same in-force date replaces that version (a corrected
// text). Any malformed file fails the whole call.
func (c *Corpus) AddDir(dir string) error {
	laws, err := ParseDir(dir)
	if err != nil {
		return err
	}
	for _, l := range laws {
		l.setVersion(c.revs)
		l.CurrentTo = ingestedCurrentTo(dir, l)
		replaced := false
		for i, old := range c.all {
			if old.Name == l.Name && old.InForce == l.InForce {
				c.all[i] = l
				replaced = true
				break
			}
		}
		if !replaced {
			c.all = append(c.all, l)
		}
	}
	c.reindex()
	return nil
}

// ParseDir parses every *.md law file in dir (SOURCES.md excluded), in name order.
func ParseDir(dir string) ([]*Law, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("reading law directory: %w", err)
	}
	var laws []*Law
	for _, e := range entries {
		if e.IsDir() || !isLawFile(e.Name()) {
			continue
		}
		path := filepath.Join(dir, e.Name())
		data, err := os.ReadFile(path)
		if err != nil {
			return nil, fmt.Errorf("reading %s: %w", path, err)
		}
		law, err := ParseLaw(path, data)
		if err != nil {
			return nil, err
		}
		law.File = e.Name()
		law.Origin = OriginData
		laws = append(laws, law)
	}
	return laws, nil
}

// reindex rebuilds the name lookup. Official names always win; a short name
// shared by two laws is dropped rather than guessed.
func (c *Corpus) reindex() {
	sort.SliceStable(c.all, func(i, j int) bool { return c.all[i].File < c.all[j].File })
	c.groupVersions(time.Now().UTC().Format("2006-01-02"))
	c.views = views{}
	c.byName = make(map[string]*Law, len(c.laws)*3)
	for _, l := range c.laws {
		c.byName[nameKey(l.Name)] = l
	}
	short := map[string][]*Law{}
	for _, l := range c.laws {
		for _, s := range l.ShortNames {
			k := nameKey(s)
			if _, full := c.byName[k]; full {
				continue
			}
			short[k] = append(short[k], l)
		}
	}
	for k, ls := range short {
		if len(ls) == 1 || allSame(ls) {
			c.byName[k] = ls[0]
		} else if l := onlyNotPack(ls); l != nil {
			// a core or ingested text keeps the short name it had before the pack
			c.byName[k] = l
		}
	}
	// every version answers to the names of the current one
	for _, l := range c.all {
		if cur := c.Law(l.Name); cur != nil && cur != l {
			for _, s := range l.ShortNames {
				if _, ok := c.byName[nameKey(s)]; !ok {
					c.byName[nameKey(s)] = cur
				}
			}
		}
	}
}

// onlyNotPack is the one law of ls that is not from the pack, or nil.
func onlyNotPack(ls []*Law) *Law {
	var out *Law
	for _, l := range ls {
		if l.Origin != OriginPack {
			if out != nil && out != l {
				return nil
			}
			out = l
		}
	}
	return out
}

func allSame(ls []*Law) bool {
	for _, l := range ls[1:] {
		if l != ls[0] {
			return false
		}
	}
	return true
}

// nameKey is the lookup form of a law name: normalised, without 《》 or spaces.
func nameKey(s string) string {
	s = nlp.Normalize(s)
	s = strings.NewReplacer("《", "", "》", "", " ", "", "\t", "", "<", "", ">", "").Replace(s)
	return strings.TrimSpace(s)
}

// Laws returns every law, ordered by file name.
func (c *Corpus) Laws() []*Law { return c.laws }

// Law finds a law by its official or short name, with or without 《》, in any
// form that normalises to it (traditional characters, full-width digits).
func (c *Corpus) Law(name string) *Law {
	k := nameKey(name)
	if k == "" {
		return nil
	}
	if l, ok := c.byName[k]; ok {
		return l
	}
	if l, ok := c.byName[strings.TrimPrefix(k, "中华人民共和国")]; ok {
		return l
	}
	// 《行政处罚法（2021年修订）》: a version note after the name.
	if m := versionNoteRe.FindStringIndex(k); m != nil && m[0] > 0 {
		return c.Law(k[:m[0]])
	}
	return nil
}

var versionNoteRe = regexp.MustCompile(`[（(][^（()）]*\d{4}[^（()）]*[)）]$`)

// Article returns article number (+ suffix such as 之一) of the named law, or nil.
func (c *Corpus) Article(law string, number int, suffix string) *Article {
	l := c.Law(law)
	if l == nil {
		return nil
	}
	return l.Article(number, suffix)
}

// Article returns the law's article number (+ suffix), or nil.
func (l *Law) Article(number int, suffix string) *Article {
	i := sort.Search(len(l.Articles), func(i int) bool {
		a := l.Articles[i]
		return a.Number > number || (a.Number == number && suffixRank(a.Suffix) >= suffixRank(suffix))
	})
	if i < len(l.Articles) && l.Articles[i].Number == number && l.Articles[i].Suffix == suffix {
		return l.Articles[i]
	}
	return nil
}

// ShortName is the name the law is usually cited by (the first short name, or the official name).
func (l *Law) ShortName() string {
	if len(l.ShortNames) > 0 {
		return l.ShortNames[0]
	}
	return l.Name
}
