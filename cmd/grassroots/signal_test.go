package main

import (
	"errors"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// A command stops within about a second of SIGTERM or SIGINT, even while
// it reads a data set (which took minutes for a large one, ignoring the
// signal), with exit status 1 and a message; a second signal stops it at
// once.
func TestSignalWhileLoading(t *testing.T) {
	if testing.Short() {
		t.Skip("writes and reads a data set of 300,000 residents")
	}
	data := filepath.Join(t.TempDir(), "data")
	if _, stderr, err := runCLI(t, "population", "baseline", "--set", "community.households=90000", "--out", data); err != nil {
		t.Fatalf("%v\n%s", err, stderr)
	}
	cases := []struct {
		name    string
		signals []syscall.Signal
		within  time.Duration
		want    string
	}{
		{"SIGTERM", []syscall.Signal{syscall.SIGTERM}, grace + time.Second, "grassroots: terminated: stopped before finishing"},
		{"SIGINT twice", []syscall.Signal{syscall.SIGINT, syscall.SIGINT}, grace, "grassroots: interrupt: stopped before finishing"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			cmd, stderr := helper(t, nil, "run", filepath.Join(data, "scenario.toml"), "--out", filepath.Join(t.TempDir(), "out"))
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			exited := make(chan error, 1)
			go func() { exited <- cmd.Wait() }()
			time.Sleep(300 * time.Millisecond)
			start := time.Now()
			for _, sig := range c.signals {
				if err := cmd.Process.Signal(sig); err != nil {
					t.Fatalf("the command ended before the signal: %v\n%s", err, stderr)
				}
				time.Sleep(50 * time.Millisecond)
			}
			var err error
			select {
			case err = <-exited:
			case <-time.After(30 * time.Second):
				cmd.Process.Kill()
				<-exited
				t.Fatalf("still running 30 s after the signal\n%s", stderr)
			}
			took := time.Since(start)
			var exit *exec.ExitError
			if !errors.As(err, &exit) || exit.ExitCode() != 1 {
				t.Errorf("exit %v, want status 1", err)
			}
			if !strings.Contains(stderr.String(), c.want) {
				t.Errorf("stderr %q, want %q", stderr, c.want)
			}
			if took > c.within {
				t.Errorf("stopped %v after the signal, want within %v", took, c.within)
			}
			t.Logf("stopped %v after the first signal", took)
		})
	}
}
