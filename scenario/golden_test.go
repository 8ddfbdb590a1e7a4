package scenario

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/grassroots-sim/grassroots/internal/golden"
)

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
			golden.Check(t, strings.TrimSuffix(path, ".toml")+".golden", []byte(err.Error()+"\n"))
		})
	}
}
