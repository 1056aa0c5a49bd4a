package auth

import (
	"bytes"
	"context"
	"encoding/hex"
	"errors"
	"log/slog"
	"net"
	"os"
	"strings"
	"testing"
	"time"
)

// testRedis is the Redis of ZHIFA_TEST_REDIS_URL under a prefix of its own,
// emptied after the test. Without it the test is skipped, except in CI.
func testRedis(t *testing.T) *Redis {
	t.Helper()
	url := os.Getenv("ZHIFA_TEST_REDIS_URL")
	if url == "" {
		if os.Getenv("CI") != "" {
			t.Fatal("ZHIFA_TEST_REDIS_URL is not set in CI")
		}
		t.Skip("ZHIFA_TEST_REDIS_URL not set (e.g. redis://127.0.0.1:6379/0)")
	}
	r, err := OpenRedis(url, "zhifa-test:"+hex.EncodeToString(randBytes(6))+":", nil)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	if err := r.Ping(ctx); err != nil {
		r.Close()
		if os.Getenv("CI") != "" {
			t.Fatalf("ZHIFA_TEST_REDIS_URL unreachable in CI: %v", err)
		}
		t.Skipf("ZHIFA_TEST_REDIS_URL unreachable: %v", err)
	}
	t.Cleanup(func() {
		keys, _ := r.Client.Keys(ctx, r.Prefix+"*").Result()
		if len(keys) > 0 {
			r.Client.Del(ctx, keys...)
		}
		r.Close()
	})
	return r
}

// downRedis is a Redis at a port nobody listens on.
func downRedis(t *testing.T) *Redis {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	r, err := OpenRedis("redis://"+addr+"/0", "zhifa-test-down:", nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { r.Close() })
	return r
}

// Failures counted through one limiter lock the login on another sharing
// the Redis; a good password resets the count; the keys hold neither the
// login nor a secret; a limiter whose Redis is down counts on its own.
func TestRedisLimiter(t *testing.T) {
	r := testRedis(t)
	st := testStore(t)
	ctx := context.Background()
	if _, err := CreateUser(ctx, st, "test", User{Login: "officer7", Roles: []string{RoleOfficer}}, "synthetic-password-7"); err != nil {
		t.Fatal(err)
	}
	a, b := NewLimiter().Share(RedisLimiter{R: r}), NewLimiter().Share(RedisLimiter{R: r})
	now := time.Now()
	for _, tc := range []struct {
		name     string
		via      *Limiter
		password string
		want     error
	}{
		{"1st wrong on A", a, "wrong", ErrBadLogin},
		{"2nd wrong on B", b, "wrong", ErrBadLogin},
		{"good on A resets", a, "synthetic-password-7", nil},
		{"1st wrong on B", b, "wrong", ErrBadLogin},
		{"2nd wrong on A", a, "wrong", ErrBadLogin},
		{"3rd wrong on B", b, "wrong", ErrBadLogin},
		{"4th wrong on A", a, "wrong", ErrBadLogin},
		{"5th wrong on A", a, "wrong", ErrBadLogin},
		{"good on B: locked", b, "synthetic-password-7", &ErrLocked{}},
		{"good on A: locked", a, "synthetic-password-7", &ErrLocked{}},
	} {
		_, _, _, err := LoginAt(ctx, st, tc.via, "officer7", tc.password, now, time.Hour)
		var locked *ErrLocked
		switch want := tc.want.(type) {
		case *ErrLocked:
			if !errors.As(err, &locked) {
				t.Errorf("%s: %v, want locked", tc.name, err)
			} else if d := locked.Until.Sub(now); d < 14*time.Minute || d > 16*time.Minute {
				t.Errorf("%s: locked for %v, want 15m", tc.name, d)
			}
		default:
			if !errors.Is(err, want) && !(err == nil && want == nil) {
				t.Errorf("%s: %v, want %v", tc.name, err, want)
			}
		}
	}
	keys, err := r.Client.Keys(ctx, r.Prefix+"*").Result()
	if err != nil || len(keys) != 1 || !strings.HasPrefix(keys[0], r.Prefix+"login:lock:") {
		t.Errorf("keys %v (%v), want the one lock", keys, err)
	}
	for _, k := range keys {
		if strings.Contains(k, "officer7") {
			t.Errorf("key %q holds the login", k)
		}
		if ttl := r.Client.PTTL(ctx, k).Val(); ttl <= 14*time.Minute || ttl > 15*time.Minute {
			t.Errorf("lock key lives %v, want 15m", ttl)
		}
	}

}

// A session kept in Redis lives exactly its lifetime there, is read by
// anyone sharing the Redis, and is gone after logout; a Redis down at
// sign-in keeps the session in the records; a Redis down at look-up is
// signed out, not an error.
func TestRedisSessions(t *testing.T) {
	r := testRedis(t)
	st := testStore(t)
	ctx := context.Background()
	if _, err := CreateUser(ctx, st, "test", User{Login: "officer7", Roles: []string{RoleOfficer}}, "synthetic-password-7"); err != nil {
		t.Fatal(err)
	}
	const ttl = 2 * time.Hour
	now := time.Now()
	ss := RedisSessions{R: r, Fallback: StoreSessions{St: st}, Clock: func() time.Time { return now }}
	secret, tok, _, err := LoginWith(ctx, st, NewLimiter(), ss, "officer7", "synthetic-password-7", now, ttl)
	if err != nil {
		t.Fatal(err)
	}
	key := r.Prefix + "session:" + tok.ID
	if got := r.Client.PTTL(ctx, key).Val(); got > ttl || got < ttl-5*time.Second {
		t.Errorf("session key TTL %v, want %v", got, ttl)
	}
	if v := r.Client.Get(ctx, key).Val(); strings.Contains(v, secret) || !strings.Contains(v, `"user":"officer7"`) || !strings.Contains(v, tok.CSRF) {
		t.Errorf("session value %s", v)
	}
	if _, err := (StoreSessions{St: st}).GetSession(ctx, tok.ID); !errors.Is(err, ErrNoToken) {
		t.Errorf("session in the records too: %v", err)
	}
	other := RedisSessions{R: r, Fallback: StoreSessions{St: st}} // another node
	u, got, err := LookupWith(ctx, st, other, secret, now.Add(time.Minute))
	if err != nil || u.Login != "officer7" || got.CSRF != tok.CSRF || !got.ExpiresAt.Equal(tok.ExpiresAt) {
		t.Fatalf("look-up on another node: %v %+v", err, got)
	}
	if _, _, err := LookupWith(ctx, st, other, secret, now.Add(ttl)); !errors.Is(err, ErrNoToken) {
		t.Errorf("look-up at the end of the lifetime: %v", err)
	}
	down := RedisSessions{R: downRedis(t), Fallback: StoreSessions{St: st}}
	if _, _, err := LookupWith(ctx, st, down, secret, now); !errors.Is(err, ErrNoToken) {
		t.Errorf("look-up with Redis down: %v, want ErrNoToken", err)
	}
	if err := Logout(ctx, st, other, "logout", secret); err != nil {
		t.Fatal(err)
	}
	if _, _, err := LookupWith(ctx, st, ss, secret, now); !errors.Is(err, ErrNoToken) {
		t.Errorf("after logout on the other node: %v", err)
	}

	secret, _, _, err = LoginWith(ctx, st, NewLimiter(), down, "officer7", "synthetic-password-7", now, ttl)
	if err != nil {
		t.Fatalf("sign-in with Redis down: %v", err)
	}
	if _, _, err := LookupWith(ctx, st, down, secret, now); err != nil {
		t.Errorf("session kept in the records while Redis was down: %v", err)
	}
	if _, _, err := LookupWith(ctx, st, ss, secret, now); err != nil {
		t.Errorf("that session once Redis is back: %v", err)
	}
	if err := Logout(ctx, st, ss, "logout", secret); err != nil {
		t.Fatal(err)
	}
	if _, _, err := LookupWith(ctx, st, down, secret, now); !errors.Is(err, ErrNoToken) {
		t.Errorf("after logout: %v", err)
	}
}

// With its Redis down a limiter counts failures itself and locks after five
// (another node, counting its own, does not), sign-in still opens a session
// (kept in the records), and the outage is logged once, not per request.
func TestRedisDown(t *testing.T) {
	st := testStore(t)
	ctx := context.Background()
	if _, err := CreateUser(ctx, st, "test", User{Login: "officer7", Roles: []string{RoleOfficer}}, "synthetic-password-7"); err != nil {
		t.Fatal(err)
	}
	r := downRedis(t)
	var logged bytes.Buffer
	r.Log = slog.New(slog.NewTextHandler(&logged, nil))
	now := time.Now()
	down := NewLimiter().Share(RedisLimiter{R: r})
	for i := 0; i < 5; i++ {
		if _, _, _, err := LoginAt(ctx, st, down, "officer7", "wrong", now, time.Hour); !errors.Is(err, ErrBadLogin) {
			t.Errorf("Redis down, wrong password %d: %v", i, err)
		}
	}
	var locked *ErrLocked
	if _, _, _, err := LoginAt(ctx, st, down, "officer7", "synthetic-password-7", now, time.Hour); !errors.As(err, &locked) {
		t.Errorf("Redis down, after 5 failures: %v, want locked on this node", err)
	}
	other := NewLimiter().Share(RedisLimiter{R: downRedis(t)})
	ss := RedisSessions{R: r, Fallback: StoreSessions{St: st}}
	secret, _, _, err := LoginWith(ctx, st, other, ss, "officer7", "synthetic-password-7", now, time.Hour)
	if err != nil {
		t.Fatalf("Redis down, another node: %v, want signed in", err)
	}
	if _, _, err := LookupWith(ctx, st, ss, secret, now); err != nil {
		t.Errorf("session opened while Redis is down: %v", err)
	}
	if _, _, err := LookupWith(ctx, st, ss, "zfs_synthetic-unknown", now); !errors.Is(err, ErrNoToken) {
		t.Errorf("unknown session, Redis down: %v, want ErrNoToken", err)
	}
	if err := Logout(ctx, st, ss, "logout", secret); err != nil {
		t.Errorf("logout, Redis down: %v", err)
	}
	if _, _, err := LookupWith(ctx, st, ss, secret, now); !errors.Is(err, ErrNoToken) {
		t.Errorf("after logout, Redis down: %v", err)
	}
	if n := strings.Count(logged.String(), "redis unreachable: login failures"); n != 1 {
		t.Errorf("outage logged %d times, want once:\n%s", n, logged.String())
	}
	if !r.Down() {
		t.Error("Down() false with Redis down")
	}
}
