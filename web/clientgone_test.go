package web

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
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

	// gone while the request is watched, and gone before its watch begins
	// (watchAfter): the watch, when it begins, finds the connection closed
	for _, wait := range []time.Duration{300 * time.Millisecond, 0} {
		conn, err := net.Dial("tcp", ln.Addr().String())
		if err != nil {
			t.Fatal(err)
		}
		conn.Write([]byte("GET /slow HTTP/1.1\r\nHost: x\r\n\r\n"))
		time.Sleep(wait)
		conn.Close()
		select {
		case d := <-stopped:
			if d < 0 {
				t.Fatalf("closed after %v: the handler ran on after its client had gone", wait)
			}
		case <-time.After(15 * time.Second):
			t.Fatal("no answer from the handler")
		}
	}

	conn, err := net.Dial("tcp", ln.Addr().String())
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

// Work stopped because the client went is neither a 500 nor logged as a
// server error (a benchmark's closing connections filled the log with them).
func TestClientGoneIsNotAServerError(t *testing.T) {
	var logged strings.Builder
	s := &Server{Opts: Options{Logger: slog.New(slog.NewTextHandler(&logged, nil))}}
	app := fiber.New(fiber.Config{ErrorHandler: s.errorHandler})
	app.Get("/gone", func(c *fiber.Ctx) error {
		ctx, cancel := context.WithCancel(c.UserContext())
		cancel()
		c.SetUserContext(ctx)
		return fmt.Errorf("records: object token: %w", ctx.Err())
	})
	app.Get("/broken", func(c *fiber.Ctx) error { return errors.New("disk on fire") })
	resp, err := app.Test(httptest.NewRequest("GET", "/gone", nil))
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != 499 || strings.Contains(logged.String(), "level=ERROR") {
		t.Errorf("client gone: %d, log %q; want 499 and no error line", resp.StatusCode, logged.String())
	}
	// a canceled error while the request's own context is alive is still a 500
	resp, err = app.Test(httptest.NewRequest("GET", "/broken", nil))
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != 500 || !strings.Contains(logged.String(), "level=ERROR") {
		t.Errorf("broken handler: %d, log %q; want 500 logged as an error", resp.StatusCode, logged.String())
	}
}
