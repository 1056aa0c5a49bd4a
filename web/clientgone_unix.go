//go:build unix

package web

import (
	"errors"
	"syscall"
)

var errWouldBlock = errors.New("would block")

// peekFD looks at the next byte of the socket without taking it.
func peekFD(fd uintptr) (int, error) {
	var b [1]byte
	n, _, err := syscall.Recvfrom(int(fd), b[:], syscall.MSG_PEEK|syscall.MSG_DONTWAIT)
	if err == syscall.EAGAIN || err == syscall.EWOULDBLOCK {
		return 0, errWouldBlock
	}
	if err == syscall.EINTR {
		return 0, errWouldBlock
	}
	return n, err
}
