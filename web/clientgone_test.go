package web

import (
	"bufio"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/gofiber/fiber/v2"
)

// A handler's context ends when its client closes the connection, and a
// client that stays keeps its connection for the next request.
func TestWatchClient(t *testing.T) {
	app := fiber.New(fiber.Config{DisableStartupMessage: true, ReadTimeout: 30 * time.Second})
	app.Use(watchClient)
	stopped := make(chan time.Duration, 1)
	app.Get("/slow", func(c *fiber.Ctx) error {
		start := time.Now()
		select {
		case <-c.UserContext().Done():
			stopped <- time.Since(start)
		case <-time.After(10 * time.Second):
			stopped <- -1
		}
		return nil
	})
	app.Get("/fast", func(c *fiber.Ctx) error { return c.SendString("ok") })
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go app.Listener(ln)
	defer app.Shutdown()

	conn, err := net.Dial("tcp", ln.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	conn.Write([]byte("GET /slow HTTP/1.1\r\nHost: x\r\n\r\n"))
	time.Sleep(300 * time.Millisecond)
	conn.Close()
	select {
	case d := <-stopped:
		if d < 0 {
			t.Fatal("the handler ran on after its client had gone")
		}
	case <-time.After(15 * time.Second):
		t.Fatal("no answer from the handler")
	}

	conn, err = net.Dial("tcp", ln.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	br := bufio.NewReader(conn)
	for i := 0; i < 3; i++ {
		conn.Write([]byte("GET /fast HTTP/1.1\r\nHost: x\r\n\r\n"))
		conn.SetReadDeadline(time.Now().Add(10 * time.Second))
		resp, err := http.ReadResponse(br, nil)
		if err != nil {
			t.Fatalf("request %d on a kept connection: %v", i+1, err)
		}
		var b strings.Builder
		bufio.NewReader(resp.Body).WriteTo(&b)
		resp.Body.Close()
		if resp.StatusCode != 200 || b.String() != "ok" {
			t.Fatalf("request %d: %d %q", i+1, resp.StatusCode, b.String())
		}
	}
}
