package caselib

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// eachBackend runs f on SQLite and, when ZHIFA_TEST_PG_URL is set, on
// PostgreSQL in a schema of its own.
func eachBackend(t *testing.T, f func(t *testing.T, dir string)) {
	t.Run("sqlite", func(t *testing.T) {
		t.Setenv("ZHIFA_CASELIB_DATABASE_URL", "")
		t.Setenv("ZHIFA_DATABASE_URL", "")
		f(t, t.TempDir())
	})
	pg := os.Getenv("ZHIFA_TEST_PG_URL")
	if pg == "" {
		return
	}
	db, err := sql.Open("pgx", pg)
	if err == nil {
		err = db.Ping()
	}
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("ZHIFA_TEST_PG_URL unreachable in CI: %v", err)
		}
		t.Logf("PostgreSQL unreachable, skipping it: %v", err)
		return
	}
	defer db.Close()
	t.Run("postgres", func(t *testing.T) {
		var b [6]byte
		_, _ = rand.Read(b[:])
		schema := "caselib_test_" + hex.EncodeToString(b[:])
		if _, err := db.Exec(`CREATE SCHEMA ` + schema); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { db.Exec(`DROP SCHEMA ` + schema + ` CASCADE`) })
		sep := "?"
		if strings.Contains(pg, "?") {
			sep = "&"
		}
		t.Setenv("ZHIFA_CASELIB_DATABASE_URL", pg+sep+"search_path="+schema)
		f(t, t.TempDir())
	})
}

func mustOpen(t *testing.T, dir string) *Library {
	t.Helper()
	l, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { l.Close() })
	return l
}

// Synthetic cases.
const synthLib = `{"id":"s1","title":"甲超市销售过期食品案（合成）","text":"经查，当事人张三在货架上销售超过保质期的酸奶。","fine":5000,"tags":["过期食品"]}
{"id":"s2","title":"乙店无证经营案（合成）","text":"经查，当事人未取得许可从事经营。","fine":20000}
`

func TestJSONLMigratedOnFirstOpen(t *testing.T) {
	eachBackend(t, func(t *testing.T, dir string) {
		os.MkdirAll(filepath.Join(dir, "caselib"), 0o750)
		old := `{"id":"m1","collection":"旧库","title":"旧案（合成）","text":"经查，当事人销售假冒商品。","fine":1000,"tags":["假冒"],"exemplary":true,"terms":["销售","假冒"]}` + "\n"
		if err := os.WriteFile(filepath.Join(dir, "caselib", "cases.jsonl"), []byte(old), 0o600); err != nil {
			t.Fatal(err)
		}
		l := mustOpen(t, dir)
		c := l.Get("m1")
		if c == nil || c.Collection != "旧库" || *c.Fine != 1000 || !c.Exemplary || len(c.Tags) != 1 || strings.Join(l.TermsOf(c), " ") != "销售 假冒" {
			t.Fatalf("migrated case: %+v", c)
		}
		if _, err := os.Stat(filepath.Join(dir, "caselib", "cases.jsonl")); !os.IsNotExist(err) {
			t.Fatalf("cases.jsonl not renamed: %v", err)
		}
		again := mustOpen(t, dir)
		if again.Len() != 1 {
			t.Fatalf("reopen: %d cases", again.Len())
		}
	})
}

func TestCuration(t *testing.T) {
	eachBackend(t, func(t *testing.T, dir string) {
		ctx := context.Background()
		l := mustOpen(t, dir)
		if _, err := l.ImportJSONL(strings.NewReader(synthLib), "培训", nil); err != nil {
			t.Fatal(err)
		}
		l.Analyse()
		if err := l.Save(); err != nil {
			t.Fatal(err)
		}
		// tags
		tags, err := l.AddTags(ctx, "s1", "食品", "过期食品")
		if err != nil || strings.Join(tags, ",") != "过期食品,食品" {
			t.Fatalf("add tags: %v %v", tags, err)
		}
		if tags, err = l.RemoveTags(ctx, "s1", "过期食品"); err != nil || strings.Join(tags, ",") != "食品" {
			t.Fatalf("remove tags: %v %v", tags, err)
		}
		var nf *NotFoundError
		if _, err := l.AddTags(ctx, "nope", "x"); !errors.As(err, &nf) {
			t.Fatalf("unknown case: %v", err)
		}
		var fe *FieldError
		if _, err := l.AddTags(ctx, "s1", " "); !errors.As(err, &fe) || fe.Field != "tags" {
			t.Fatalf("empty tag: %v", err)
		}
		// re-import keeps curation
		if _, err := l.ImportJSONL(strings.NewReader(synthLib), "培训", nil); err != nil {
			t.Fatal(err)
		}
		if err := l.Save(); err != nil {
			t.Fatal(err)
		}
		if c, err := l.Case(ctx, "s1"); err != nil || strings.Join(c.Tags, ",") != "过期食品,食品" {
			t.Fatalf("after re-import: %+v %v", c, err)
		}
		// annotations
		a, err := l.Annotate(ctx, "s1", Annotation{Author: "王教员", Role: "trainer", Text: "注意保质期的认定。", Quote: "超过保质期的酸奶"})
		if err != nil || a.ID == "" {
			t.Fatalf("annotate: %+v %v", a, err)
		}
		for _, tc := range []struct {
			a     Annotation
			field string
		}{
			{Annotation{Author: "王", Role: "judge", Text: "x"}, "role"},
			{Annotation{Author: "王", Role: "trainer", Text: " "}, "text"},
			{Annotation{Role: "trainer", Text: "x"}, "author"},
			{Annotation{Author: "王", Role: "trainer", Text: "x", Quote: "不在文中"}, "quote"},
		} {
			if _, err := l.Annotate(ctx, "s1", tc.a); !errors.As(err, &fe) || fe.Field != tc.field {
				t.Errorf("%+v: %v, want field %s", tc.a, err, tc.field)
			}
		}
		// exemplary
		if _, err := l.SetExemplary(ctx, "s2", true, "李审核", "程序规范，说理充分"); err != nil {
			t.Fatal(err)
		}
		if _, err := l.SetExemplary(ctx, "s2", true, "", "x"); !errors.As(err, &fe) || fe.Field != "by" {
			t.Fatalf("no by: %v", err)
		}
		yes := true
		cs, total, err := l.Find(ctx, Query{Exemplary: &yes})
		if err != nil || total != 1 || cs[0].ID != "s2" || !cs[0].Exemplary {
			t.Fatalf("find exemplary: %v %d %v", cs, total, err)
		}
		cs, total, err = l.Find(ctx, Query{Collection: "培训", Tag: "食品", Q: "酸奶", Limit: 10})
		if err != nil || total != 1 || cs[0].ID != "s1" {
			t.Fatalf("find: %v %d %v", cs, total, err)
		}
		if cs, total, _ = l.Find(ctx, Query{Limit: 1, Offset: 1}); total != 2 || len(cs) != 1 || cs[0].ID != "s2" {
			t.Fatalf("page: %v %d", cs, total)
		}
		if _, err := l.SetExemplary(ctx, "s2", false, "李审核", "撤销"); err != nil {
			t.Fatal(err)
		}
		colls, err := l.Collections(ctx)
		if err != nil || len(colls) != 1 || colls[0] != (CollectionCount{Name: "培训", Cases: 2}) {
			t.Fatalf("collections: %+v %v", colls, err)
		}
		// threads
		th, err := l.NewThread(ctx, "s1", "保质期如何认定？", "赵队员", "officer", "请教：标签模糊时怎么认定？")
		if err != nil {
			t.Fatal(err)
		}
		if _, err := l.Comment(ctx, th.ID, "钱审核", "reviewer", "以生产日期和标注保质期计算。"); err != nil {
			t.Fatal(err)
		}
		if _, err := l.Comment(ctx, th.ID, "钱审核", "boss", "x"); !errors.As(err, &fe) || fe.Field != "role" {
			t.Fatalf("bad role: %v", err)
		}
		if _, err := l.Comment(ctx, "t-nope", "钱审核", "reviewer", "x"); !errors.As(err, &nf) {
			t.Fatalf("unknown thread: %v", err)
		}
		got, err := l.Thread(ctx, th.ID)
		if err != nil || len(got.Comments) != 2 || got.Comments[0].Role != "officer" || got.Comments[1].Role != "reviewer" {
			t.Fatalf("thread: %+v %v", got, err)
		}
		d, err := l.Detail(ctx, "s1")
		if err != nil || len(d.Annotations) != 1 || len(d.Threads) != 1 || d.ExemplaryMark != nil {
			t.Fatalf("detail: %+v %v", d, err)
		}
	})
}

// Concurrent writers through separate handles lose nothing.
func TestConcurrentCuration(t *testing.T) {
	eachBackend(t, func(t *testing.T, dir string) {
		ctx := context.Background()
		l := mustOpen(t, dir)
		if _, err := l.ImportJSONL(strings.NewReader(synthLib), "c", nil); err != nil {
			t.Fatal(err)
		}
		if err := l.Save(); err != nil {
			t.Fatal(err)
		}
		var wg sync.WaitGroup
		errs := make(chan error, 40)
		for i := 0; i < 20; i++ {
			wg.Add(1)
			go func(i int) {
				defer wg.Done()
				w, err := OpenWriter(dir)
				if err != nil {
					errs <- err
					return
				}
				defer w.Close()
				if _, err := w.AddTags(ctx, "s2", fmt.Sprintf("t%02d", i)); err != nil {
					errs <- err
				}
				if _, err := w.Annotate(ctx, "s2", Annotation{Author: fmt.Sprint("a", i), Role: "trainer", Text: "note"}); err != nil {
					errs <- err
				}
			}(i)
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			t.Fatal(err)
		}
		c, _ := l.Case(ctx, "s2")
		as, _ := l.Annotations(ctx, "s2")
		if len(c.Tags) != 20 || len(as) != 20 {
			t.Fatalf("lost updates: %d tags, %d annotations", len(c.Tags), len(as))
		}
	})
}

// Fields without a column of their own (the recognised structure) survive a
// save and reopen; a masked case shows them masked.
func TestCaseFieldsRoundTrip(t *testing.T) {
	eachBackend(t, func(t *testing.T, dir string) {
		l := mustOpen(t, dir)
		fine := 3000.0
		l.Put(&Case{ID: "r1", Collection: "c", Title: "合成案", Text: "当事人张三，销售过期食品。", Fine: &fine, Masked: true,
			Structure: &Structure{Party: "当事人张三", Basis: "《食品安全法》第一百二十四条", Fine: &fine}, Terms: []string{"过期"}})
		if err := l.Save(); err != nil {
			t.Fatal(err)
		}
		l2 := mustOpen(t, dir)
		c := l2.Get("r1")
		if c == nil || c.Structure == nil || c.Structure.Basis != "《食品安全法》第一百二十四条" || *c.Structure.Fine != 3000 || c.Text != "当事人张三，销售过期食品。" || strings.Join(l2.TermsOf(c), " ") != "过期" {
			t.Fatalf("round trip: %+v", c)
		}
		p := c.Public()
		if strings.Contains(p.Text+p.Structure.Party, "张三") || c.Structure.Party != "当事人张三" {
			t.Fatalf("public: %+v %+v", p, p.Structure)
		}
	})
}

// Text no database stores (a NUL byte, invalid UTF-8) is refused with the
// field named, on both backends; in an import only that line is skipped.
func TestUnstorableText(t *testing.T) {
	eachBackend(t, func(t *testing.T, dir string) {
		ctx := context.Background()
		l := mustOpen(t, dir)
		in := "{\"id\":\"good1\",\"title\":\"合成\",\"text\":\"经查，当事人销售过期食品。\"}\n" +
			"{\"id\":\"bad1\",\"title\":\"合成\",\"text\":\"x\\u0000y\"}\n" +
			"{\"id\":\"bad2\",\"title\":\"合成\",\"text\":\"ok\",\"tags\":[\"a\\u0000\"]}\n"
		res, err := l.ImportJSONL(strings.NewReader(in), "c", nil)
		if err != nil || res.Imported != 1 || res.Skipped != 2 || !strings.Contains(res.Errors[0].Message, "text") || !strings.Contains(res.Errors[1].Message, "tags") {
			t.Fatalf("import: %+v %v", res, err)
		}
		if err := l.Save(); err != nil {
			t.Fatal(err)
		}
		if c, err := l.Case(ctx, "good1"); err != nil || c == nil {
			t.Fatalf("the good line was lost: %v", err)
		}
		var fe *FieldError
		if _, err := l.Annotate(ctx, "good1", Annotation{Author: "张某", Role: "trainer", Text: "注\x00释"}); !errors.As(err, &fe) || fe.Field != "text" {
			t.Errorf("annotation with NUL: %v", err)
		}
		if _, err := l.AddTags(ctx, "good1", "\xff"); !errors.As(err, &fe) || fe.Field != "tags" {
			t.Errorf("tag with invalid UTF-8: %v", err)
		}
		if _, err := l.NewThread(ctx, "good1", "题\x00目", "张某", "officer", ""); !errors.As(err, &fe) || fe.Field != "title" {
			t.Errorf("thread title with NUL: %v", err)
		}
	})
}
