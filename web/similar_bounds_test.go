package web

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"zhifa/caselib"
)

// similarLibrary is a data folder with n synthetic cases in its library.
func similarLibrary(t *testing.T, n int) string {
	t.Helper()
	t.Setenv("ZHIFA_CASELIB_DATABASE_URL", "")
	t.Setenv("ZHIFA_DATABASE_URL", "")
	dir := t.TempDir()
	lib, err := caselib.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer lib.Close()
	var b strings.Builder
	goods := []string{"饼干", "牛奶", "鸭脖", "酸奶", "面包", "香肠"}
	for i := range n {
		g := goods[i%len(goods)]
		fmt.Fprintf(&b, `{"id":"syn-%04d","title":"销售过期%s案（合成）","text":"经查，当事人在示例县第%d号店铺销售超过保质期的%s（合成），货值金额%d元。","fine":%d}`+"\n", i, g, i, g, 100+i%900, 1000+i)
	}
	if _, err := lib.ImportJSONL(strings.NewReader(b.String()), "synthetic", nil); err != nil {
		t.Fatal(err)
	}
	lib.Analyse()
	if err := lib.Save(); err != nil {
		t.Fatal(err)
	}
	return dir
}

// The similar-case lookup's ids and filters are bounded: at the bound
// accepted, one past it a 422 naming the JSON path.
func TestSimilarBounds(t *testing.T) {
	s := New(Options{DataDir: similarLibrary(t, 10)})
	t.Cleanup(func() { s.Close(context.Background()) })
	ids := func(n, size int) string {
		var out []string
		for i := range n {
			id := fmt.Sprintf("syn-%04d", i%10)
			if i == 2 {
				id += strings.Repeat("x", size-len(id))
			}
			out = append(out, `"`+id+`"`)
		}
		return "[" + strings.Join(out, ",") + "]"
	}
	name := func(n int) string { return strings.Repeat("x", n) }
	for _, tc := range []struct {
		body  string
		code  int
		field string
	}{
		{`{"facts":"销售过期牛奶","only":` + ids(maxSimilarOnly, maxIDBytes) + `}`, 200, ""},
		{`{"facts":"销售过期牛奶","only":` + ids(maxSimilarOnly+1, 10) + `}`, 422, "only"},
		{`{"facts":"销售过期牛奶","only":` + ids(5, maxIDBytes+1) + `}`, 422, "only[2]"},
		{`{"facts":"销售过期牛奶","collection":"` + name(maxNameBytes) + `"}`, 200, ""},
		{`{"facts":"销售过期牛奶","collection":"` + name(maxNameBytes+1) + `"}`, 422, "collection"},
		{`{"facts":"销售过期牛奶","agency":"` + name(maxNameBytes+1) + `"}`, 422, "agency"},
		{`{"facts":"销售过期牛奶","kind":"` + name(maxNameBytes) + `"}`, 200, ""},
		{`{"facts":"销售过期牛奶","kind":"` + name(maxNameBytes+1) + `"}`, 422, "kind"},
	} {
		req := httptest.NewRequest("POST", "/api/v1/similar", strings.NewReader(tc.body))
		req.Header.Set("Content-Type", "application/json")
		code, b := testAs(t, s, "officer1", req)
		var e APIError
		if code != tc.code || tc.field != "" && (json.Unmarshal(b, &e) != nil || e.Field != tc.field) {
			t.Errorf("%.80s…: %d %.200s, want %d naming %q", tc.body, code, b, tc.code, tc.field)
		}
	}
}

// A similar-case lookup (or a fine consistency check, which ranks the same
// cases) whose client has gone stops and is answered 499 client_closed
// (the client here half-closes: it sends the request, shuts its side and
// still reads the answer).
func TestSimilarClientGone(t *testing.T) {
	var logged lockedLog
	s := New(Options{DataDir: similarLibrary(t, 2000), Logger: slog.New(slog.NewTextHandler(&logged, nil))})
	t.Cleanup(func() { s.Close(context.Background()) })
	token := testToken(t, s, "officer1")
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go s.App.Listener(ln)
	// these lookups end within watchAfter: watch them from the start
	defer func(d time.Duration) { watchAfter = d }(watchAfter)
	watchAfter = 0
	var facts strings.Builder
	for i := 0; facts.Len() < maxFactsBytes-200; i++ {
		fmt.Fprintf(&facts, "当事人在示例县第%d号店铺销售超过保质期的牛奶（合成），货值金额%d元。", i, 100+i)
	}
	send := func(path, extra string, half bool) (int, string) {
		conn, err := net.Dial("tcp", ln.Addr().String())
		if err != nil {
			t.Fatal(err)
		}
		defer conn.Close()
		body := `{"facts":"` + facts.String() + `"` + extra + `}`
		fmt.Fprintf(conn, "POST %s HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer %s\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n%s", path, token, len(body), body)
		if half {
			conn.(*net.TCPConn).CloseWrite()
		}
		conn.SetReadDeadline(time.Now().Add(30 * time.Second))
		resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	for _, tc := range []struct{ path, extra, want string }{
		{"/api/v1/similar", "", `"id":"syn-`},
		{"/api/v1/consistency", `,"proposed_fine":1500`, `"median"`},
	} {
		// the client that stays gets its answer
		if code, b := send(tc.path, tc.extra, false); code != 200 || !strings.Contains(b, tc.want) {
			t.Fatalf("%s: %d %.300s", tc.path, code, b)
		}
		if code, b := send(tc.path, tc.extra, true); code != 499 || !strings.Contains(b, `"code":"client_closed"`) {
			t.Errorf("%s whose client went: %d %.300s, want 499 client_closed", tc.path, code, b)
		}
	}
	// logged and counted as what it was answered, not as a server error
	if l := logged.String(); !strings.Contains(l, "status=499") || strings.Contains(l, "status=500") || strings.Contains(l, "level=ERROR") {
		t.Errorf("log of a lookup whose client went:\n%s", l)
	}
}

type lockedLog struct {
	mu sync.Mutex
	b  strings.Builder
}

func (l *lockedLog) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedLog) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}
