package atomicfile

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// contents lists dir's files and their contents.
func contents(t *testing.T, dir string) map[string]string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	m := map[string]string{}
	for _, e := range entries {
		m[e.Name()] = read(t, filepath.Join(dir, e.Name()))
	}
	return m
}

func names(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		out = append(out, e.Name())
	}
	return out
}

func fillWith(files map[string]string) func(string) error {
	return func(tmp string) error {
		for name, text := range files {
			if err := os.WriteFile(filepath.Join(tmp, name), []byte(text), 0o644); err != nil {
				return err
			}
		}
		return nil
	}
}

func TestDirCreatesAndReplaces(t *testing.T) {
	parent := t.TempDir()
	out := filepath.Join(parent, "out")
	first := map[string]string{"a.csv": "1", "b.csv": "2"}
	second := map[string]string{"a.csv": "3", "c.csv": "4"}
	for _, want := range []map[string]string{first, second} {
		if err := Dir(out, fillWith(want)); err != nil {
			t.Fatal(err)
		}
		got := contents(t, out)
		if len(got) != len(want) {
			t.Fatalf("got %v, want %v", got, want)
		}
		for k, v := range want {
			if got[k] != v {
				t.Fatalf("got %v, want %v", got, want)
			}
		}
		if n := names(t, parent); !slices.Equal(n, []string{"out"}) {
			t.Fatalf("parent holds %v, want only out", n)
		}
	}
	if fi, err := os.Stat(out); err != nil || fi.Mode().Perm() != 0o755 {
		t.Errorf("mode %v, %v", fi.Mode().Perm(), err)
	}
}

func TestDirFailureKeepsPrevious(t *testing.T) {
	parent := t.TempDir()
	out := filepath.Join(parent, "out")
	if err := Dir(out, fillWith(map[string]string{"a.csv": "old"})); err != nil {
		t.Fatal(err)
	}
	boom := errors.New("boom")
	err := Dir(out, func(tmp string) error {
		fillWith(map[string]string{"a.csv": "new", "b.csv": "new"})(tmp)
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("err = %v", err)
	}
	func() {
		defer func() { recover() }()
		Dir(out, func(tmp string) error {
			fillWith(map[string]string{"a.csv": "new"})(tmp)
			panic("boom")
		})
	}()
	if got := contents(t, out); len(got) != 1 || got["a.csv"] != "old" {
		t.Fatalf("previous content changed: %v", got)
	}
	if n := names(t, parent); !slices.Equal(n, []string{"out"}) {
		t.Fatalf("parent holds %v, want only out", n)
	}
	// A failure with no previous directory creates nothing.
	if err := Dir(filepath.Join(parent, "new"), func(string) error { return boom }); !errors.Is(err, boom) {
		t.Fatal(err)
	}
	if n := names(t, parent); !slices.Equal(n, []string{"out"}) {
		t.Fatalf("parent holds %v, want only out", n)
	}
}

func TestDirRefuses(t *testing.T) {
	parent := t.TempDir()
	file := filepath.Join(parent, "f")
	if err := os.WriteFile(file, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{file, ".", "..", "/"} {
		if err := Dir(path, func(string) error { return nil }); err == nil {
			t.Errorf("Dir(%q) succeeded", path)
		}
	}
	if err := Dir(filepath.Join(parent, "d"), nil); err == nil {
		t.Error("nil fill accepted")
	}
}
