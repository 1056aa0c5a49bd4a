//go:build !unix

package web

import "errors"

var errWouldBlock = errors.New("would block")

// peekFD cannot peek here: the watcher waits for the deadline only.
func peekFD(fd uintptr) (int, error) { return 0, errWouldBlock }
