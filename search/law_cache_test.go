package search

import (
	"fmt"
	"reflect"
	"testing"
)

func TestLawCache(t *testing.T) {
	c := newLawCache(2)
	k := func(q string) lawCacheKey { return lawCacheKey{q: q, top: 10} }
	a := []LawHit{{Law: "甲法", Article: 1}, {Law: "甲法", Article: 2}}
	c.put(k("a"), a)
	got, ok := c.get(k("a"))
	if !ok || !reflect.DeepEqual(got, a) {
		t.Fatalf("get(a) = %v, %v; want %v", got, ok, a)
	}
	got[0].Article = 99 // a caller changing its answer does not change the next one
	if again, _ := c.get(k("a")); again[0].Article != 1 {
		t.Fatalf("the remembered hits changed with the caller's copy: %v", again)
	}
	if _, ok := c.get(lawCacheKey{q: "a", top: 5}); ok {
		t.Fatal("a search with another top answered from the cache")
	}
	c.put(k("b"), nil)
	c.get(k("a")) // a used last: b is the one to go
	c.put(k("c"), nil)
	if _, ok := c.get(k("b")); ok {
		t.Fatal("b kept although least recently used")
	}
	if _, ok := c.get(k("a")); !ok {
		t.Fatal("a evicted although used more recently than b")
	}
	if n := c.len(); n != 2 {
		t.Fatalf("len = %d, want the size 2", n)
	}
	for i := range 10 {
		c.put(k(fmt.Sprint(i)), nil)
	}
	if n := c.len(); n != 2 {
		t.Fatalf("len = %d after 10 more, want the size 2", n)
	}
}
