package scenario

import (
	"strings"
	"testing"
	"time"
)

// deepText is issue 13's 48 KB scenario of inline tables nested 8,000
// deep, which exhausted the machine's memory inside the TOML decoder.
func deepText(depth int) string {
	return "extends = \"baseline\"\nx = " + strings.Repeat("{a = ", depth) + "1" + strings.Repeat("}", depth) + "\n"
}

// Deep nesting is rejected, located, before the decoder sees it: in a
// file, in an extended file and in a --set value.
func TestDeepNesting(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"deep.toml":  deepText(8000),
		"child.toml": "extends = \"deep.toml\"\n",
	})
	cases := []struct {
		name, ref string
		set       []string
		want      string
	}{
		{"file", dir + "/deep.toml", nil, "deep.toml:2: nests deeper than 32 levels"},
		{"extended file", dir + "/child.toml", nil, "deep.toml:2: nests deeper than 32 levels"},
		{"--set", "baseline", []string{"macro.x=" + strings.Repeat("[", 8000) + strings.Repeat("]", 8000)}, "the value nests deeper than 32 levels"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			start := time.Now()
			_, err := Load(c.ref, c.set)
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("error %v, want %q", err, c.want)
			}
			if d := time.Since(start); d > 2*time.Second {
				t.Errorf("took %v", d)
			}
		})
	}
	if len(deepText(8000)) < 48_000 {
		t.Error("not the 48 KB file of the issue")
	}
}
