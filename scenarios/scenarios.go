// Package scenarios holds the built-in scenario files, embedded in the binary.
package scenarios

import (
	"embed"
	"fmt"
	"io/fs"
	"sort"
	"strings"
)

//go:embed *.toml
var files embed.FS

// Names returns the names of the built-in scenarios (file names without
// .toml), sorted.
func Names() []string {
	entries, err := fs.ReadDir(files, ".")
	if err != nil {
		return nil
	}
	var names []string
	for _, e := range entries {
		if n, ok := strings.CutSuffix(e.Name(), ".toml"); ok && !e.IsDir() {
			names = append(names, n)
		}
	}
	sort.Strings(names)
	return names
}

// Read returns the text of the built-in scenario called name.
func Read(name string) ([]byte, error) {
	// Refuse anything that is not a plain name so that "x/../y" or
	// "baseline.toml" cannot reach another file of the embedded tree.
	if name == "" || strings.ContainsAny(name, `/\`) || strings.HasSuffix(name, ".toml") {
		return nil, fmt.Errorf("no built-in scenario %q", name)
	}
	data, err := files.ReadFile(name + ".toml")
	if err != nil {
		return nil, fmt.Errorf("no built-in scenario %q", name)
	}
	return data, nil
}
