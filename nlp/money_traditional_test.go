package nlp

import "testing"

// Amounts in traditional characters (萬 億 貳 參 陸 兩 圓, 人民幣), as a decision
// quoted from Hong Kong, Macao or Taiwan or typed in traditional characters
// states them. The amounts are synthetic.
func TestTraditionalAmounts(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want float64
	}{
		{"伍萬元", 50000},
		{"人民幣伍萬元整", 50000},
		{"1.5萬元", 15000},
		{"2.3億元", 230000000},
		{"壹億貳仟萬元", 120000000},
		{"參萬陸仟圓", 36000},
		{"叄拾萬元", 300000},
		{"兩萬元", 20000},
		{"壹萬零伍拾元零伍分", 10050.05},
		{"一億零一萬元", 100010000},
		{"￥3萬", 30000},
		// 萬 and 万 are one unit: the same amount either way
		{"十萬零五百元", 100500},
		{"十万零五百元", 100500},
	} {
		got, err := ParseMoney(tt.in)
		if err != nil || got != tt.want {
			t.Errorf("ParseMoney(%q) = %v, %v; want %v", tt.in, got, err, tt.want)
		}
	}
	for _, tt := range []struct {
		in   string
		want int64
	}{{"三萬", 30000}, {"五億", 500000000}, {"壹萬貳仟參佰", 12300}, {"陸拾", 60}} {
		got, err := ParseChineseInt(tt.in)
		if err != nil || got != tt.want {
			t.Errorf("ParseChineseInt(%q) = %d, %v; want %d", tt.in, got, err, tt.want)
		}
	}
	for _, bad := range []string{"萬元", "億", "萬萬"} {
		if v, err := ParseMoney(bad); err == nil {
			t.Errorf("ParseMoney(%q) = %v, want an error (a unit without a digit)", bad, v)
		}
	}
}

// ExtractAmounts finds traditional amounts in running text, with byte spans
// into the text as given (not into a simplified copy).
func TestExtractTraditionalAmounts(t *testing.T) {
	text := "經查，當事人違法所得人民幣參萬陸仟圓，決定罰款伍萬元，並處沒收貨值1.2億元的產品。"
	got := ExtractAmounts(text)
	want := []struct {
		text  string
		value float64
	}{{"人民幣參萬陸仟圓", 36000}, {"伍萬元", 50000}, {"1.2億元", 120000000}}
	if len(got) != len(want) {
		t.Fatalf("ExtractAmounts = %+v, want %d amounts", got, len(want))
	}
	for i, w := range want {
		a := got[i]
		if a.Text != w.text || a.Value != w.value || text[a.Start:a.End] != w.text {
			t.Errorf("amount %d = %+v, want %q = %v at its own span", i, a, w.text, w.value)
		}
	}
}
