package docs

import (
	"strings"
	"testing"
)

func TestLimits(t *testing.T) {
	l := Limits()
	if !strings.HasPrefix(l, "- **No calibration.**") {
		t.Fatalf("limits start with %.60q, want the first bullet", l)
	}
	if strings.Contains(l, "\n## ") {
		t.Fatal("limits run into the next section")
	}
}
