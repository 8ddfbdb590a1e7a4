package regular

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

func TestOpen(t *testing.T) {
	dir := t.TempDir()
	file, fifo := filepath.Join(dir, "file"), filepath.Join(dir, "fifo")
	if err := os.WriteFile(file, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	if data, err := ReadFile(file); err != nil || string(data) != "x" {
		t.Errorf("ReadFile(file) = %q, %v", data, err)
	}
	if _, err := Open(filepath.Join(dir, "none")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("missing file: %v", err)
	}
	if f, err := OpenFile(filepath.Join(dir, "new"), os.O_CREATE|os.O_WRONLY, 0o644); err != nil {
		t.Errorf("new file: %v", err)
	} else {
		f.Close()
	}
	refused := []struct {
		name, path, kind string
		open             func(string) error
	}{
		{"read a FIFO", fifo, "a named pipe (FIFO), which would block", func(p string) error { _, err := ReadFile(p); return err }},
		{"write a FIFO", fifo, "a named pipe (FIFO), which would block", func(p string) error {
			_, err := OpenFile(p, os.O_WRONLY|os.O_APPEND, 0)
			return err
		}},
		{"a directory", dir, "a directory", func(p string) error { _, err := Open(p); return err }},
		{"a device", "/dev/zero", "a device", func(p string) error { _, err := ReadFile(p); return err }},
	}
	for _, c := range refused {
		t.Run(c.name, func(t *testing.T) {
			err := c.open(c.path)
			want := `"` + c.path + `" is not a regular file but ` + c.kind
			if !errors.Is(err, ErrNotRegular) || !strings.Contains(err.Error(), want) {
				t.Errorf("error %v, want %q", err, want)
			}
		})
	}
}
