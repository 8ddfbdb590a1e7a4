package scenario

import (
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/grassroots-sim/grassroots/scenarios"
)

func TestBuiltins(t *testing.T) {
	infos := Builtins()
	if len(infos) != len(scenarios.Names()) || len(infos) < 2 {
		t.Fatalf("Builtins() = %v, names %v", infos, scenarios.Names())
	}
	for _, info := range infos {
		t.Run(info.Name, func(t *testing.T) {
			if info.Summary == "" || strings.Contains(info.Summary, "\n") {
				t.Errorf("summary %q, want one non-empty line", info.Summary)
			}
			s, err := Load(info.Name, nil)
			if err != nil {
				t.Fatal(err)
			}
			if s.Name != info.Name {
				t.Errorf("built-in %q calls itself %q", info.Name, s.Name)
			}
			if errs := s.Config.Validate(); len(errs) > 0 {
				t.Errorf("Validate: %v", errs)
			}
			if s.Sources[len(s.Sources)-1] != builtinPrefix+info.Name {
				t.Errorf("Sources = %q", s.Sources)
			}
		})
	}
}

func TestSummary(t *testing.T) {
	cases := []struct{ text, want string }{
		{"# header\ndescription = \"\"\"\n\n  first line  \nsecond\"\"\"\n", "first line"},
		{"\n#\n#   the comment  \nname = \"x\"\n", "the comment"},
		{"name = 3 = broken\n# after\n", "after"},
		{"", ""},
	}
	for _, c := range cases {
		if got := summary(c.text); got != c.want {
			t.Errorf("summary(%q) = %q, want %q", c.text, got, c.want)
		}
	}
}

// TestSchema guards the reflection code against sim.Config changes: every
// field must be of a kind the checker and encoder handle, and every tag
// must parse.
func TestSchema(t *testing.T) {
	var walk func(path []string, typ reflect.Type)
	walk = func(path []string, typ reflect.Type) {
		seen := map[string]bool{}
		for _, f := range fields(typ) {
			p := join(append(path[:len(path):len(path)], f.name))
			if seen[f.name] {
				t.Errorf("%s: duplicate key", p)
			}
			seen[f.name] = true
			if l, ok := lookup(typ, f.name); !ok || !slices.Equal(l.index, f.index) {
				t.Errorf("%s: lookup gives %v, fields gives %v", p, l.index, f.index)
			}
			k := f.typ.Kind()
			if k == reflect.Struct {
				walk(append(path[:len(path):len(path)], f.name), f.typ)
				continue
			}
			if k == reflect.Slice {
				k = f.typ.Elem().Kind()
			}
			if !slices.Contains([]reflect.Kind{reflect.Bool, reflect.Int, reflect.Int64, reflect.Uint64, reflect.Float64, reflect.String}, k) {
				t.Errorf("%s: Go type %s is not supported by scenario files", p, f.typ)
			}
			for _, tag := range []string{"min", "max"} {
				if v, ok := f.tag.Lookup(tag); ok {
					if _, err := strconv.ParseFloat(v, 64); err != nil {
						t.Errorf("%s: bad %s tag %q", p, tag, v)
					}
				}
			}
			if v, ok := f.tag.Lookup("enum"); ok && (k != reflect.String || slices.Contains(strings.Split(v, ","), "")) {
				t.Errorf("%s: bad enum tag %q", p, v)
			}
			if strings.ContainsAny(f.name, ". \"'") || f.name == "" {
				t.Errorf("%s: key is not bare", p)
			}
		}
	}
	walk(nil, documentType)
}
