package web

import (
	"context"
	"os"
	"runtime"
	"runtime/pprof"
	"strings"
	"testing"
	"time"
)

// TestServeMemory measures what a server holds once its law index and case
// library are open (as the assistant's warm-up opens them), in this process:
//
//	ZHIFA_MEM_DATA=DIR [ZHIFA_MEM_PROFILE=heap.prof] go test -tags ne -run TestServeMemory -v ./web/
//
// It only reports; it is skipped without a data directory.
func TestServeMemory(t *testing.T) {
	dir := os.Getenv("ZHIFA_MEM_DATA")
	if dir == "" {
		t.Skip("ZHIFA_MEM_DATA not set")
	}
	t0 := time.Now()
	s := New(Options{DataDir: dir})
	defer s.Close(context.Background())
	w := s.warmAssist()
	for !w.laws.Load() {
		time.Sleep(100 * time.Millisecond)
	}
	if err, _ := w.casesErr.Load().(error); err != nil {
		t.Fatal(err)
	}
	lib, _, _ := s.caseLibrary()
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	status, _ := os.ReadFile("/proc/self/status")
	var rss []string
	for _, ln := range strings.Split(string(status), "\n") {
		if strings.HasPrefix(ln, "VmHWM:") || strings.HasPrefix(ln, "VmRSS:") {
			rss = append(rss, strings.Join(strings.Fields(ln), " "))
		}
	}
	t.Logf("cases %d, opened in %.1f s; heap in use %d MB, from the OS %d MB; %s", lib.Len(), time.Since(t0).Seconds(),
		ms.HeapInuse>>20, (ms.HeapSys-ms.HeapReleased)>>20, strings.Join(rss, " "))
	if p := os.Getenv("ZHIFA_MEM_PROFILE"); p != "" {
		f, err := os.Create(p)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		if err := pprof.WriteHeapProfile(f); err != nil {
			t.Fatal(err)
		}
	}
}
