package auth

import (
	"context"
	"errors"
	"testing"

	"zhifa/records"
)

// A token whose user cannot be read for another reason than its absence
// (the store failing, the request gone) is that error, not ErrNoToken: the
// server answers it as what it is (503, 499), not 401 "token unknown".
func TestLookupUserReadError(t *testing.T) {
	ctx := context.Background()
	st := testStore(t)
	if _, err := CreateUser(ctx, st, "test", User{Login: "clerk9", Roles: []string{RoleOfficer}}, "synthetic-pw-9"); err != nil {
		t.Fatal(err)
	}
	secret, _, err := CreateToken(ctx, st, "test", "clerk9", "read", "synthetic")
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := Lookup(ctx, st, secret); err != nil {
		t.Fatalf("lookup: %v", err)
	}
	// the user's object no longer reads as a user (roles not a list)
	if err := st.PutObjects(ctx, "test", records.ObjectWrite{Kind: userKind, ID: "clerk9", Value: map[string]any{"login": "clerk9", "roles": 7}}); err != nil {
		t.Fatal(err)
	}
	if _, _, err := Lookup(ctx, st, secret); err == nil || errors.Is(err, ErrNoToken) {
		t.Errorf("lookup with the user unreadable: %v, want the read error", err)
	}
	// a user gone is still a token unknown
	if err := st.PutObjects(ctx, "test", records.ObjectWrite{Kind: userKind, ID: "clerk9", Action: "delete"}); err != nil {
		t.Fatal(err)
	}
	if _, _, err := Lookup(ctx, st, secret); !errors.Is(err, ErrNoToken) {
		t.Errorf("lookup with the user deleted: %v, want ErrNoToken", err)
	}
}
