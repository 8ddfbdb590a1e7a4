package sweep

import (
	"strings"
	"testing"
)

// Errors in a sweep file are located by scenario.KeyLines, the scanner
// scenario files use; these are the shapes sweep files take.
func TestSweepErrorLines(t *testing.T) {
	text := `# comment = not a key
base = "baseline"
description = """
x = 1 is inside a string
"""
[vary]
macro.bureaucracy = [0.1,
  0.2]
"macro.channel\u005fopenness" = { min = 0.1, max = 0.5, stepz = 3 }
'a.b' . c = 1

[vary.community]
households = [1]
`
	_, err := parseFile("sw.toml", text)
	if err == nil {
		t.Fatal("no error")
	}
	for _, want := range []string{`sw.toml:9: key "vary.macro.channel_openness`, `sw.toml:10: key "vary.a.b.c"`} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("errors\n%v\nlack %q", err, want)
		}
	}
}
