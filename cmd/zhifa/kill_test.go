package main

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// A `zhifa serve` killed (SIGKILL) while officers and reviewers write over
// the API and a large `zhifa cases import` runs beside it: after a restart
// every write that was answered 2xx is there, the audit chain verifies, and
// the import left either all its cases or none (it is one transaction), so
// running it again completes it.
func TestKillMidWrite(t *testing.T) {
	t.Run("sqlite", func(t *testing.T) { killMidWrite(t, nodeEnv()) })
	t.Run("postgres", func(t *testing.T) {
		pgURL, redisURL, prefix, _ := nodeServices(t)
		killMidWrite(t, nodeEnv("ZHIFA_DATABASE_URL="+pgURL, "ZHIFA_REDIS_URL="+redisURL, "ZHIFA_REDIS_PREFIX="+prefix))
	})
}

// killImportCases is the size of the import: it is saved as it is read, in
// one transaction, over seconds on either store, so a kill once the first
// 1,000 are in lands inside it. The server and the import are killed
// together.
const killImportCases = 5000

const killCollection = "崩溃导入（合成）"

// ack is a write the server answered 2xx.
type ack struct{ kind, caseID string }

func killMidWrite(t *testing.T, env []string) {
	bin := buildZhifa(t)
	setup := time.Now()
	dir := t.TempDir()
	runZhifa(t, bin, env, "demo", "--data", dir)
	token := func(user string) string {
		out := strings.TrimSpace(runZhifa(t, bin, env, "token", "create", "--user", user, "--scope", "write", "--data", dir))
		return out[strings.LastIndex(out, "\n")+1:]
	}
	officer, reviewer := token("officer1"), token("reviewer1")

	jsonl := filepath.Join(t.TempDir(), "cases.jsonl")
	f, err := os.Create(jsonl)
	if err != nil {
		t.Fatal(err)
	}
	enc := json.NewEncoder(f)
	for i := range killImportCases {
		enc.Encode(map[string]any{"id": fmt.Sprintf("syn-kill-%06d", i), "title": fmt.Sprintf("销售过期食品案（合成）%d", i),
			"text": fmt.Sprintf("经查，当事人在示例县第%d号店铺销售超过保质期的食品（合成），货值%d元，违法所得%d元。", i, 100+i%900, 10+i%90), "fine": 1000 + i%5000})
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}

	t.Logf("set up in %v", time.Since(setup).Round(time.Millisecond))
	start := time.Now()
	n := startNode(t, bin, "serve", dir, env)

	// officers open cases, add a step and send them to review; the reviewer
	// gives an opinion; each answered write is noted
	var mu sync.Mutex
	var acks []ack
	note := func(kind, id string) { mu.Lock(); acks = append(acks, ack{kind, id}); mu.Unlock() }
	stop := make(chan struct{})
	var wg sync.WaitGroup
	for w := range 6 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; ; i++ {
				select {
				case <-stop:
					return
				default:
				}
				body := fmt.Sprintf(`{"agency_id":"demo-scjgj","power_item_id":"demo-scjgj-SP-001","procedure":"simple","title":"崩溃测试（合成）%d-%d",
"parties":[{"kind":"person","name":"合成人%d","id_number":"110101199003077774"}],"facts":"当事人销售过期食品（合成）。","officer_ids":["demo-of-1","demo-of-2"],"synthetic":true}`, w, i, w)
				code, out := n.json(t, officer, "POST", "/api/v1/cases", body)
				var c struct{ ID string }
				if code/100 != 2 || json.Unmarshal(out, &c) != nil || c.ID == "" {
					return // the server is gone
				}
				note("case", c.ID)
				if code, _ := n.json(t, officer, "POST", "/api/v1/cases/"+c.ID+"/steps", `{"kind":"investigation"}`); code/100 != 2 {
					return
				}
				note("step", c.ID)
				if code, _ := n.json(t, officer, "POST", "/api/v1/cases/"+c.ID+"/reviews",
					`{"reviewer":"demo-of-5","proposed":{"penalty_basis":"《中华人民共和国食品安全法》第一百二十四条第一款第（三）项","fine":60000,"summary":"罚款60000元"}}`); code/100 != 2 {
					return
				}
				note("review", c.ID)
				if code, _ := n.json(t, reviewer, "POST", "/api/v1/reviews/rv-"+c.ID+"/opinion", `{"reviewer":"demo-of-5","result":"problems","reasons":"证据不足（合成）"}`); code/100 != 2 {
					return
				}
				note("opinion", c.ID)
			}
		}()
	}

	imp := exec.Command(bin, "cases", "import", jsonl, "--collection", killCollection, "--data", dir)
	impErr := &lockedBuffer{}
	imp.Env, imp.Stderr = env, impErr
	if err := imp.Start(); err != nil {
		t.Fatal(err)
	}
	impDone := make(chan struct{})
	go func() { imp.Wait(); close(impDone) }()
	t.Cleanup(func() { imp.Process.Kill(); <-impDone })

	// the kill: once the import has put its first 1,000 cases in its one
	// transaction and the writers have had some answers
	deadline := time.Now().Add(40 * time.Second)
	for !strings.Contains(impErr.String(), "imported 1000 cases") {
		select {
		case <-impDone:
			t.Fatalf("the import ended before it was killed: %s", impErr.String())
		default:
		}
		if time.Now().After(deadline) {
			t.Fatalf("the import did not reach its save: %s", impErr.String())
		}
		time.Sleep(5 * time.Millisecond)
	}
	mu.Lock()
	t.Logf("the import at 1,000 cases %v after the start, %d writes answered", time.Since(start).Round(time.Millisecond), len(acks))
	mu.Unlock()
	n.cmd.Process.Signal(syscall.SIGKILL)
	imp.Process.Signal(syscall.SIGKILL)
	<-n.done
	<-impDone
	close(stop)
	wg.Wait()
	committed := strings.Contains(impErr.String(), "done in")
	t.Logf("killed %v after the start with %d writes answered; the import had %s", time.Since(start).Round(time.Millisecond), len(acks),
		map[bool]string{true: "committed", false: "not committed"}[committed])
	if len(acks) < 8 {
		t.Fatalf("only %d writes answered before the kill: the kill came too early to test anything", len(acks))
	}

	// straight after the kill, before anything repairs anything: the chain verifies
	out := runZhifa(t, bin, env, "verify", "--data", dir)
	if !strings.Contains(out, `"ok": true`) {
		t.Fatalf("verify after the kill: %s", out)
	}

	t.Logf("verified %v after the start", time.Since(start).Round(time.Millisecond))
	n2 := startNode(t, bin, "serve again", dir, env)
	t.Logf("restarted %v after the start", time.Since(start).Round(time.Millisecond))
	for _, a := range acks {
		switch a.kind {
		case "case":
			if code, b := n2.json(t, officer, "GET", "/api/v1/cases/"+a.caseID, ""); code != 200 {
				t.Errorf("answered case %s lost: %d %s", a.caseID, code, b)
			}
		case "step":
			if code, b := n2.json(t, officer, "GET", "/api/v1/cases/"+a.caseID+"/steps", ""); code != 200 || !strings.Contains(string(b), `"kind":"investigation"`) {
				t.Errorf("answered step of %s lost: %d %s", a.caseID, code, b)
			}
		case "review", "opinion":
			code, b := n2.json(t, reviewer, "GET", "/api/v1/reviews/rv-"+a.caseID, "")
			var r struct{ Status string }
			if code != 200 || json.Unmarshal(b, &r) != nil {
				t.Errorf("answered review of %s lost: %d %s", a.caseID, code, b)
			} else if a.kind == "opinion" && r.Status != "problems" {
				t.Errorf("answered opinion on rv-%s lost: status %q", a.caseID, r.Status)
			}
		}
	}

	// the import: all of it or none of it, never a part
	libCount := func() int {
		code, b := n2.json(t, officer, "GET", "/api/v1/library/cases?limit=1&collection="+killCollection, "")
		var r struct{ Total int }
		if code != 200 || json.Unmarshal(b, &r) != nil {
			t.Fatalf("library cases: %d %s", code, b)
		}
		return r.Total
	}
	t.Logf("answered writes checked %v after the start", time.Since(start).Round(time.Millisecond))
	got := libCount()
	if got != 0 && got != killImportCases {
		t.Fatalf("the killed import left %d of its %d cases: half done", got, killImportCases)
	}
	if got == 0 && committed {
		t.Fatalf("the import said it was done but none of its cases are there")
	}
	t.Logf("the killed import left %d of %d cases", got, killImportCases)
	if got == 0 {
		runZhifa(t, bin, env, "cases", "import", jsonl, "--collection", killCollection, "--data", dir)
		eventually(t, "the import run again seen by the server", 10*time.Second, func() bool { return libCount() == killImportCases })
	}
	out = runZhifa(t, bin, env, "verify", "--data", dir)
	if !strings.Contains(out, `"ok": true`) {
		t.Fatalf("verify at the end: %s", out)
	}
	t.Logf("whole run %v", time.Since(start).Round(time.Millisecond))
}
