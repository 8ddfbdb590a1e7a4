package scenario

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/BurntSushi/toml"
	"github.com/grassroots-sim/grassroots/internal/errfmt"
	"github.com/grassroots-sim/grassroots/internal/regular"
	"github.com/grassroots-sim/grassroots/internal/tomlnest"
	"github.com/grassroots-sim/grassroots/scenarios"
)

// source is one scenario text of an extends chain.
type source struct {
	name    string // as shown in errors and Scenario.Sources
	id      string // identity for cycle detection
	dir     string // directory that relative extends resolve against
	builtin bool
	text    string

	tree  map[string]any // set by parse
	lines lineIndex      // set by parse
}

const builtinPrefix = "builtin:"

// maxFileSize bounds what we read, so that `extends = "/dev/zero"`-like
// mistakes fail instead of exhausting memory.
const maxFileSize = 1 << 20

// isBuiltinRef reports whether ref names a built-in rather than a path.
func isBuiltinRef(ref string) bool {
	return ref != "" && !strings.ContainsAny(ref, `/\`) && !strings.HasSuffix(ref, ".toml")
}

// open resolves ref: a built-in name, or a path relative to dir. A file
// with the exact name of a built-in wins, so that a user's own "baseline"
// file is not silently shadowed.
func open(ref, dir string) (*source, error) {
	path := ref
	if dir != "." && !filepath.IsAbs(path) {
		path = filepath.Join(dir, ref)
	}
	if isBuiltinRef(ref) {
		if fi, err := os.Stat(path); err != nil || !fi.Mode().IsRegular() {
			return openBuiltin(ref)
		}
	}
	text, err := readFile(path)
	if err != nil {
		return nil, err
	}
	return &source{name: path, id: fileID(path), dir: filepath.Dir(path), text: text}, nil
}

func openBuiltin(name string) (*source, error) {
	data, err := scenarios.Read(name)
	if err != nil {
		return nil, fmt.Errorf("unknown built-in scenario %q; built-ins: %s%s",
			name, strings.Join(scenarios.Names(), ", "), errfmt.Suggest(name, scenarios.Names()))
	}
	return &source{name: builtinPrefix + name, id: builtinPrefix + name, builtin: true, text: string(data)}, nil
}

func readFile(path string) (string, error) {
	f, err := regular.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return "", fmt.Errorf("no such file %q; built-ins: %s", path, strings.Join(scenarios.Names(), ", "))
	}
	if err != nil {
		return "", err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxFileSize+1))
	if err != nil {
		return "", err
	}
	if len(data) > maxFileSize {
		return "", fmt.Errorf("%q is larger than %d bytes", path, maxFileSize)
	}
	return string(data), nil
}

// fileID identifies a file across the different relative paths that reach
// it, so that a cycle through "../x.toml" and "x.toml" is found.
func fileID(path string) string {
	if abs, err := filepath.Abs(path); err == nil {
		return abs
	}
	return filepath.Clean(path)
}

// parse decodes the text into a generic tree and indexes its lines. A
// syntax error is returned located at its line.
func (s *source) parse() *Error {
	if line := tomlnest.Check(s.text); line > 0 {
		return &Error{Source: s.name, Line: line, Msg: tomlnest.Msg}
	}
	lines, _ := indexLines(s.text) // tomlnest bounds dotted keys more tightly
	var tree map[string]any
	if _, err := toml.Decode(s.text, &tree); err != nil {
		e := &Error{Source: s.name, Msg: err.Error()}
		var pe toml.ParseError
		if errors.As(err, &pe) {
			e.Line, e.Msg = pe.Position.Line, "syntax error: "+pe.Message
			// The decoder counts a newline that ends a line as part of
			// the next one; the byte offset gives the line the user sees.
			if st := pe.Position.Start; st >= 0 && st <= len(s.text) {
				e.Line = 1 + strings.Count(s.text[:st], "\n")
			}
		}
		return e
	}
	s.tree, s.lines = tree, lines
	return nil
}

// extends resolves the file this one extends, or returns nil.
func (s *source) extends() (*source, *Error) {
	v, ok := s.tree["extends"]
	if !ok {
		return nil, nil
	}
	fail := func(msg string) *Error {
		return &Error{Source: s.name, Line: s.lines.line([]string{"extends"}), Key: "extends", Msg: msg}
	}
	ref, ok := v.(string)
	switch {
	case !ok:
		return nil, fail("must be a string naming a built-in or a file, got " + describe(v))
	case ref == "":
		return nil, fail("must name a built-in or a file, got an empty string")
	case s.builtin && !isBuiltinRef(ref):
		// Built-ins must not depend on the files around the binary.
		return nil, fail(fmt.Sprintf("a built-in can only extend built-ins, got %q", ref))
	}
	var next *source
	var err error
	if s.builtin {
		next, err = openBuiltin(ref)
	} else {
		next, err = open(ref, s.dir)
	}
	if err != nil {
		return nil, fail(err.Error())
	}
	return next, nil
}
