package inspect

import "testing"

// Registries imported from CSV: any bytes read or give a line-numbered error; never a panic.
func FuzzReadRegistries(f *testing.F) {
	for _, s := range []string{
		"id,name,credit_code,address,industry,risk\nt1,甲公司（合成）,91440705MA5000001G,示例路1号,食品,high\n",
		"name,basis,subject,object,ratio,frequency,method,content\n食品抽查,《食品安全法》,市场监管局,食品经营者,5%,每年,现场,标签\n",
		"\"unterminated,\n", ",,,\n,,,", "",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		_, _ = ReadTargets(b, "csv", "demo-scjgj")
		_, _ = ReadMatters(b, "csv", "demo-scjgj")
		_, _ = ParseRatio(string(b))
	})
}
