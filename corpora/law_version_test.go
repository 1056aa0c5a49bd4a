package corpora

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const jyjc = "上海市检验检测条例"

// The real pair of 上海市检验检测条例 (2016 text and the 2024-12-31 amendment,
// testdata/versions/SOURCES.md) and a synthetic later version resolve by date.
func TestVersionsByDate(t *testing.T) {
	c, err := Load("testdata/versions")
	if err != nil {
		t.Fatal(err)
	}
	vs := c.Versions(jyjc)
	var got []string
	for _, v := range vs {
		got = append(got, v.InForce+".."+v.Until)
	}
	if want := "2017-01-01..2024-12-31 2024-12-31..2025-07-01 2025-07-01.."; strings.Join(got, " ") != want {
		t.Fatalf("versions of %s = %v, want %s", jyjc, got, want)
	}
	for _, tt := range []struct {
		date     string
		inForce  string
		revoke   bool // 第四十三条 of the 2024 text adds 吊销其资质许可证
		warnWord string
	}{
		{"2024-06-01", "2017-01-01", false, ""},
		{"2024-12-30", "2017-01-01", false, ""},
		{"2024-12-31", "2024-12-31", true, ""},
		{"2025-03-01", "2024-12-31", true, ""},
		{"2016-12-01", "2017-01-01", false, "not in force"},
		{"", "2025-07-01", true, ""}, // today: the latest
	} {
		r, err := c.CiteAt("《上海市检验检测条例》第四十三条", tt.date)
		if err != nil {
			t.Errorf("%s: %v", tt.date, err)
			continue
		}
		if r.InForce != tt.inForce || strings.Contains(r.Text, "吊销其资质许可证") != tt.revoke {
			t.Errorf("%s: read the version in force %s (revocation %v), want %s (%v)", tt.date, r.InForce, strings.Contains(r.Text, "吊销"), tt.inForce, tt.revoke)
		}
		if (tt.warnWord == "") != (r.VersionWarning == nil) || r.VersionWarning != nil && !strings.Contains(r.VersionWarning.Message, tt.warnWord) {
			t.Errorf("%s: version warning %+v, want %q", tt.date, r.VersionWarning, tt.warnWord)
		}
	}
	// the same through a text's citations
	rs := c.ResolveTextAt("违反《上海市检验检测条例》第四十四条的规定", "2025-08-01")
	if len(rs) != 1 || !strings.Contains(rs[0].Text, "五千元以上五万元以下") || rs[0].InForce != "2025-07-01" {
		t.Errorf("ResolveTextAt(2025-08-01) = %+v", rs)
	}
}

// An act of 2018 cited against 土地管理法 第七十六条: only the text of the 2019
// amendment (in force 2020-01-01) is held, so the answer says the number or
// text may have changed instead of applying today's article silently.
func TestVersionWarningLandManagement(t *testing.T) {
	r, err := Default().CiteAt("《土地管理法》第七十六条", "2018-06-01")
	if err != nil {
		t.Fatal(err)
	}
	w := r.VersionWarning
	if w == nil || w.Revision != "2019-08-26" || w.Kind != "第三次修正" || w.InForce != "2020-01-01" ||
		!strings.Contains(w.Message, "may have changed") || !strings.Contains(w.Message, "2004-08-28") {
		t.Fatalf("version warning = %+v", w)
	}
	if r, _ := Default().CiteAt("《土地管理法》第七十六条", "2020-03-01"); r.VersionWarning != nil {
		t.Errorf("act after the amendment took effect: warning %+v", r.VersionWarning)
	}
	// without a date nothing is claimed about versions
	if r, _ := Default().Cite("《土地管理法》第七十六条"); r.VersionWarning != nil || r.CurrentTo != "2025-04-19" {
		t.Errorf("Cite without date: warning %+v, current to %q", r.VersionWarning, r.CurrentTo)
	}
}

// A revision adopted after the text held (revisions.tsv) makes a later act's
// citation warn: 治安管理处罚法 revised 2025-06-27, in force 2026-01-01.
func TestVersionWarningLaterRevision(t *testing.T) {
	c := Default()
	if r, _ := c.CiteAt("《治安管理处罚法》第二十三条", "2025-12-31"); r.VersionWarning != nil {
		t.Errorf("before the revision took effect: %+v", r.VersionWarning)
	}
	r, _ := c.CiteAt("《治安管理处罚法》第二十三条", "2026-02-01")
	if w := r.VersionWarning; w == nil || w.Revision != "2025-06-27" || w.InForce != "2026-01-01" || !strings.Contains(w.Message, "not loaded") {
		t.Errorf("after: %+v", r.VersionWarning)
	}
	l := c.Law("治安管理处罚法")
	if revs := c.LaterRevisions(l); len(revs) != 1 || revs[0].InForce != "2026-01-01" {
		t.Errorf("LaterRevisions = %+v", revs)
	}
}

func writeLaw(t *testing.T, dir, name, header, body string) {
	t.Helper()
	text := "# " + jyjc + "\n\n" + header + "\n<!-- INFO END -->\n\n" + body
	if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

// Ingest refuses a version whose dates are missing, contradictory or overlap
// another version's, naming the file and line; a good one becomes a version.
func TestIngestVersionDates(t *testing.T) {
	const body = "第一条 合成的测试条文（synthetic）。\n"
	for _, tt := range []struct {
		name, file, header, want string
	}{
		{"missing", "a.md", "", "a.md:4: no dated header line"},
		{"not a date", "a.md", "2016年2月30日 通过\n", "a.md:3: 2016年2月30日 is not a date"},
		{"back in time", "a.md", "2016年11月11日 通过\n\n2015年3月1日 修正\n", "a.md:5: 2015年3月1日 comes after 2016-11-11"},
		{"file name", "上海市检验检测条例(2023-01-01).md", "2016年11月11日 通过\n", "gives 2023-01-01, which no header line has"},
		{"overlap", "b.md", "2016年11月11日 通过\n\n2024年10月1日 修正\n\n2024年12月31日 施行\n", "overlaps 上海市检验检测条例(2024-12-31).md"},
		{"order", "b.md", "2016年11月11日 通过\n\n2024年12月1日 修正\n\n2025年1月10日 施行\n", "adopted before it but in force after it"},
	} {
		src, data := t.TempDir(), t.TempDir()
		if err := os.MkdirAll(filepath.Join(data, "laws"), 0o755); err != nil {
			t.Fatal(err)
		}
		for _, f := range []string{"上海市检验检测条例.md", "上海市检验检测条例(2024-12-31).md"} {
			b, err := os.ReadFile(filepath.Join("testdata/versions/laws", f))
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(data, "laws", f), b, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		writeLaw(t, src, tt.file, tt.header, body)
		_, err := IngestLaws(src, data)
		if err == nil || !strings.Contains(err.Error(), tt.want) || !strings.Contains(err.Error(), tt.file) {
			t.Errorf("%s: IngestLaws error = %v, want %q naming %s", tt.name, err, tt.want, tt.file)
		}
		if _, err := os.Stat(filepath.Join(data, "laws", tt.file)); err == nil {
			t.Errorf("%s: the refused file was installed", tt.name)
		}
	}
	// a later version with its dates joins the held ones
	src, data := t.TempDir(), t.TempDir()
	writeLaw(t, src, "later.md", "2016年11月11日 通过\n\n2026年3月1日 修正（synthetic）\n\n2026年5月1日 施行\n", body)
	if _, err := IngestLaws(src, data); err != nil {
		t.Fatal(err)
	}
	c, err := Load(data)
	if err != nil {
		t.Fatal(err)
	}
	if r, err := c.CiteAt("《上海市检验检测条例》第一条", "2026-06-01"); err != nil || r.InForce != "2026-05-01" {
		t.Errorf("ingested version: %+v, %v", r, err)
	}
}
