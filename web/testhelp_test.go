package web

import (
	"io"
	"net/http"
	"testing"
)

// testAs sends req to s as the user named actor and returns the status and body.
// Every test that acts as someone goes through here, so how a request is
// authenticated is decided in one place.
func testAs(t testing.TB, s *Server, actor string, req *http.Request) (int, []byte) {
	t.Helper()
	if actor != "" {
		req.Header.Set("X-Actor", actor)
	}
	resp, err := s.App.Test(req, -1)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, b
}
