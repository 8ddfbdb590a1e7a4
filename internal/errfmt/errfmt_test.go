package errfmt

import (
	"errors"
	"strings"
	"testing"
)

func TestEditDistance(t *testing.T) {
	cases := []struct {
		a, b string
		want int
	}{
		{"", "", 0},
		{"name", "name", 0},
		{"nmae", "name", 1},
		{"housholds", "households", 1},
		{"communty", "community", 1},
		{"behavior", "behaviour", 1},
		{"abc", "", 3},
		{"kitten", "sitting", 3},
		{"héllo", "hello", 1},
	}
	for _, c := range cases {
		if got := EditDistance(c.a, c.b); got != c.want {
			t.Errorf("EditDistance(%q, %q) = %d, want %d", c.a, c.b, got, c.want)
		}
	}
}

func TestSuggest(t *testing.T) {
	allowed := []string{"households", "grids", "buildings", "household_id"}
	cases := map[string]string{
		"housholds":                 ` (did you mean "households"?)`,
		"Grids":                     ` (did you mean "grids"?)`,
		"grid":                      ` (did you mean "grids"?)`,
		"xyz":                       "",
		"bilding":                   ` (did you mean "buildings"?)`,
		"streets":                   "",
		"HOUSEHOLD_ID":              ` (did you mean "household_id"?)`,
		strings.Repeat("grids", 13): "",
	}
	for in, want := range cases {
		if got := Suggest(in, allowed); got != want {
			t.Errorf("Suggest(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestPosition(t *testing.T) {
	for _, c := range []struct {
		line, col int
		want      string
	}{{0, 0, "f"}, {0, 3, "f"}, {2, 0, "f:2"}, {2, 3, "f:2:3"}} {
		var b strings.Builder
		Position(&b, "f", c.line, c.col)
		if b.String() != c.want {
			t.Errorf("Position(f, %d, %d) = %q, want %q", c.line, c.col, b.String(), c.want)
		}
	}
}

func TestLines(t *testing.T) {
	errs := []error{errors.New("a.toml:1: x"), errors.New("b.csv:2:3: y")}
	if got := Lines(errs); got != "a.toml:1: x\nb.csv:2:3: y" {
		t.Errorf("Lines = %q", got)
	}
	if got := Lines([]error(nil)); got != "" {
		t.Errorf("Lines(nil) = %q", got)
	}
}
