package records

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// When ZHIFA_CRASH_CHILD is set the test binary is the child: it streams
// writes and prints each acknowledged one until it is killed.
func TestMain(m *testing.M) {
	if dir := os.Getenv("ZHIFA_CRASH_CHILD"); dir != "" {
		crashChild(dir, os.Getenv("ZHIFA_CRASH_URL"))
		return
	}
	os.Exit(m.Run())
}

func crashChild(dir, url string) {
	ctx := context.Background()
	s, err := OpenURL(ctx, url, dir)
	if err != nil {
		fmt.Println("ERR", err)
		os.Exit(1)
	}
	for i := 0; ; i++ {
		a, err := s.PutAgency(ctx, Agency{ID: fmt.Sprintf("crash-%d", i), Name: "合成机构"}, "crash")
		if err != nil {
			fmt.Println("ERR", err)
			os.Exit(1)
		}
		if _, err := s.AddDocument(ctx, "none", "x", "", nil, "c"); err == nil {
			os.Exit(1)
		}
		fmt.Println("ACK", a.ID)
	}
}

func TestSIGKILLLosesNoAcknowledgedWrite(t *testing.T) {
	eachBackend(t, func(t *testing.T, url, dir string, s *Store) {
		s.Close()
		for round := 0; round < 2; round++ {
			cmd := exec.Command(os.Args[0], "-test.run=^$")
			cmd.Env = append(os.Environ(), "ZHIFA_CRASH_CHILD="+dir, "ZHIFA_CRASH_URL="+url)
			out, err := cmd.StdoutPipe()
			if err != nil {
				t.Fatal(err)
			}
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			var acked []string
			sc := bufio.NewScanner(out)
			deadline := time.Now().Add(300 * time.Millisecond)
			for sc.Scan() {
				line := sc.Text()
				if strings.HasPrefix(line, "ERR") {
					t.Fatal(line)
				}
				acked = append(acked, strings.TrimPrefix(line, "ACK "))
				if time.Now().After(deadline) && len(acked) > 20 {
					break
				}
			}
			_ = cmd.Process.Signal(syscall.SIGKILL)
			_ = cmd.Wait()
			s2, err := OpenURL(context.Background(), url, dir)
			if err != nil {
				t.Fatal(err)
			}
			for _, id := range acked {
				if _, err := s2.GetAgency(context.Background(), id); err != nil {
					t.Errorf("acknowledged write %s lost: %v", id, err)
				}
			}
			if r := s2.Verify(context.Background()); !r.OK {
				t.Errorf("chain after SIGKILL: %+v", r)
			}
			s2.Close()
		}
		if _, err := os.Stat(filepath.Join(dir, keyFile)); err != nil {
			t.Error("key file missing")
		}
	})
}
