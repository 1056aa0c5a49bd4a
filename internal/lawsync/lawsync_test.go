package lawsync

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"zhifa/records"
)

// Files published from one data directory are pulled into another with
// their text and time; a second pull writes nothing; a changed file is
// published again and pulled again; a bad name in the records is refused.
func TestPublishPull(t *testing.T) {
	t.Setenv("ZHIFA_DATABASE_URL", "")
	ctx := context.Background()
	db := "sqlite:" + filepath.Join(t.TempDir(), "shared.db")
	a, b := t.TempDir(), t.TempDir()
	st, err := records.OpenURL(ctx, db, a)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	laws := filepath.Join(a, "laws")
	os.MkdirAll(laws, 0o750)
	when := time.Date(2026, 3, 1, 8, 0, 0, 0, time.UTC)
	write := func(text string) {
		p := filepath.Join(laws, "x.md")
		if err := os.WriteFile(p, []byte(text), 0o640); err != nil {
			t.Fatal(err)
		}
		os.Chtimes(p, when, when)
	}
	write("# 合成条例\n")
	os.WriteFile(filepath.Join(laws, "notes.txt"), []byte("not a law"), 0o640)
	if n, err := Publish(ctx, st, "ingest", a); err != nil || n != 1 {
		t.Fatalf("publish: %d %v", n, err)
	}
	if n, _ := Publish(ctx, st, "ingest", a); n != 0 {
		t.Errorf("publishing the same files again wrote %d", n)
	}
	if changed, err := Pull(ctx, st, b); err != nil || !changed {
		t.Fatalf("pull: %v %v", changed, err)
	}
	got, _ := os.ReadFile(filepath.Join(b, "laws", "x.md"))
	info, _ := os.Stat(filepath.Join(b, "laws", "x.md"))
	if string(got) != "# 合成条例\n" || info == nil || !info.ModTime().Equal(when) {
		t.Errorf("pulled %q at %v", got, info)
	}
	if _, err := os.Stat(filepath.Join(b, "laws", "notes.txt")); err == nil {
		t.Error("a file that is no law file was published")
	}
	if changed, _ := Pull(ctx, st, b); changed {
		t.Error("a second pull wrote again")
	}
	write("# 合成条例（修正）\n")
	if n, _ := Publish(ctx, st, "ingest", a); n != 1 {
		t.Errorf("a changed file: published %d", n)
	}
	if changed, _ := Pull(ctx, st, b); !changed {
		t.Error("the changed file was not pulled")
	}
	if err := st.PutObjects(ctx, "x", records.ObjectWrite{Kind: Kind, ID: "evil", Value: File{Name: "../evil.md", SHA256: sum([]byte("x")), Text: "x"}}); err != nil {
		t.Fatal(err)
	}
	if _, err := Pull(ctx, st, b); err == nil {
		t.Error("a path in the records was pulled")
	}
	if _, err := os.Stat(filepath.Join(b, "evil.md")); err == nil {
		t.Error("wrote outside DATA/laws")
	}
}
