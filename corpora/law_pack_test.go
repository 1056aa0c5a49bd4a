package corpora

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

var packNames = []string{PackNational, PackGuiding, "beijing", "shanghai", "zhejiang", "shandong", "henan", "guangdong", "chongqing"}

// Every text of every archive parses, and its clean mark (loading skips the
// t2s conversion) is true only when that gives the same law.
func TestPackFiles(t *testing.T) {
	for _, name := range packNames {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			checkPackFiles(t, name)
		})
	}
}

func checkPackFiles(t *testing.T, name string) {
	{
		files, err := ReadPack(name)
		if err != nil {
			t.Fatal(err)
		}
		if len(files) == 0 {
			t.Fatalf("%s: empty", name)
		}
		for _, f := range files {
			if strings.HasSuffix(f.Path, "/_index.md") || strings.HasSuffix(f.Path, "SOURCES.md") {
				t.Errorf("%s: %s is a folder listing, not a text", name, f.Path)
			}
			if name == PackGuiding {
				if f.Clean {
					t.Errorf("%s: marked clean", f.Path)
				}
				continue
			}
			_, clean, err := ParsePackFile(f.Path, f.Data)
			if err != nil {
				t.Errorf("%s: %v", name, err)
				continue
			}
			if f.Clean && !clean {
				t.Errorf("%s: marked clean, but the t2s conversion changes its law", f.Path)
			}
		}
	}
}

// The archives hold the pack verbatim: every .md text of the source except the
// _index.md folder listings, byte for byte, or it is listed in skipped.tsv;
// the counts by folder are those of lawpack/SOURCES.md.
func TestPackMatchesSource(t *testing.T) {
	src := "../../shared/corpora/lawpack"
	if _, err := os.Stat(src); err != nil {
		t.Skip("no source copy of the pack at", src)
	}
	held := map[string][]byte{}
	for _, name := range packNames {
		files, err := ReadPack(name)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range files {
			held[f.Path] = f.Data
		}
	}
	skippedData, err := fs.ReadFile(PackFS, "lawpack/skipped.tsv")
	if err != nil {
		t.Fatal(err)
	}
	skipped := map[string]bool{}
	for _, line := range strings.Split(strings.TrimSpace(string(skippedData)), "\n")[1:] {
		p, _, _ := strings.Cut(line, "\t")
		skipped[p] = true
	}
	counts := map[string]int{}
	indexes := 0
	err = filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".md") || d.Name() == "SOURCES.md" {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		rel = filepath.ToSlash(rel)
		if d.Name() == "_index.md" {
			indexes++
			if held[rel] != nil {
				t.Errorf("%s held as a text", rel)
			}
			return nil
		}
		level, _, _ := packPlace(rel)
		counts[level]++
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		switch {
		case skipped[rel]:
			if held[rel] != nil {
				t.Errorf("%s both held and skipped", rel)
			}
		case held[rel] == nil:
			t.Errorf("%s missing from the archives (run go run ./corpora/lawpack/gen)", rel)
		case !bytes.Equal(held[rel], data):
			t.Errorf("%s differs from the source", rel)
		}
		delete(held, rel)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for p := range held {
		t.Errorf("%s held but not in the source", p)
	}
	want := map[string]int{LevelLaw: 361, LevelAdminReg: 683, LevelDeptRule: 29, LevelJudicial: 439, LevelGuidingCase: 52, LevelLocalReg: 1911}
	for lv, n := range want {
		if counts[lv] != n {
			t.Errorf("%s: %d texts in the source, SOURCES.md says %d", lv, counts[lv], n)
		}
	}
	if indexes != 27 {
		t.Errorf("%d _index.md files, SOURCES.md says 27", indexes)
	}
}

// The national pack is in the default corpus, the core texts keep precedence,
// and every pack law has its level and the snapshot date.
func TestPackLaws(t *testing.T) {
	c := Default()
	byOrigin := map[string]int{}
	for _, l := range c.AllVersions() {
		byOrigin[l.Origin]++
		if l.Origin != OriginPack {
			continue
		}
		if l.Level == "" || l.Level == LevelLocalReg || l.Level == LevelGuidingCase {
			t.Errorf("%s: level %q in the national pack", l.File, l.Level)
		}
		if l.CurrentTo != PackSnapshot {
			t.Errorf("%s: current_to %q", l.File, l.CurrentTo)
		}
	}
	if byOrigin[OriginCore] != 95 || byOrigin[OriginPack] < 1300 {
		t.Errorf("origins %v", byOrigin)
	}
	tests := []struct{ name, origin, level, issuer string }{
		{"行政处罚法", OriginCore, LevelLaw, "全国人民代表大会"},
		{"食品安全法", OriginCore, LevelLaw, "全国人大常委会"},
		{"安全生产许可证条例", OriginPack, LevelAdminReg, "国务院"},
		{"中华人民共和国政府信息公开条例", OriginCore, LevelAdminReg, "国务院"},
		{"道路交通安全违法行为处理程序规定", OriginPack, LevelDeptRule, "公安部"},
		{"中华人民共和国人民警察法", OriginPack, LevelLaw, "全国人大常委会"},
		{"体育法", OriginPack, LevelLaw, "全国人大常委会"},
	}
	for _, tt := range tests {
		l := c.Law(tt.name)
		if l == nil {
			t.Errorf("%s not found", tt.name)
			continue
		}
		if l.Origin != tt.origin || l.Level != tt.level || l.Issuer != tt.issuer {
			t.Errorf("%s: origin %s level %s issuer %s, want %s %s %s", tt.name, l.Origin, l.Level, l.Issuer, tt.origin, tt.level, tt.issuer)
		}
	}
	if r, err := c.Cite("《安全生产许可证条例》第十九条"); err != nil || !r.Valid || !strings.Contains(r.Text, "未取得安全生产许可证") {
		t.Errorf("cite a pack article: %+v %v", r, err)
	}
}

// A province's pack adds its local regulations only to the corpus it is added to.
func TestAddPack(t *testing.T) {
	c := Default().clone()
	if err := c.AddPack("浙江"); err != nil {
		t.Fatal(err)
	}
	c.reindex()
	n := 0
	for _, l := range c.Laws() {
		if l.Province == "浙江" && l.Origin == OriginPack {
			n++
			if l.Level != LevelLocalReg {
				t.Errorf("%s: level %s", l.File, l.Level)
			}
		}
	}
	if n < 300 {
		t.Errorf("%d 浙江 laws", n)
	}
	if Default().Law("浙江省安全生产条例") != nil {
		t.Error("the province's pack leaked into the default corpus")
	}
	if c.Law("浙江省安全生产条例") == nil {
		t.Error("浙江省安全生产条例 not found after AddPack")
	}
	if err := c.AddPack("西藏"); err == nil {
		t.Error("AddPack(西藏): no error")
	}
}

var sessionRe = regexp.MustCompile(`第[一二三四五六七八九十]+届全国人民代表大会常务委员会第[一二三四五六七八九十]+次会议`)

// Each line of laws/revisions.tsv adopted before the pack's snapshot is
// confirmed by the header of the pack's text of that law: a line with the
// adoption date, the session the source names and the kind. A line adopted
// after the snapshot cannot be: the pack's texts must all predate it.
func TestRevisionsAgainstPack(t *testing.T) {
	files, err := ReadPack(PackNational)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range Default().Revisions() {
		where := fmt.Sprintf("laws/revisions.tsv:%d", r.Line)
		adopted, _ := time.Parse("2006-01-02", r.Adopted)
		day := adopted.Format("2006年1月2日")
		session := sessionRe.FindString(r.Source)
		if session == "" {
			t.Errorf("%s: the source names no session of the Standing Committee: %s", where, r.Source)
		}
		seen := 0
		for _, f := range files {
			title, rest, _ := strings.Cut(string(f.Data), "\n")
			if strings.TrimSpace(strings.TrimPrefix(title, "# ")) != r.Law {
				continue
			}
			header, _, _ := strings.Cut(rest, infoEnd)
			// a header line wrapped in the source continues on the next line
			header = strings.ReplaceAll(strings.ReplaceAll(header, "\n\n〈", "〈"), "\n〈", "〈")
			seen++
			found := false
			for _, line := range strings.Split(header, "\n") {
				if strings.HasPrefix(line, day) {
					found = strings.Contains(line, session) && strings.Contains(line, r.Kind)
					if !found {
						t.Errorf("%s: %s has the line %q, not naming %s and %s", where, f.Path, line, session, r.Kind)
					}
				}
			}
			switch {
			case r.Adopted <= PackSnapshot && !found:
				t.Errorf("%s: the header of %s has no line of %s", where, f.Path, day)
			case r.Adopted > PackSnapshot && found:
				t.Errorf("%s: adopted after the snapshot, yet %s has it", where, f.Path)
			}
		}
		if seen == 0 {
			t.Errorf("%s: no text of %s in the pack", where, r.Law)
		}
		if r.Adopted > PackSnapshot && len(Default().LaterRevisions(Default().Law(r.Law))) == 0 {
			t.Errorf("%s: not listed as a later revision", where)
		}
	}
}

// zhifa ingest --pack: the list in DATA/packs, loaded by Load after DATA/laws.
func TestIngestPacks(t *testing.T) {
	data := t.TempDir()
	got, err := IngestPacks(data, []string{"浙江省"})
	if err != nil || strings.Join(got, ",") != "浙江" {
		t.Fatalf("IngestPacks(浙江省) = %v, %v", got, err)
	}
	c, err := Load(data)
	if err != nil {
		t.Fatal(err)
	}
	l := c.Law("浙江省安全生产条例")
	if l == nil || l.Province != "浙江" || l.Level != LevelLocalReg || l.Origin != OriginPack || l.CurrentTo != PackSnapshot {
		t.Fatalf("浙江省安全生产条例 after ingest: %+v", l)
	}
	if c.Law("广东省乡村振兴促进条例") != nil {
		t.Error("广东 loaded without being ingested")
	}
	if _, err := IngestPacks(data, []string{"西藏"}); err == nil || !strings.Contains(err.Error(), "西藏") {
		t.Errorf("IngestPacks(西藏): %v", err)
	}
	got, err = IngestPacks(data, []string{"all"})
	if err != nil || strings.Join(got, ",") != strings.Join(Provinces, ",") {
		t.Errorf("IngestPacks(all) = %v, %v", got, err)
	}
	if ps, err := DataPacks(data); err != nil || len(ps) != 7 {
		t.Errorf("DataPacks = %v, %v", ps, err)
	}
	if err := os.WriteFile(filepath.Join(data, packsFile), []byte("火星\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Load(data); err == nil || !strings.Contains(err.Error(), "packs:1") {
		t.Errorf("Load with a bad packs list: %v", err)
	}
}

func TestGuidingCases(t *testing.T) {
	cs, err := GuidingCases()
	if err != nil {
		t.Fatal(err)
	}
	if len(cs) != 52 {
		t.Errorf("%d guiding cases, SOURCES.md says 52", len(cs))
	}
	ids := map[string]bool{}
	for _, c := range cs {
		if ids[c.ID] {
			t.Errorf("%s: id %s twice", c.Path, c.ID)
		}
		ids[c.ID] = true
		if c.Title == "" || c.Holding == "" || len([]rune(c.Text)) < 200 {
			t.Errorf("%s: title %q holding %q text %d", c.Path, c.Title, c.Holding, len(c.Text))
		}
	}
	for _, c := range cs {
		if strings.HasSuffix(c.Path, "张莉诉北京合力华通汽车服务有限公司买卖合同纠纷案.md") {
			if c.Title != "张莉诉北京合力华通汽车服务有限公司买卖合同纠纷案" || strings.Join(c.Keywords, ",") != "民事,买卖合同,欺诈,家用汽车" ||
				!strings.Contains(c.Text, "裁判要点") || strings.Contains(c.Text, "FORCE BREAK") {
				t.Errorf("张莉 case: %+v", c)
			}
			return
		}
	}
	t.Error("张莉 case not found")
}
