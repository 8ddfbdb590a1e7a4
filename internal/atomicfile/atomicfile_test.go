package atomicfile

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func read(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// onlyFile fails if dir holds anything but want, e.g. a leftover temp file.
func onlyFile(t *testing.T, dir, want string) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if len(names) != 1 || names[0] != want {
		t.Fatalf("directory holds %q, want only %q", names, want)
	}
}

func TestWriteCreatesAndReplaces(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "out.csv")
	for _, content := range []string{"first\n", "second, longer content\n", ""} {
		err := Write(path, func(w io.Writer) error {
			_, err := io.WriteString(w, content)
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		if got := read(t, path); got != content {
			t.Fatalf("content = %q, want %q", got, content)
		}
		onlyFile(t, dir, "out.csv")
	}
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != defaultPerm {
		t.Errorf("mode = %v, want %v", fi.Mode().Perm(), defaultPerm)
	}
}

func TestWriteErrorKeepsOldContent(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "out.csv")
	if err := os.WriteFile(path, []byte("old"), 0o600); err != nil {
		t.Fatal(err)
	}
	boom := errors.New("boom")
	err := Write(path, func(w io.Writer) error {
		// Larger than the buffer, so part of it reaches the temp file.
		io.WriteString(w, strings.Repeat("new", 10000))
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("err = %v, want %v", err, boom)
	}
	if got := read(t, path); got != "old" {
		t.Fatalf("content = %q, want old content", got)
	}
	onlyFile(t, dir, "out.csv")
}

func TestWriteErrorCreatesNothing(t *testing.T) {
	dir := t.TempDir()
	err := Write(filepath.Join(dir, "out.csv"), func(io.Writer) error { return errors.New("boom") })
	if err == nil {
		t.Fatal("want error")
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 0 {
		t.Fatalf("directory not empty: %v", entries)
	}
}

func TestWritePanicLeavesNoTemp(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "out.csv")
	if err := os.WriteFile(path, []byte("old"), 0o600); err != nil {
		t.Fatal(err)
	}
	func() {
		defer func() { recover() }()
		Write(path, func(io.Writer) error { panic("boom") })
	}()
	if got := read(t, path); got != "old" {
		t.Fatalf("content = %q, want old content", got)
	}
	onlyFile(t, dir, "out.csv")
}

func TestWriteKeepsMode(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "out.csv")
	if err := os.WriteFile(path, []byte("old"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := Write(path, func(w io.Writer) error { _, err := io.WriteString(w, "new"); return err }); err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o600 {
		t.Errorf("mode = %v, want 0600", fi.Mode().Perm())
	}
}

func TestWriteMissingDir(t *testing.T) {
	err := Write(filepath.Join(t.TempDir(), "no", "such", "dir", "f"), func(io.Writer) error { return nil })
	if err == nil {
		t.Fatal("want error for missing directory")
	}
}

func TestWriteNilFunc(t *testing.T) {
	if err := Write(filepath.Join(t.TempDir(), "f"), nil); err == nil {
		t.Fatal("want error for nil fn")
	}
}
