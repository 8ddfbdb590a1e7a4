// Package golden compares what a test produced with a golden file, or
// rewrites the file when the test binary runs with -update. Only tests
// import it; the flag is theirs.
package golden

import (
	"bytes"
	"flag"
	"os"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite golden files from the current output")

// Check compares got with the file at path byte for byte, or rewrites the
// file under -update. A difference is reported at its first line.
func Check(t testing.TB, path string, got []byte) {
	t.Helper()
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run the tests with -update to create it)", err)
	}
	if bytes.Equal(got, want) {
		return
	}
	g, w := strings.Split(string(got), "\n"), strings.Split(string(want), "\n")
	for i := range min(len(g), len(w)) {
		if g[i] != w[i] {
			t.Fatalf("%s differs at line %d:\n got: %s\nwant: %s", path, i+1, g[i], w[i])
		}
	}
	t.Fatalf("%s differs in length: got %d lines, want %d", path, len(g), len(w))
}
