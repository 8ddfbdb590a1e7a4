package scenario

import "testing"

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
