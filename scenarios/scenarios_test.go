package scenarios

import (
	"slices"
	"testing"
)

func TestNames(t *testing.T) {
	names := Names()
	for _, want := range []string{"baseline", "full-programme"} {
		if !slices.Contains(names, want) {
			t.Errorf("Names() = %v, missing %q", names, want)
		}
	}
	if !slices.IsSorted(names) {
		t.Errorf("Names() = %v, not sorted", names)
	}
}

func TestRead(t *testing.T) {
	for _, name := range Names() {
		data, err := Read(name)
		if err != nil || len(data) == 0 {
			t.Errorf("Read(%q) = %d bytes, %v", name, len(data), err)
		}
	}
	for _, bad := range []string{"", "nope", "baseline.toml", "./baseline", "../scenarios/baseline"} {
		if _, err := Read(bad); err == nil {
			t.Errorf("Read(%q) succeeded, want an error", bad)
		}
	}
}
