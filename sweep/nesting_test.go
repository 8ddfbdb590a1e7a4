package sweep

import (
	"strings"
	"testing"
	"time"
)

// A sweep file or a --vary value nested 8,000 deep is rejected, located,
// before the TOML decoder sees it (the decoder's cost grows quadratically
// with the depth).
func TestDeepNesting(t *testing.T) {
	deep := strings.Repeat("{a=", 8000) + "1" + strings.Repeat("}", 8000)
	path := writeFile(t, "deep.toml", "base = \"baseline\"\n[vary]\n\"macro.bureaucracy\" = [0.5]\nx = "+deep+"\n")
	start := time.Now()
	_, err := LoadFile(path)
	if err == nil || !strings.Contains(err.Error(), "deep.toml:4: nests deeper than 32 levels") {
		t.Errorf("LoadFile: %v", err)
	}
	if !IsSweepFile(path) {
		t.Error("IsSweepFile is false, so its error would be reported as a scenario's")
	}
	_, err = parseValue(strings.Repeat("[", 8000) + strings.Repeat("]", 8000))
	if err == nil || !strings.Contains(err.Error(), "the value nests deeper than 32 levels") {
		t.Errorf("parseValue: %v", err)
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("took %v", d)
	}
}
