package scenario

import "testing"

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
		if got := editDistance(c.a, c.b); got != c.want {
			t.Errorf("editDistance(%q, %q) = %d, want %d", c.a, c.b, got, c.want)
		}
	}
}

func TestSuggest(t *testing.T) {
	allowed := []string{"households", "grids", "buildings"}
	cases := map[string]string{
		"housholds": ` (did you mean "households"?)`,
		"Grids":     ` (did you mean "grids"?)`,
		"grid":      ` (did you mean "grids"?)`,
		"xyz":       "",
		"bilding":   ` (did you mean "buildings"?)`,
		"streets":   "",
	}
	for in, want := range cases {
		if got := suggest(in, allowed); got != want {
			t.Errorf("suggest(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestErrorFormat(t *testing.T) {
	cases := []struct {
		e    Error
		want string
	}{
		{Error{Source: "a.toml", Line: 12, Key: "community.grids", Msg: "must be at most 3, got 4"}, `a.toml:12: key "community.grids": must be at most 3, got 4`},
		{Error{Source: "--set x=1", Msg: `unknown key "x"`}, `--set x=1: unknown key "x"`},
		{Error{Source: "(default)", Key: "calendar", Msg: "empty"}, `(default): key "calendar": empty`},
	}
	for _, c := range cases {
		if got := c.e.Error(); got != c.want {
			t.Errorf("got %q, want %q", got, c.want)
		}
	}
}
