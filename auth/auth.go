// Package auth is zhifa's accounts: users with roles and an agency scope,
// passwords hashed with argon2id, sessions and API tokens. Users, sessions and
// tokens are signed objects in the records (kinds "user", "session", "token"),
// so the audit chain covers who could act; a token or session is stored only
// as its SHA-256, never in clear. With Redis configured (redis.go) sessions
// and the login lockout live there instead, shared by several nodes; API
// tokens stay in the records.
package auth

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"sync"
	"time"

	"golang.org/x/crypto/argon2"

	"zhifa/records"
)

// Roles.
const (
	RoleOfficer    = "officer"
	RoleReviewer   = "reviewer"
	RoleTrainer    = "trainer"
	RoleSupervisor = "supervisor"
	RoleAdmin      = "admin"
)

// Roles lists every role.
var Roles = []string{RoleOfficer, RoleReviewer, RoleTrainer, RoleSupervisor, RoleAdmin}

const (
	userKind    = "user"
	tokenKind   = "token"
	sessionKind = "session"
)

// SessionTTL is how long a session lasts from sign-in; after it the user
// signs in again, however busy they were (a session is not extended by use).
const SessionTTL = 8 * time.Hour

// User is an account.
type User struct {
	Login     string    `json:"login"`
	Name      string    `json:"name,omitempty"`
	Roles     []string  `json:"roles"`
	AgencyID  string    `json:"agency_id,omitempty"`  // an officer's or reviewer's agency
	Region    string    `json:"region,omitempty"`     // a supervisor's scope: agencies of this region
	OfficerID string    `json:"officer_id,omitempty"` // the officer record this user is
	Hash      string    `json:"hash,omitempty"`
	Disabled  bool      `json:"disabled,omitempty"`
	CreatedAt time.Time `json:"created_at"`
}

// Has reports whether u holds role.
func (u User) Has(role string) bool { return slices.Contains(u.Roles, role) }

// Token is an API token or a session, stored by the hash of its secret.
type Token struct {
	ID        string    `json:"id"` // sha256 of the secret, hex
	Login     string    `json:"login"`
	Kind      string    `json:"kind"`            // token | session
	Scope     string    `json:"scope,omitempty"` // read | write (tokens); "" is write
	Name      string    `json:"name,omitempty"`
	CSRF      string    `json:"csrf,omitempty"` // sessions: the form token
	CreatedAt time.Time `json:"created_at"`
	ExpiresAt time.Time `json:"expires_at,omitempty"`
	Revoked   bool      `json:"revoked,omitempty"`
}

var loginRE = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$`)

// HashPassword returns an argon2id hash in the PHC string format.
func HashPassword(pw string) string {
	salt := randBytes(16)
	const t, m, p = 2, 19 * 1024, 1 // OWASP's argon2id minimum: 19 MiB, 2 passes
	h := argon2.IDKey([]byte(pw), salt, t, m, p, 32)
	b64 := base64.RawStdEncoding
	return fmt.Sprintf("$argon2id$v=19$m=%d,t=%d,p=%d$%s$%s", m, t, p, b64.EncodeToString(salt), b64.EncodeToString(h))
}

// CheckPassword reports whether pw matches the PHC hash.
func CheckPassword(hash, pw string) bool {
	parts := strings.Split(hash, "$")
	if len(parts) != 6 || parts[1] != "argon2id" {
		return false
	}
	var m, t uint32
	var p uint8
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &m, &t, &p); err != nil {
		return false
	}
	b64 := base64.RawStdEncoding
	salt, err1 := b64.DecodeString(parts[4])
	want, err2 := b64.DecodeString(parts[5])
	if err1 != nil || err2 != nil {
		return false
	}
	got := argon2.IDKey([]byte(pw), salt, t, m, p, uint32(len(want)))
	return subtle.ConstantTimeCompare(got, want) == 1
}

func randBytes(n int) []byte {
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		panic("auth: no randomness: " + err.Error())
	}
	return b
}

// RandomPassword is a password for a demo or first account.
func RandomPassword() string { return base64.RawURLEncoding.EncodeToString(randBytes(12)) }

func hashSecret(s string) string { h := sha256.Sum256([]byte(s)); return hex.EncodeToString(h[:]) }

// CreateUser stores a new user with password; an existing login is a 409.
func CreateUser(ctx context.Context, st *records.Store, actor string, u User, password string) (User, error) {
	u.Login = strings.TrimSpace(u.Login)
	if !loginRE.MatchString(u.Login) {
		return u, &records.FieldError{Field: "login", Message: "1–40 characters: letters, digits, . _ - (not first)"}
	}
	if len(u.Roles) == 0 {
		return u, &records.FieldError{Field: "roles", Message: "at least one of " + strings.Join(Roles, ", ")}
	}
	for i, r := range u.Roles {
		if !slices.Contains(Roles, r) {
			return u, &records.FieldError{Field: fmt.Sprintf("roles[%d]", i), Message: fmt.Sprintf("%q is not one of %s", r, strings.Join(Roles, ", "))}
		}
	}
	if len([]rune(password)) < 10 {
		return u, &records.FieldError{Field: "password", Message: "at least 10 characters"}
	}
	if u.AgencyID != "" {
		if _, err := st.GetAgency(ctx, u.AgencyID); err != nil {
			return u, &records.FieldError{Field: "agency_id", Message: "no agency " + u.AgencyID}
		}
	}
	if u.OfficerID != "" {
		if _, err := st.GetOfficer(ctx, u.OfficerID); err != nil {
			return u, &records.FieldError{Field: "officer_id", Message: "no officer " + u.OfficerID}
		}
	}
	u.Hash = HashPassword(password)
	u.CreatedAt = time.Now().UTC()
	err := st.WithTx(ctx, actor, func(tx *records.Tx) error {
		var old User
		err := tx.GetObject(ctx, userKind, u.Login, &old)
		var nf *records.NotFoundError
		if err == nil {
			return &records.ConflictError{Code: "exists", Field: "login", Message: "a user " + u.Login + " exists"}
		}
		if !errors.As(err, &nf) {
			return err
		}
		return tx.PutObjects(ctx, records.ObjectWrite{Kind: userKind, ID: u.Login, Key: u.AgencyID, Action: "create", Value: u})
	})
	return u, err
}

// GetUser reads a user; a missing one is a *records.NotFoundError.
func GetUser(ctx context.Context, st *records.Store, login string) (User, error) {
	var u User
	err := st.GetObject(ctx, userKind, login, &u)
	return u, err
}

// ListUsers lists every user (hashes blanked).
func ListUsers(ctx context.Context, st *records.Store) ([]User, error) {
	objs, err := st.ListObjects(ctx, userKind, "")
	if err != nil {
		return nil, err
	}
	out := make([]User, 0, len(objs))
	for _, o := range objs {
		var u User
		if err := jsonUnmarshal(o.Data, &u); err != nil {
			return nil, err
		}
		u.Hash = ""
		out = append(out, u)
	}
	return out, nil
}

// HasAdmin reports whether any enabled admin exists (else the first one is set up).
func HasAdmin(ctx context.Context, st *records.Store) (bool, error) {
	us, err := ListUsers(ctx, st)
	for _, u := range us {
		if u.Has(RoleAdmin) && !u.Disabled {
			return true, nil
		}
	}
	return false, err
}

// ErrBadLogin is a wrong login or password (never saying which).
var ErrBadLogin = errors.New("wrong user name or password")

// ErrLocked is a login refused while the account is locked.
type ErrLocked struct{ Until time.Time }

func (e *ErrLocked) Error() string {
	return "too many failed logins; try again after " + e.Until.Format("15:04:05")
}

// Limiter counts failed logins per user name and locks after MaxFailures
// within Window for Lockout. By itself it counts in this process (one node);
// with a shared backend (Share: Redis) every node counts the same failures,
// and while the backend is unreachable it counts here again.
type Limiter struct {
	MaxFailures int
	Window      time.Duration
	Lockout     time.Duration

	mu     sync.Mutex
	fails  map[string][]time.Time
	until  map[string]time.Time
	now    func() time.Time
	shared LimiterBackend
}

// LimiterBackend keeps failure counts and lockouts where several nodes see
// them. An error means the backend is unreachable: the Limiter then decides
// from its own counts.
type LimiterBackend interface {
	// LockedUntil is the end of login's lockout, zero if it is not locked.
	LockedUntil(ctx context.Context, login string, now time.Time) (time.Time, error)
	// Fail counts a failed login and locks it for lockout once max failures
	// fall within window; it returns the end of the lockout it set, if any.
	Fail(ctx context.Context, login string, now time.Time, max int, window, lockout time.Duration) (time.Time, error)
	// Reset clears login's failures and lockout (a good password).
	Reset(ctx context.Context, login string) error
}

// NewLimiter locks an account for 15 minutes after 5 failures in 15 minutes.
func NewLimiter() *Limiter {
	return &Limiter{MaxFailures: 5, Window: 15 * time.Minute, Lockout: 15 * time.Minute, fails: map[string][]time.Time{}, until: map[string]time.Time{}, now: time.Now}
}

// Share makes b the place failures are counted (nil: this process only).
func (l *Limiter) Share(b LimiterBackend) *Limiter {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.shared = b
	return l
}

func (l *Limiter) backend() LimiterBackend {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.shared
}

func (l *Limiter) locked(ctx context.Context, login string) error {
	if b := l.backend(); b != nil {
		if u, err := b.LockedUntil(ctx, login, l.now()); err == nil {
			if !u.IsZero() {
				return &ErrLocked{Until: u}
			}
			return l.lockedHere(login) // a lockout counted here during an outage still holds
		}
	}
	return l.lockedHere(login)
}

func (l *Limiter) lockedHere(login string) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	if u, ok := l.until[login]; ok && l.now().Before(u) {
		return &ErrLocked{Until: u}
	}
	return nil
}

func (l *Limiter) fail(ctx context.Context, login string) {
	if b := l.backend(); b != nil {
		if _, err := b.Fail(ctx, login, l.now(), l.MaxFailures, l.Window, l.Lockout); err == nil {
			return
		}
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.now()
	var keep []time.Time
	for _, t := range l.fails[login] {
		if now.Sub(t) < l.Window {
			keep = append(keep, t)
		}
	}
	keep = append(keep, now)
	l.fails[login] = keep
	if len(keep) >= l.MaxFailures {
		l.until[login] = now.Add(l.Lockout)
		delete(l.fails, login)
	}
}

func (l *Limiter) ok(ctx context.Context, login string) {
	if b := l.backend(); b != nil {
		_ = b.Reset(ctx, login) // unreachable: the shared count runs out by itself
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	delete(l.fails, login)
	delete(l.until, login)
}

// Login checks a password and opens a session of SessionTTL: it returns the
// session's secret (for the cookie) and record.
func Login(ctx context.Context, st *records.Store, l *Limiter, login, password string) (string, Token, User, error) {
	return LoginAt(ctx, st, l, login, password, time.Now(), SessionTTL)
}

// LoginAt is Login at time now, for a session that lasts ttl, kept in the store.
func LoginAt(ctx context.Context, st *records.Store, l *Limiter, login, password string, now time.Time, ttl time.Duration) (string, Token, User, error) {
	return LoginWith(ctx, st, l, nil, login, password, now, ttl)
}

// LoginWith is LoginAt with the session kept in ss (nil: the store).
func LoginWith(ctx context.Context, st *records.Store, l *Limiter, ss SessionStore, login, password string, now time.Time, ttl time.Duration) (string, Token, User, error) {
	if ttl <= 0 {
		ttl = SessionTTL
	}
	if ss == nil {
		ss = StoreSessions{St: st}
	}
	login = strings.TrimSpace(login)
	if err := l.locked(ctx, login); err != nil {
		return "", Token{}, User{}, err
	}
	u, err := GetUser(ctx, st, login)
	var nf *records.NotFoundError
	if err != nil && !errors.As(err, &nf) {
		return "", Token{}, User{}, err
	}
	if err != nil || u.Disabled || !CheckPassword(u.Hash, password) {
		l.fail(ctx, login)
		return "", Token{}, User{}, ErrBadLogin
	}
	l.ok(ctx, login)
	secret, t := newSecret(u, sessionKind, "", "session", now, now.Add(ttl))
	return secret, t, u, ss.PutSession(ctx, login, t)
}

// CreateToken makes an API token for login (scope read or write) and returns
// its secret, shown once.
func CreateToken(ctx context.Context, st *records.Store, actor, login, scope, name string) (string, Token, error) {
	if scope == "" {
		scope = "write"
	}
	if scope != "read" && scope != "write" {
		return "", Token{}, &records.FieldError{Field: "scope", Message: `"read" or "write"`}
	}
	u, err := GetUser(ctx, st, login)
	if err != nil {
		return "", Token{}, &records.FieldError{Field: "user", Message: "no user " + login}
	}
	return newToken(ctx, st, actor, u, tokenKind, scope, name, time.Now(), time.Time{})
}

func newToken(ctx context.Context, st *records.Store, actor string, u User, kind, scope, name string, now, expires time.Time) (string, Token, error) {
	secret, t := newSecret(u, kind, scope, name, now, expires)
	err := st.PutObjects(ctx, actor, records.ObjectWrite{Kind: kind, ID: t.ID, Key: u.Login, Action: "create", Value: t})
	return secret, t, err
}

// newSecret makes a token's or session's secret and its record (not stored).
func newSecret(u User, kind, scope, name string, now, expires time.Time) (string, Token) {
	prefix := "zft_"
	if kind == sessionKind {
		prefix = "zfs_"
	}
	secret := prefix + hex.EncodeToString(randBytes(24))
	t := Token{ID: hashSecret(secret), Login: u.Login, Kind: kind, Scope: scope, Name: name, CreatedAt: now.UTC(), ExpiresAt: expires.UTC()}
	if kind == sessionKind {
		t.CSRF = hex.EncodeToString(randBytes(16))
	}
	return secret, t
}

// ErrNoToken is a token or session that does not exist, expired or was revoked.
var ErrNoToken = errors.New("not signed in, or the session expired or the token was revoked")

// Lookup resolves a secret (Bearer token or session cookie) to its user.
func Lookup(ctx context.Context, st *records.Store, secret string) (User, Token, error) {
	return LookupAt(ctx, st, secret, time.Now())
}

// LookupAt is Lookup at time now: a session or token whose expiry is not
// after now is refused.
func LookupAt(ctx context.Context, st *records.Store, secret string, now time.Time) (User, Token, error) {
	return LookupWith(ctx, st, nil, secret, now)
}

// LookupWith is LookupAt with sessions kept in ss (nil: the store); API
// tokens are always in the store.
func LookupWith(ctx context.Context, st *records.Store, ss SessionStore, secret string, now time.Time) (User, Token, error) {
	if ss == nil {
		ss = StoreSessions{St: st}
	}
	var t Token
	switch {
	case strings.HasPrefix(secret, "zft_"):
		if err := st.GetObject(ctx, tokenKind, hashSecret(secret), &t); err != nil {
			var nf *records.NotFoundError
			if errors.As(err, &nf) {
				return User{}, t, ErrNoToken
			}
			return User{}, t, err
		}
	case strings.HasPrefix(secret, "zfs_"):
		var err error
		if t, err = ss.GetSession(ctx, hashSecret(secret)); err != nil {
			return User{}, t, err
		}
	default:
		return User{}, Token{}, ErrNoToken
	}
	expires := t.ExpiresAt
	if t.Kind == sessionKind && expires.IsZero() {
		expires = t.CreatedAt.Add(SessionTTL) // a session always ends
	}
	if t.Revoked || (!expires.IsZero() && !now.Before(expires)) {
		return User{}, t, ErrNoToken
	}
	u, err := GetUser(ctx, st, t.Login)
	var nf *records.NotFoundError
	switch {
	case errors.As(err, &nf):
		return User{}, t, ErrNoToken
	case err != nil:
		// the store not answering, or the request gone: not a bad token
		return User{}, t, err
	case u.Disabled:
		return User{}, t, ErrNoToken
	}
	return u, t, nil
}

// Revoke ends a session or token by its secret (logout) or, for tokens, by id.
func Revoke(ctx context.Context, st *records.Store, actor, secretOrID string) error {
	for _, kind := range []string{sessionKind, tokenKind} {
		for _, id := range []string{hashSecret(secretOrID), secretOrID} {
			var t Token
			if err := st.GetObject(ctx, kind, id, &t); err != nil {
				continue
			}
			t.Revoked = true
			return st.PutObjects(ctx, actor, records.ObjectWrite{Kind: kind, ID: t.ID, Key: t.Login, Action: "revoke", Value: t})
		}
	}
	return &records.NotFoundError{What: "token", ID: secretOrID}
}

// Logout ends the session whose secret is given, kept in ss (nil: the store).
func Logout(ctx context.Context, st *records.Store, ss SessionStore, actor, secret string) error {
	if ss == nil {
		ss = StoreSessions{St: st}
	}
	return ss.RevokeSession(ctx, actor, hashSecret(secret))
}

// SessionStore keeps sessions by the SHA-256 of their secret: the records
// (StoreSessions, the default) or Redis (RedisSessions).
type SessionStore interface {
	PutSession(ctx context.Context, actor string, t Token) error
	// GetSession is ErrNoToken for a session it does not have (or cannot
	// read: a session nobody can read is no session).
	GetSession(ctx context.Context, id string) (Token, error)
	// RevokeSession ends a session; one it does not have is a *records.NotFoundError.
	RevokeSession(ctx context.Context, actor, id string) error
}

// StoreSessions keeps sessions as "session" objects in the records.
type StoreSessions struct{ St *records.Store }

// PutSession stores t.
func (s StoreSessions) PutSession(ctx context.Context, actor string, t Token) error {
	return s.St.PutObjects(ctx, actor, records.ObjectWrite{Kind: sessionKind, ID: t.ID, Key: t.Login, Action: "create", Value: t})
}

// GetSession reads a session (revoked or expired ones too: LookupWith judges).
func (s StoreSessions) GetSession(ctx context.Context, id string) (Token, error) {
	var t Token
	if err := s.St.GetObject(ctx, sessionKind, id, &t); err != nil {
		var nf *records.NotFoundError
		if errors.As(err, &nf) {
			return t, ErrNoToken
		}
		return t, err
	}
	return t, nil
}

// RevokeSession marks the session revoked.
func (s StoreSessions) RevokeSession(ctx context.Context, actor, id string) error {
	var t Token
	if err := s.St.GetObject(ctx, sessionKind, id, &t); err != nil {
		return err
	}
	t.Revoked = true
	return s.St.PutObjects(ctx, actor, records.ObjectWrite{Kind: sessionKind, ID: t.ID, Key: t.Login, Action: "revoke", Value: t})
}

// ListTokens lists login's API tokens (ids, not secrets).
func ListTokens(ctx context.Context, st *records.Store, login string) ([]Token, error) {
	objs, err := st.ListObjectsByKey(ctx, tokenKind, login)
	if err != nil {
		return nil, err
	}
	var out []Token
	for _, o := range objs {
		var t Token
		if err := jsonUnmarshal(o.Data, &t); err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	return out, nil
}

// HasUsers reports whether the store holds any account at all.
func HasUsers(ctx context.Context, st *records.Store) (bool, error) {
	us, err := ListUsers(ctx, st)
	return len(us) > 0, err
}

// updateUser reads login, applies change and stores the user (action names the change in the audit chain).
func updateUser(ctx context.Context, st *records.Store, actor, login, action string, change func(*User) error) (User, error) {
	var u User
	err := st.WithTx(ctx, actor, func(tx *records.Tx) error {
		if err := tx.GetObject(ctx, userKind, login, &u); err != nil {
			return err
		}
		if err := change(&u); err != nil {
			return err
		}
		return tx.PutObjects(ctx, records.ObjectWrite{Kind: userKind, ID: u.Login, Key: u.AgencyID, Action: action, Value: u})
	})
	u.Hash = ""
	return u, err
}

// SetDisabled disables or enables an account; a disabled user's sessions
// and tokens stop working at once (Lookup refuses them).
func SetDisabled(ctx context.Context, st *records.Store, actor, login string, disabled bool) (User, error) {
	action := "enable"
	if disabled {
		action = "disable"
	}
	return updateUser(ctx, st, actor, login, action, func(u *User) error { u.Disabled = disabled; return nil })
}

// SetPassword replaces a user's password (argon2id, as CreateUser) and ends
// the user's sessions; API tokens stay (revoke them with Revoke).
func SetPassword(ctx context.Context, st *records.Store, actor, login, password string) (User, error) {
	if len([]rune(password)) < 10 {
		return User{}, &records.FieldError{Field: "password", Message: "at least 10 characters"}
	}
	h := HashPassword(password)
	u, err := updateUser(ctx, st, actor, login, "reset_password", func(u *User) error { u.Hash = h; return nil })
	if err != nil {
		return u, err
	}
	// whoever signed in with the old password is signed out
	objs, err := st.ListObjectsByKey(ctx, sessionKind, login)
	if err != nil {
		return u, err
	}
	for _, o := range objs {
		var t Token
		if err := jsonUnmarshal(o.Data, &t); err != nil {
			return u, err
		}
		if t.Revoked {
			continue
		}
		t.Revoked = true
		if err := st.PutObjects(ctx, actor, records.ObjectWrite{Kind: sessionKind, ID: t.ID, Key: t.Login, Action: "revoke", Value: t}); err != nil {
			return u, err
		}
	}
	return u, nil
}
