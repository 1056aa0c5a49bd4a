package web

import (
	"context"
	"encoding/json"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"zhifa/caselib"
	"zhifa/corpora"
	"zhifa/internal/lawsync"
	"zhifa/records"
)

// twoNodes are two servers over one database (SQLite shared by file), each
// with its own data directory and indexes, as two `zhifa serve` would be.
func twoNodes(t *testing.T) (a, b *Server) {
	t.Helper()
	t.Setenv("ZHIFA_DATABASE_URL", "sqlite:"+filepath.Join(t.TempDir(), "shared.db"))
	t.Setenv("ZHIFA_CASELIB_DATABASE_URL", "")
	// the nodes share the chain's signing key, as README's several nodes do
	t.Setenv("ZHIFA_AUDIT_KEY_FILE", filepath.Join(t.TempDir(), "audit_ed25519.key"))
	a, b = New(Options{DataDir: t.TempDir()}), New(Options{DataDir: t.TempDir()})
	t.Cleanup(func() { a.Close(context.Background()); b.Close(context.Background()) })
	st, err := a.Records()
	if err != nil {
		t.Fatal(err)
	}
	if err := records.LoadDemo(context.Background(), st); err != nil {
		t.Fatal(err)
	}
	return a, b
}

func follow(t *testing.T, s *Server) {
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { s.FollowChanges(ctx, 20*time.Millisecond); close(done) }()
	t.Cleanup(func() { cancel(); <-done })
}

// portalIDs are the ids the portal search of s lists.
func portalIDs(t *testing.T, s *Server) []string {
	t.Helper()
	code, body := testAs(t, s, "", jsonReq("GET", "/api/v1/portal/search", ""))
	if code != 200 {
		t.Fatalf("portal search: %d %s", code, body)
	}
	var r struct{ Hits []struct{ ID string } }
	if err := json.Unmarshal(body, &r); err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, h := range r.Hits {
		ids = append(ids, h.ID)
	}
	return ids
}

// within polls f until it holds or 2 s pass.
func within(t *testing.T, what string, f func() bool) {
	t.Helper()
	start := time.Now()
	for time.Since(start) < 2*time.Second {
		if f() {
			t.Logf("%s after %v", what, time.Since(start).Round(time.Millisecond))
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Errorf("%s: not within 2 s", what)
}

// A disclosure published on one node is in the other node's portal search,
// and a withdrawal leaves it; a case imported into the library on one node
// is found by the other's similar-case lookup.
func TestChangesFollowed(t *testing.T) {
	a, b := twoNodes(t)
	follow(t, b)
	const id = "dis-demo-case-06"
	if slices.Contains(portalIDs(t, b), id) {
		t.Fatalf("%s public before it was published", id)
	}
	if code, body := testAs(t, a, "reviewer1", jsonReq("POST", "/api/v1/disclosures/"+id+"/publish", "")); code != 200 {
		t.Fatalf("publish on A: %d %s", code, body)
	}
	within(t, "publication on B", func() bool { return slices.Contains(portalIDs(t, b), id) })
	if code, body := testAs(t, a, "reviewer1", jsonReq("POST", "/api/v1/disclosures/"+id+"/withdraw", `{"ground":"revoked","reason":"经行政复议决定撤销（合成）"}`)); code != 200 {
		t.Fatalf("withdraw on A: %d %s", code, body)
	}
	within(t, "withdrawal on B", func() bool { return !slices.Contains(portalIDs(t, b), id) })

	facts := `{"facts":"当事人在示例县销售变质的腌制鸭脖（合成），货值一百二十元。"}`
	similar := func() string {
		code, body := testAs(t, b, "officer1", jsonReq("POST", "/api/v1/similar", facts))
		if code != 200 {
			t.Fatalf("similar on B: %d %s", code, body)
		}
		return string(body)
	}
	if strings.Contains(similar(), "syn-duck-1") {
		t.Fatal("the case is in the library before it was imported")
	}
	lw, err := caselib.OpenWriter(a.Opts.DataDir)
	if err != nil {
		t.Fatal(err)
	}
	defer lw.Close()
	if _, err := lw.ImportJSONL(strings.NewReader(`{"id":"syn-duck-1","title":"销售变质鸭脖案（合成）","text":"经查，当事人在示例县销售变质的腌制鸭脖，货值一百二十元。","fine":2000}`+"\n"), "", nil); err != nil {
		t.Fatal(err)
	}
	if err := lw.Save(); err != nil {
		t.Fatal(err)
	}
	within(t, "library import on B", func() bool { return strings.Contains(similar(), "syn-duck-1") })
}

// A node whose portal was searched before its follower started (a request
// reaching a node that has just come up) still gets what was published in
// between: the follower starts from the head its portal index was built at,
// not from the head when it started.
func TestChangesPortalBuiltBeforeFollowing(t *testing.T) {
	a, b := twoNodes(t)
	const id = "dis-demo-case-06"
	if slices.Contains(portalIDs(t, b), id) { // builds B's portal index
		t.Fatalf("%s public before it was published", id)
	}
	if code, body := testAs(t, a, "reviewer1", jsonReq("POST", "/api/v1/disclosures/"+id+"/publish", "")); code != 200 {
		t.Fatalf("publish on A: %d %s", code, body)
	}
	follow(t, b)
	within(t, "publication on B", func() bool { return slices.Contains(portalIDs(t, b), id) })
}

// A node that was down catches up from its cursor when it starts again; one
// whose index directory was lost rebuilds it from the store.
func TestChangesCatchUp(t *testing.T) {
	a, b := twoNodes(t)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { b.FollowChanges(ctx, 20*time.Millisecond); close(done) }()
	within(t, "B following", func() bool { h := b.follow().health(); return h != nil && h["last_ok"] != nil })
	cancel()
	<-done
	before, err := loadCursor(filepath.Join(b.Opts.DataDir, "index", cursorFile))
	if err != nil {
		t.Fatal(err)
	}
	b.Close(context.Background()) // B is down

	for _, id := range []string{"dis-demo-case-06", "dis-demo-case-07"} {
		if code, body := testAs(t, a, "reviewer1", jsonReq("POST", "/api/v1/disclosures/"+id+"/publish", "")); code != 200 {
			t.Fatalf("publish %s on A: %d %s", id, code, body)
		}
	}
	for _, lose := range []bool{false, true} {
		if lose {
			if err := os.RemoveAll(filepath.Join(b.Opts.DataDir, "index")); err != nil {
				t.Fatal(err)
			}
		}
		b2 := New(Options{DataDir: b.Opts.DataDir})
		t.Cleanup(func() { b2.Close(context.Background()) })
		follow(t, b2)
		within(t, "B caught up", func() bool {
			ids := portalIDs(t, b2)
			return slices.Contains(ids, "dis-demo-case-06") && slices.Contains(ids, "dis-demo-case-07")
		})
		within(t, "cursor moved", func() bool {
			c, err := loadCursor(filepath.Join(b.Opts.DataDir, "index", cursorFile))
			return err == nil && c.Records > before.Records
		})
		b2.Close(context.Background())
	}
}

// A law file ingested on one node (published into the records) is pulled by
// the other, whose law search then finds it.
func TestChangesLaws(t *testing.T) {
	a, b := twoNodes(t)
	follow(t, b)
	search := func() string {
		code, body := testAs(t, b, "officer1", jsonReq("GET", "/api/v1/laws/search?q="+url.QueryEscape("罚款一千二百三十元"), ""))
		if code != 200 {
			t.Fatalf("law search on B: %d %s", code, body)
		}
		return string(body)
	}
	if strings.Contains(search(), "某某市节点测试条例") {
		t.Fatal("the law is found before it was ingested")
	}
	src := t.TempDir()
	law := "# 某某市节点测试条例\n\n2026年1月1日 通过（合成的测试数据）\n\n<!-- INFO END -->\n\n第一条 为了测试，制定本条例。\n\n第二条 违反本条例的，罚款一千二百三十元。\n"
	if err := os.WriteFile(filepath.Join(src, "jiedian-tiaoli.md"), []byte(law), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := corpora.IngestLaws(src, a.Opts.DataDir); err != nil {
		t.Fatal(err)
	}
	st, _ := a.Records()
	if n, err := lawsync.Publish(context.Background(), st, "ingest", a.Opts.DataDir); err != nil || n != 1 {
		t.Fatalf("publish: %d %v", n, err)
	}
	start := time.Now()
	for !strings.Contains(search(), "某某市节点测试条例") {
		// the law index is rebuilt whole: seconds on an idle machine, more under load
		if time.Since(start) > 5*time.Minute {
			t.Fatal("the law ingested on A is not found on B")
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Logf("law ingested on A found on B after %v", time.Since(start).Round(time.Millisecond))
	if _, err := os.Stat(filepath.Join(b.Opts.DataDir, "laws", "jiedian-tiaoli.md")); err != nil {
		t.Errorf("not in B's DATA/laws: %v", err)
	}
}

// An agency given a province on one node has the province's law pack added
// on the other.
func TestChangesAgencyProvince(t *testing.T) {
	a, b := twoNodes(t)
	follow(t, b)
	within(t, "B following", func() bool { h := b.follow().health(); return h != nil && h["last_ok"] != nil })
	req := jsonReq("PUT", "/api/v1/agencies/syn-zj", `{"name":"合成局","province":"浙江"}`)
	if code, body := testAs(t, a, "reviewer-9", req); code/100 != 2 {
		t.Fatalf("put agency on A: %d %s", code, body)
	}
	within(t, "浙江 pack on B", func() bool {
		held, err := corpora.DataPacks(b.Opts.DataDir)
		return err == nil && slices.Contains(held, "浙江")
	})
}
