package scenario

import (
	"bytes"
	"fmt"
	"reflect"
	"slices"
	"sort"
	"testing"

	"github.com/BurntSushi/toml"
)

func defaultScenario(t *testing.T) *Scenario {
	t.Helper()
	s, err := LoadBytes("defaults", nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// TestParamTable fails when a key of the schema has no entry in paramTable
// (or more than one), when an entry names no key, or when an entry is
// incomplete or its plausible range does not fit the key.
func TestParamTable(t *testing.T) {
	params := Params(defaultScenario(t))
	used := map[string]int{}
	for _, p := range params {
		path := splitPath(p.Path)
		var matches []string
		for pattern := range paramTable {
			if matchPath(pattern, path) {
				matches = append(matches, pattern)
			}
		}
		if len(matches) != 1 {
			t.Errorf("%s: %d entries in paramTable %v, want 1: add one to scenario/paramtable.go", p.Path, len(matches), matches)
			continue
		}
		used[matches[0]]++
		if p.Doc == "" || p.Source == "" {
			t.Errorf("%s: doc and source must be given", p.Path)
		}
		if p.Plausible == nil {
			continue
		}
		if p.Type != "float" && p.Type != "int" {
			t.Errorf("%s: a plausible range on a %s key", p.Path, p.Type)
			continue
		}
		lo, hi, def := p.Plausible.Lo, p.Plausible.Hi, toFloat(p.Default)
		if !(lo < hi) || p.Min != nil && lo < *p.Min || p.Max != nil && hi > *p.Max {
			t.Errorf("%s: plausible range %g–%g is empty or outside the allowed range", p.Path, lo, hi)
		}
		if def < lo || def > hi {
			t.Errorf("%s: default %g outside its plausible range %g–%g", p.Path, def, lo, hi)
		}
	}
	for pattern := range paramTable {
		if used[pattern] == 0 {
			t.Errorf("paramTable entry %q names no key of the schema", pattern)
		}
	}
}

func splitPath(p string) []string {
	var out []string
	start := 0
	for i := range len(p) {
		if p[i] == '.' {
			out = append(out, p[start:i])
			start = i + 1
		}
	}
	return append(out, p[start:])
}

func toFloat(v any) float64 {
	switch x := v.(type) {
	case float64:
		return x
	case int:
		return float64(x)
	}
	panic(fmt.Sprintf("not a number: %T", v))
}

// TestParamsKeys checks that Params lists every key Encode writes, once
// each and in the same order, with the scenario's values.
func TestParamsKeys(t *testing.T) {
	s, err := Load("full-programme", []string{"behaviour.need_lapse=0.07", "project.boundary=[\"care\"]"})
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := s.Encode(&b); err != nil {
		t.Fatal(err)
	}
	var tree map[string]any
	if _, err := toml.Decode(b.String(), &tree); err != nil {
		t.Fatal(err)
	}
	encoded := map[string]any{}
	flatten("", tree, encoded)

	params := Params(s)
	var got []string
	for _, p := range params {
		got = append(got, p.Path)
	}
	want := make([]string, 0, len(encoded))
	for k := range encoded {
		want = append(want, k)
	}
	sorted := slices.Clone(got)
	sort.Strings(sorted)
	sort.Strings(want)
	if !slices.Equal(sorted, want) {
		t.Fatalf("Params keys differ from Encode's:\n got %v\nwant %v", sorted, want)
	}

	byPath := map[string]Param{}
	for _, p := range params {
		byPath[p.Path] = p
	}
	for _, tc := range []struct {
		path         string
		value, def   any
		typ, group   string
		enum         []string
		hasPlausible bool
	}{
		{"behaviour.need_lapse", 0.07, 0.05, "float", "behaviour", nil, true},
		{"project.enabled", true, false, "bool", "project", nil, false},
		{"project.boundary", []string{"care"}, []string{"care", "cultural", "civic", "children"}, "[]string", "project", []string{"care", "economic", "cultural", "civic", "children"}, false},
		{"stages.middle.party_linkage.intensity", 1.0, 0.0, "float", "stages.middle.party_linkage", nil, false},
		{"participation.rule", "logistic", "logistic", "string", "participation", []string{"logistic", "threshold"}, false},
		{"community.households", 800, 800, "int", "community", nil, false},
		{"replications", 20, 10, "int", "", nil, false},
		{"name", "full-programme", "", "string", "", nil, false},
	} {
		p, ok := byPath[tc.path]
		if !ok {
			t.Errorf("%s missing", tc.path)
			continue
		}
		if !reflect.DeepEqual(p.Value, tc.value) || !reflect.DeepEqual(p.Default, tc.def) ||
			p.Type != tc.typ || p.Group != tc.group || !slices.Equal(p.Enum, tc.enum) || (p.Plausible != nil) != tc.hasPlausible {
			t.Errorf("%s: got value %v default %v type %s group %q enum %v plausible %v", tc.path, p.Value, p.Default, p.Type, p.Group, p.Enum, p.Plausible)
		}
	}
}

func flatten(prefix string, tree map[string]any, out map[string]any) {
	for k, v := range tree {
		if sub, ok := v.(map[string]any); ok {
			flatten(prefix+k+".", sub, out)
			continue
		}
		out[prefix+k] = v
	}
}
