package rules

import (
	"testing"
	"time"
)

func TestBindingBenchmarks(t *testing.T) {
	on := time.Date(2026, 6, 1, 0, 0, 0, 0, cst)
	cases := []struct {
		region, agency string
		domains        []string
		want           int
	}{
		{"广东省江门市", "江门市生态环境局", []string{"生态环境"}, 1},
		{"广东省广州市", "广州市生态环境局", nil, 1},
		{"示例省示例市示例县", "示例县市场监督管理局", []string{"市场监管"}, 0},
		{"广东省江门市", "江门市市场监督管理局", []string{"市场监管"}, 0},
	}
	for _, c := range cases {
		fs, err := BindingBenchmarks(c.region, c.agency, c.domains, on)
		if err != nil {
			t.Fatal(err)
		}
		if len(fs) < c.want || c.want == 0 && len(fs) != 0 {
			names := []string{}
			for _, f := range fs {
				names = append(names, f.Name)
			}
			t.Errorf("%s %s: %v", c.region, c.agency, names)
		}
	}
}
