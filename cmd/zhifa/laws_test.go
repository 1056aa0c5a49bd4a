package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func runLaws(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := runMain(context.Background(), &cmdEnv{stdin: strings.NewReader(stdin), stdout: &out, stderr: &errb}, args)
	return code, out.String(), errb.String()
}

func TestSearchCommand(t *testing.T) {
	data := t.TempDir()
	type hit struct {
		Law           string   `json:"law"`
		Article       int      `json:"article"`
		ArticleSuffix string   `json:"article_suffix"`
		Label         string   `json:"label"`
		Text          string   `json:"text"`
		Score         float64  `json:"score"`
		Highlights    []string `json:"highlights"`
	}
	decode := func(t *testing.T, s string) []hit {
		var v struct{ Hits []hit }
		if err := json.Unmarshal([]byte(s), &v); err != nil {
			t.Fatalf("output is not JSON: %v\n%s", err, s)
		}
		return v.Hits
	}
	t.Run("ranked", func(t *testing.T) {
		code, out, errs := runLaws(t, "", "search", "醉酒驾驶", "--data", data, "--top", "3")
		if code != 0 {
			t.Fatalf("exit %d: %s", code, errs)
		}
		hits := decode(t, out)
		if len(hits) == 0 || len(hits) > 3 {
			t.Fatalf("%d hits", len(hits))
		}
		h := hits[0]
		if h.Law != "中华人民共和国刑法" || h.Article != 133 || h.ArticleSuffix != "之一" || h.Label != "第一百三十三条之一" {
			t.Errorf("first hit %s %s", h.Law, h.Label)
		}
		if h.Score <= 0 || len(h.Highlights) == 0 || !strings.Contains(strings.Join(h.Highlights, ""), "<mark>") {
			t.Errorf("score %v highlights %v", h.Score, h.Highlights)
		}
	})
	t.Run("law filter", func(t *testing.T) {
		code, out, errs := runLaws(t, "", "search", "罚款", "--law", "《食品安全法》", "--data", data)
		if code != 0 {
			t.Fatalf("exit %d: %s", code, errs)
		}
		hits := decode(t, out)
		if len(hits) == 0 {
			t.Fatal("no hits")
		}
		for _, h := range hits {
			if h.Law != "中华人民共和国食品安全法" {
				t.Errorf("hit from %s", h.Law)
			}
		}
	})
	for _, tt := range []struct {
		name string
		args []string
		want string
	}{
		{"no query", []string{"search"}, "query"},
		{"bad top", []string{"search", "罚款", "--top", "0"}, "--top"},
		{"bad top type", []string{"search", "罚款", "--top", "many"}, "top"},
		{"unknown law", []string{"search", "罚款", "--law", "火星法"}, "--law"},
		{"unknown status", []string{"search", "罚款", "--status", "未知"}, "--status"},
		{"unknown level", []string{"search", "罚款", "--level", "地方政府规章"}, "--level"},
		{"unknown province", []string{"search", "罚款", "--province", "西藏"}, "--province"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			code, _, errs := runLaws(t, "", append(tt.args, "--data", data)...)
			if code != 2 || !strings.Contains(errs, tt.want) {
				t.Errorf("exit %d, stderr %q; want 2 naming %q", code, errs, tt.want)
			}
		})
	}
}

func TestCiteCommand(t *testing.T) {
	data := t.TempDir()
	code, out, errs := runLaws(t, "依据《中华人民共和国食品安全法》第一百二十四条第一款第（三）项及《火星法》第一条，决定如下。", "cite", "--data", data)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var v map[string][]map[string]any
	if err := json.Unmarshal([]byte(out), &v); err != nil {
		t.Fatal(err)
	}
	cits := v["citations"]
	if len(cits) != 2 {
		t.Fatalf("citations: %v", cits)
	}
	for _, k := range []string{"law", "article", "article_suffix", "paragraph", "item", "valid", "text"} {
		if _, ok := cits[0][k]; !ok {
			t.Errorf("field %q missing", k)
		}
	}
	c := cits[0]
	if c["law"] != "中华人民共和国食品安全法" || c["article"] != 124.0 || c["paragraph"] != 1.0 || c["item"] != 3.0 || c["valid"] != true ||
		c["text"] != "（三）生产经营超范围、超限量使用食品添加剂的食品；" {
		t.Errorf("first citation %v", c)
	}
	if cits[1]["valid"] != false || cits[1]["text"] != "" {
		t.Errorf("unknown law citation %v", cits[1])
	}
	// synthetic: a malformed citation is printed, saying what it was read as
	code, out, _ = runLaws(t, "违反《中华人民共和国药品管理法》第九十八第三款。", "cite", "--data", data)
	if code != 0 || !strings.Contains(out, `"malformed": "missing 条 in 《中华人民共和国药品管理法》第九十八第三款: read as 第九十八条第三款"`) ||
		!strings.Contains(out, `"meant": "《中华人民共和国药品管理法》第九十八条第三款"`) || !strings.Contains(out, `"valid": false`) {
		t.Errorf("malformed citation: exit %d, %s", code, out)
	}
	code, out, _ = runLaws(t, "", "cite", "--data", data)
	if code != 0 || !strings.Contains(out, `"citations": []`) {
		t.Errorf("empty stdin: exit %d, %s", code, out)
	}
	if code, _, _ := runLaws(t, "x", "cite", "extra", "--data", data); code != 2 {
		t.Errorf("positional argument: exit %d, want 2", code)
	}
}

func TestIngestCommand(t *testing.T) {
	src, data := t.TempDir(), t.TempDir()
	law := "# 某某市测试管理条例\n\n2026年1月1日 通过（合成的测试数据）\n\n<!-- INFO END -->\n\n第一条 为了测试，制定本条例。\n\n第二条 违反本条例的，罚款一千元。\n"
	if err := os.WriteFile(filepath.Join(src, "ceshi-tiaoli.md"), []byte(law), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errs := runLaws(t, "", "ingest", "--laws", src, "--data", data)
	if code != 0 || !strings.Contains(out, "某某市测试管理条例") {
		t.Fatalf("ingest: exit %d %s %s", code, out, errs)
	}
	code, out, _ = runLaws(t, "《某某市测试管理条例》第二条", "cite", "--data", data)
	if code != 0 || !strings.Contains(out, "罚款一千元") {
		t.Errorf("cite after ingest: %s", out)
	}
	code, out, _ = runLaws(t, "", "search", "罚款一千元", "--law", "某某市测试管理条例", "--data", data)
	if code != 0 || !strings.Contains(out, "第二条") {
		t.Errorf("search after ingest: %s", out)
	}

	bad := t.TempDir()
	if err := os.WriteFile(filepath.Join(bad, "broken.md"), []byte("# 某法\n\n第一条 没有信息结束标记。\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, errs = runLaws(t, "", "ingest", "--laws", bad, "--data", data)
	if code != 1 || !strings.Contains(errs, "broken.md:3") {
		t.Errorf("malformed: exit %d, %s", code, errs)
	}
	if code, _, errs := runLaws(t, "", "ingest", "--data", data); code != 2 || !strings.Contains(errs, "--laws") {
		t.Errorf("missing --laws: exit %d %s", code, errs)
	}
}

// A province's pack: its local regulations are cited once ingested, not before.
func TestIngestPackCommand(t *testing.T) {
	data := t.TempDir()
	const cite = "《浙江省安全生产条例》第一条"
	if _, out, _ := runLaws(t, cite, "cite", "--data", data); !strings.Contains(out, `"valid": false`) {
		t.Fatalf("cited before the pack is ingested: %s", out)
	}
	code, out, errs := runLaws(t, "", "ingest", "--pack", "浙江", "--data", data)
	var res struct{ Packs []string }
	if code != 0 || json.Unmarshal([]byte(out), &res) != nil || strings.Join(res.Packs, ",") != "浙江" {
		t.Fatalf("ingest --pack: exit %d %s %s", code, out, errs)
	}
	if _, out, _ := runLaws(t, cite, "cite", "--data", data); !strings.Contains(out, `"valid": true`) {
		t.Errorf("cite after ingest --pack: %s", out)
	}
	for _, tt := range []struct{ args []string }{
		{[]string{"ingest", "--pack", "西藏", "--data", data}},
		{[]string{"ingest", "--pack", "浙江", "--laws", data, "--data", data}},
	} {
		if code, _, errs := runLaws(t, "", tt.args...); code != 2 || !strings.Contains(errs, "--pack") {
			t.Errorf("%v: exit %d %s, want 2 naming --pack", tt.args, code, errs)
		}
	}
}
