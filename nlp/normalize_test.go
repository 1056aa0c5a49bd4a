package nlp

import (
	"os"
	"regexp"
	"strings"
	"testing"
)

func TestNormalize(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"執(zhí)法", "执法"},
		{"規(guī)範(fàn)", "规范"},
		{"鹽政辦發(fā)〔2019〕45號", "盐政办发〔2019〕45号"},
		{"行政執法公示制度", "行政执法公示制度"},
		{"第１２４条", "第124条"},
		{"ＡＢＣ１２３ａｂｃ", "ABC123abc"},
		{"罚款，没收。（一）《食品安全法》", "罚款，没收。（一）《食品安全法》"},
		{"行政 处罚", "行政处罚"},
		{"行政\u3000处罚", "行政处罚"},
		{"第 一 百 条", "第一百条"},
		{"GB 2760 标准", "GB 2760 标准"},
		{"see (a) and (b)", "see (a) and (b)"},
		{"附件(一)", "附件(一)"},
		{"各縣(市、區(qū))人民政府", "各县(市、区)人民政府"},
		{"", ""},
		{"plain ascii", "plain ascii"},
	} {
		if got := Normalize(tt.in); got != tt.want {
			t.Errorf("Normalize(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// The Yancheng policy text is a real sample of traditional characters with
// pinyin debris left by a broken encoding.
func TestNormalizeYanchengPolicy(t *testing.T) {
	raw, err := os.ReadFile("../corpora/policy/yancheng-2019-45-traditional-garbled.txt")
	if err != nil {
		t.Skipf("policy text not present: %v", err)
	}
	got := Normalize(string(raw))
	debris := regexp.MustCompile(`[(（][a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ][a-zü]*[)）]`)
	if m := debris.FindAllString(got, 5); len(m) > 0 {
		t.Errorf("pinyin debris left: %q", m)
	}
	for _, c := range strings.Split("鹽 執 規 範 辦 發 區 經 濟 號 縣 門 實 記 錄 決 審 務 關 個 過 於 為 與 從 對 現 開 們 會 時 業 單 機 監 檢 構 體 責 權 當 應 員 數 報 網 資", " ") {
		if strings.Contains(got, c) {
			t.Errorf("traditional character %s left", c)
		}
	}
	for _, want := range []string{"盐城市全面推行行政执法公示制度", "盐政办发〔2019〕45号", "重大执法决定法制审核制度", "盐城市人民政府办公室"} {
		if !strings.Contains(got, want) {
			t.Errorf("normalised text lacks %q", want)
		}
	}
}
