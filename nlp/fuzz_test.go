package nlp

import (
	"testing"
	"unicode/utf8"
)

func FuzzParseMoney(f *testing.F) {
	for _, s := range []string{"人民币壹拾贰万叁仟肆佰伍拾陆元柒角捌分", "五万元", "1.5万元", "2.3亿元", "十万零五百元", "12,345.50元", "人民币贰万元整", "伍角", "亿亿亿万元", "9999999999999999999元", "..元", "1.2.3万元"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		_, _ = ParseChineseInt(s)
		_, _ = ParseMoney(s)
		for _, a := range ExtractAmounts(s) {
			if a.Start < 0 || a.End > len(s) || s[a.Start:a.End] != a.Text {
				t.Fatalf("amount %+v does not match its span in %q", a, s)
			}
		}
	})
}

func FuzzParseCitations(f *testing.F) {
	for _, s := range []string{"《中华人民共和国食品安全法》第一百二十四条第一款第（三）项", "《X法》第二十八条第二款第（二）项、第五十五条第一款", "同法第一百三十三条之一", "本法第三十条", "第（三）项", "《》第条", "第九九九九九九九九九九九九九九条",
		"第四十一、五十一、七十四条", "第四十三条、四十四条", "第五十八条第一款第(一)(十四)项", "《消防法》 第\n十六条第一款第(四) 项",
		"《中华人民共和国药品管理法》(以下简称药品管理法)药品管理法第九十八第三款", "第十六第（四）项", "第一、二条第三、四款第(一)(二)项"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, c := range ParseCitationsIn(s, "本法名") {
			if c.Start < 0 || c.End > len(s) || c.Start > c.End || s[c.Start:c.End] != c.Raw {
				t.Fatalf("citation %+v does not match its span in %q", c, s)
			}
		}
		if utf8.ValidString(s) {
			_ = Normalize(s)
		}
	})
}

func FuzzValidate(f *testing.F) {
	for _, s := range []string{"11010519491231002X", "91350100M000100Y43", "13812345678", "", "x", "\xff\xfe"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		_ = ValidateIDNumber(s)
		_ = ValidateCreditCode(s)
		_ = ValidateMobile(s)
		if len(s) >= 17 {
			_, _ = IDCheckDigit(s[:17])
			_, _ = CreditCodeCheckChar(s[:17])
		}
	})
}

func FuzzRedact(f *testing.F) {
	for _, s := range []string{"当事人张三，男，身份证号11010519491231002X，住北京市朝阳区建国路88号，手机13812345678", "姓名：欧阳", "住\xff", "法定代表人", "6222021234567890123", "当事人王"} {
		f.Add(s)
	}
	// the dictionary loads once per fuzzing process, not inside an input's time
	Seg()
	f.Fuzz(func(t *testing.T, s string) {
		_, spans := Redact(s)
		prev := 0
		for _, sp := range spans {
			if sp.Start < prev || sp.End > len(s) || s[sp.Start:sp.End] != sp.Text {
				t.Fatalf("span %+v out of order or not matching %q", sp, s)
			}
			prev = sp.End
		}
	})
}
