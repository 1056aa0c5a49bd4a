package main

import (
	"bytes"
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"mime/multipart"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
)

// The multi-node setup, as deployed: two `zhifa serve` processes over one
// PostgreSQL and one Redis, each with its own data directory and indexes.

// nodeServices are the test's PostgreSQL URL (a schema of its own) and
// Redis (a key prefix of its own); they skip locally without the
// variables and fail with CI set.
func nodeServices(t *testing.T) (pgURL, redisURL, prefix, app string) {
	t.Helper()
	pg, rd := os.Getenv("ZHIFA_TEST_PG_URL"), os.Getenv("ZHIFA_TEST_REDIS_URL")
	if pg == "" || rd == "" {
		if os.Getenv("CI") != "" {
			t.Fatal("ZHIFA_TEST_PG_URL and ZHIFA_TEST_REDIS_URL are required in CI")
		}
		t.Skip("ZHIFA_TEST_PG_URL and ZHIFA_TEST_REDIS_URL not set")
	}
	db, err := sql.Open("pgx", pg)
	if err == nil {
		err = db.Ping()
	}
	if err != nil {
		t.Fatalf("PostgreSQL at ZHIFA_TEST_PG_URL: %v", err)
	}
	t.Cleanup(func() { db.Close() })
	opt, err := redis.ParseURL(rd)
	if err != nil {
		t.Fatalf("ZHIFA_TEST_REDIS_URL: %v", err)
	}
	rc := redis.NewClient(opt)
	defer rc.Close()
	if err := rc.Ping(context.Background()).Err(); err != nil {
		t.Fatalf("Redis at ZHIFA_TEST_REDIS_URL: %v", err)
	}
	var b [6]byte
	_, _ = rand.Read(b[:])
	id := "nodes_" + hex.EncodeToString(b[:])
	if _, err := db.Exec(`CREATE SCHEMA ` + id); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Exec(`DROP SCHEMA ` + id + ` CASCADE`) })
	sep := "?"
	if strings.Contains(pg, "?") {
		sep = "&"
	}
	t.Cleanup(func() {
		rc := redis.NewClient(opt)
		defer rc.Close()
		keys, _ := rc.Keys(context.Background(), id+":*").Result()
		if len(keys) > 0 {
			rc.Del(context.Background(), keys...)
		}
	})
	return pg + sep + "search_path=" + id + "&application_name=" + id, rd, id + ":", id
}

var (
	buildMu  sync.Mutex
	buildDir string // removed by TestMain
	builtBin string
)

// The tests (and the nodes they start) search the 95 core texts' index: the
// whole pack's takes minutes to build (search.TestLawIndexerBackground covers
// the build and the swap).
func TestMain(m *testing.M) {
	os.Setenv("ZHIFA_LAW_INDEX", "core")
	code := m.Run()
	if buildDir != "" {
		os.RemoveAll(buildDir)
	}
	os.Exit(code)
}

// buildZhifa builds the binary, once for all the tests of this run.
func buildZhifa(t *testing.T) string {
	t.Helper()
	buildMu.Lock()
	defer buildMu.Unlock()
	if builtBin != "" {
		return builtBin
	}
	dir, err := os.MkdirTemp("", "zhifa-nodes-")
	if err != nil {
		t.Fatal(err)
	}
	buildDir = dir
	bin := filepath.Join(dir, "zhifa")
	start := time.Now()
	cmd := exec.Command("go", "build", "-tags", "ne", "-o", bin, ".")
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	t.Logf("built in %v", time.Since(start).Round(time.Millisecond))
	builtBin = bin
	return bin
}

// nodeEnv is the environment of a node: the test's, less any ZHIFA_ setting, plus extra.
func nodeEnv(extra ...string) []string {
	var env []string
	for _, e := range os.Environ() {
		if !strings.HasPrefix(e, "ZHIFA_") {
			env = append(env, e)
		}
	}
	return append(env, extra...)
}

type node struct {
	name string
	cmd  *exec.Cmd
	addr string
	errb *lockedBuffer
	done chan struct{}
}

// startNode runs `zhifa serve` on a free port and waits for /healthz.
func startNode(t *testing.T, bin, name, dir string, env []string) *node {
	t.Helper()
	n := &node{name: name, errb: &lockedBuffer{}, done: make(chan struct{})}
	n.cmd = exec.Command(bin, "serve", "--addr", "127.0.0.1:0", "--data", dir)
	n.cmd.Env, n.cmd.Stderr, n.cmd.Stdout = env, n.errb, io.Discard
	if err := n.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { n.cmd.Wait(); close(n.done) }()
	t.Cleanup(func() {
		n.cmd.Process.Kill()
		<-n.done
		if t.Failed() {
			t.Logf("%s stderr:\n%s", name, n.errb.String())
		}
	})
	for deadline := time.Now().Add(60 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		if m := listenRE.FindStringSubmatch(n.errb.String()); m != nil {
			if resp, err := http.Get("http://" + m[1] + "/healthz"); err == nil {
				resp.Body.Close()
				n.addr = m[1]
				return n
			}
		}
		select {
		case <-n.done:
			t.Fatalf("%s ended: %s", name, n.errb.String())
		default:
		}
	}
	t.Fatalf("%s did not start: %s", name, n.errb.String())
	return nil
}

var nodeClient = &http.Client{Timeout: 30 * time.Second}

// call sends a request to n with token and returns the status and body.
func (n *node) call(t *testing.T, token, method, path, ctype string, body []byte) (int, []byte) {
	t.Helper()
	req, err := http.NewRequest(method, "http://"+n.addr+path, bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	if ctype != "" {
		req.Header.Set("Content-Type", ctype)
	}
	resp, err := nodeClient.Do(req)
	if err != nil {
		return 0, []byte(err.Error())
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, b
}

func (n *node) json(t *testing.T, token, method, path, body string) (int, []byte) {
	t.Helper()
	return n.call(t, token, method, path, "application/json", []byte(body))
}

func (n *node) health(t *testing.T) map[string]any {
	t.Helper()
	code, b := n.call(t, "", "GET", "/healthz", "", nil)
	var m map[string]any
	if code != 200 || json.Unmarshal(b, &m) != nil {
		t.Fatalf("%s /healthz: %d %s", n.name, code, b)
	}
	return m
}

// eventually polls f until it holds or the deadline passes, and says how long it took.
func eventually(t *testing.T, what string, limit time.Duration, f func() bool) time.Duration {
	t.Helper()
	start := time.Now()
	for {
		if f() {
			d := time.Since(start)
			t.Logf("%s: %v", what, d.Round(time.Millisecond))
			return d
		}
		if time.Since(start) > limit {
			t.Errorf("%s: not within %v", what, limit)
			return limit
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func runZhifa(t *testing.T, bin string, env []string, args ...string) string {
	t.Helper()
	cmd := exec.Command(bin, args...)
	cmd.Env = env
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		t.Fatalf("zhifa %s: %v %s", strings.Join(args, " "), err, errb.String())
	}
	return out.String()
}

func freePort(t *testing.T) int {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port
}

// slowLLM answers no chat completion before the request gives up.
func slowLLM(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-time.After(30 * time.Second):
		case <-r.Context().Done():
		}
	})}
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })
	return "http://" + ln.Addr().String() + "/v1"
}

func TestTwoNodes(t *testing.T) {
	pgURL, redisURL, prefix, app := nodeServices(t)
	bin := buildZhifa(t)
	env := nodeEnv("ZHIFA_DATABASE_URL="+pgURL, "ZHIFA_REDIS_URL="+redisURL, "ZHIFA_REDIS_PREFIX="+prefix,
		"ZHIFA_LLM_BASE_URL="+slowLLM(t), "ZHIFA_LLM_DEADLINE=1s", "ZHIFA_FOLLOW_INTERVAL=250ms")
	dirA, dirB := t.TempDir(), t.TempDir()
	runZhifa(t, bin, env, "demo", "--data", dirA)
	token := func(user string) string {
		out := strings.TrimSpace(runZhifa(t, bin, env, "token", "create", "--user", user, "--scope", "write", "--data", dirA))
		return out[strings.LastIndex(out, "\n")+1:]
	}
	reviewer, officer, trainer := token("reviewer1"), token("officer1"), token("trainer1")
	// one agency, one signing key: the audit chain is one chain whichever node appends
	key, err := os.ReadFile(filepath.Join(dirA, "audit_ed25519.key"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dirB, "audit_ed25519.key"), key, 0o600); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	a := startNode(t, bin, "A", dirA, env)
	b := startNode(t, bin, "B", dirB, env)
	t.Logf("both nodes up in %v", time.Since(start).Round(time.Millisecond))

	// a disclosure published on A is found on B within 2 s
	portal := func(n *node) []string {
		code, body := n.json(t, "", "GET", "/api/v1/portal/search", "")
		var r struct{ Hits []struct{ ID string } }
		if code != 200 || json.Unmarshal(body, &r) != nil {
			t.Fatalf("%s portal search: %d %s", n.name, code, body)
		}
		var ids []string
		for _, h := range r.Hits {
			ids = append(ids, h.ID)
		}
		return ids
	}
	const dis = "dis-demo-case-06"
	if slices.Contains(portal(b), dis) {
		t.Fatalf("%s on the portal before it was published", dis)
	}
	if code, body := a.json(t, reviewer, "POST", "/api/v1/disclosures/"+dis+"/publish", ""); code != 200 {
		t.Fatalf("publish on A: %d %s", code, body)
	}
	eventually(t, "publication on A searchable on B", 2*time.Second, func() bool { return slices.Contains(portal(b), dis) })

	// a case imported into the library on A is a similar case on B within 2 s
	facts := `{"facts":"当事人在示例县销售变质的腌制鸭脖（合成），货值一百二十元。"}`
	similarOnB := func() string {
		code, body := b.json(t, officer, "POST", "/api/v1/similar", facts)
		if code != 200 {
			t.Fatalf("similar on B: %d %s", code, body)
		}
		return string(body)
	}
	if strings.Contains(similarOnB(), "syn-duck-1") {
		t.Fatal("similar case found before its import")
	}
	var form bytes.Buffer
	mw := multipart.NewWriter(&form)
	fw, _ := mw.CreateFormFile("file", "cases.jsonl")
	fmt.Fprintln(fw, `{"id":"syn-duck-1","title":"销售变质鸭脖案（合成）","text":"经查，当事人在示例县销售变质的腌制鸭脖，货值一百二十元。","fine":2000}`)
	mw.Close()
	if code, body := a.call(t, trainer, "POST", "/api/v1/library/import", mw.FormDataContentType(), form.Bytes()); code != 200 && code != 201 {
		t.Fatalf("library import on A: %d %s", code, body)
	}
	eventually(t, "library import on A found on B", 2*time.Second, func() bool { return strings.Contains(similarOnB(), "syn-duck-1") })

	// case numbers and document numbers issued on both nodes at once: none twice;
	// each draft's LLM (slow) gives way to the templates within the deadline
	const perNode = 6
	var mu sync.Mutex
	caseNos, docNos := map[string]string{}, map[string]string{}
	var slowest time.Duration
	var wg sync.WaitGroup
	for _, n := range []*node{a, b} {
		for i := range perNode {
			wg.Add(1)
			go func() {
				defer wg.Done()
				body := fmt.Sprintf(`{"agency_id":"demo-scjgj","power_item_id":"demo-scjgj-SP-001","procedure":"simple","title":"并发立案（合成）%s%d",
"parties":[{"kind":"person","name":"合成人%s%d","id_number":"110101199003077774"}],"facts":"当事人销售过期食品（合成）。","officer_ids":["demo-of-1","demo-of-2"],"synthetic":true}`, n.name, i, n.name, i)
				code, out := n.json(t, officer, "POST", "/api/v1/cases", body)
				var c struct {
					ID     string `json:"id"`
					CaseNo string `json:"case_no"`
				}
				if code != 201 && code != 200 || json.Unmarshal(out, &c) != nil || c.CaseNo == "" {
					t.Errorf("create case on %s: %d %s", n.name, code, out)
					return
				}
				start := time.Now()
				code, out = n.json(t, officer, "POST", "/api/v1/cases/"+c.ID+"/documents", `{"kind":"责令改正通知书"}`)
				took := time.Since(start)
				var d struct {
					Number   string
					Warnings []string
				}
				if code != 201 || json.Unmarshal(out, &d) != nil || d.Number == "" {
					t.Errorf("draft on %s: %d %s", n.name, code, out)
					return
				}
				if took > 10*time.Second || !strings.Contains(strings.Join(d.Warnings, " "), "template text kept") {
					t.Errorf("draft on %s with the LLM hanging: %v, warnings %v", n.name, took, d.Warnings)
				}
				mu.Lock()
				defer mu.Unlock()
				slowest = max(slowest, took)
				if prev, ok := caseNos[c.CaseNo]; ok {
					t.Errorf("case number %s issued twice (%s, %s)", c.CaseNo, prev, c.ID)
				}
				caseNos[c.CaseNo] = c.ID
				if prev, ok := docNos[d.Number]; ok {
					t.Errorf("document number %s issued twice (%s, %s)", d.Number, prev, c.ID)
				}
				docNos[d.Number] = c.ID
			}()
		}
	}
	wg.Wait()
	t.Logf("%d drafts with the LLM hanging (budget 1s), slowest %v", 2*perNode, slowest.Round(time.Millisecond))
	if len(caseNos) != 2*perNode || len(docNos) != 2*perNode {
		t.Errorf("%d case numbers, %d document numbers for %d cases", len(caseNos), len(docNos), 2*perNode)
	}

	// PostgreSQL drops every connection (as in a restart): the nodes recover by themselves
	db, err := sql.Open("pgx", os.Getenv("ZHIFA_TEST_PG_URL"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var killed int
	if err := db.QueryRow(`SELECT COUNT(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE application_name = $1`, app).Scan(&killed); err != nil {
		t.Fatal(err)
	}
	t.Logf("terminated %d PostgreSQL connections of the nodes", killed)
	for _, n := range []*node{a, b} {
		eventually(t, n.name+" serves cases again after the connections dropped", 10*time.Second, func() bool {
			code, body := n.json(t, officer, "GET", "/api/v1/cases", "")
			if code != 200 && code != 503 {
				t.Errorf("%s with its connections dropped: %d %s, want 503 (try again) until it reconnects", n.name, code, body)
			}
			return code == 200
		})
	}

	// A is killed; B keeps serving, and what B writes is searchable on B
	if err := a.cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	<-a.done
	if code, body := b.json(t, officer, "GET", "/api/v1/cases", ""); code != 200 {
		t.Errorf("B after A was killed: %d %s", code, body)
	}
	if code, body := b.json(t, reviewer, "POST", "/api/v1/disclosures/dis-demo-case-07/publish", ""); code != 200 {
		t.Fatalf("publish on B: %d %s", code, body)
	}
	eventually(t, "publication on B searchable on B", 2*time.Second, func() bool { return slices.Contains(portal(b), "dis-demo-case-07") })
	if h := b.health(t); h["status"] != "ok" || h["redis"] != "ok" || h["database"] != "ok" {
		t.Errorf("B healthz %v", h)
	}

	// A restarts and catches up with what was written while it was down
	a2 := startNode(t, bin, "A again", dirA, env)
	eventually(t, "A caught up on start", 5*time.Second, func() bool { return slices.Contains(portal(a2), "dis-demo-case-07") })
}

// A node whose Redis is down serves, says so on /healthz, and uses Redis
// again once it is back.
func TestNodeRedisDown(t *testing.T) {
	pgURL, _, prefix, _ := nodeServices(t)
	bin := buildZhifa(t)
	port := freePort(t)
	env := nodeEnv("ZHIFA_DATABASE_URL="+pgURL, fmt.Sprintf("ZHIFA_REDIS_URL=redis://127.0.0.1:%d/0", port), "ZHIFA_REDIS_PREFIX="+prefix)
	dir := t.TempDir()
	runZhifa(t, bin, env, "demo", "--data", dir)
	out := strings.TrimSpace(runZhifa(t, bin, env, "token", "create", "--user", "officer1", "--data", dir))
	officer := out[strings.LastIndex(out, "\n")+1:]
	n := startNode(t, bin, "C", dir, env)
	h := n.health(t)
	if h["status"] != "ok" || h["redis"] != "down" || !slices.Contains(anyStrings(h["degraded"]), "redis") {
		t.Errorf("healthz with Redis down: %v", h)
	}
	start := time.Now()
	if code, body := n.json(t, officer, "GET", "/api/v1/cases", ""); code != 200 {
		t.Errorf("cases with Redis down: %d %s", code, body)
	}
	if code, _ := n.json(t, "", "GET", "/api/v1/portal/search", ""); code != 200 {
		t.Errorf("portal with Redis down: %d", code)
	}
	t.Logf("two requests with Redis down: %v", time.Since(start).Round(time.Millisecond))
	rs, err := exec.LookPath("redis-server")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("redis-server is needed in CI to check the recovery")
		}
		t.Skip("no redis-server to check the recovery")
	}
	srv := exec.Command(rs, "--port", fmt.Sprint(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no")
	srv.Dir = t.TempDir()
	if err := srv.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Process.Kill(); srv.Wait() })
	eventually(t, "Redis back on healthz", 10*time.Second, func() bool {
		h := n.health(t)
		return h["redis"] == "ok" && len(anyStrings(h["degraded"])) == 0
	})
}

func anyStrings(v any) []string {
	var out []string
	xs, _ := v.([]any)
	for _, x := range xs {
		if s, ok := x.(string); ok {
			out = append(out, s)
		}
	}
	return out
}
