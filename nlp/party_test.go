package nlp

import "testing"

func TestPartyKind(t *testing.T) {
	tests := []struct{ text, want string }{
		{"当事人：示例县甲乙食品有限公司（合成数据）", "organization"},
		{"当事人张三，男，1990年生", "person"},
		{"当事人李某某经营无证餐馆", "person"},
		{"被告人张某，男，系某某有限公司职员", "person"},
		{"被告单位某某化工厂", "organization"},
		{"被处罚人：某某超市", "organization"},
		{"一段没有当事人的文字", ""},
	}
	for _, tc := range tests {
		if got := PartyKind(tc.text); got != tc.want {
			t.Errorf("PartyKind(%q) = %q, want %q", tc.text, got, tc.want)
		}
	}
}
