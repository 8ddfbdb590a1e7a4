package main

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// copyTree copies the regular files under src into a new directory.
func copyTree(t *testing.T, src string) string {
	t.Helper()
	dst := t.TempDir()
	err := filepath.WalkDir(src, func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, path)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	return dst
}

// A FIFO in place of a file that sensitivity, merge or a resumed sweep
// reads is refused at once; it used to block the command forever.
func TestFIFOsInSweepFolders(t *testing.T) {
	if testing.Short() {
		t.Skip("runs three small sweeps")
	}
	done := t.TempDir()
	if _, stderr, err := runCLI(t, lhsSweep(done, "--shard", "1/1")...); err != nil {
		t.Fatalf("%v\n%s", err, stderr)
	}
	shards := t.TempDir()
	for _, k := range []string{"1/2", "2/2"} {
		if _, stderr, err := runCLI(t, lhsSweep(shards, "--shard", k)...); err != nil {
			t.Fatalf("%v\n%s", err, stderr)
		}
	}
	cases := []struct {
		name, from, fifo string
		args             func(dir string) []string
	}{
		{"sensitivity points.csv", done, "points.csv", func(dir string) []string {
			return []string{"sensitivity", dir, "--quiet", "--out", filepath.Join(dir, "a")}
		}},
		{"sensitivity runs.csv", done, "runs.csv", func(dir string) []string {
			return []string{"sensitivity", dir, "--quiet", "--out", filepath.Join(dir, "a")}
		}},
		{"sensitivity manifest.json", done, "manifest.json", func(dir string) []string {
			return []string{"sensitivity", dir, "--quiet", "--out", filepath.Join(dir, "a")}
		}},
		{"merge manifest.json", shards, "shard-2-of-2/manifest.json", func(dir string) []string { return []string{"merge", dir, "--quiet", "--out", filepath.Join(dir, "m")} }},
		{"merge points.csv", shards, "shard-1-of-2/points.csv", func(dir string) []string { return []string{"merge", dir, "--quiet", "--out", filepath.Join(dir, "m")} }},
		{"merge runs.csv", shards, "shard-2-of-2/runs.csv", func(dir string) []string { return []string{"merge", dir, "--quiet", "--out", filepath.Join(dir, "m")} }},
		{"sweep journal.jsonl", "", "journal.jsonl", func(dir string) []string { return lhsSweep(dir, "--shard", "1/1", "--resume") }},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			if c.from != "" {
				dir = copyTree(t, c.from)
			}
			fifo := filepath.Join(dir, c.fifo)
			os.Remove(fifo)
			if err := syscall.Mkfifo(fifo, 0o644); err != nil {
				t.Fatal(err)
			}
			errc := make(chan error, 1)
			go func() {
				_, _, err := runCLI(t, c.args(dir)...)
				errc <- err
			}()
			select {
			case err := <-errc:
				want := fifo + `" is not a regular file but a named pipe (FIFO), which would block`
				if err == nil || !strings.Contains(err.Error(), want) {
					t.Errorf("error %v, want %q", err, want)
				}
			case <-time.After(10 * time.Second):
				// Opening the FIFO for writing releases the blocked reader.
				if f, err := os.OpenFile(fifo, os.O_WRONLY, 0); err == nil {
					f.Close()
				}
				t.Fatal("blocked on the FIFO")
			}
		})
	}
}
