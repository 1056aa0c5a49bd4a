// Package merkle is the RFC 6962 / RFC 9162 Merkle tree hash over the audit
// chain: leaf = SHA-256(0x00 || entry hash), node = SHA-256(0x01 || left ||
// right), the split at the largest power of two below the size. It holds the
// tree, the inclusion and consistency proofs and their verification, and the
// compact range (the right edge of the tree) that lets a signed tree head be
// extended leaf by leaf without re-reading the chain.
package merkle

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"
	"math/bits"
)

// Hash is a SHA-256 digest.
type Hash = [32]byte

// Leaf is the leaf hash of data (RFC 6962 §2.1: prefix 0x00).
func Leaf(data []byte) Hash {
	h := sha256.New()
	h.Write([]byte{0})
	h.Write(data)
	var out Hash
	h.Sum(out[:0])
	return out
}

// Node is the interior hash of two children (prefix 0x01).
func Node(l, r Hash) Hash {
	var b [65]byte
	b[0] = 1
	copy(b[1:], l[:])
	copy(b[33:], r[:])
	return sha256.Sum256(b[:])
}

// EmptyRoot is the hash of the empty tree, SHA-256 of nothing.
var EmptyRoot = sha256.Sum256(nil)

// Tree holds every level of a tree over leaf hashes, for proofs.
type Tree struct {
	levels [][]Hash // levels[0] the leaves; levels[k][i] the hash of the complete subtree of 2^k leaves from i·2^k
}

// New builds the tree over leaf hashes (already passed through Leaf).
func New(leaves []Hash) *Tree {
	t := &Tree{levels: [][]Hash{leaves}}
	for cur := leaves; len(cur) > 1; {
		next := make([]Hash, len(cur)/2)
		for i := range next {
			next[i] = Node(cur[2*i], cur[2*i+1])
		}
		t.levels = append(t.levels, next)
		cur = next
	}
	return t
}

// Size is the number of leaves.
func (t *Tree) Size() int64 { return int64(len(t.levels[0])) }

// subtree is the hash of leaves [lo, hi) of the tree; the range is one that
// the RFC's recursive split produces, so all but its last part are complete
// stored subtrees.
func (t *Tree) subtree(lo, hi int64) Hash {
	n := hi - lo
	if n == 1 {
		return t.levels[0][lo]
	}
	// complete subtree aligned at lo: stored
	if n&(n-1) == 0 && lo%n == 0 {
		k := bits.TrailingZeros64(uint64(n))
		return t.levels[k][lo/n]
	}
	k := splitPoint(n)
	return Node(t.subtree(lo, lo+k), t.subtree(lo+k, hi))
}

// RootAt is the tree head of the first size leaves (size ≤ Size()).
func (t *Tree) RootAt(size int64) Hash {
	if size == 0 {
		return EmptyRoot
	}
	return t.subtree(0, size)
}

// Root is the tree head of all leaves.
func (t *Tree) Root() Hash { return t.RootAt(t.Size()) }

// splitPoint is the largest power of two strictly below n (n ≥ 2).
func splitPoint(n int64) int64 { return int64(1) << (bits.Len64(uint64(n-1)) - 1) }

// InclusionProof is the audit path of leaf index in the tree of the first
// size leaves (RFC 9162 §2.1.3.1), leaf-side first.
func (t *Tree) InclusionProof(index, size int64) ([]Hash, error) {
	if size > t.Size() || index < 0 || index >= size {
		return nil, fmt.Errorf("merkle: leaf %d not in a tree of %d", index, size)
	}
	var path []Hash
	var walk func(m, lo, hi int64)
	walk = func(m, lo, hi int64) {
		if hi-lo == 1 {
			return
		}
		k := splitPoint(hi - lo)
		if m < k {
			walk(m, lo, lo+k)
			path = append(path, t.subtree(lo+k, hi))
		} else {
			walk(m-k, lo+k, hi)
			path = append(path, t.subtree(lo, lo+k))
		}
	}
	walk(index, 0, size)
	return path, nil
}

// ConsistencyProof proves that the tree of the first m leaves is a prefix of
// the tree of the first n (RFC 9162 §2.1.4.1).
func (t *Tree) ConsistencyProof(m, n int64) ([]Hash, error) {
	if n > t.Size() || m <= 0 || m > n {
		return nil, fmt.Errorf("merkle: no consistency proof from %d to %d", m, n)
	}
	var path []Hash
	var sub func(m, lo, hi int64, whole bool)
	sub = func(m, lo, hi int64, whole bool) {
		n := hi - lo
		if m == n {
			if !whole {
				path = append(path, t.subtree(lo, hi))
			}
			return
		}
		k := splitPoint(n)
		if m <= k {
			sub(m, lo, lo+k, whole)
			path = append(path, t.subtree(lo+k, hi))
		} else {
			sub(m-k, lo+k, hi, false)
			path = append(path, t.subtree(lo, lo+k))
		}
	}
	sub(m, 0, n, true)
	return path, nil
}

// ErrProof is returned when a proof does not lead to the root.
var ErrProof = errors.New("merkle: proof does not match the tree head")

// VerifyInclusion checks that leaf sits at index in the tree of size with
// the given root (RFC 9162 §2.1.3.2).
func VerifyInclusion(index, size int64, leaf Hash, proof []Hash, root Hash) error {
	if index < 0 || index >= size {
		return fmt.Errorf("merkle: leaf %d not in a tree of %d", index, size)
	}
	fn, sn := index, size-1
	r := leaf
	for _, p := range proof {
		if sn == 0 {
			return ErrProof
		}
		if fn&1 == 1 || fn == sn {
			r = Node(p, r)
			if fn&1 == 0 {
				for fn&1 == 0 && fn != 0 {
					fn >>= 1
					sn >>= 1
				}
			}
		} else {
			r = Node(r, p)
		}
		fn >>= 1
		sn >>= 1
	}
	if sn != 0 || r != root {
		return ErrProof
	}
	return nil
}

// VerifyConsistency checks that the tree (m, rootM) is a prefix of (n, rootN)
// (RFC 9162 §2.1.4.2).
func VerifyConsistency(m, n int64, rootM, rootN Hash, proof []Hash) error {
	switch {
	case m <= 0 || m > n:
		return fmt.Errorf("merkle: no consistency from %d to %d", m, n)
	case m == n:
		if len(proof) != 0 || rootM != rootN {
			return ErrProof
		}
		return nil
	}
	if len(proof) == 0 {
		return ErrProof
	}
	if m&(m-1) == 0 { // m a power of two: the old root is the first node
		proof = append([]Hash{rootM}, proof...)
	}
	fn, sn := m-1, n-1
	for fn&1 == 1 {
		fn >>= 1
		sn >>= 1
	}
	fr, sr := proof[0], proof[0]
	for _, c := range proof[1:] {
		if sn == 0 {
			return ErrProof
		}
		if fn&1 == 1 || fn == sn {
			fr = Node(c, fr)
			sr = Node(c, sr)
			if fn&1 == 0 {
				for fn&1 == 0 && fn != 0 {
					fn >>= 1
					sn >>= 1
				}
			}
		} else {
			sr = Node(sr, c)
		}
		fn >>= 1
		sn >>= 1
	}
	if sn != 0 || !bytes.Equal(fr[:], rootM[:]) || !bytes.Equal(sr[:], rootN[:]) {
		return ErrProof
	}
	return nil
}

// Range is the compact range of a tree: the roots of its complete subtrees,
// largest first (one per set bit of the size). Appending a leaf and taking
// the root cost O(log n), so a tree head can be carried forward from the last
// one without re-reading the chain.
type Range struct {
	Size  int64
	Nodes []Hash
}

// Append adds one leaf hash.
func (r *Range) Append(leaf Hash) {
	r.Nodes = append(r.Nodes, leaf)
	r.Size++
	// merge equal-sized subtrees: one merge per trailing one bit of the old size
	for s := r.Size; s&1 == 0; s >>= 1 {
		n := len(r.Nodes)
		r.Nodes = append(r.Nodes[:n-2], Node(r.Nodes[n-2], r.Nodes[n-1]))
	}
}

// Root is the tree head of the leaves appended so far.
func (r *Range) Root() Hash {
	if len(r.Nodes) == 0 {
		return EmptyRoot
	}
	h := r.Nodes[len(r.Nodes)-1]
	for i := len(r.Nodes) - 2; i >= 0; i-- {
		h = Node(r.Nodes[i], h)
	}
	return h
}
