package drafting

import (
	"context"
	"os"
	"time"

	"github.com/redis/go-redis/v9"
)

// Cache keeps LLM answers by prompt hash: Redis when ZHIFA_REDIS_URL is set, in-process otherwise.
type Cache interface {
	Get(ctx context.Context, key string) (string, bool)
	Put(ctx context.Context, key, value string)
}

type memCache struct{ *lru }

func (m memCache) Get(_ context.Context, k string) (string, bool) { return m.get(k) }
func (m memCache) Put(_ context.Context, k, v string)             { m.put(k, v) }

// RedisCache stores answers under Prefix for TTL.
type RedisCache struct {
	Client *redis.Client
	Prefix string
	TTL    time.Duration
}

// Get misses on any Redis error: the cache is an optimisation, never a failure.
func (r RedisCache) Get(ctx context.Context, k string) (string, bool) {
	v, err := r.Client.Get(ctx, r.Prefix+k).Result()
	return v, err == nil
}

// Put ignores Redis errors for the same reason.
func (r RedisCache) Put(ctx context.Context, k, v string) {
	_ = r.Client.Set(ctx, r.Prefix+k, v, r.TTL).Err()
}

func cacheFromEnv() Cache {
	if u := os.Getenv("ZHIFA_REDIS_URL"); u != "" {
		if opt, err := redis.ParseURL(u); err == nil {
			return RedisCache{Client: redis.NewClient(opt), Prefix: "zhifa:llm:", TTL: 30 * 24 * time.Hour}
		}
	}
	return memCache{newLRU(1024)}
}
