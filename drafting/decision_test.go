package drafting

import (
	"regexp"
	"strings"
	"testing"

	"zhifa/corpora"
)

// The decision carries what 行政处罚法第五十九条 and the 市场监管 文书范本 require,
// in order, and the statute's own words for 加处罚款 (synthetic case).
func TestDecisionAsTheModelWantsIt(t *testing.T) {
	m := sample()
	m.Facts = "经查，当事人销售超过保质期的食品。"
	m.Decision = "没收超过保质期的食品"
	m.Confiscate = 1200
	d, err := Fill("行政处罚决定书", m)
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Warnings) != 0 {
		t.Errorf("warnings %v", d.Warnings)
	}
	s := strings.Join(d.Paragraphs, "\n")
	r, err := corpora.Default().Cite("《中华人民共和国行政处罚法》第七十二条第一款第（一）项")
	if err != nil {
		t.Fatal(err)
	}
	surcharge := strings.TrimSuffix(regexp.MustCompile(`^（一）`).ReplaceAllString(r.Text, ""), "；")
	inOrder := []string{
		"当事人：示例食品有限公司（合成数据）", "统一社会信用代码：91000000000000000X", "法定代表人（负责人）：甲某（合成）",
		"根据群众举报，本机关于2026年3月10日立案调查。",
		"经查，当事人销售超过保质期的食品。", // 经查 once, though the record starts with it
		"有以下证据证明：（一）现场检查笔录；（二）询问笔录。",
		"本机关于2026年11月10日向当事人送达《行政处罚事先告知书》", "要求听证", "请求从轻处罚", "不予采纳",
		"违反了《中华人民共和国食品安全法》第三十四条第（十）项的规定。依据《中华人民共和国食品安全法》第一百二十四条第一款的规定，",
		"（一）没收违法所得人民币壹仟贰佰元整（1200.00元）；", "（二）没收超过保质期的食品；", "（三）罚款人民币壹拾伍万元整（150000.00元）。",
		surcharge, "申请人民法院强制执行",
	}
	at := 0
	for _, w := range inOrder {
		i := strings.Index(s[at:], w)
		if i < 0 {
			t.Fatalf("missing or out of order: %q\nin %s", w, s)
		}
		at += i + len(w)
	}
	if strings.Count(s, "经查") != 1 {
		t.Errorf("经查 said %d times", strings.Count(s, "经查"))
	}
	if strings.Count(s, m.Agency.Name) != 1 {
		t.Errorf("the agency is named %d times, want once (the 落款)", strings.Count(s, m.Agency.Name))
	}
	// the 落款: the last two paragraphs, flush right
	n := len(d.Paragraphs)
	if len(d.Right) != 2 || d.Right[0] != n-2 || d.Right[1] != n-1 || d.Paragraphs[n-2] != m.Agency.Seal {
		t.Errorf("right-aligned %v of %d: %q", d.Right, n, d.Paragraphs[n-2:])
	}
	x := docXML(t, mustDOCX(t, d))
	if !strings.Contains(x, `<w:jc w:val="right">`) && !strings.Contains(x, `<w:jc w:val="right"/>`) {
		t.Error("the DOCX does not set the 落款 flush right")
	}
}

func mustDOCX(t *testing.T, d *Draft) []byte {
	t.Helper()
	b, err := DOCX(d)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
