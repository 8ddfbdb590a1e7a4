package scenario

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite testdata/errors/*.golden from the current messages")

// overridesIn returns the overrides a test file asks for in its
// "# --set path=value" lines.
func overridesIn(text string) []string {
	var sets []string
	for _, line := range strings.Split(text, "\n") {
		if s, ok := strings.CutPrefix(line, "# --set "); ok {
			sets = append(sets, s)
		}
	}
	return sets
}

// TestGoldenErrors loads every testdata/errors/*.toml, each a bad scenario,
// and compares the error message with the .golden file beside it.
func TestGoldenErrors(t *testing.T) {
	paths, err := filepath.Glob("testdata/errors/*.toml")
	if err != nil || len(paths) == 0 {
		t.Fatalf("no test files: %v", err)
	}
	for _, path := range paths {
		t.Run(filepath.Base(path), func(t *testing.T) {
			text, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			_, err = Load(path, overridesIn(string(text)))
			if err == nil {
				t.Fatalf("%s loaded without error", path)
			}
			got := []byte(err.Error() + "\n")
			golden := strings.TrimSuffix(path, ".toml") + ".golden"
			if *update {
				if err := os.WriteFile(golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test ./scenario -update)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("%s:\ngot\n%s\nwant\n%s", path, got, want)
			}
		})
	}
}
