package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"zhifa/inspect"
	"zhifa/records"
)

func TestDrawCommand(t *testing.T) {
	t.Setenv("ZHIFA_DATABASE_URL", "")
	dir := t.TempDir()
	if code, _, stderr := runRec(t, "", "demo", "--data", dir); code != 0 {
		t.Fatalf("demo: %s", stderr)
	}
	code, out, stderr := runRec(t, "", "draw", "--plan", "demo", "--seed", "S", "--data", dir)
	var res inspect.Result
	if code != 0 || json.Unmarshal([]byte(out), &res) != nil || res.Plan != "demo" || res.Seed != "S" || len(res.Draws) != 5 {
		t.Fatalf("draw: %d %s %s", code, stderr, out)
	}
	var rec struct {
		Lists json.RawMessage `json:"lists"`
	}
	code, show, _ := runRec(t, "", "draw", "--plan", "demo", "--seed", "S", "--data", dir)
	if code != 0 || show != out {
		t.Errorf("second run differs:\n%s\n%s", out, show)
	}
	// Re-run from the published lists alone, without the store.
	st, err := records.Open(t.Context(), dir)
	if err != nil {
		t.Fatal(err)
	}
	d, err := inspect.GetDraw(t.Context(), st, inspect.DrawID("demo", "S"))
	st.Close()
	if err != nil {
		t.Fatal(err)
	}
	rec.Lists, _ = json.Marshal(d.Lists)
	lists := filepath.Join(t.TempDir(), "lists.json")
	os.WriteFile(lists, rec.Lists, 0o600)
	if code, again, stderr := runRec(t, "", "draw", "--lists", lists, "--seed", "S"); code != 0 || again != out {
		t.Errorf("--lists re-run: %d %s\n%s", code, stderr, again)
	}
	target := res.Draws[0].Target
	for _, tc := range []struct {
		args []string
		code int
		msg  string
	}{
		{[]string{"draw", "--data", dir}, 2, "--plan"},
		{[]string{"draw", "--plan", "nope", "--data", dir}, 1, "nope"},
		{[]string{"draw", "--lists", lists}, 2, "--seed"},
		{[]string{"inspect", "result", "--draw", inspect.DrawID("demo", "S"), "--target", target, "--outcome", "立案查处", "--date", "2099-01-01", "--data", dir}, 1, "case_id"},
		{[]string{"inspect", "result", "--draw", inspect.DrawID("demo", "S"), "--target", target, "--outcome", "no_problem", "--date", "2099-01-01", "--data", dir}, 0, "未发现问题"},
		{[]string{"inspect", "publish", "--draw", inspect.DrawID("demo", "S"), "--data", dir}, 0, "未发现问题 | 2099-01-01"},
		{[]string{"inspect", "publish", "--data", dir}, 2, "--draw"},
		{[]string{"inspect", "publish", "--draw", "nope", "--data", dir}, 1, "nope"},
	} {
		code, out, stderr := runRec(t, "", tc.args...)
		if code != tc.code || !strings.Contains(out+stderr, tc.msg) {
			t.Errorf("%v: %d %s %s", tc.args, code, out, stderr)
		}
	}
	// A plan from a file: 10% of the 20 demo targets.
	planFile := filepath.Join(t.TempDir(), "plan.json")
	os.WriteFile(planFile, []byte(`{"id":"file-plan","agency_id":"demo-scjgj","category":"市场监管","ratio":0.1}`), 0o600)
	code, out, stderr = runRec(t, "", "draw", "--plan", planFile, "--data", dir)
	if code != 0 || json.Unmarshal([]byte(out), &res) != nil || res.Plan != "file-plan" || len(res.Draws) != 2 || len(res.Seed) != 32 {
		t.Errorf("plan file: %d %s %s", code, stderr, out)
	}
	os.WriteFile(planFile, []byte(`{"id":"file-plan","agency_id":"demo-scjgj","ratio":0.1,"extra":1}`), 0o600)
	if code, _, stderr := runRec(t, "", "draw", "--plan", planFile, "--data", dir); code != 2 || !strings.Contains(stderr, "extra") {
		t.Errorf("plan file with an unknown field: %d %s", code, stderr)
	}
	bad := filepath.Join(t.TempDir(), "t.csv")
	os.WriteFile(bad, []byte("名称,类型,统一社会信用代码,地址,行业,风险等级\n合成,企业,X,地址,食品,高\n"), 0o600)
	if code, _, stderr := runRec(t, "", "inspect", "import", "targets", bad, "--agency", "demo-scjgj", "--data", dir); code != 1 || !strings.Contains(stderr, "line 2: credit_code") {
		t.Errorf("bad import: %d %s", code, stderr)
	}
}
