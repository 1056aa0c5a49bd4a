package auth

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/redis/go-redis/v9"

	"zhifa/records"
)

// Redis is the Redis a cluster of zhifa nodes shares: sign-in failures and
// lockouts (RedisLimiter) and sessions (RedisSessions). Keys start with
// Prefix and hold no secret and no login in clear: a login is hashed, a
// session is named by the SHA-256 of its secret, as in the records.
type Redis struct {
	Client *redis.Client
	Prefix string       // "zhifa:" by default
	Log    *slog.Logger // nil: slog.Default()

	down atomic.Bool
}

// OpenRedis connects to url (redis://[user:pass@]host:port/db, rediss:// for
// TLS). It does not dial: a Redis that is down when zhifa starts is found
// down on first use, and used once it is back.
func OpenRedis(url, prefix string, log *slog.Logger) (*Redis, error) {
	opt, err := redis.ParseURL(url)
	if err != nil {
		return nil, fmt.Errorf("redis URL: %w", err)
	}
	// A request must not hang on an unreachable Redis: fail fast, then fall back.
	opt.DialTimeout = time.Second
	opt.ReadTimeout = time.Second
	opt.WriteTimeout = time.Second
	opt.MaxRetries = 1
	opt.DialerRetries = 1
	quietRedis.Do(func() { redis.SetLogger(redisDebugLog{}) })
	if prefix == "" {
		prefix = "zhifa:"
	}
	return &Redis{Client: redis.NewClient(opt), Prefix: prefix, Log: log}, nil
}

// quietRedis sends go-redis's own log (a line per failed dial) to debug:
// Redis.seen logs once when Redis goes away and once when it is back.
var quietRedis sync.Once

type redisDebugLog struct{}

func (redisDebugLog) Printf(ctx context.Context, format string, v ...any) {
	slog.Default().DebugContext(ctx, "go-redis: "+fmt.Sprintf(format, v...))
}

// Close closes the connections.
func (r *Redis) Close() error { return r.Client.Close() }

// Ping reports whether Redis answers.
func (r *Redis) Ping(ctx context.Context) error {
	err := r.Client.Ping(ctx).Err()
	r.seen(err)
	return err
}

// Down reports whether the last command found Redis unreachable.
func (r *Redis) Down() bool { return r.down.Load() }

func (r *Redis) logger() *slog.Logger {
	if r.Log != nil {
		return r.Log
	}
	return slog.Default()
}

// seen records the outcome of a command and logs when Redis goes away and
// when it is back (once each, not per request). redis.Nil is an answer.
func (r *Redis) seen(err error) {
	if err != nil && !errors.Is(err, redis.Nil) {
		if !r.down.Swap(true) {
			r.logger().Warn("redis unreachable: login failures are counted on this node alone and sessions kept in Redis read as signed out until it is back", "err", err.Error())
		}
		return
	}
	if r.down.Swap(false) {
		r.logger().Info("redis reachable again: login failures and sessions shared")
	}
}

func (r *Redis) loginKey(what, login string) string {
	return r.Prefix + "login:" + what + ":" + hashSecret("login\x00" + login)[:32]
}

func (r *Redis) sessionKey(id string) string { return r.Prefix + "session:" + id }

// RedisLimiter is the LimiterBackend of r: a failure is INCR of
// <prefix>login:fail:<hash> expiring Window after the first failure; the
// MaxFailures-th sets <prefix>login:lock:<hash> for Lockout.
type RedisLimiter struct{ R *Redis }

// LockedUntil reads the lock key.
func (b RedisLimiter) LockedUntil(ctx context.Context, login string, now time.Time) (time.Time, error) {
	v, err := b.R.Client.Get(ctx, b.R.loginKey("lock", login)).Result()
	b.R.seen(err)
	if errors.Is(err, redis.Nil) {
		return time.Time{}, nil
	}
	if err != nil {
		return time.Time{}, err
	}
	ms, err := strconv.ParseInt(v, 10, 64)
	if err != nil {
		return time.Time{}, fmt.Errorf("redis lock of a login: %q is not a time", v)
	}
	until := time.UnixMilli(ms)
	if !now.Before(until) {
		return time.Time{}, nil
	}
	return until, nil
}

// Fail counts a failure and sets the lock at the max-th.
func (b RedisLimiter) Fail(ctx context.Context, login string, now time.Time, max int, window, lockout time.Duration) (time.Time, error) {
	fk := b.R.loginKey("fail", login)
	var incr *redis.IntCmd
	_, err := b.R.Client.TxPipelined(ctx, func(p redis.Pipeliner) error {
		incr = p.Incr(ctx, fk)
		p.ExpireNX(ctx, fk, window) // the window starts at the first failure
		return nil
	})
	b.R.seen(err)
	if err != nil {
		return time.Time{}, err
	}
	if incr.Val() < int64(max) {
		return time.Time{}, nil
	}
	until := now.Add(lockout)
	_, err = b.R.Client.TxPipelined(ctx, func(p redis.Pipeliner) error {
		p.Set(ctx, b.R.loginKey("lock", login), strconv.FormatInt(until.UnixMilli(), 10), lockout)
		p.Del(ctx, fk)
		return nil
	})
	b.R.seen(err)
	return until, err
}

// Reset deletes the failure count and the lock.
func (b RedisLimiter) Reset(ctx context.Context, login string) error {
	err := b.R.Client.Del(ctx, b.R.loginKey("fail", login), b.R.loginKey("lock", login)).Err()
	b.R.seen(err)
	return err
}

// redisSession is a session as Redis holds it, under <prefix>session:<id>.
type redisSession struct {
	User    string    `json:"user"`
	CSRF    string    `json:"csrf"`
	Created time.Time `json:"created"`
	Expires time.Time `json:"expires"`
}

// RedisSessions keeps sessions in Redis, each expiring with its lifetime;
// logout deletes it. While Redis is unreachable a new session goes to
// Fallback (the records) so that signing in still works, and a session
// kept in Redis cannot be read: that user is signed out. Sessions in
// Fallback (from an outage, or from before Redis was configured) are read
// and revoked there.
type RedisSessions struct {
	R        *Redis
	Fallback SessionStore // nil: none
	Clock    func() time.Time
}

func (s RedisSessions) now() time.Time {
	if s.Clock != nil {
		return s.Clock()
	}
	return time.Now()
}

// PutSession sets the session with TTL = its remaining lifetime.
func (s RedisSessions) PutSession(ctx context.Context, actor string, t Token) error {
	ttl := t.ExpiresAt.Sub(s.now())
	if t.ExpiresAt.IsZero() {
		ttl = SessionTTL
	}
	if ttl <= 0 {
		return nil // over already: nothing to keep
	}
	b, err := json.Marshal(redisSession{User: t.Login, CSRF: t.CSRF, Created: t.CreatedAt, Expires: t.ExpiresAt})
	if err != nil {
		return err
	}
	err = s.R.Client.Set(ctx, s.R.sessionKey(t.ID), b, ttl).Err()
	s.R.seen(err)
	if err != nil && s.Fallback != nil {
		s.R.logger().Warn("redis unreachable: session kept in the records instead", "user", t.Login)
		return s.Fallback.PutSession(ctx, actor, t)
	}
	return err
}

// GetSession reads the session from Redis, else from Fallback.
func (s RedisSessions) GetSession(ctx context.Context, id string) (Token, error) {
	v, err := s.R.Client.Get(ctx, s.R.sessionKey(id)).Bytes()
	s.R.seen(err)
	if err == nil {
		var rs redisSession
		if err := json.Unmarshal(v, &rs); err != nil {
			return Token{}, fmt.Errorf("redis session: %w", err)
		}
		return Token{ID: id, Login: rs.User, Kind: sessionKind, CSRF: rs.CSRF, CreatedAt: rs.Created, ExpiresAt: rs.Expires}, nil
	}
	if s.Fallback != nil {
		if t, ferr := s.Fallback.GetSession(ctx, id); !errors.Is(ferr, ErrNoToken) {
			return t, ferr
		}
	}
	if !errors.Is(err, redis.Nil) {
		s.R.logger().Warn("session not readable, redis unreachable: treated as signed out", "err", err.Error())
	}
	return Token{}, ErrNoToken
}

// RevokeSession deletes the session from Redis and revokes it in Fallback.
func (s RedisSessions) RevokeSession(ctx context.Context, actor, id string) error {
	n, err := s.R.Client.Del(ctx, s.R.sessionKey(id)).Result()
	s.R.seen(err)
	if s.Fallback != nil {
		ferr := s.Fallback.RevokeSession(ctx, actor, id)
		var nf *records.NotFoundError
		if ferr == nil || !errors.As(ferr, &nf) {
			return ferr
		}
	}
	if err != nil {
		return err
	}
	if n == 0 {
		return &records.NotFoundError{What: "session", ID: id}
	}
	return nil
}
