package search

import (
	"container/list"
	"encoding/json"
	"slices"
	"sync"
)

// lawCacheSize is how many law searches a LawIndex remembers. The index does
// not change while it is open, so a remembered answer stays right; officers
// ask the same few things (首违不罚, 加处罚款 …) over and over. A result is
// about 10 KB (ten articles' text and highlights), so the cache stays under
// ~20 MB.
const lawCacheSize = 2048

type lawCacheKey struct {
	q, law, status, level, province string
	top                             int
}

type lawCacheEntry struct {
	key  lawCacheKey
	hits []LawHit
	json []byte // {"hits": hits}, encoded on first ask
}

// lawCache is a least-recently-used map of searches to their hits.
type lawCache struct {
	mu    sync.Mutex
	size  int
	order *list.List // front: most recently used
	items map[lawCacheKey]*list.Element
}

func newLawCache(size int) *lawCache {
	return &lawCache{size: size, order: list.New(), items: map[lawCacheKey]*list.Element{}}
}

// get returns a copy of the remembered hits, so a caller may change its slice.
func (c *lawCache) get(k lawCacheKey) ([]LawHit, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.items[k]
	if !ok {
		return nil, false
	}
	c.order.MoveToFront(e)
	return slices.Clone(e.Value.(*lawCacheEntry).hits), true
}

func (c *lawCache) put(k lawCacheKey, hits []LawHit) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if e, ok := c.items[k]; ok {
		c.order.MoveToFront(e)
		return
	}
	c.items[k] = c.order.PushFront(&lawCacheEntry{key: k, hits: slices.Clone(hits)})
	for c.order.Len() > c.size {
		last := c.order.Back()
		c.order.Remove(last)
		delete(c.items, last.Value.(*lawCacheEntry).key)
	}
}

// getJSON returns the remembered hits encoded as {"hits": […]}, encoding them
// the first time; the bytes are shared and must not be changed.
func (c *lawCache) getJSON(k lawCacheKey) ([]byte, bool, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.items[k]
	if !ok {
		return nil, false, nil
	}
	c.order.MoveToFront(e)
	ent := e.Value.(*lawCacheEntry)
	if ent.json == nil {
		b, err := json.Marshal(map[string]any{"hits": ent.hits})
		if err != nil {
			return nil, false, err
		}
		ent.json = b
	}
	return ent.json, true, nil
}

func (c *lawCache) len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.order.Len()
}
