package web

import (
	"context"
	"errors"
	"net"
	"os"
	"sync/atomic"
	"time"

	"github.com/gofiber/fiber/v2"
)

// watchClient gives the handler a context that ends when the client closes
// its connection: fasthttp does not read while a handler runs, so without
// this a request whose client has gone keeps its work (an import, a push on
// long facts) to the end. The connection is watched by peeking (peekConn),
// which consumes nothing, so a pipelined next request is left in place.
//
// Only a request still running after watchAfter is watched: a watcher costs a
// goroutine, two deadline changes and, at the end, a wait for the watcher to
// be scheduled again (under load, a few milliseconds of every request), and
// nothing is gained by stopping work that ends soon anyway.
func watchClient(c *fiber.Ctx) error {
	conn, ok := c.Context().Conn().(*net.TCPConn)
	if !ok {
		return c.Next() // tests' in-memory connections, unix sockets
	}
	ctx, cancel := context.WithCancel(c.UserContext())
	defer cancel()
	c.SetUserContext(ctx)
	var state atomic.Int32 // watchIdle, then watchRunning (the timer fired) or watchDone
	done := make(chan struct{})
	watch := func() {
		defer close(done)
		if peekConn(conn) == errClientGone {
			cancel()
		}
	}
	var t *time.Timer
	if watchAfter <= 0 { // watched from the start (tests of short lookups)
		state.Store(watchRunning)
		go watch()
	} else {
		t = time.AfterFunc(watchAfter, func() {
			if state.CompareAndSwap(watchIdle, watchRunning) {
				watch()
			} // else the handler ended first
		})
	}
	err := c.Next()
	if state.CompareAndSwap(watchIdle, watchDone) {
		t.Stop()
		return err
	}
	// wake the watcher and wait for it; fasthttp sets its own deadline
	// before it reads the next request on this connection
	_ = conn.SetReadDeadline(time.Now())
	<-done
	_ = conn.SetReadDeadline(time.Time{})
	return err
}

// watchAfter is how long a request runs before its connection is watched;
// 0: from the start.
var watchAfter = 50 * time.Millisecond

const (
	watchIdle int32 = iota
	watchRunning
	watchDone
)

var errClientGone = errors.New("client closed the connection")

// peekConn blocks until the peer sends something (nil: still there) or
// closes or resets the connection (errClientGone), or the read deadline
// passes (os.ErrDeadlineExceeded).
func peekConn(conn *net.TCPConn) error {
	rc, err := conn.SyscallConn()
	if err != nil {
		return err
	}
	var res error
	err = rc.Read(func(fd uintptr) bool {
		n, perr := peekFD(fd)
		switch {
		case perr == errWouldBlock:
			return false // wait until readable
		case perr != nil:
			res = errClientGone
		case n == 0:
			res = errClientGone // orderly shutdown
		}
		return true
	})
	if err != nil {
		if errors.Is(err, os.ErrDeadlineExceeded) {
			return err
		}
		return errClientGone
	}
	return res
}
