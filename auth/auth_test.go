package auth

import (
	"context"
	"errors"
	"testing"
	"time"

	"zhifa/records"
)

func testStore(t *testing.T) *records.Store {
	t.Helper()
	t.Setenv("ZHIFA_DATABASE_URL", "")
	st, err := records.Open(context.Background(), t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

// A session is refused from the moment its lifetime is over, whatever the
// clock of the one who looks it up says before that; an API token does not
// expire until revoked; a session stored without an expiry still ends
// SessionTTL after it began.
func TestSessionExpiry(t *testing.T) {
	st := testStore(t)
	ctx := context.Background()
	if _, err := CreateUser(ctx, st, "test", User{Login: "officer7", Roles: []string{RoleOfficer}}, "synthetic-password-7"); err != nil {
		t.Fatal(err)
	}
	start := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	const ttl = 2 * time.Hour
	secret, tok, _, err := LoginAt(ctx, st, NewLimiter(), "officer7", "synthetic-password-7", start, ttl)
	if err != nil {
		t.Fatal(err)
	}
	if !tok.ExpiresAt.Equal(start.Add(ttl)) {
		t.Errorf("expires at %v, want %v", tok.ExpiresAt, start.Add(ttl))
	}
	for _, tc := range []struct {
		at   time.Duration
		want error
	}{
		{0, nil},
		{ttl - time.Second, nil},
		{ttl, ErrNoToken},
		{ttl + time.Minute, ErrNoToken},
		{30 * 24 * time.Hour, ErrNoToken},
	} {
		_, _, err := LookupAt(ctx, st, secret, start.Add(tc.at))
		if !errors.Is(err, tc.want) && !(err == nil && tc.want == nil) {
			t.Errorf("session looked up %v after sign-in: %v, want %v", tc.at, err, tc.want)
		}
	}
	apiTok, _, err := CreateToken(ctx, st, "test", "officer7", "read", "synthetic")
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := LookupAt(ctx, st, apiTok, time.Now().Add(365*24*time.Hour)); err != nil {
		t.Errorf("API token a year on: %v", err)
	}
	// a session record without an expiry (as an older version might have stored)
	old := Token{ID: hashSecret("zfs_synthetic-old-session"), Login: "officer7", Kind: sessionKind, CreatedAt: start}
	if err := st.PutObjects(ctx, "test", records.ObjectWrite{Kind: sessionKind, ID: old.ID, Key: old.Login, Action: "create", Value: old}); err != nil {
		t.Fatal(err)
	}
	if _, _, err := LookupAt(ctx, st, "zfs_synthetic-old-session", start.Add(time.Hour)); err != nil {
		t.Errorf("session without expiry, an hour on: %v", err)
	}
	if _, _, err := LookupAt(ctx, st, "zfs_synthetic-old-session", start.Add(SessionTTL)); !errors.Is(err, ErrNoToken) {
		t.Errorf("session without expiry, SessionTTL on: %v, want ErrNoToken", err)
	}
}

// Disabling refuses sign-in and open sessions; a reset password ends the
// sessions opened with the old one (synthetic accounts).
func TestDisableAndResetPassword(t *testing.T) {
	ctx := context.Background()
	st := testStore(t)
	if _, err := CreateUser(ctx, st, "test", User{Login: "clerk1", Roles: []string{RoleOfficer}}, "synthetic-pw-1"); err != nil {
		t.Fatal(err)
	}
	l := NewLimiter()
	secret, _, _, err := Login(ctx, st, l, "clerk1", "synthetic-pw-1")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := SetDisabled(ctx, st, "admin", "clerk1", true); err != nil {
		t.Fatal(err)
	}
	if _, _, err := Lookup(ctx, st, secret); err == nil {
		t.Error("a disabled user's session still works")
	}
	if _, _, _, err := Login(ctx, st, l, "clerk1", "synthetic-pw-1"); err == nil {
		t.Error("a disabled user signed in")
	}
	if _, err := SetDisabled(ctx, st, "admin", "clerk1", false); err != nil {
		t.Fatal(err)
	}
	if _, _, err := Lookup(ctx, st, secret); err != nil {
		t.Errorf("enabled again, the session: %v", err)
	}
	if _, err := SetPassword(ctx, st, "admin", "clerk1", "short"); err == nil {
		t.Error("a short password was set")
	}
	if _, err := SetPassword(ctx, st, "admin", "clerk1", "synthetic-pw-2"); err != nil {
		t.Fatal(err)
	}
	if _, _, err := Lookup(ctx, st, secret); err == nil {
		t.Error("the session of the old password survived the reset")
	}
	if _, _, _, err := Login(ctx, st, l, "clerk1", "synthetic-pw-1"); err == nil {
		t.Error("the old password still signs in")
	}
	if _, _, _, err := Login(ctx, st, l, "clerk1", "synthetic-pw-2"); err != nil {
		t.Errorf("the new password: %v", err)
	}
	if _, err := SetDisabled(ctx, st, "admin", "nobody", true); err == nil {
		t.Error("disabled a user that does not exist")
	}
}
