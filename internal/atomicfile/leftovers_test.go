package atomicfile

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
)

func mkdirs(t *testing.T, parent string, names ...string) {
	t.Helper()
	for _, n := range names {
		if err := os.Mkdir(filepath.Join(parent, n), 0o755); err != nil {
			t.Fatal(err)
		}
	}
}

// What a hard kill leaves beside an output directory is removed, and only
// that: not a temporary a running Dir holds, not the only copy of the
// previous content, not another directory's.
func TestRemoveLeftovers(t *testing.T) {
	parent := t.TempDir()
	mkdirs(t, parent, "out", ".out.new-123", ".out.new-456", ".out.new-789.old", ".other.new-1", ".out.new-abc", ".out.new-1.old.x")
	os.WriteFile(filepath.Join(parent, ".out.new-99"), nil, 0o644) // not a directory Dir made
	os.WriteFile(filepath.Join(parent, ".out.new-123", "summary.csv"), []byte("x"), 0o644)
	held := lock(filepath.Join(parent, ".out.new-456")) // as a concurrent Dir does
	if held == nil {
		t.Skip("no locks on this platform")
	}
	defer held()
	got := RemoveLeftovers(filepath.Join(parent, "out"))
	slices.Sort(got)
	if want := []string{".out.new-123", ".out.new-789.old"}; !slices.Equal(got, want) {
		t.Errorf("removed %v, want %v", got, want)
	}
	es, _ := os.ReadDir(parent)
	var left []string
	for _, e := range es {
		left = append(left, e.Name())
	}
	if want := []string{".other.new-1", ".out.new-1.old.x", ".out.new-456", ".out.new-99", ".out.new-abc", "out"}; !slices.Equal(left, want) {
		t.Errorf("left %v, want %v", left, want)
	}

	// Without the directory, the previous content aside is its only copy.
	parent = t.TempDir()
	mkdirs(t, parent, ".out.new-5.old")
	if got := RemoveLeftovers(filepath.Join(parent, "out")); len(got) > 0 {
		t.Errorf("removed %v, the only copy of the outputs", got)
	}
}

func TestRemoveTemps(t *testing.T) {
	dir := t.TempDir()
	for _, n := range []string{".runs.csv.tmp-123", ".runs.csv.tmp-x", ".notes.txt.tmp-1", "runs.csv"} {
		os.WriteFile(filepath.Join(dir, n), nil, 0o644)
	}
	mkdirs(t, dir, ".points.csv.tmp-2")
	if got := RemoveTemps(dir, "runs.csv", "points.csv"); !slices.Equal(got, []string{".runs.csv.tmp-123"}) {
		t.Errorf("removed %v", got)
	}
}

// Dir holds its temporary locked, so that a concurrent RemoveLeftovers
// leaves it alone.
func TestDirLocksItsTemporary(t *testing.T) {
	path := filepath.Join(t.TempDir(), "out")
	err := Dir(path, func(tmp string) error {
		if got := RemoveLeftovers(path); len(got) > 0 {
			t.Errorf("removed %v while in use", got)
		}
		_, err := os.Stat(tmp)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}
