package merkle

import (
	"crypto/sha256"
	"fmt"
	"testing"
)

// naiveRoot is RFC 6962's MTH written straight from its definition, with no
// shared code but the two hash functions' bytes.
func naiveRoot(data [][]byte) Hash {
	switch len(data) {
	case 0:
		return sha256.Sum256(nil)
	case 1:
		return sha256.Sum256(append([]byte{0}, data[0]...))
	}
	k := 1
	for k*2 < len(data) {
		k *= 2
	}
	l, r := naiveRoot(data[:k]), naiveRoot(data[k:])
	return sha256.Sum256(append(append([]byte{1}, l[:]...), r[:]...))
}

func leaves(n int) ([][]byte, []Hash) {
	data := make([][]byte, n)
	hs := make([]Hash, n)
	for i := range data {
		data[i] = []byte(fmt.Sprintf("entry-%d", i))
		hs[i] = Leaf(data[i])
	}
	return data, hs
}

func TestRootsAgainstNaive(t *testing.T) {
	for n := 0; n <= 33; n++ {
		data, hs := leaves(n)
		want := naiveRoot(data)
		var r Range
		for _, h := range hs {
			r.Append(h)
		}
		if got := r.Root(); got != want {
			t.Errorf("size %d: compact range root %x, want %x", n, got, want)
		}
		if n == 0 {
			continue
		}
		tr := New(hs)
		for m := 1; m <= n; m++ {
			if got := tr.RootAt(int64(m)); got != naiveRoot(data[:m]) {
				t.Errorf("size %d: root at %d wrong", n, m)
			}
		}
	}
}

// Every index of every tree of sizes 1..33: the proof leads to the naive
// root, and fails for the wrong leaf, the wrong index, a changed path hash,
// a path one short or one long. (The size itself is bound by the signed
// tree head, not the path.)
func TestInclusionEveryIndex(t *testing.T) {
	for n := 1; n <= 33; n++ {
		data, hs := leaves(n)
		root := naiveRoot(data)
		tr := New(hs)
		for i := 0; i < n; i++ {
			p, err := tr.InclusionProof(int64(i), int64(n))
			if err != nil {
				t.Fatal(err)
			}
			if err := VerifyInclusion(int64(i), int64(n), hs[i], p, root); err != nil {
				t.Errorf("size %d index %d: %v", n, i, err)
			}
			if n > 1 {
				if VerifyInclusion(int64(i), int64(n), hs[(i+1)%n], p, root) == nil {
					t.Errorf("size %d index %d: another leaf verifies", n, i)
				}
				if VerifyInclusion(int64((i+1)%n), int64(n), hs[i], p, root) == nil {
					t.Errorf("size %d index %d: the proof verifies at index %d", n, i, (i+1)%n)
				}
				for j := range p {
					q := append([]Hash(nil), p...)
					q[j][0] ^= 1
					if VerifyInclusion(int64(i), int64(n), hs[i], q, root) == nil {
						t.Errorf("size %d index %d: path hash %d changed verifies", n, i, j)
					}
				}
				if VerifyInclusion(int64(i), int64(n), hs[i], p[:len(p)-1], root) == nil {
					t.Errorf("size %d index %d: short path verifies", n, i)
				}
			}
			if VerifyInclusion(int64(i), int64(n), hs[i], append(p, hs[0]), root) == nil {
				t.Errorf("size %d index %d: long path verifies", n, i)
			}
		}
		if VerifyInclusion(int64(n), int64(n), hs[0], nil, root) == nil {
			t.Errorf("size %d: index past the end verifies", n)
		}
	}
}

func TestConsistencyEveryPair(t *testing.T) {
	for n := 1; n <= 33; n++ {
		data, hs := leaves(n)
		tr := New(hs)
		rootN := naiveRoot(data)
		for m := 1; m <= n; m++ {
			rootM := naiveRoot(data[:m])
			p, err := tr.ConsistencyProof(int64(m), int64(n))
			if err != nil {
				t.Fatal(err)
			}
			if err := VerifyConsistency(int64(m), int64(n), rootM, rootN, p); err != nil {
				t.Errorf("%d → %d: %v", m, n, err)
			}
			bad := rootM
			bad[0] ^= 1
			if VerifyConsistency(int64(m), int64(n), bad, rootN, p) == nil {
				t.Errorf("%d → %d: a changed old root verifies", m, n)
			}
			if m < n {
				// the old tree with its last leaf changed is no prefix
				alt := append([][]byte(nil), data[:m]...)
				alt[m-1] = []byte("changed")
				if VerifyConsistency(int64(m), int64(n), naiveRoot(alt), rootN, p) == nil {
					t.Errorf("%d → %d: a different old tree verifies", m, n)
				}
				if VerifyConsistency(int64(m), int64(n), rootM, rootN, nil) == nil {
					t.Errorf("%d → %d: empty proof verifies", m, n)
				}
			}
		}
	}
}

// go test -run '^$' -bench . ./records/merkle/
func BenchmarkTree(b *testing.B) {
	for _, n := range []int{10_000, 100_000, 1_000_000} {
		_, hs := leaves(n)
		b.Run(fmt.Sprintf("build/%d", n), func(b *testing.B) {
			for b.Loop() {
				New(hs)
			}
		})
		tr := New(hs)
		b.Run(fmt.Sprintf("proof/%d", n), func(b *testing.B) {
			i := int64(0)
			for b.Loop() {
				if _, err := tr.InclusionProof(i%int64(n), int64(n)); err != nil {
					b.Fatal(err)
				}
				i += 7919
			}
		})
		p, _ := tr.InclusionProof(int64(n/3), int64(n))
		root := tr.Root()
		b.Run(fmt.Sprintf("verify/%d", n), func(b *testing.B) {
			for b.Loop() {
				if VerifyInclusion(int64(n/3), int64(n), hs[n/3], p, root) != nil {
					b.Fatal("proof")
				}
			}
		})
	}
}
