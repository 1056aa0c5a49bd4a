package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// A synthetic library built to have known answers: one theft, one injury,
// one fraud case, and a bad line.
const similarLib = `{"id":1,"title":"被告人张某犯盗窃罪一审刑事判决书","text":"公诉机关指控，被告人张某在超市内秘密窃取手机两部，价值人民币5000元。被告人张某犯盗窃罪，判处有期徒刑一年。"}
{"id":"2","title":"被告人李某犯故意伤害罪","text":"经审理查明，被告人李某与被害人王某发生口角，持刀将王某砍伤，经鉴定为轻伤二级。"}
not json
{"id":"3","title":"被告人赵某犯诈骗罪","text":"经审理查明，被告人赵某冒充客服，骗取被害人钱款人民币三万元。"}
{"title":"没有编号"}
`

func runZ(t *testing.T, stdin string, args ...string) (string, string, int) {
	t.Helper()
	var out, errb bytes.Buffer
	rc := runMain(context.Background(), &cmdEnv{stdin: strings.NewReader(stdin), stdout: &out, stderr: &errb}, args)
	return out.String(), errb.String(), rc
}

func TestSimilarCases(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(dir, "lib.jsonl")
	if err := os.WriteFile(src, []byte(similarLib), 0o600); err != nil {
		t.Fatal(err)
	}
	data := filepath.Join(dir, "data")
	out, errs, rc := runZ(t, "", "cases", "import", src, "--collection", "synthetic", "--data", data)
	if rc != 0 {
		t.Fatalf("import rc=%d %s", rc, errs)
	}
	var sum struct {
		Imported, Skipped int
		Errors            []struct {
			Line    int
			Message string
		}
	}
	if err := json.Unmarshal([]byte(out), &sum); err != nil {
		t.Fatal(err)
	}
	if sum.Imported != 3 || sum.Skipped != 2 || len(sum.Errors) != 2 || sum.Errors[0].Line != 3 || sum.Errors[1].Line != 5 {
		t.Fatalf("summary %+v", sum)
	}
	if !strings.Contains(errs, "line 3") {
		t.Errorf("stderr does not name the bad line: %s", errs)
	}
	// re-import replaces, does not duplicate
	if _, _, rc := runZ(t, "", "cases", "import", src, "--data", data, "--collection", "synthetic"); rc != 0 {
		t.Fatal("re-import failed")
	}

	for _, tc := range []struct{ facts, want string }{
		{"某人趁店员不注意窃取店内手机一部", "1"},
		{"两人争吵后一方持刀砍伤对方，轻伤", "2"},
		{"冒充客服骗取他人钱款", "3"},
	} {
		out, errs, rc := runZ(t, tc.facts, "similar", "--data", data, "--top", "5")
		if rc != 0 {
			t.Fatalf("similar rc=%d %s", rc, errs)
		}
		var res struct {
			Cases []struct {
				ID         string
				Score      float64
				Title      string
				Highlights []string
			}
		}
		if err := json.Unmarshal([]byte(out), &res); err != nil {
			t.Fatal(err)
		}
		if len(res.Cases) == 0 || res.Cases[0].ID != tc.want {
			t.Errorf("%s: got %+v, want %s first", tc.facts, res.Cases, tc.want)
		}
		if len(res.Cases) > 3 {
			t.Errorf("re-import duplicated cases: %d", len(res.Cases))
		}
	}

	q := filepath.Join(dir, "q.jsonl")
	os.WriteFile(q, []byte(`{"id":7,"text":"冒充客服骗钱","only":[1,"2","3","99"]}
{"id":"b","text":"偷手机","only":["2"]}
`), 0o600)
	out, errs, rc = runZ(t, "", "similar", "--batch", q, "--data", data)
	if rc != 0 {
		t.Fatalf("batch rc=%d %s", rc, errs)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 2 {
		t.Fatalf("want 2 lines, got %q", out)
	}
	var a struct {
		ID    string
		Cases []struct{ ID string }
	}
	json.Unmarshal([]byte(lines[0]), &a)
	if a.ID != "7" || len(a.Cases) != 3 || a.Cases[0].ID != "3" {
		t.Errorf("batch line 1: %s", lines[0])
	}
	json.Unmarshal([]byte(lines[1]), &a)
	if a.ID != "b" || len(a.Cases) != 1 || a.Cases[0].ID != "2" {
		t.Errorf("batch line 2 (only one candidate, no match, still listed): %s", lines[1])
	}
	if !strings.HasPrefix(lines[0], `{"id":`) {
		t.Errorf("id first: %s", lines[0])
	}

	ids := filepath.Join(dir, "ids.json")
	os.WriteFile(ids, []byte(`["2", 3]`), 0o600)
	out, errs, rc = runZ(t, "偷手机", "similar", "--only-file", ids, "--data", data)
	if rc != 0 || strings.Contains(out, `"id": "1"`) || !strings.Contains(out, `"id": "2"`) || !strings.Contains(out, `"id": "3"`) {
		t.Errorf("--only-file ranks only those (all of them): rc=%d %s %s", rc, out, errs)
	}
	if _, _, rc := runZ(t, "", "similar", "--data", data); rc != 2 {
		t.Errorf("no facts: rc=%d, want 2", rc)
	}
}

func TestNormPushCLI(t *testing.T) {
	data := t.TempDir()
	out, errs, rc := runZ(t, "当事人经营超过保质期的食品", "normpush", "--fine", "50000", "--data", data)
	if rc != 0 {
		t.Fatalf("normpush rc=%d %s", rc, errs)
	}
	var res struct {
		Norms []struct {
			Role, Law, Why string
			Article        int
		}
	}
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatal(err)
	}
	got := map[string]bool{}
	for _, n := range res.Norms {
		got[n.Role+" "+n.Law+" "+strconv.Itoa(n.Article)] = true
		if n.Why == "" {
			t.Errorf("%s %d pushed without a reason", n.Law, n.Article)
		}
	}
	for _, w := range []string{"penalty 中华人民共和国食品安全法 124", "benchmark 中华人民共和国食品安全法 124", "procedure 中华人民共和国行政处罚法 63"} {
		if !got[w] {
			t.Errorf("missing %s in %v", w, got)
		}
	}
	for _, args := range [][]string{{"normpush", "--top", "-1"}, {"normpush", "--fine", "-5"}, {"similar", "--from", "2025-13-01"}, {"similar", "--from", "2025-06-01", "--to", "2025-01-01"}} {
		if _, errs, rc := runZ(t, "过期食品", append(args, "--data", data)...); rc != 2 || errs == "" {
			t.Errorf("%v: rc=%d, stderr %q; want a usage error", args, rc, errs)
		}
	}
}
