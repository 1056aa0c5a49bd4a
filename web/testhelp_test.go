package web

import (
	"context"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"

	"zhifa/auth"
	"zhifa/records"
)

var (
	testTokensMu sync.Mutex
	testTokens   = map[*Server]map[string]string{}
)

// testRoles are the roles of a test actor: a role name and a number
// (officer1, reviewer2, …) holds that role, as the demo users do; any other
// name holds every role, so a test about something else is not refused.
func testRoles(actor string) []string {
	for _, r := range auth.Roles {
		if n := strings.TrimPrefix(actor, r); n != actor && n != "" && strings.Trim(n, "0123456789") == "" {
			return []string{r}
		}
	}
	return auth.Roles
}

// testToken signs actor in on s: the user is created on first use (in the
// demo agency when the store has it) and an API token issued.
func testToken(t testing.TB, s *Server, actor string) string {
	t.Helper()
	testTokensMu.Lock()
	defer testTokensMu.Unlock()
	if tok, ok := testTokens[s][actor]; ok {
		return tok
	}
	st, err := s.Records()
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	u := auth.User{Login: actor, Roles: testRoles(actor), AgencyID: records.DemoAgencyID}
	if _, err := auth.GetUser(ctx, st, u.Login); err != nil {
		if _, err := auth.CreateUser(ctx, st, "test", u, "synthetic-test-password"); err != nil {
			u.AgencyID = ""
			if _, err := auth.CreateUser(ctx, st, "test", u, "synthetic-test-password"); err != nil {
				t.Fatalf("test user %s: %v", actor, err)
			}
		}
	}
	tok, _, err := auth.CreateToken(ctx, st, "test", u.Login, "write", "test")
	if err != nil {
		t.Fatal(err)
	}
	if testTokens[s] == nil {
		testTokens[s] = map[string]string{}
	}
	testTokens[s][actor] = tok
	return tok
}

// testAs sends req to s as the user named actor ("" is anonymous) and
// returns the status and body. Every test that acts as someone goes through
// here, so how a request is authenticated is decided in one place.
func testAs(t testing.TB, s *Server, actor string, req *http.Request) (int, []byte) {
	t.Helper()
	if actor != "" {
		req.Header.Set("Authorization", "Bearer "+testToken(t, s, actor))
	}
	resp, err := s.App.Test(req, -1)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, b
}

// testResp sends req signed in as "tester", who holds every role, for tests
// that read the raw response.
func testResp(t testing.TB, s *Server, req *http.Request) (*http.Response, error) {
	t.Helper()
	req.Header.Set("Authorization", "Bearer "+testToken(t, s, "tester"))
	return s.App.Test(req, -1)
}
