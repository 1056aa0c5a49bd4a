package nlp

import (
	"testing"
)

func TestParseChineseInt(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want int64
	}{
		{"一百二十四", 124}, {"十万零五百", 100500}, {"1,234", 1234}, {"124", 124},
		{"十", 10}, {"十五", 15}, {"二十", 20}, {"一百零一", 101}, {"一百三十三", 133},
		{"一千零一十", 1010}, {"壹拾贰万叁仟肆佰伍拾陆", 123456}, {"两千", 2000},
		{"一万二千", 12000}, {"三亿五千万", 350000000}, {"5千", 5000}, {"3万", 30000},
		{"二〇二六", 2026}, {"一二三", 123}, {"零", 0}, {"一百零八万", 1080000},
	} {
		got, err := ParseChineseInt(tt.in)
		if err != nil || got != tt.want {
			t.Errorf("ParseChineseInt(%q) = %d, %v; want %d", tt.in, got, err, tt.want)
		}
	}
	for _, bad := range []string{"", "abc", "百", "一十二三四五六七八九十百千万亿万亿亿亿亿", "1.5", "-3", "万"} {
		if v, err := ParseChineseInt(bad); err == nil {
			t.Errorf("ParseChineseInt(%q) = %d, want an error", bad, v)
		}
	}
}

func TestParseMoney(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want float64
	}{
		{"人民币壹拾贰万叁仟肆佰伍拾陆元柒角捌分", 123456.78},
		{"五万元", 50000}, {"1.5万元", 15000}, {"2.3亿元", 230000000},
		{"十万零五百元", 100500}, {"12,345.50元", 12345.5}, {"人民币贰万元整", 20000},
		{"3000元", 3000}, {"三千元", 3000}, {"5千元", 5000}, {"一万二千元", 12000},
		{"一万元", 10000}, {"贰佰元整", 200}, {"伍角", 0.5}, {"3000", 3000},
		{"壹万零伍拾元零伍分", 10050.05}, {"0.5万元", 5000}, {"¥50,000.00", 50000}, {"￥3万", 30000},
	} {
		got, err := ParseMoney(tt.in)
		if err != nil || got != tt.want {
			t.Errorf("ParseMoney(%q) = %v, %v; want %v", tt.in, got, err, tt.want)
		}
	}
	for _, bad := range []string{"", "元", "人民币", "abc元", "五万元七八", "万元"} {
		if v, err := ParseMoney(bad); err == nil {
			t.Errorf("ParseMoney(%q) = %v, want an error", bad, v)
		}
	}
}

func TestExtractAmounts(t *testing.T) {
	type a struct {
		text  string
		value float64
	}
	for _, tt := range []struct {
		in   string
		want []a
	}{
		{"罚款五万元", []a{{"五万元", 50000}}},
		{"处五万元以上十万元以下罚款", []a{{"五万元", 50000}, {"十万元", 100000}}},
		{"货值金额不足一万元的，并处五千元以上五万元以下罚款；货值金额一万元以上的，并处货值金额十倍以上二十倍以下罚款",
			[]a{{"一万元", 10000}, {"五千元", 5000}, {"五万元", 50000}, {"一万元", 10000}}},
		{"决定罚款人民币壹拾贰万叁仟肆佰伍拾陆元柒角捌分。", []a{{"人民币壹拾贰万叁仟肆佰伍拾陆元柒角捌分", 123456.78}}},
		{"没收违法所得12,345.50元，并处罚款1.5万元", []a{{"12,345.50元", 12345.5}, {"1.5万元", 15000}}},
		{"涉案金额2.3亿元", []a{{"2.3亿元", 230000000}}},
		{"罚款人民币贰万元整", []a{{"人民币贰万元整", 20000}}},
		{"罚款3000元、三千元、5千元、一万二千元、十万零五百元", []a{{"3000元", 3000}, {"三千元", 3000}, {"5千元", 5000}, {"一万二千元", 12000}, {"十万零五百元", 100500}}},
		{"依照第一百二十四条第一款第（三）项", nil},
		{"罚款人民币5000元，另处人民币伍仟元整", []a{{"人民币5000元", 5000}, {"人民币伍仟元整", 5000}}},
		{"处二千元以上二万元以下的罚款；情节严重的，处两万元以上二十万元以下", []a{{"二千元", 2000}, {"二万元", 20000}, {"两万元", 20000}, {"二十万元", 200000}}},
		{"罚款3,000.00元", []a{{"3,000.00元", 3000}}},
		{"多元化、单元、公元前", nil},
		{"罚款人民币伍万元（¥50,000.00）", []a{{"人民币伍万元", 50000}, {"¥50,000.00", 50000}}},
		{"2026年3月1日", nil},
	} {
		got := ExtractAmounts(tt.in)
		if len(got) != len(tt.want) {
			t.Errorf("ExtractAmounts(%q) = %+v, want %v", tt.in, got, tt.want)
			continue
		}
		for i, g := range got {
			if g.Text != tt.want[i].text || g.Value != tt.want[i].value || tt.in[g.Start:g.End] != g.Text {
				t.Errorf("ExtractAmounts(%q)[%d] = %+v, want %v", tt.in, i, g, tt.want[i])
			}
		}
	}
}
