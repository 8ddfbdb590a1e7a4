package outdir

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
)

func TestMarker(t *testing.T) {
	dir := t.TempDir()
	if _, ok := Read(dir); ok {
		t.Error("a marker found in an empty directory")
	}
	if err := Write(dir, []string{"grassroots", "run"}, []string{"a.csv"}); err != nil {
		t.Fatal(err)
	}
	m, ok := Read(dir)
	if !ok || !slices.Equal(m.Files, []string{"a.csv"}) || !slices.Equal(m.Command, []string{"grassroots", "run"}) {
		t.Errorf("read back %+v, %v", m, ok)
	}
	// A file of the marker's name is one only if grassroots wrote it.
	for _, text := range []string{"", "mine", "{}", `{"written_by": "someone"}`} {
		os.WriteFile(filepath.Join(dir, MarkerName), []byte(text), 0o644)
		if _, ok := Read(dir); ok {
			t.Errorf("%q taken for a marker", text)
		}
	}
	os.Remove(filepath.Join(dir, MarkerName))
	os.Mkdir(filepath.Join(dir, MarkerName), 0o755)
	if _, ok := Read(dir); ok {
		t.Error("a directory taken for a marker")
	}
}

func TestList(t *testing.T) {
	dir := t.TempDir()
	for _, n := range []string{"a", "b", "c", "d", "e", "f", "g"} {
		os.WriteFile(filepath.Join(dir, n), nil, 0o644)
	}
	os.Mkdir(filepath.Join(dir, "a-dir"), 0o755)
	es, _ := os.ReadDir(dir)
	if got, want := List(es), "a, a-dir/, b, c, d, and 3 more"; got != want {
		t.Errorf("List = %q, want %q", got, want)
	}
}
