package main

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net/http"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"
)

func TestServeRefusesRemoteAddrWithoutFlag(t *testing.T) {
	for _, addr := range []string{"0.0.0.0:8080", "192.168.1.10:8080", ":8080"} {
		_, stderr, err := runCLI(t, "serve", "--addr", addr, "--workspace", t.TempDir())
		if !errors.Is(err, errUsage) || !strings.Contains(stderr, "add --allow-remote to serve it anyway") {
			t.Errorf("--addr %s: err %v, stderr %q", addr, err, stderr)
		}
	}
	_, stderr, err := runCLI(t, "serve", "--addr", "nonsense")
	if !errors.Is(err, errUsage) || !strings.Contains(stderr, `--addr "nonsense"`) {
		t.Errorf("bad --addr: err %v, stderr %q", err, stderr)
	}
}

// syncBuffer is a buffer written by the server's goroutine and read by the
// test.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// serve serves until the context ends, says where, and warns when other
// machines may reach it.
func TestServe(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string
	}{
		{nil, "this computer only"},
		{[]string{"--allow-remote"}, "WARNING: serving on 127.0.0.1:"},
	} {
		ctx, cancel := context.WithCancel(context.Background())
		var stderr syncBuffer
		done := make(chan error, 1)
		args := append([]string{"serve", "--addr", "127.0.0.1:0", "--workspace", t.TempDir()}, tc.args...)
		go func() { done <- run(ctx, args, io.Discard, &stderr) }()
		addr := regexp.MustCompile(`open (http://127\.0\.0\.1:\d+/)`)
		var url string
		for range 100 {
			if m := addr.FindStringSubmatch(stderr.String()); m != nil {
				url = m[1]
				break
			}
			time.Sleep(20 * time.Millisecond)
		}
		if url == "" {
			cancel()
			t.Fatalf("no address printed: %q", stderr.String())
		}
		if !strings.Contains(stderr.String(), tc.want) {
			t.Errorf("%v: stderr %q lacks %q", tc.args, stderr.String(), tc.want)
		}
		resp, err := http.Get(url)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 200 || !strings.Contains(string(body), "full-programme") {
			t.Errorf("GET %s: %d\n%.300s", url, resp.StatusCode, body)
		}
		cancel()
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("serve ended with %v", err)
			}
		case <-time.After(grace):
			t.Fatal("serve did not stop within a second of its context")
		}
	}
}
