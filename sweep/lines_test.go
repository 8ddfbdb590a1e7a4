package sweep

import "testing"

func TestIndexKeys(t *testing.T) {
	ix := indexKeys(`# comment = not a key
base = "baseline"
description = """
x = 1 is inside a string
"""
[vary]
macro.bureaucracy = [0.1,
  0.2]
"macro.channel_openness" = { min = 0.1, max = 0.5 }
'a.b' . c = 1

[vary.community]
households = [1]
`)
	for key, want := range map[string]int{
		"base": 2, "description": 3, "vary": 6, "vary.macro.bureaucracy": 7,
		"vary.macro.channel_openness": 9, "vary.a.b.c": 10, "vary.community": 12, "vary.community.households": 13,
	} {
		if got := ix[key]; got != want {
			t.Errorf("%s: line %d, want %d", key, got, want)
		}
	}
	if _, ok := ix["x"]; ok {
		t.Error("a line inside a multi-line string was taken for a key")
	}
	if got := ix.line([]string{"vary", "community", "households", "min"}); got != 13 {
		t.Errorf("nearest parent line %d, want 13", got)
	}
}
