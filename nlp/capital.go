package nlp

import (
	"math"
	"strings"
)

// CapitalYuan writes an amount in yuan the way documents and receipts state
// it in words (大写): 60000 → 陆万元整, 10050.5 → 壹万零伍拾元伍角. Negative
// amounts and amounts of 一万亿 or more are written as digits' words would
// mislead, so they return "".
func CapitalYuan(v float64) string {
	if v < 0 || v >= 1e12 || math.IsNaN(v) {
		return ""
	}
	const digits = "零壹贰叁肆伍陆柒捌玖"
	d := []rune(digits)
	fen := int64(math.Round(v * 100))
	yuan, jiao, cent := fen/100, (fen/10)%10, fen%10
	var b strings.Builder
	if yuan > 0 {
		groups := []int64{yuan / 1e8, (yuan / 1e4) % 1e4, yuan % 1e4}
		groupUnit := []string{"亿", "万", ""}
		units := []string{"仟", "佰", "拾", ""}
		started, zero := false, false
		for gi, g := range groups {
			if g == 0 {
				if started {
					zero = true
				}
				continue
			}
			for i, div := range []int64{1000, 100, 10, 1} {
				n := (g / div) % 10
				if n == 0 {
					if started {
						zero = true
					}
					continue
				}
				if zero {
					b.WriteRune('零')
					zero = false
				}
				b.WriteRune(d[n])
				b.WriteString(units[i])
				started = true
			}
			b.WriteString(groupUnit[gi])
		}
		b.WriteString("元")
	}
	switch {
	case jiao == 0 && cent == 0:
		if yuan == 0 {
			return "零元整"
		}
		b.WriteString("整")
	default:
		if jiao > 0 {
			b.WriteRune(d[jiao])
			b.WriteString("角")
		} else if yuan > 0 {
			b.WriteRune('零')
		}
		if cent > 0 {
			b.WriteRune(d[cent])
			b.WriteString("分")
		}
	}
	return b.String()
}
