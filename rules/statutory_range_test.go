package rules

import "testing"

// Synthetic amounts; the rules mirror 食品安全法第一百二十四条 and 广告法第五十五条.
func TestFineRuleRange(t *testing.T) {
	food := FineRule{Min: 50000, Max: 100000, Base: "goods_value", MinTimes: 10, MaxTimes: 20, Below: 10000, BelowMin: 50000, BelowMax: 100000}
	ad := FineRule{Base: "ad_cost", MinTimes: 3, MaxTimes: 5, FallbackMin: 200000, FallbackMax: 1000000}
	floor := FineRule{Base: "goods_value", MinTimes: 1, MaxTimes: 3, BaseFloor: 100000}
	cases := []struct {
		name     string
		r        FineRule
		amounts  map[string]float64
		min, max float64
		ok       bool
	}{
		{"below threshold", food, map[string]float64{"goods_value": 5000}, 50000, 100000, true},
		{"multiples", food, map[string]float64{"goods_value": 20000}, 200000, 400000, true},
		{"no base: not assumed below the threshold", food, nil, 0, 0, false},
		{"ad cost multiples", ad, map[string]float64{"ad_cost": 100000}, 300000, 500000, true},
		{"ad cost unknown: not assumed incalculable", ad, nil, 0, 0, false},
		{"floor applies", floor, map[string]float64{"goods_value": 20000}, 100000, 300000, true},
		{"no base no fallback", FineRule{Base: "illegal_gains", MinTimes: 1, MaxTimes: 5}, nil, 0, 0, false},
		{"fixed", FineRule{Min: 2000, Max: 20000}, nil, 2000, 20000, true},
	}
	for _, c := range cases {
		min, max, note, ok := c.r.Range(c.amounts)
		if min != c.min || max != c.max || ok != c.ok || note == "" {
			t.Errorf("%s: got %v %v %q %v, want %v %v %v", c.name, min, max, note, ok, c.min, c.max, c.ok)
		}
	}
}
