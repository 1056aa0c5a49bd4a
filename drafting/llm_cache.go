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

// RedisCache stores answers under Prefix for TTL. Local, when set, answers
// while Redis does not (a miss there is a miss), so a node without Redis
// still reuses its own answers.
type RedisCache struct {
	Client *redis.Client
	Prefix string
	TTL    time.Duration
	Local  Cache
}

// redisWait bounds one cache call: a Redis that is down must not hold up a draft.
const redisWait = 300 * time.Millisecond

// Get misses on any Redis error: the cache is an optimisation, never a failure.
func (r RedisCache) Get(ctx context.Context, k string) (string, bool) {
	ctx, cancel := context.WithTimeout(ctx, redisWait)
	defer cancel()
	v, err := r.Client.Get(ctx, r.Prefix+k).Result()
	if err != nil && err != redis.Nil && r.Local != nil {
		return r.Local.Get(ctx, k)
	}
	return v, err == nil
}

// Put ignores Redis errors for the same reason.
func (r RedisCache) Put(ctx context.Context, k, v string) {
	if r.Local != nil {
		r.Local.Put(ctx, k, v)
	}
	ctx, cancel := context.WithTimeout(ctx, redisWait)
	defer cancel()
	_ = r.Client.Set(ctx, r.Prefix+k, v, r.TTL).Err()
}

func cacheFromEnv() Cache {
	local := memCache{newLRU(1024)}
	if u := os.Getenv("ZHIFA_REDIS_URL"); u != "" {
		if opt, err := redis.ParseURL(u); err == nil {
			opt.DialTimeout, opt.ReadTimeout, opt.WriteTimeout, opt.MaxRetries = redisWait, redisWait, redisWait, -1
			prefix := os.Getenv("ZHIFA_REDIS_PREFIX")
			if prefix == "" {
				prefix = "zhifa:"
			}
			return RedisCache{Client: redis.NewClient(opt), Prefix: prefix + "llm:", TTL: 30 * 24 * time.Hour, Local: local}
		}
	}
	return local
}
