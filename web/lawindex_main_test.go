package web

import (
	"os"
	"testing"
)

// The tests search the 95 core texts' index: the whole pack's takes minutes
// to build (search.TestLawIndexerBackground covers the build and the swap).
func TestMain(m *testing.M) {
	os.Setenv("ZHIFA_LAW_INDEX", "core")
	os.Exit(m.Run())
}
