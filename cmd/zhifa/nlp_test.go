package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
)

func runNLP(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := runMain(context.Background(), &cmdEnv{stdin: strings.NewReader(stdin), stdout: &out, stderr: &errb}, args)
	return code, out.String(), errb.String()
}

func TestAmountCommand(t *testing.T) {
	data := t.TempDir()
	code, out, errs := runNLP(t, "依照规定处五万元以上十万元以下罚款，实际罚款人民币壹拾贰万叁仟肆佰伍拾陆元柒角捌分。", "amount", "--data", data)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var v struct {
		Amounts []struct {
			Text  string  `json:"text"`
			Value float64 `json:"value"`
		} `json:"amounts"`
	}
	if err := json.Unmarshal([]byte(out), &v); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, out)
	}
	want := []struct {
		text  string
		value float64
	}{{"五万元", 50000}, {"十万元", 100000}, {"人民币壹拾贰万叁仟肆佰伍拾陆元柒角捌分", 123456.78}}
	if len(v.Amounts) != len(want) {
		t.Fatalf("amounts %+v", v.Amounts)
	}
	for i, w := range want {
		if v.Amounts[i].Text != w.text || v.Amounts[i].Value != w.value {
			t.Errorf("amount %d = %+v, want %v", i, v.Amounts[i], w)
		}
	}
	code, out, _ = runNLP(t, "没有金额", "amount", "--data", data)
	if code != 0 || !strings.Contains(out, `"amounts": []`) {
		t.Errorf("no amounts: exit %d, %s", code, out)
	}
	if code, _, errs := runNLP(t, "", "amount", "extra", "--data", data); code != 2 || !strings.Contains(errs, "stdin") {
		t.Errorf("positional argument: exit %d, %s", code, errs)
	}
}

func TestRedactCommand(t *testing.T) {
	data := t.TempDir()
	in := "当事人张三（合成示例），手机13812345678，南京某某食品有限公司，罚款五万元。"
	code, out, errs := runNLP(t, in, "redact", "--data", data)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if out != "当事人张某（合成示例），手机138****5678，南京某某食品有限公司，罚款五万元。" {
		t.Errorf("masked text %q", out)
	}
	code, out, errs = runNLP(t, in, "redact", "--json", "--data", data)
	if code != 0 {
		t.Fatalf("--json exit %d: %s", code, errs)
	}
	var v struct {
		Text  string `json:"text"`
		Spans []struct {
			Start int    `json:"start"`
			End   int    `json:"end"`
			Kind  string `json:"kind"`
			Text  string `json:"text"`
		} `json:"spans"`
	}
	if err := json.Unmarshal([]byte(out), &v); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, out)
	}
	if len(v.Spans) != 2 || v.Spans[0].Kind != "name" || v.Spans[0].Text != "张三" || v.Spans[1].Kind != "phone" || in[v.Spans[1].Start:v.Spans[1].End] != "13812345678" {
		t.Errorf("spans %+v", v.Spans)
	}
	if !strings.Contains(v.Text, "张某") {
		t.Errorf("text %q", v.Text)
	}
}

func TestSegmentCommand(t *testing.T) {
	data := t.TempDir()
	code, out, errs := runNLP(t, "当事人超范围使用食品添加剂，货值金额不足一万元。\n首违不罚\n", "segment", "--data", data)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if len(lines) != 2 {
		t.Fatalf("want one output line per input line, got %q", out)
	}
	if lines[0] != "当事人 超范围使用 食品添加剂 货值金额 不足 一万元" || lines[1] != "首违不罚" {
		t.Errorf("precise words %q", lines)
	}
	code, out, _ = runNLP(t, "中华人民共和国食品安全法", "segment", "--mode", "search", "--data", data)
	if code != 0 || !strings.Contains(" "+out, " 食品 ") || !strings.Contains(out, "中华人民共和国食品安全法") {
		t.Errorf("search mode: exit %d, %q", code, out)
	}
	if code, _, errs := runNLP(t, "x", "segment", "--mode", "fast", "--data", data); code != 2 || !strings.Contains(errs, "--mode") {
		t.Errorf("bad mode: exit %d, %s", code, errs)
	}
	if code, _, errs := runNLP(t, "x", "segment", "--jobs", "0", "--data", data); code != 2 || !strings.Contains(errs, "--jobs") {
		t.Errorf("bad jobs: exit %d, %s", code, errs)
	}
	// lines cut on several cores come out in their order, as cut on one (synthetic lines)
	var many strings.Builder
	for i := 0; i < 1000; i++ {
		fmt.Fprintf(&many, "第%d行：当事人张%d销售过期食品%d件，违法所得%d元。\n", i, i, i%7, i*13)
	}
	_, one, _ := runNLP(t, many.String(), "segment", "--jobs", "1", "--data", data)
	_, three, _ := runNLP(t, many.String(), "segment", "--jobs", "3", "--data", data)
	if one != three || strings.Count(one, "\n") != 1000 || !strings.HasPrefix(strings.Split(one, "\n")[999], "第 999 行") {
		t.Errorf("--jobs 3 differs from --jobs 1 or lost the order: %.200q", three)
	}
	// --rounds cuts the input again for the timing: the words are written once
	code, again, errs := runNLP(t, many.String(), "segment", "--jobs", "2", "--rounds", "3", "--bench", "--data", data)
	if code != 0 || again != one || !strings.Contains(errs, "--rounds 3") || !strings.Contains(errs, "MB/s") {
		t.Errorf("--rounds 3: exit %d, same words %v, stderr %q", code, again == one, errs)
	}
	if code, _, errs := runNLP(t, "x", "segment", "--rounds", "2", "--data", data); code != 2 || !strings.Contains(errs, "--rounds") {
		t.Errorf("--rounds without --bench: exit %d, %s", code, errs)
	}
}

// The forms of published decisions through the command: a name in a form
// field, a birth date (kind birth_date), a name the caller knows with --name.
// All people and numbers are synthetic.
func TestRedactCommandForms(t *testing.T) {
	data := t.TempDir()
	in := "当事人基本情况:韩春兰，女，1987年9月29日出生，身份证号码：43022319870929****\n经查，邓建新当日也在现场。"
	code, out, errs := runNLP(t, in, "redact", "--name", "邓建新", "--data", data)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	want := "当事人基本情况:韩某某，女，****年*月**日出生，身份证号码：430223************\n经查，邓某某当日也在现场。"
	if out != want {
		t.Errorf("masked text\n got %q\nwant %q", out, want)
	}
	// without --name the unlabelled name is not known
	if _, out, _ = runNLP(t, in, "redact", "--data", data); !strings.Contains(out, "邓建新") {
		t.Errorf("without --name: %q", out)
	}
	code, out, _ = runNLP(t, in, "redact", "--json", "--data", data)
	if code != 0 || !strings.Contains(out, `"kind": "birth_date"`) || !strings.Contains(out, `"kind": "id_number"`) {
		t.Errorf("--json exit %d: %s", code, out)
	}
	for _, bad := range []string{"", "李"} {
		code, _, errs = runNLP(t, in, "redact", "--name", bad, "--data", data)
		if code != 2 || !strings.Contains(errs, "-name") {
			t.Errorf("--name %q: exit %d, %s", bad, code, errs)
		}
	}
}
