package nlp

import "testing"

func TestCapitalYuan(t *testing.T) {
	tests := []struct {
		v    float64
		want string
	}{
		{60000, "陆万元整"},
		{100000, "壹拾万元整"},
		{1800, "壹仟捌佰元整"},
		{10050, "壹万零伍拾元整"},
		{1000001, "壹佰万零壹元整"},
		{1234.56, "壹仟贰佰叁拾肆元伍角陆分"},
		{100000000, "壹亿元整"},
		{100000001, "壹亿零壹元整"},
		{105000000, "壹亿零伍佰万元整"},
		{200.05, "贰佰元零伍分"},
		{0.5, "伍角"},
		{0, "零元整"},
		{-1, ""},
	}
	for _, tc := range tests {
		if got := CapitalYuan(tc.v); got != tc.want {
			t.Errorf("CapitalYuan(%v) = %q, want %q", tc.v, got, tc.want)
		}
	}
	// what is written in words reads back as the same amount
	for _, v := range []float64{60000, 10050, 1000001, 1234.56, 105000000} {
		if back, err := ParseMoney("人民币" + CapitalYuan(v)); err != nil || back != v {
			t.Errorf("ParseMoney(CapitalYuan(%v)) = %v, %v", v, back, err)
		}
	}
}
