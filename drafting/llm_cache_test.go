package drafting

import (
	"context"
	"fmt"
	"os"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
)

func TestRedisCache(t *testing.T) {
	u := os.Getenv("ZHIFA_TEST_REDIS_URL")
	if u == "" {
		t.Skip("ZHIFA_TEST_REDIS_URL not set")
	}
	opt, err := redis.ParseURL(u)
	if err != nil {
		t.Fatal(err)
	}
	cl := redis.NewClient(opt)
	defer cl.Close()
	ctx := context.Background()
	if err := cl.Ping(ctx).Err(); err != nil {
		t.Fatalf("redis unreachable: %v", err)
	}
	prefix := fmt.Sprintf("zhifa-test:llm:%d:", time.Now().UnixNano())
	defer cl.Del(ctx, prefix+"k")
	srv, calls := fakeLLM(t, "ok", "改写结果。")
	l := NewLLM(srv.URL+"/v1", "k", "m")
	l.Cache = RedisCache{Client: cl, Prefix: prefix, TTL: time.Minute}
	for i := 0; i < 2; i++ {
		if got, err := l.Rewrite(ctx, "p", nil); err != nil || got != "改写结果。" {
			t.Fatal(got, err)
		}
	}
	if *calls != 1 {
		t.Errorf("second answer not from Redis: %d calls", *calls)
	}
	if n, _ := cl.Exists(ctx, prefix+l.key("p")).Result(); n != 1 {
		t.Error("answer not stored in Redis")
	}
	cl.Del(ctx, prefix+l.key("p"))
}
