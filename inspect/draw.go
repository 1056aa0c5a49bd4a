package inspect

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"sort"

	"zhifa/records"
)

// The draw is a pure function of the seed and the lists, specified so that
// anyone can re-run it on any machine:
//
//  1. lists_sha256 = hex SHA-256 of the canonical JSON of Lists.
//  2. key = SHA-256("zhifa-draw-v1\n" + seed + "\n" + lists_sha256); the
//     generator is ChaCha8 (math/rand/v2, C2SP chacha8rand) keyed by it, read
//     only through Uint64.
//  3. uniform(n): draw x = Uint64() until x ≥ 2^64 mod n, return x mod n
//     (rejection, no bias).
//  4. Targets are sorted by id and grouped by stratum (high, medium, low,
//     then other levels by name; one stratum "" when not stratified). A
//     stratum of N targets at share r gives k = ⌈N·r⌉ (never more than N);
//     k targets are taken by a partial Fisher–Yates shuffle: for i in
//     0..k−1, swap i with i + uniform(N−i).
//  5. The drawn targets, sorted by id, each get m inspectors by a partial
//     Fisher–Yates shuffle of the eligible inspectors (sorted by id) minus
//     those recused from that target and those who inspected it in the
//     previous draw of the plan.

// ListsSHA256 is the hex SHA-256 of the lists' canonical JSON.
func ListsSHA256(l Lists) (string, error) {
	b, err := json.Marshal(l)
	if err != nil {
		return "", fmt.Errorf("inspect: lists: %w", err)
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:]), nil
}

type prng struct{ r *rand.ChaCha8 }

func newPRNG(seed, listsSHA string) prng {
	return prng{rand.NewChaCha8(sha256.Sum256([]byte("zhifa-draw-v1\n" + seed + "\n" + listsSHA)))}
}

// uniform returns a number in [0, n) without modulo bias.
func (p prng) uniform(n int) int {
	un := uint64(n)
	thresh := -un % un // 2^64 mod n
	for {
		if x := p.r.Uint64(); x >= thresh {
			return int(x % un)
		}
	}
}

// pick takes k of items by a partial Fisher–Yates shuffle.
func (p prng) pick(items []string, k int) []string {
	a := slices.Clone(items)
	for i := 0; i < k; i++ {
		j := i + p.uniform(len(a)-i)
		a[i], a[j] = a[j], a[i]
	}
	return a[:k]
}

// StratumCount is how many of n targets a share r draws: ⌈n·r⌉, at most n.
func StratumCount(n int, r float64) int {
	k := int(math.Ceil(float64(n)*r - 1e-9))
	return max(0, min(k, n))
}

// PlanRatio is the share the plan draws from a stratum ("" when not stratified).
func PlanRatio(p Plan, risk string) float64 {
	if p.Stratified {
		return p.RiskRatios[risk]
	}
	return p.Ratio
}

// Draw runs the specified draw over l with seed.
func Draw(l Lists, seed string) (Result, error) {
	sum, err := ListsSHA256(l)
	if err != nil {
		return Result{}, err
	}
	res := Result{Plan: l.Plan.ID, Seed: seed, ListsSHA256: sum, Draws: []Assignment{}}
	r := newPRNG(seed, sum)
	targets := slices.Clone(l.Targets)
	sort.Slice(targets, func(i, j int) bool { return targets[i].ID < targets[j].ID })
	strata := map[string][]string{}
	for _, t := range targets {
		key := ""
		if l.Plan.Stratified {
			key = t.Risk
		}
		strata[key] = append(strata[key], t.ID)
	}
	var chosen []string
	for _, key := range strataOrder(strata) {
		ids := strata[key]
		chosen = append(chosen, r.pick(ids, StratumCount(len(ids), PlanRatio(l.Plan, key)))...)
	}
	sort.Strings(chosen)
	m := l.Plan.InspectorsPerTarget
	if m == 0 {
		m = 2
	}
	insp := make([]string, 0, len(l.Inspectors))
	for _, i := range l.Inspectors {
		insp = append(insp, i.ID)
	}
	sort.Strings(insp)
	recused := map[[2]string]bool{}
	for _, rc := range l.Plan.Recusals {
		recused[[2]string{rc.Inspector, rc.Target}] = true
	}
	for _, a := range l.Previous {
		for _, i := range a.Inspectors {
			recused[[2]string{i, a.Target}] = true
		}
	}
	for _, t := range chosen {
		var cand []string
		for _, i := range insp {
			if !recused[[2]string{i, t}] {
				cand = append(cand, i)
			}
		}
		if len(cand) < m {
			return Result{}, &records.ConflictError{Code: "inspectors_short", Field: "inspectors",
				Message: fmt.Sprintf("target %s: %d inspectors eligible after recusals and the previous draw, the plan needs %d", t, len(cand), m)}
		}
		got := r.pick(cand, m)
		res.Draws = append(res.Draws, Assignment{Target: t, Inspectors: got})
	}
	return res, nil
}

func strataOrder(strata map[string][]string) []string {
	var out, rest []string
	for _, k := range RiskLevels {
		if _, ok := strata[k]; ok {
			out = append(out, k)
		}
	}
	for k := range strata {
		if !slices.Contains(RiskLevels, k) {
			rest = append(rest, k)
		}
	}
	sort.Strings(rest)
	return append(out, rest...)
}
