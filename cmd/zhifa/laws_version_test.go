package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The CLI's date contract: `cite --date`, `search --date`, `laws --stale`,
// and ingest of a version (corpora/testdata/versions).
func TestLawVersionCommands(t *testing.T) {
	data := t.TempDir()
	code, out, errs := runLaws(t, "违反《土地管理法》第七十六条", "cite", "--date", "2018-06-01", "--data", data)
	var cited struct {
		Citations []struct {
			InForce        string `json:"in_force"`
			CurrentTo      string `json:"current_to"`
			VersionWarning *struct {
				Revision, Kind, Message string
				InForce                 string `json:"in_force"`
			} `json:"version_warning"`
		}
	}
	if err := json.Unmarshal([]byte(out), &cited); code != 0 || err != nil || len(cited.Citations) != 1 {
		t.Fatalf("cite --date: exit %d %v %s %s", code, err, out, errs)
	}
	c := cited.Citations[0]
	if w := c.VersionWarning; w == nil || w.Revision != "2019-08-26" || w.Kind != "第三次修正" || w.InForce != "2020-01-01" || !strings.Contains(w.Message, "may have changed") || c.CurrentTo != "2025-04-19" {
		t.Errorf("cite --date 2018-06-01: %+v %+v", c, c.VersionWarning)
	}
	if code, out, _ := runLaws(t, "违反《土地管理法》第七十六条", "cite", "--data", data); code != 0 || strings.Contains(out, "version_warning") {
		t.Errorf("cite without --date: exit %d, %s", code, out)
	}
	for _, args := range [][]string{{"cite", "--date", "2018-02-30"}, {"search", "罚款", "--date", "2018/1/1"}} {
		code, _, errs := runLaws(t, "x", append(args, "--data", data)...)
		if code == 0 || !strings.Contains(errs, "--date") {
			t.Errorf("%v: exit %d, stderr %q; want an error naming --date", args, code, errs)
		}
	}

	// laws --stale: 治安管理处罚法 (revised 2025-06-27) but not 土地管理法
	code, out, errs = runLaws(t, "", "laws", "--stale", "--data", data)
	var listed struct {
		Laws []struct {
			Name           string
			CurrentTo      string `json:"current_to"`
			LaterRevisions []struct {
				Adopted string
				InForce string `json:"in_force"`
			} `json:"later_revisions"`
		}
	}
	if err := json.Unmarshal([]byte(out), &listed); code != 0 || err != nil {
		t.Fatalf("laws --stale: exit %d %v %s", code, err, errs)
	}
	stale := map[string]string{}
	for _, l := range listed.Laws {
		if len(l.LaterRevisions) > 0 {
			stale[l.Name] = l.LaterRevisions[0].InForce
		}
	}
	if stale["中华人民共和国治安管理处罚法"] != "2026-01-01" || len(stale) != len(listed.Laws) || stale["中华人民共和国土地管理法"] != "" {
		t.Errorf("laws --stale = %+v", listed.Laws)
	}

	// ingest the real pair and the synthetic version; search --date then says
	// that the current (synthetic) text was not in force in 2024
	src := "../../corpora/testdata/versions/laws"
	if code, out, errs := runLaws(t, "", "ingest", "--laws", src, "--data", data); code != 0 || !strings.Contains(out, `"in_force": "2017-01-01"`) {
		t.Fatalf("ingest: exit %d %s %s", code, out, errs)
	}
	code, out, errs = runLaws(t, "", "search", "检验检测机构 伪造 印章", "--law", "上海市检验检测条例", "--date", "2024-06-01", "--data", data)
	if code != 0 || !strings.Contains(out, `"version_warning"`) || !strings.Contains(out, `"in_force": "2017-01-01"`) {
		t.Errorf("search --date: exit %d %s %s", code, out, errs)
	}
	code, out, _ = runLaws(t, "违反《上海市检验检测条例》第四十三条", "cite", "--date", "2024-06-01", "--data", data)
	if code != 0 || !strings.Contains(out, `"in_force": "2017-01-01"`) || strings.Contains(out, "吊销") {
		t.Errorf("cite --date 2024-06-01 after ingest: %s", out)
	}

	// a version without dates is refused, naming the file and line
	bad := t.TempDir()
	if err := os.WriteFile(filepath.Join(bad, "x.md"), []byte("# 上海市检验检测条例\n\n<!-- INFO END -->\n\n第一条 合成的测试条文（synthetic）。\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, _, errs := runLaws(t, "", "ingest", "--laws", bad, "--data", data); code == 0 || !strings.Contains(errs, "x.md:3: no dated header line") {
		t.Errorf("ingest without dates: exit %d, %q", code, errs)
	}
}
