package corpora

import "testing"

// A citation as agencies write it, without 《》, resolves like the bracketed one.
func TestCiteBareLawName(t *testing.T) {
	for _, cit := range []string{"食品安全法第一百二十四条", "中华人民共和国食品安全法第一百二十四条第一款", " 行政处罚法第三十三条"} {
		r, err := Default().Cite(cit)
		if err != nil || !r.Valid {
			t.Errorf("%s: %v %+v", cit, err, r)
		}
	}
	if _, err := Default().Cite("不存在的法第一条"); err == nil {
		t.Error("an unknown bare law name resolved")
	}
}
